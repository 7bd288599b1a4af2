// Contributions: made while their phase is open, edited by their author with every version kept, and voted on.
import { and, asc, count, eq } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { displayNames } from '../accounts/service.ts';
import { organizations, type OrganizationType } from '../organizations/schema.ts';
import { parseTerritoryKey } from '../territories/data.ts';
import type { ContributionInput, VoteInput } from './inputs.ts';
import { isOpen } from './phases.ts';
import { contributionRevisions, contributions, contributionThemes, phases, votes, type ContributionKind, type VoteValue } from './schema.ts';
import type { Consultation, Phase } from './service.ts';

/** Writing in a phase that is not open: a stable code for the API, a message for the pages. */
export class PhaseClosed extends Conflict {
  constructor() {
    super('phase_closed', 'this phase is not open');
  }
}

export type ContributionRow = typeof contributions.$inferSelect;

export interface Contribution extends ContributionRow {
  authorName: string;
  organization: { id: number; slug: string; name: string; type: OrganizationType } | null;
  themeIds: number[];
  phase: Phase;
}

export function assertOpen(phase: Phase): void {
  if (!isOpen(phase)) throw new PhaseClosed();
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

export async function createContribution(db: Db, actor: Actor, consultation: Consultation, phase: Phase, input: ContributionInput): Promise<ContributionRow> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  assertOpen(phase);
  const { fields, themeIds } = checkedFields(actor, consultation, phase, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(contributions).values({ ...fields, consultationId: consultation.id, phaseId: phase.id, authorId: user.id }).returning();
    await setThemes(tx, row!.id, themeIds);
    await tx.insert(contributionRevisions).values({ contributionId: row!.id, title: fields.title, body: fields.body, kind: fields.kind, editedBy: user.id });
    return row!;
  });
}

/** The author edits while the phase is open; the new version joins the history. */
export async function editContribution(db: Db, actor: Actor, consultation: Consultation, contribution: Contribution, input: ContributionInput): Promise<void> {
  assertOpen(contribution.phase);
  const { fields, themeIds } = checkedFields(actor, consultation, contribution.phase, input);
  await db.transaction(async (tx) => {
    await tx.update(contributions).set({ ...fields, updatedAt: now() }).where(eq(contributions.id, contribution.id));
    await setThemes(tx, contribution.id, themeIds);
    await tx.insert(contributionRevisions).values({ contributionId: contribution.id, title: fields.title, body: fields.body, kind: fields.kind, editedBy: actor.user?.id ?? null });
  });
}

export async function findContribution(db: Db | Tx, id: number): Promise<Contribution> {
  const [row] = await db.select({ contribution: contributions, phase: phases }).from(contributions).innerJoin(phases, eq(phases.id, contributions.phaseId)).where(eq(contributions.id, id));
  if (!row) throw new NotFound('contribution');
  const c = row.contribution;
  const [names, orgRows, themeRows] = await Promise.all([
    displayNames(db, c.authorId ? [c.authorId] : []),
    c.organizationId ? db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name, type: organizations.type }).from(organizations).where(eq(organizations.id, c.organizationId)) : Promise.resolve([]),
    db.select({ id: contributionThemes.themeId }).from(contributionThemes).where(eq(contributionThemes.contributionId, c.id)),
  ]);
  return { ...c, phase: row.phase, authorName: (c.authorId && names.get(c.authorId)) || '', organization: orgRows[0] ?? null, themeIds: themeRows.map((t) => t.id) };
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

/** One vote per person: a second vote replaces the first in the same statement, so racing requests cannot add one. */
export async function vote(db: Db, actor: Actor, contribution: Contribution, input: VoteInput): Promise<void> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  assertOpen(contribution.phase);
  if (input.value === 'none') {
    await db.delete(votes).where(and(eq(votes.contributionId, contribution.id), eq(votes.userId, user.id)));
    return;
  }
  await db
    .insert(votes)
    .values({ contributionId: contribution.id, userId: user.id, value: input.value, updatedAt: now() })
    .onConflictDoUpdate({ target: [votes.contributionId, votes.userId], set: { value: input.value, updatedAt: now() } });
}

