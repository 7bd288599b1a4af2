// A person's own contributions and drafts, newest first, for their space (src/modules/me). Read-only; the author index
// (contributions_author_idx, and contributions_drafts_idx for drafts) bounds the work to this person's rows.
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { section, sectionSize, totalColumn, type Section } from '../me/listing.ts';
import { consultations, contributions, phases, type ContributionState } from './schema.ts';

export interface MyContribution {
  id: number;
  title: string;
  state: ContributionState;
  createdAt: Date;
  consultationSlug: string;
  consultationTitle: string;
  phasePosition: number;
  phaseTitle: string;
}

async function authored(db: Db, userId: number, drafts: boolean): Promise<Section<MyContribution>> {
  const rows = await db
    .select({
      id: contributions.id,
      title: contributions.title,
      state: contributions.state,
      createdAt: contributions.createdAt,
      consultationSlug: consultations.slug,
      consultationTitle: consultations.title,
      phasePosition: phases.position,
      phaseTitle: phases.title,
      total: totalColumn(),
    })
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .innerJoin(consultations, eq(consultations.id, contributions.consultationId))
    .where(and(eq(contributions.authorId, userId), drafts ? eq(contributions.state, 'draft') : ne(contributions.state, 'draft')))
    .orderBy(desc(contributions.createdAt), desc(contributions.id))
    .limit(sectionSize);
  return section(rows);
}

/** What the person has submitted (published, or hidden by moderation: they still see it is theirs). */
export const myContributions = (db: Db, userId: number) => authored(db, userId, false);

export const myDrafts = (db: Db, userId: number) => authored(db, userId, true);
