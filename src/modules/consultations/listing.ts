// A phase's contributions as a list: orders and filters read leniently from the query string, one page of 20 with
// its counts aggregated in the same query, and the names it shows in one more query each.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { boundedCount, countUpTo, type BoundedCount } from '../../platform/db/bounded.ts';
import type { Actor } from '../../platform/policy.ts';
import { displayNames } from '../accounts/service.ts';
import { organizations, organizationTypes, type OrganizationType } from '../organizations/schema.ts';
import { resolveTerritory } from '../organizations/directory.ts';
import { codesWithin, type Territory } from '../territories/data.ts';
import { isVisible } from './links.ts';
import { answerStatuses, consultations, contributions, contributionTallies, contributionThemes, contributionKinds, phases, type AnswerStatus, type ContributionKind } from './schema.ts';
import { phaseCounts, type Consultation, type Phase, type Theme } from './service.ts';
import { contributionOrigins, type ContributionOrigin } from './origins.ts';
import { bySupport, talliesOf, visibleTallies } from './tallies.ts';

export const pageSize = 20;
/**
 * A filtered list counts its matches up to this many and then says "more than": an exact count of a filter over a
 * phase of 900,000 contributions would cost more than the page. Pages stop there too (deeper, an offset is a walk
 * through the whole index; search and filters are the way into such a list).
 */
export const countCap = 10_000;
const maxPage = countCap / pageSize;

export const orders = ['supported', 'debated', 'newest', 'random'] as const;
export type Order = (typeof orders)[number];

export interface ListQuery {
  order: Order;
  /** the random order's seed: the same seed gives the same order, page after page */
  seed: number;
  theme?: Theme;
  territory?: Territory;
  /** what was typed in the territory filter, shown back with its matches when it names no territory for sure */
  territoryText?: string;
  actorType?: OrganizationType;
  kind?: ContributionKind;
  /** the official answer's status */
  status?: AnswerStatus;
  page: number;
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

function first(value: unknown): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.trim() : undefined;
}

/** Without a seed in the link, the day's date: the order holds for a visitor all day and needs no cookie. */
function defaultSeed(at: Date): number {
  return Number(at.toISOString().slice(0, 10).replace(/-/g, '')) % 1_000_000;
}

/** Only known parameters are read; a value that is not valid is dropped, so a mistyped link still shows the list. */
export function readListQuery(query: unknown, consultation: Consultation, at: Date): ListQuery {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const order = first(raw.order);
  const seed = Number(first(raw.seed));
  const page = Number(first(raw.page));
  const actorType = first(raw.actor);
  const kind = first(raw.kind);
  const theme = first(raw.theme);
  const status = first(raw.status);
  return {
    order: isOneOf(orders, order) ? order : 'newest',
    seed: Number.isInteger(seed) && seed >= 0 && seed < 1_000_000 ? seed : defaultSeed(at),
    theme: consultation.themes.find((t) => t.slug === theme),
    territory: resolveTerritory(first(raw.territory)),
    territoryText: first(raw.territory)?.slice(0, 200) || undefined,
    actorType: isOneOf(organizationTypes, actorType) ? actorType : undefined,
    kind: isOneOf(contributionKinds, kind) ? kind : undefined,
    status: isOneOf(answerStatuses, status) ? status : undefined,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, maxPage) : 1,
  };
}

export interface ListItem {
  id: number;
  title: string;
  kind: ContributionKind;
  createdAt: Date;
  authorId: number | null;
  authorName: string;
  organizationId: number | null;
  organizationName: string | null;
  /** set for input entered after a workshop: its attribution names the workshop and who said it */
  origin?: ContributionOrigin;
  territoryKind: string | null;
  territoryCode: string | null;
  answerStatus: AnswerStatus | null;
  agree: number;
  mixed: number;
  disagree: number;
  debate: number;
}

function conditions(phase: Phase, q: ListQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(contributions.phaseId, phase.id), isVisible];
  if (q.kind) parts.push(eq(contributions.kind, q.kind));
  if (q.status) parts.push(eq(contributions.answerStatus, q.status));
  if (q.theme) parts.push(sql`exists (select 1 from ${contributionThemes} where ${contributionThemes.contributionId} = ${contributions.id} and ${contributionThemes.themeId} = ${q.theme.id})`);
  if (q.territory) parts.push(sql`${contributions.territoryCode} = any(${sql.param(codesWithin(q.territory.code))}::text[])`);
  if (q.actorType) parts.push(sql`${contributions.organizationId} in (select ${organizations.id} from ${organizations} where ${organizations.type} = ${q.actorType})`);
  return and(...parts);
}

function ordering(q: ListQuery): SQL[] {
  switch (q.order) {
    case 'supported':
      return bySupport;
    case 'debated':
      return [sql`${contributions.debateCount} desc nulls last`, sql`${contributions.id} desc nulls last`];
    case 'random':
      // Each of randomPage's two index ranges, in key order.
      return [sql`${contributions.randomKey}`, sql`${contributions.id}`];
    default:
      return [sql`${contributions.createdAt} desc`, sql`${contributions.id} desc`];
  }
}

const listColumns = {
  id: contributions.id,
  title: contributions.title,
  kind: contributions.kind,
  createdAt: contributions.createdAt,
  authorId: contributions.authorId,
  organizationId: contributions.organizationId,
  territoryKind: contributions.territoryKind,
  territoryCode: contributions.territoryCode,
  answerStatus: contributions.answerStatus,
  agree: contributionTallies.agree,
  mixed: contributionTallies.mixed,
  disagree: contributionTallies.disagree,
  debate: contributions.debateCount,
};

type Row = Omit<ListItem, 'authorName' | 'organizationName' | 'origin'>;

/**
 * Past the first page, the offset is walked over ids alone: unfiltered, in a phase index that holds only visible
 * rows (an index-only scan, migration 0026), and only the page's rows are then read from the table. Reading every
 * skipped row made page 500 of a large phase take 1.6 s on a cold cache.
 */
function select(db: Db, phase: Phase, where: SQL | undefined, q: ListQuery, offset: number, limit: number): Promise<Row[]> {
  const withTallies = () => db.select(listColumns).from(contributions).innerJoin(contributionTallies, talliesOf);
  if (offset === 0) return withTallies().where(inOrder(phase, where, q)).orderBy(...ordering(q)).limit(limit);
  return withTallies().where(inArray(contributions.id, pageIds(db, phase, where, q).limit(limit).offset(offset))).orderBy(...ordering(q));
}

/** The ids of a page past the first, from one index where the order allows (the supported one, unfiltered, in the tallies'). */
function pageIds(db: Db, phase: Phase, where: SQL | undefined, q: ListQuery) {
  if (q.order === 'supported' && !isFiltered(q)) {
    return db.select({ id: contributionTallies.contributionId }).from(contributionTallies).where(visibleTallies(phase.id)).orderBy(...ordering(q)).$dynamic();
  }
  const ids = db.select({ id: contributions.id }).from(contributions).$dynamic();
  return (q.order === 'supported' ? ids.innerJoin(contributionTallies, talliesOf) : ids).where(inOrder(phase, where, q)).orderBy(...ordering(q));
}

/** The list's rows, said also of their tallies in the supported order: the planner then walks the tallies' index. */
const inOrder = (phase: Phase, where: SQL | undefined, q: ListQuery): SQL | undefined => (q.order === 'supported' ? and(where, visibleTallies(phase.id)) : where);


/**
 * The seed is a point on the random keys' circle: the list runs from it to the end of the keys, then wraps round from
 * the start. Each part is an index range walked no further than the page, so no query sorts the whole phase.
 */
async function randomPage(db: Db, phase: Phase, where: SQL | undefined, q: ListQuery, offset: number): Promise<Row[]> {
  const from = q.seed / 1_000_000;
  const after = and(where, sql`${contributions.randomKey} >= ${from}`);
  const first = await select(db, phase, after, q, offset, pageSize);
  if (first.length === pageSize) return first;
  // The first part ended on this page, or before it: how far it went tells where in the second part the page starts.
  const firstLength = first.length > 0 ? offset + first.length : await countUpTo(db, contributions, after, offset);
  const rest = await select(db, phase, and(where, sql`${contributions.randomKey} < ${from}`), q, Math.max(0, offset - firstLength), pageSize - first.length);
  return [...first, ...rest];
}

const isFiltered = (q: ListQuery) => Boolean(q.kind || q.status || q.theme || q.territory || q.actorType);

function page(db: Db, phase: Phase, where: SQL | undefined, q: ListQuery, offset: number): Promise<Row[]> {
  return q.order === 'random' ? randomPage(db, phase, where, q, offset) : select(db, phase, where, q, offset, pageSize);
}

/**
 * Up to this many matches, a filtered page reads the matches and sorts them. Past it, walking the order's index finds
 * the page's 20 within about 20 × phase ÷ matches rows: 9,000 for a phase of 900,000, no more than counting reads.
 */
const fewMatches = 2_000;

/**
 * A filtered page, planned from its count of matches (each filter has an index of its own, migration 0030): none,
 * and there is no list to read; few, and only they are read. Walking the order's index through a phase of 900,000
 * for matches that are not there took 1–3 s (`kind=idea` on a needs phase).
 */
async function filteredPage(db: Db, phase: Phase, where: SQL | undefined, q: ListQuery, offset: number): Promise<Found> {
  const { total, capped } = await boundedCount(db, contributions, where, countCap);
  if (offset >= total) return { found: [], total, capped };
  // No limit: the count says they are few, and a limit makes the planner bet on stopping early, walking an index of
  // the whole table for them (theme and actor type together: 600 ms instead of 340 on the 2M database).
  const matches = sql`${contributions.id} = any(array(${db.select({ id: contributions.id }).from(contributions).where(where)}))`;
  return { found: await page(db, phase, total <= fewMatches ? and(where, matches) : where, q, offset), total, capped };
}

/** Unfiltered, the phase's kept count. */
async function unfilteredPage(db: Db, phase: Phase, q: ListQuery, offset: number): Promise<Found> {
  const [found, counts] = await Promise.all([page(db, phase, conditions(phase, q), q, offset), phaseCounts(db, phase.consultationId)]);
  return { found, total: counts.get(phase.id) ?? 0, capped: false };
}

type Found = BoundedCount & { found: Row[] };

export interface ListPage extends BoundedCount {
  items: ListItem[];
}

export async function listContributions(db: Db, phase: Phase, q: ListQuery): Promise<ListPage> {
  const offset = (q.page - 1) * pageSize;
  const { found, total, capped } = isFiltered(q) ? await filteredPage(db, phase, conditions(phase, q), q, offset) : await unfilteredPage(db, phase, q, offset);
  const [names, orgs, origins] = await Promise.all([
    displayNames(db, [...new Set(found.flatMap((r) => (r.authorId ? [r.authorId] : [])))]),
    organizationNames(db, found.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
    contributionOrigins(db, found.map((r) => r.id)),
  ]);
  const items = found.map((r) => ({ ...r, authorName: (r.authorId && names.get(r.authorId)) || '', organizationName: (r.organizationId && orgs.get(r.organizationId)) || null, origin: origins.get(r.id) }));
  return { items, total, capped };
}

async function organizationNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(sql`${organizations.id} = any(${sql.param(unique)}::int[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The signed-in person's drafts in a phase (named by its consultation's slug and its position), in one query. */
export async function draftsIn(db: Db, actor: Actor, slug: string, position: number): Promise<{ id: number; title: string }[]> {
  if (!actor.user) return [];
  return db
    .select({ id: contributions.id, title: contributions.title })
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .innerJoin(consultations, eq(consultations.id, phases.consultationId))
    .where(and(eq(consultations.slug, slug), eq(phases.position, position), eq(contributions.authorId, actor.user.id), eq(contributions.state, 'draft')))
    .orderBy(sql`${contributions.id} desc`)
    .limit(50);
}
