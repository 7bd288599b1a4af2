// The workshops that feed a consultation's phases, for the consultation's page: one query whatever the number of
// phases, bounded, and without what the moderators hid or the animators called off.
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { events, type EventKind } from './schema.ts';
import { visibleEvent } from './service.ts';

export interface PhaseEvent {
  id: number;
  title: string;
  kind: EventKind;
  startsAt: Date;
}

/** Enough for any real consultation; a page lists them, it is not the agenda. */
const limit = 100;

export async function eventsByPhase(db: Db, consultationId: number): Promise<Map<number, PhaseEvent[]>> {
  const rows = await db
    .select({ id: events.id, title: events.title, kind: events.kind, startsAt: events.startsAt, phaseId: events.phaseId })
    .from(events)
    .where(and(eq(events.consultationId, consultationId), isNotNull(events.phaseId), isNull(events.cancelledAt), visibleEvent))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit);
  const byPhase = new Map<number, PhaseEvent[]>();
  for (const { phaseId, ...event } of rows) {
    const list = byPhase.get(phaseId!) ?? [];
    list.push(event);
    byPhase.set(phaseId!, list);
  }
  return byPhase;
}
