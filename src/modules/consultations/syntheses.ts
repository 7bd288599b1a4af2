// Syntheses: when a phase has closed, its organizers write what came out of it. `[#123]` in the text cites a
// contribution of the consultation: it becomes a link, and the contribution shows it was cited.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { Conflict, ValidationFailed } from '../../platform/errors.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import type { Actor } from '../../platform/policy.ts';
import type { SynthesisInput } from './inputs.ts';
import { phaseStatus } from './phases.ts';
import { contributions, phases, syntheses, synthesisCitations } from './schema.ts';
import type { Consultation, Phase } from './service.ts';
import { recordEvent } from '../notifications/record.ts';

export type Synthesis = typeof syntheses.$inferSelect;

const citation = /\[#(\d{1,9})\]/g;

export function citedIds(body: string): number[] {
  return [...new Set([...body.matchAll(citation)].map((m) => Number(m[1])))];
}

export class PhaseNotClosed extends Conflict {
  constructor() {
    super('phase_not_closed', 'a synthesis is written once its phase has closed');
  }
}

export async function findSynthesis(db: Db, phaseId: number): Promise<Synthesis | undefined> {
  const [row] = await db.select().from(syntheses).where(eq(syntheses.phaseId, phaseId));
  return row;
}

/** The titles of the cited contributions that belong to the consultation (merged ones included: their links redirect). */
async function citedTitles(db: Db, consultationId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: contributions.id, title: contributions.title })
    .from(contributions)
    .where(and(inArray(contributions.id, ids), eq(contributions.consultationId, consultationId), eq(contributions.state, 'published')));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Saves the text (and publishes it when asked); every citation must name a contribution of this consultation. */
export async function saveSynthesis(db: Db, actor: Actor, consultation: Consultation, phase: Phase, input: SynthesisInput, publish: boolean): Promise<Synthesis> {
  if (phaseStatus(phase) !== 'closed') throw new PhaseNotClosed();
  const ids = citedIds(input.body);
  const known = await citedTitles(db, consultation.id, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw ValidationFailed.one('body', 'consultations:synthesis.unknownCitations', { ids: unknown.map((id) => `#${id}`).join(', ') });
  return db.transaction(async (tx) => {
    const at = now();
    const values = { body: input.body, authorId: actor.user?.id ?? null, updatedAt: at };
    const [row] = await tx
      .insert(syntheses)
      .values({ phaseId: phase.id, ...values, publishedAt: publish ? at : null })
      .onConflictDoUpdate({ target: syntheses.phaseId, set: publish ? { ...values, publishedAt: at } : values })
      .returning();
    await tx.delete(synthesisCitations).where(eq(synthesisCitations.synthesisId, row!.id));
    if (ids.length) await tx.insert(synthesisCitations).values(ids.map((contributionId) => ({ synthesisId: row!.id, contributionId })));
    // Its first publication is told to the phase's followers and the authors it cites, once (a later edit is not news).
    if (publish)
      await recordEvent(tx, 'synthesis.published', actor.user?.id, { consultationId: consultation.id, consultationSlug: consultation.slug, consultationTitle: consultation.title, phaseId: phase.id, phasePosition: phase.position, phaseTitle: phase.title, citedIds: ids.slice(0, 500) }, `synthesis.published:${phase.id}`);
    return row!;
  });
}

/** Markdown special characters in a title would change the link they sit in. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}

/** The synthesis as safe HTML, each citation a link carrying the contribution's title. */
export async function renderSynthesis(db: Db, consultation: Consultation, synthesis: Synthesis): Promise<string> {
  const titles = await citedTitles(db, consultation.id, citedIds(synthesis.body));
  const linked = synthesis.body.replace(citation, (whole, id: string) => {
    const title = titles.get(Number(id));
    return title ? `[${markdownText(title)} (#${id})](/contributions/${id})` : whole;
  });
  return renderMarkdown(linked);
}

export interface CitedIn {
  consultationSlug: string;
  phasePosition: number;
  phaseTitle: string;
}

/** The published syntheses that cite a contribution. */
export async function citationsOf(db: Db, consultation: Consultation, contributionId: number): Promise<CitedIn[]> {
  const rows = await db
    .select({ phasePosition: phases.position, phaseTitle: phases.title })
    .from(synthesisCitations)
    .innerJoin(syntheses, eq(syntheses.id, synthesisCitations.synthesisId))
    .innerJoin(phases, eq(phases.id, syntheses.phaseId))
    .where(and(eq(synthesisCitations.contributionId, contributionId), isNotNull(syntheses.publishedAt)))
    .orderBy(phases.position);
  return rows.map((r) => ({ ...r, consultationSlug: consultation.slug }));
}

/** The ids of a consultation's phases whose synthesis is published. */
export async function synthesizedPhases(db: Db, consultation: Consultation): Promise<Set<number>> {
  const ids = consultation.phases.map((p) => p.id);
  if (ids.length === 0) return new Set();
  const rows = await db.select({ phaseId: syntheses.phaseId }).from(syntheses).where(and(inArray(syntheses.phaseId, ids), isNotNull(syntheses.publishedAt)));
  return new Set(rows.map((r) => r.phaseId));
}
