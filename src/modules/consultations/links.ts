// Traceability: an idea answers needs of an earlier phase, a feature comes from ideas of an earlier phase. Links are
// chosen by the author when writing; each contribution shows what it answers and what answers it, and the
// consultation shows the whole chain need → ideas → features with the needs nobody has answered yet.
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { contributionLinks, contributions, phases, votes, type ContributionKind } from './schema.ts';
import type { Consultation, Phase } from './service.ts';

/** What each kind may answer: the kind one step earlier in the chain. */
export const answers: Partial<Record<ContributionKind, ContributionKind>> = { idea: 'need', feature: 'idea' };

export const maxLinks = 20;

/** Published and not merged into another: what readers see in lists, counts and links. */
export const isVisible: SQL = sql`${contributions.state} = 'published' and ${contributions.mergedIntoId} is null`;

export interface LinkItem {
  id: number;
  title: string;
  kind: ContributionKind;
  phasePosition: number;
}

const linkColumns = { id: contributions.id, title: contributions.title, kind: contributions.kind, phasePosition: phases.position };

/** Keeps only well-formed, distinct ids; the rest of the checking needs the database. */
export function linkIds(raw: readonly string[] | undefined): number[] {
  return [...new Set((raw ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31))];
}

/** The links a contribution of this kind, in this phase, may have: visible, of the answered kind, in an earlier phase. */
export async function checkLinks(db: Db | Tx, consultation: Consultation, phase: Phase, kind: ContributionKind, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const target = answers[kind];
  if (!target) throw ValidationFailed.one('answers', 'consultations:validation.answersKind');
  if (ids.length > maxLinks) throw ValidationFailed.one('answers', 'consultations:validation.answersMany', { max: maxLinks });
  const found = await db
    .select({ id: contributions.id })
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(and(inArray(contributions.id, ids), eq(contributions.consultationId, consultation.id), eq(contributions.kind, target), lt(phases.position, phase.position), isVisible));
  if (found.length !== ids.length) throw ValidationFailed.one('answers', 'consultations:validation.answers');
  return ids;
}

export async function setLinks(tx: Tx, fromId: number, toIds: number[]): Promise<void> {
  await tx.delete(contributionLinks).where(eq(contributionLinks.fromId, fromId));
  if (toIds.length > 0) await tx.insert(contributionLinks).values(toIds.map((toId) => ({ fromId, toId }))).onConflictDoNothing();
}

export async function linkedIds(db: Db, fromId: number): Promise<number[]> {
  return (await db.select({ id: contributionLinks.toId }).from(contributionLinks).where(eq(contributionLinks.fromId, fromId))).map((r) => r.id);
}

/** What a contribution answers, and what answers it (visible ones only). */
export async function linksOf(db: Db, id: number): Promise<{ answers: LinkItem[]; answeredBy: LinkItem[] }> {
  const [answersRows, answeredByRows] = await Promise.all([
    db.select(linkColumns).from(contributionLinks).innerJoin(contributions, eq(contributions.id, contributionLinks.toId)).innerJoin(phases, eq(phases.id, contributions.phaseId)).where(and(eq(contributionLinks.fromId, id), isVisible)).orderBy(asc(contributions.id)),
    db.select(linkColumns).from(contributionLinks).innerJoin(contributions, eq(contributions.id, contributionLinks.fromId)).innerJoin(phases, eq(phases.id, contributions.phaseId)).where(and(eq(contributionLinks.toId, id), isVisible)).orderBy(asc(contributions.id)),
  ]);
  return { answers: answersRows, answeredBy: answeredByRows };
}

/** Contributions the author may link to: the chosen ones, then those matching the search (or the most supported). */
export async function linkCandidates(db: Db, consultation: Consultation, phase: Phase, query: string | undefined, chosen: number[]): Promise<LinkItem[]> {
  const kinds = phase.kinds.flatMap((k) => (answers[k] ? [answers[k]!] : []));
  if (kinds.length === 0) return [];
  const base = and(eq(contributions.consultationId, consultation.id), inArray(contributions.kind, kinds), lt(phases.position, phase.position), isVisible);
  const picked = chosen.length ? await db.select(linkColumns).from(contributions).innerJoin(phases, eq(phases.id, contributions.phaseId)).where(and(base, inArray(contributions.id, chosen))) : [];
  const text = query?.trim().slice(0, 100);
  const number = text?.match(/^#?(\d{1,9})$/)?.[1];
  const match = number
    ? eq(contributions.id, Number(number))
    : text
      ? sql`(${contributions.search} @@ plainto_tsquery('french', immutable_unaccent(${text})) or immutable_unaccent(lower(${contributions.title})) like '%' || immutable_unaccent(lower(${text})) || '%')`
      : undefined;
  const support = sql`(select count(*) from ${votes} where ${votes.contributionId} = ${contributions.id} and ${votes.value} = 'agree')`;
  const others = await db
    .select(linkColumns)
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(and(base, match))
    .orderBy(desc(support), desc(contributions.id))
    .limit(12);
  const seen = new Set(picked.map((p) => p.id));
  return [...picked, ...others.filter((o) => !seen.has(o.id))];
}

export interface ChainNeed extends LinkItem {
  ideas: (LinkItem & { features: LinkItem[] })[];
}

export const chainPageSize = 20;

/** One page of the chain: needs with the ideas that answer them and the features that come from those ideas. */
export async function chain(db: Db, consultation: Consultation, page: number, unansweredOnly: boolean): Promise<{ needs: ChainNeed[]; total: number; unanswered: number }> {
  const answered = sql`exists (select 1 from ${contributionLinks} l join ${contributions} i on i.id = l.from_id where l.to_id = ${contributions.id} and i.state = 'published' and i.merged_into_id is null)`;
  const needsWhere = and(eq(contributions.consultationId, consultation.id), eq(contributions.kind, 'need'), isVisible);
  const where = unansweredOnly ? and(needsWhere, sql`not ${answered}`) : needsWhere;
  const [needs, [counts]] = await Promise.all([
    db.select(linkColumns).from(contributions).innerJoin(phases, eq(phases.id, contributions.phaseId)).where(where).orderBy(asc(contributions.id)).limit(chainPageSize).offset((page - 1) * chainPageSize),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number), unanswered: sql<number>`count(*) filter (where not ${answered})`.mapWith(Number) })
      .from(contributions)
      .where(needsWhere),
  ]);
  const ideaLinks = await answersTo(db, needs.map((n) => n.id));
  const featureLinks = await answersTo(db, [...new Set(ideaLinks.map((l) => l.item.id))]);
  const chainNeeds = needs.map((need) => ({
    ...need,
    ideas: ideaLinks
      .filter((l) => l.toId === need.id)
      .map((l) => ({ ...l.item, features: featureLinks.filter((f) => f.toId === l.item.id).map((f) => f.item) })),
  }));
  return { needs: chainNeeds, total: counts?.total ?? 0, unanswered: counts?.unanswered ?? 0 };
}

async function answersTo(db: Db, toIds: number[]): Promise<{ toId: number; item: LinkItem }[]> {
  if (toIds.length === 0) return [];
  const rows = await db
    .select({ toId: contributionLinks.toId, ...linkColumns })
    .from(contributionLinks)
    .innerJoin(contributions, eq(contributions.id, contributionLinks.fromId))
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(and(inArray(contributionLinks.toId, toIds), isVisible))
    .orderBy(asc(contributions.id))
    .limit(2000);
  return rows.map(({ toId, ...item }) => ({ toId, item }));
}
