// The one way a contribution comes in — typed on a page, sent through the API, or entered after a workshop — so that
// whatever a new contribution sets off happens for all of them: its first revision, its themes and links, and the
// event that tells its followers (one row per submission, fanned out later by a job). Contributions typed at the same
// moment by different people go in together (platform/db/batcher.ts): one transaction of multi-row inserts carries a
// whole batch, where one at a time each cost five round trips and a commit (issue 10: 500 a second at 50 clients).
import { Batcher } from '../../platform/db/batcher.ts';
import { perDatabase, type Db, type Tx } from '../../platform/db/client.ts';
import { recordEvents } from '../notifications/record.ts';
import { contributionLinks, contributionRevisions, contributions, contributionThemes, type ContributionKind, type ContributionState } from './schema.ts';
import type { Consultation, Phase } from './service.ts';

export type ContributionRow = typeof contributions.$inferSelect;

/** What a new contribution is made of, once checked. */
export interface NewContribution {
  kind: ContributionKind;
  title: string;
  body: string;
  territoryKind: string | null;
  territoryCode: string | null;
  organizationId: number | null;
  themeIds?: number[];
  /** the contributions of earlier phases it answers or comes from, checked */
  links?: number[];
}

/** The place contributions go: a phase of a consultation. */
export type Destination = { consultation: Pick<Consultation, 'id' | 'slug' | 'title'>; phase: Pick<Phase, 'id' | 'position' | 'title'> };

/**
 * What one person (or one workshop import) sends at once. The caller has checked the rules of its own way in (an
 * open phase, the author's organizations); `authorId` also edits the first revision.
 */
export interface Submission {
  authorId: number | null;
  to: Destination;
  items: NewContribution[];
  state?: ContributionState;
  workshop?: { id: number; title: string };
}

/** Inserts the submissions' contributions in the caller's transaction: a few statements whatever their number. */
export async function insertSubmissions(tx: Tx, submissions: Submission[]): Promise<ContributionRow[][]> {
  const flat = submissions.flatMap((s, group) => s.items.map((item) => ({ group, item })));
  if (flat.length === 0) return submissions.map(() => []);
  const inserted = await tx
    .insert(contributions)
    .values(flat.map(({ group, item: { themeIds: _t, links: _l, ...fields } }) => {
      const s = submissions[group]!;
      return { ...fields, state: s.state ?? 'published', consultationId: s.to.consultation.id, phaseId: s.to.phase.id, authorId: s.authorId };
    }))
    .returning();
  // A sequence gives the rows of one insert their ids in the order of its values.
  const rows = inserted.sort((a, b) => a.id - b.id);
  if (rows.length !== flat.length) throw new Error(`${flat.length} contributions given, ${rows.length} inserted`);
  // New contributions have no themes or links to replace: only what was chosen is inserted.
  const themes = flat.flatMap(({ item }, i) => [...new Set(item.themeIds ?? [])].map((themeId) => ({ contributionId: rows[i]!.id, themeId })));
  if (themes.length > 0) await tx.insert(contributionThemes).values(themes);
  const links = flat.flatMap(({ item }, i) => [...new Set(item.links ?? [])].map((toId) => ({ fromId: rows[i]!.id, toId })));
  if (links.length > 0) await tx.insert(contributionLinks).values(links).onConflictDoNothing();
  await tx.insert(contributionRevisions).values(rows.map((row) => ({ contributionId: row.id, title: row.title, body: row.body, kind: row.kind, editedBy: row.authorId })));
  const made = submissions.map((_, group) => rows.filter((_, i) => flat[i]!.group === group));
  await recordEvents(
    tx,
    'contribution.published',
    submissions.flatMap((s, group) => ((s.state ?? 'published') === 'published' && made[group]!.length > 0 ? [{ actorId: s.authorId, data: published(s.to, made[group]!, s.items.flatMap((i) => i.links ?? []), s.workshop) }] : [])),
  );
  return made;
}

type Published = Pick<ContributionRow, 'id' | 'title' | 'organizationId'>;

/** What tells the followers of the phase (and the authors of what it answers) that contributions were published. */
function published(to: Destination, rows: Published[], linkedIds: number[], workshop?: Submission['workshop']) {
  return {
    consultationId: to.consultation.id,
    consultationSlug: to.consultation.slug,
    consultationTitle: to.consultation.title,
    phaseId: to.phase.id,
    phasePosition: to.phase.position,
    phaseTitle: to.phase.title,
    contributionIds: rows.map((r) => r.id).slice(0, 1000),
    title: rows[0]!.title,
    count: rows.length,
    organizationId: rows.length === 1 ? rows[0]!.organizationId : null,
    linkedIds: [...new Set(linkedIds)],
    ...(workshop ? { workshop } : {}),
  };
}

/** Contributions published later than they were written (a draft, an edit that publishes, a room's drafts): their one event. */
export async function recordPublished(tx: Tx, actorId: number | null, to: Destination, rows: Published[], linkedIds: number[], workshop?: Submission['workshop']): Promise<void> {
  await recordEvents(tx, 'contribution.published', [{ actorId, data: published(to, rows, linkedIds, workshop) }]);
}

/** One submission in the caller's transaction (a workshop's import, with the rest of its work). */
export async function insertContributions(tx: Tx, submission: Submission): Promise<ContributionRow[]> {
  const [rows] = await insertSubmissions(tx, [submission]);
  return rows!;
}

/** Submissions of this database made together, each answered once its batch has committed. */
export const contributionBatcher = perDatabase((db: Db) => new Batcher<Submission, ContributionRow[]>((submissions) => db.transaction((tx) => insertSubmissions(tx, submissions))));
