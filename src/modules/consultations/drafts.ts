// A consultation starts as a draft: its organizers prepare and preview it, then publish it. Until then it is not
// there for anyone else — not at its address, in lists, search, the API or open data — and nobody contributes to it.
// Consultations are few, so the filters here read the consultations table (the drafts from a partial index) and never
// add work per contribution.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { consultationOrganizers, consultations } from './schema.ts';
import { findConsultation, type Consultation } from './service.ts';

export const isDraft = (consultation: { publishedAt: Date | null }) => consultation.publishedAt === null;

/** Refused to anyone, organizers included: contributions, votes and events wait for the consultation to be public. */
export class ConsultationDraft extends Conflict {
  constructor() {
    super('consultation_draft', 'this consultation is a draft: it takes no contribution until it is published');
  }
}

/** Called before any contribution is written to a consultation (contributions.ts, the API, imports). */
export function assertPublished(consultation: { publishedAt: Date | null }): void {
  if (isDraft(consultation)) throw new ConsultationDraft();
}

/** Publishing twice keeps the first date: the consultation has been public since then. */
export async function publishConsultation(db: Db, consultation: { id: number }): Promise<void> {
  await db.update(consultations).set({ publishedAt: now(), updatedAt: now() }).where(and(eq(consultations.id, consultation.id), isNull(consultations.publishedAt)));
}

/**
 * Rows of published consultations only, for a column holding a consultation id (a row of no consultation passes): a
 * check against the few drafts, read once per query from their index.
 */
export function inPublished(column: SQL): SQL {
  return sql`coalesce(${column}, 0) <> all(array(select ${consultations.id} from ${consultations} where ${consultations.publishedAt} is null))`;
}

/**
 * The consultations a list shows this person: the published ones, and the drafts they may see (those their
 * organizations organize; every draft for a platform admin). What decides is the person's role and memberships, which
 * is what a page kept per persona varies with.
 */
export function listedFor(actor: Actor | undefined): SQL {
  const published = sql`${consultations.publishedAt} is not null`;
  if (!actor?.user) return published;
  if (actor.isAdmin) return sql`true`;
  const ids = actor.memberships.map((m) => m.organizationId);
  if (ids.length === 0) return published;
  return sql`(${published} or exists (select 1 from ${consultationOrganizers} co where co.consultation_id = ${sql.raw('"consultations"."id"')} and co.organization_id = any(${sql.param(ids)}::int[])))`;
}


/** For what is public whoever asks (open data): a draft is "not found", to its organizers too. */
export async function findPublishedConsultation(db: Db, slug: string): Promise<Consultation> {
  const consultation = await findConsultation(db, slug);
  if (isDraft(consultation)) throw new NotFound('consultation');
  return consultation;
}
