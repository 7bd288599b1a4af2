// Organizers rearranging a consultation: phases moved up or down and deleted while empty; themes renamed and deleted.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { countUpTo } from '../../platform/db/bounded.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import { slugify } from '../organizations/service.ts';
import type { ThemeInput } from './inputs.ts';
import { consultationThemes, contributions, contributionThemes, phases } from './schema.ts';
import type { Consultation, Phase, Theme } from './service.ts';

/** A phase that holds contributions (drafts and hidden ones included) stays: deleting it would delete what people said. */
export class PhaseNotEmpty extends Conflict {
  constructor() {
    super('phase_not_empty', 'this phase holds contributions and cannot be deleted');
  }
}

/**
 * The unique (consultation, position) index is checked row by row, so positions never pass through each other in
 * one statement: the phase moved waits at 0 while its neighbour takes its place.
 */
async function place(tx: Tx, id: number, position: number): Promise<void> {
  await tx.update(phases).set({ position }).where(eq(phases.id, id));
}

/** Swaps a phase with the one before or after it; at either end, nothing moves. Positions are the phases' addresses. */
export async function movePhase(db: Db, consultation: Consultation, phase: Phase, direction: 'up' | 'down'): Promise<void> {
  await db.transaction(async (tx) => {
    const list = await tx.select({ id: phases.id, position: phases.position }).from(phases).where(eq(phases.consultationId, consultation.id)).orderBy(phases.position).for('update');
    const at = list.findIndex((p) => p.id === phase.id);
    const other = list[direction === 'up' ? at - 1 : at + 1];
    const self = list[at];
    if (!self || !other) return;
    await place(tx, self.id, 0);
    await place(tx, other.id, self.position);
    await place(tx, self.id, other.position);
  });
}

export async function deletePhase(db: Db, consultation: Consultation, phase: Phase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.select({ id: phases.id }).from(phases).where(eq(phases.consultationId, consultation.id)).for('update');
    const [held] = await tx.select({ id: contributions.id }).from(contributions).where(eq(contributions.phaseId, phase.id)).limit(1);
    if (held) throw new PhaseNotEmpty();
    await tx.delete(phases).where(eq(phases.id, phase.id));
    // The phases after it move up one, through negative positions for the same row-by-row reason as above.
    await tx.update(phases).set({ position: sql`-${phases.position}` }).where(and(eq(phases.consultationId, consultation.id), gt(phases.position, phase.position)));
    await tx.update(phases).set({ position: sql`-${phases.position} - 1` }).where(and(eq(phases.consultationId, consultation.id), lt(phases.position, 0)));
  });
}

export function findTheme(consultation: Consultation, slug: string): Theme {
  const theme = consultation.themes.find((t) => t.slug === slug);
  if (!theme) throw new NotFound('theme');
  return theme;
}

/** The slug stays, so the lists' links filtered on the theme keep working; only the label people read changes. */
export async function renameTheme(db: Db, consultation: Consultation, theme: Theme, input: ThemeInput): Promise<void> {
  const slug = slugify(input.label);
  if (consultation.themes.some((t) => t.id !== theme.id && (t.slug === slug || slugify(t.label) === slug))) throw ValidationFailed.one('label', 'consultations:validation.themeExists');
  await db.update(consultationThemes).set({ label: input.label }).where(eq(consultationThemes.id, theme.id));
}

/** Counted up to this many: the confirmation says "more than" past it rather than counting a whole phase. */
export const usageCap = 10_000;

/** How many contributions carry the theme, up to the cap plus one (more than the cap when it answers more). */
export function themeUsage(db: Db, theme: Theme): Promise<number> {
  return countUpTo(db, contributionThemes, eq(contributionThemes.themeId, theme.id), usageCap + 1);
}

/** The contributions keep everything else: only their link to the theme goes with it (the foreign key's cascade). */
export async function deleteTheme(db: Db, theme: Theme): Promise<void> {
  await db.delete(consultationThemes).where(eq(consultationThemes.id, theme.id));
}
