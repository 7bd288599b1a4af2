// A phase's status is never stored: it follows from its dates and the clock, so it changes by itself at midnight.
import { dateFormat } from '../../platform/intl.ts';
import { now } from '../../platform/clock.ts';

export type PhaseStatus = 'upcoming' | 'open' | 'closed';

export interface PhaseWindow {
  startsAt: Date;
  endsAt: Date;
  commentsOpenUntil: Date | null;
}

export function phaseStatus(phase: PhaseWindow, at = now()): PhaseStatus {
  if (at < phase.startsAt) return 'upcoming';
  return at < phase.endsAt ? 'open' : 'closed';
}

export const isOpen = (phase: PhaseWindow) => phaseStatus(phase) === 'open';

/** Comments follow the phase, and may stay open after it until the date the organizers set. */
export function commentsOpen(phase: PhaseWindow, at = now()): boolean {
  const status = phaseStatus(phase, at);
  if (status === 'open') return true;
  return status === 'closed' && phase.commentsOpenUntil !== null && at < phase.commentsOpenUntil;
}

/** The phase to show as "where we are": the open one, else the next to open, else the last. */
export function currentPhase<P extends PhaseWindow>(list: P[], at = now()): P | undefined {
  return list.find((p) => phaseStatus(p, at) === 'open') ?? list.find((p) => phaseStatus(p, at) === 'upcoming') ?? list[list.length - 1];
}

/** "2020-09-24T00:00" typed in a form means Paris time; the offset is the one Paris has on that date. */
export function parisDate(local: string): Date {
  const asUtc = new Date(`${local.slice(0, 16)}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return asUtc;
  const offset = parisOffsetMinutes(asUtc);
  return new Date(asUtc.getTime() - offset * 60_000);
}

function parisOffsetMinutes(at: Date): number {
  const name = dateFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 60;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The value of a datetime-local input for a date, in Paris time. */
export function parisLocal(date: Date): string {
  const shifted = new Date(date.getTime() + parisOffsetMinutes(date) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
