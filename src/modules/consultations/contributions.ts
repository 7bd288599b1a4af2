// Contributions: made while their phase is open, edited by their author with every version kept, and voted on.
import { and, asc, count, eq } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db, type Tx } from '../../platform/db/client.ts';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { displayNames } from '../accounts/service.ts';
import { organizations, type OrganizationType } from '../organizations/schema.ts';
import { parseTerritoryKey } from '../territories/data.ts';
import type { ContributionInput, VoteInput } from './inputs.ts';
import { isOpen } from './phases.ts';
import { voteBatcher } from './vote-batch.ts';
import { checkLinks, linkIds, setLinks } from './links.ts';
import { assertPublished } from './drafts.ts';
import { contributionBatcher, recordPublished, type ContributionRow, type Destination } from './contribution-insert.ts';
import { contributionLinks, contributionRevisions, contributions, contributionThemes, phases, votes, type ContributionKind, type ContributionState, type VoteValue } from './schema.ts';
import type { Consultation, Phase } from './service.ts';

/** Writing in a phase that is not open: a stable code for the API, a message for the pages. */
export class PhaseClosed extends Conflict {
  constructor() {
    super('phase_closed', 'this phase is not open');
  }
}

export type { ContributionRow } from './contribution-insert.ts';

export interface Contribution extends ContributionRow {
  authorName: string;
  organization: { id: number; slug: string; name: string; type: OrganizationType } | null;
  themeIds: number[];
  phase: Phase;
}

export function assertOpen(phase: Phase): void {
  if (!isOpen(phase)) throw new PhaseClosed();
}

/** Reactions go to published contributions only; a merged one sends readers to the one that absorbed it. */
export function assertReactable(contribution: Pick<ContributionRow, 'state' | 'mergedIntoId'>): void {
  if (contribution.mergedIntoId !== null) throw new Conflict('contribution_merged', 'this contribution was merged into another');
  if (contribution.state !== 'published') throw new NotFound('contribution');
}

function checkedFields(actor: Actor, consultation: Consultation, phase: Phase, input: ContributionInput) {
  if (!phase.kinds.includes(input.kind)) throw ValidationFailed.one('kind', 'consultations:validation.kind');
  const themeIds = [...new Set(input.themes ?? [])].map((slug) => consultation.themes.find((t) => t.slug === slug)?.id);
  if (themeIds.some((id) => id === undefined)) throw ValidationFailed.one('themes', 'choice');
  const territory = input.territory ? parseTerritoryKey(input.territory) : undefined;
  if (input.territory && !territory) throw ValidationFailed.one('territory', 'choice');
  const organizationId = input.organization ? Number(input.organization) : null;
  if (organizationId !== null && !actor.isMemberOf(organizationId)) throw ValidationFailed.one('organization', 'consultations:validation.organization');
  return {
    fields: { kind: input.kind, title: input.title, body: input.body, territoryKind: territory?.kind ?? null, territoryCode: territory?.code ?? null, organizationId },
    themeIds: themeIds as number[],
  };
}

async function setThemes(tx: Tx, contributionId: number, themeIds: number[]): Promise<void> {
  await tx.delete(contributionThemes).where(eq(contributionThemes.contributionId, contributionId));
  if (themeIds.length > 0) await tx.insert(contributionThemes).values(themeIds.map((themeId) => ({ contributionId, themeId })));
}

/** A draft is kept for its author until published; published, it joins the phase's list. */
export async function createContribution(db: Db, actor: Actor, consultation: Consultation, phase: Phase, input: ContributionInput, state: ContributionState = 'published'): Promise<ContributionRow> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  assertOpen(phase);
  assertPublished(consultation);
  const { fields, themeIds } = checkedFields(actor, consultation, phase, input);
  const links = await checkLinks(db, consultation, phase, input.kind, linkIds(input.answers));
  const [row] = await contributionBatcher(db).submit({ authorId: user.id, to: { consultation, phase }, items: [{ ...fields, themeIds, links }], state });
  return row!;
}

/** The author edits while the phase is open; the new version joins the history. Publishing a draft dates it from then. */
export async function editContribution(db: Db, actor: Actor, consultation: Consultation, contribution: Contribution, input: ContributionInput, publish = true): Promise<void> {
  assertOpen(contribution.phase);
  if (contribution.mergedIntoId !== null) throw new Conflict('contribution_merged', 'this contribution was merged into another');
  const { fields, themeIds } = checkedFields(actor, consultation, contribution.phase, input);
  const links = await checkLinks(db, consultation, contribution.phase, input.kind, linkIds(input.answers));
  const publishing = contribution.state === 'draft' && publish;
  const at = now();
  await db.transaction(async (tx) => {
    await tx
      .update(contributions)
      .set({ ...fields, updatedAt: at, ...(publishing ? { state: 'published' as const, createdAt: at } : {}) })
      .where(eq(contributions.id, contribution.id));
    await setThemes(tx, contribution.id, themeIds);
    await setLinks(tx, contribution.id, links);
    await tx.insert(contributionRevisions).values({ contributionId: contribution.id, title: fields.title, body: fields.body, kind: fields.kind, editedBy: actor.user?.id ?? null });
    if (publishing) await recordPublished(tx, contribution.authorId, { consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title }, phase: contribution.phase }, [{ id: contribution.id, title: fields.title, organizationId: fields.organizationId }], links);
  });
}

/** The author publishes a draft as it stands, while the phase is open; it is dated from then. */
export async function publishDraft(db: Db, contribution: Contribution): Promise<void> {
  if (contribution.state !== 'draft') return;
  assertOpen(contribution.phase);
  const at = now();
  await db.transaction(async (tx) => {
    await tx.update(contributions).set({ state: 'published', createdAt: at, updatedAt: at }).where(eq(contributions.id, contribution.id));
    const linked = await tx.select({ id: contributionLinks.toId }).from(contributionLinks).where(eq(contributionLinks.fromId, contribution.id));
    // The consultation's name and address are read by the event's own statement.
    await recordPublished(tx, contribution.authorId, { consultation: { id: contribution.consultationId } as Destination['consultation'], phase: contribution.phase }, [contribution], linked.map((l) => l.id));
  });
}

export async function findContribution(db: Db | Tx, id: number): Promise<Contribution> {
  const [row] = await db.select({ contribution: contributions, phase: phases }).from(contributions).innerJoin(phases, eq(phases.id, contributions.phaseId)).where(eq(contributions.id, id));
  if (!row) throw new NotFound('contribution');
  const c = row.contribution;
  const [names, organization, themeRows] = await Promise.all([
    displayNames(db, c.authorId ? [c.authorId] : []),
    organizationOf(db, c.organizationId),
    db.select({ id: contributionThemes.themeId }).from(contributionThemes).where(eq(contributionThemes.contributionId, c.id)),
  ]);
  return { ...c, phase: row.phase, authorName: (c.authorId && names.get(c.authorId)) || '', organization, themeIds: themeRows.map((t) => t.id) };
}

async function organizationOf(db: Db | Tx, id: number | null): Promise<Contribution['organization']> {
  if (id === null) return null;
  const [row] = await db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name, type: organizations.type }).from(organizations).where(eq(organizations.id, id));
  return row ?? null;
}

/** A contribution just created, as findContribution would read it, from what its creation already knows. */
export async function createdContribution(db: Db, actor: Actor, row: ContributionRow, phase: Phase, input: ContributionInput, consultation: Consultation): Promise<Contribution> {
  const themeIds = (input.themes ?? []).flatMap((slug) => consultation.themes.filter((t) => t.slug === slug).map((t) => t.id));
  return { ...row, phase, authorName: actor.user?.displayName ?? '', organization: await organizationOf(db, row.organizationId), themeIds: [...new Set(themeIds)] };
}

export function contributionValues(c: Contribution, consultation: Consultation): Record<string, unknown> {
  return {
    title: c.title,
    body: c.body,
    kind: c.kind,
    themes: consultation.themes.filter((t) => c.themeIds.includes(t.id)).map((t) => t.slug),
    territory: c.territoryKind && c.territoryCode ? `${c.territoryKind}:${c.territoryCode}` : undefined,
    organization: c.organizationId ? String(c.organizationId) : '',
  };
}

export interface Revision {
  id: number;
  title: string;
  body: string;
  kind: ContributionKind;
  editedAt: Date;
  editorName: string;
}

export async function contributionHistory(db: Db, contributionId: number): Promise<Revision[]> {
  const rows = await db.select().from(contributionRevisions).where(eq(contributionRevisions.contributionId, contributionId)).orderBy(asc(contributionRevisions.id)).limit(500);
  const names = await displayNames(db, [...new Set(rows.flatMap((r) => (r.editedBy ? [r.editedBy] : [])))]);
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, kind: r.kind, editedAt: r.editedAt, editorName: (r.editedBy && names.get(r.editedBy)) || '' }));
}

export type Tally = Record<VoteValue, number>;

export async function voteTally(db: Db | Tx, contributionId: number): Promise<Tally> {
  const rows = await db.select({ value: votes.value, n: count() }).from(votes).where(eq(votes.contributionId, contributionId)).groupBy(votes.value);
  const tally: Tally = { agree: 0, mixed: 0, disagree: 0 };
  for (const r of rows) tally[r.value] = Number(r.n);
  return tally;
}

export async function myVote(db: Db, actor: Actor, contributionId: number): Promise<VoteValue | undefined> {
  if (!actor.user) return undefined;
  const [row] = await db.select({ value: votes.value }).from(votes).where(and(eq(votes.contributionId, contributionId), eq(votes.userId, actor.user.id)));
  return row?.value;
}

/** What a vote needs of a contribution: whether it takes reactions, and its phase's dates. */
export type Votable = Pick<Contribution, 'id' | 'state' | 'mergedIntoId' | 'authorId' | 'phase'>;

/** The contribution and its phase in one query, for a vote: nothing of its names, themes or consultation. */
export async function findVotable(db: Db, id: number): Promise<Votable> {
  const [row] = await db
    .select({ id: contributions.id, state: contributions.state, mergedIntoId: contributions.mergedIntoId, authorId: contributions.authorId, phase: phases })
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(eq(contributions.id, id));
  if (!row) throw new NotFound('contribution');
  return row;
}

/**
 * One vote per person: the primary key makes racing votes of one person collapse into one, and `cast_votes`
 * (migration 0019) locks the contribution's row, checks it takes votes now (published, not merged, its phase open) and
 * moves its counts by exactly what changed; votes arriving together share one round trip (vote-batch.ts). Returns
 * the counts after the vote; refuses as findVotable's checks do (not found, merged, phase closed).
 */
export async function vote(db: Db, actor: Actor, contributionId: number, input: VoteInput): Promise<Tally> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  const { outcome, counts } = await voteBatcher(db).submit({ contributionId, userId: user.id, choice: input.value, at: now() });
  if (outcome === 'missing') throw new NotFound('contribution');
  if (outcome === 'merged') throw new Conflict('contribution_merged', 'this contribution was merged into another');
  if (outcome === 'closed') throw new PhaseClosed();
  return counts;
}
