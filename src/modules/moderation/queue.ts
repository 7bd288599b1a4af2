// What moderators read: the queue of reported items (one row per item, with its count and reasons, newest or most
// reported first, filtered by kind, reason and consultation), an item with its reports and snapshots, the hidden
// items, the blocked accounts, and one account with what it wrote. An organizer's queue holds their consultations'
// items only: the scope is a condition of every query, not a filter on the page.
import { and, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { consultations } from '../consultations/schema.ts';
import type { QueueOrder, QueueTab } from './inputs.ts';
import { contentOf, excerptOf, organizedConsultations } from './kinds.ts';
import { moderationItems, reportableKinds, reportReasons, reports, type ReportableKind, type ReportReason } from './schema.ts';

export const queuePageSize = 25;

/** Whose queue: everything for moderators, their consultations' items for organizers. */
export interface QueueScope {
  all: boolean;
  consultationIds: number[];
}

export async function queueScope(db: Db, actor: Actor): Promise<QueueScope> {
  return actor.isModerator ? { all: true, consultationIds: [] } : { all: false, consultationIds: await organizedConsultations(db, actor) };
}

function inScope(scope: QueueScope): SQL | undefined {
  if (scope.all) return undefined;
  return scope.consultationIds.length ? inArray(moderationItems.consultationId, scope.consultationIds) : sql`false`;
}

export interface QueueFilters {
  tab: QueueTab;
  kind?: ReportableKind;
  reason?: ReportReason;
  consultationId?: number;
  order: QueueOrder;
  page: number;
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

/** Known parameters only, each dropped when not valid, so a mistyped link still shows the queue. */
export function readFilters(query: unknown): QueueFilters {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : Array.isArray(v) ? one(v[0]) : undefined);
  const consultation = Number(one(raw.consultation));
  const page = Number(one(raw.page));
  const tab = one(raw.tab);
  return {
    tab: tab === 'hidden' || tab === 'blocked' ? tab : 'open',
    kind: isOneOf(reportableKinds, one(raw.kind)) ? (one(raw.kind) as ReportableKind) : undefined,
    reason: isOneOf(reportReasons, one(raw.reason)) ? (one(raw.reason) as ReportReason) : undefined,
    consultationId: Number.isInteger(consultation) && consultation > 0 && consultation < 2 ** 31 ? consultation : undefined,
    order: one(raw.order) === 'most' ? 'most' : 'newest',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

export interface QueueItem {
  id: number;
  kind: ReportableKind;
  itemId: number;
  title: string;
  href: string;
  openReports: number;
  reasons: ReportReason[];
  lastReportedAt: Date | null;
  /** the text as last reported */
  excerpt: string;
  hiddenAt: Date | null;
  hiddenAutomatically: boolean;
  hiddenReason: string | null;
  authorId: number | null;
  authorName: string;
  authorBlocked: boolean;
  consultationTitle: string | null;
}

// Select fields name the outer row in full: drizzle leaves a lone table's columns unqualified there.
const outer = sql.raw('"moderation_items"."id"');

export async function queueItems(db: Db, scope: QueueScope, f: QueueFilters): Promise<{ items: QueueItem[]; total: number }> {
  const where = and(
    f.tab === 'hidden' ? isNotNull(moderationItems.hiddenAt) : sql`${moderationItems.openReports} > 0`,
    inScope(scope),
    f.kind ? eq(moderationItems.kind, f.kind) : undefined,
    f.consultationId ? eq(moderationItems.consultationId, f.consultationId) : undefined,
    f.reason ? sql`exists (select 1 from ${reports} r where r.moderation_item_id = ${moderationItems.id} and r.closed_at is null and r.reason = ${f.reason})` : undefined,
  );
  const order = f.tab === 'hidden' ? [desc(moderationItems.hiddenAt), desc(moderationItems.id)] : f.order === 'most' ? [desc(moderationItems.openReports), desc(moderationItems.lastReportedAt), desc(moderationItems.id)] : [desc(moderationItems.lastReportedAt), desc(moderationItems.id)];
  const [found, [counted]] = await Promise.all([
    db
      .select({
        id: moderationItems.id,
        kind: moderationItems.kind,
        itemId: moderationItems.itemId,
        title: moderationItems.title,
        href: moderationItems.href,
        openReports: moderationItems.openReports,
        lastReportedAt: moderationItems.lastReportedAt,
        hiddenAt: moderationItems.hiddenAt,
        hiddenBy: moderationItems.hiddenBy,
        hiddenByBlock: moderationItems.hiddenByBlock,
        hiddenReason: moderationItems.hiddenReason,
        authorId: moderationItems.authorId,
        authorName: users.displayName,
        authorBlocked: sql<boolean>`${users.blockedAt} is not null`,
        consultationTitle: consultations.title,
        reasons: sql<string[] | string | null>`(select array_agg(distinct r.reason) from ${reports} r where r.moderation_item_id = ${outer} and r.closed_at is null)`,
        excerpt: sql<string | null>`(select r.snapshot_body from ${reports} r where r.moderation_item_id = ${outer} order by r.id desc limit 1)`,
      })
      .from(moderationItems)
      .leftJoin(users, eq(users.id, moderationItems.authorId))
      .leftJoin(consultations, eq(consultations.id, moderationItems.consultationId))
      .where(where)
      .orderBy(...order)
      .limit(queuePageSize)
      .offset((f.page - 1) * queuePageSize),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(moderationItems).where(where),
  ]);
  return {
    items: found.map((r) => ({
      id: r.id,
      kind: r.kind,
      itemId: r.itemId,
      title: r.title,
      href: r.href,
      openReports: r.openReports,
      reasons: pgArray(r.reasons) as ReportReason[],
      lastReportedAt: r.lastReportedAt,
      excerpt: excerptOf(r.excerpt ?? ''),
      hiddenAt: r.hiddenAt,
      hiddenAutomatically: r.hiddenAt !== null && r.hiddenBy === null && !r.hiddenByBlock,
      hiddenReason: r.hiddenReason,
      authorId: r.authorId,
      authorName: r.authorName ?? '',
      authorBlocked: Boolean(r.authorBlocked),
      consultationTitle: r.consultationTitle,
    })),
    total: counted?.n ?? 0,
  };
}

/** An array from a raw select field: pg parses text[] itself, PGlite may hand over its text form. */
function pgArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

/** The consultations an actor's queue may be filtered by: those with items in their scope. */
export async function queueConsultations(db: Db, scope: QueueScope): Promise<{ id: number; title: string }[]> {
  return db
    .selectDistinct({ id: consultations.id, title: consultations.title })
    .from(moderationItems)
    .innerJoin(consultations, eq(consultations.id, moderationItems.consultationId))
    .where(inScope(scope))
    .orderBy(consultations.title)
    .limit(200);
}

export interface ReportView {
  id: number;
  reason: ReportReason;
  details: string;
  reporterName: string;
  snapshotTitle: string;
  snapshotBody: string;
  createdAt: Date;
  closedAt: Date | null;
  outcome: string | null;
}

export async function reportsOf(db: Db, itemId: number): Promise<ReportView[]> {
  const rows = await db
    .select({
      id: reports.id,
      reason: reports.reason,
      details: reports.details,
      reporterName: users.displayName,
      snapshotTitle: reports.snapshotTitle,
      snapshotBody: reports.snapshotBody,
      createdAt: reports.createdAt,
      closedAt: reports.closedAt,
      outcome: reports.outcome,
    })
    .from(reports)
    .leftJoin(users, eq(users.id, reports.reporterId))
    .where(eq(reports.moderationItemId, itemId))
    .orderBy(desc(reports.id))
    .limit(200);
  return rows.map((r) => ({ ...r, reporterName: r.reporterName ?? '' }));
}

export interface AccountView {
  id: number;
  email: string;
  displayName: string;
  platformRole: string;
  createdAt: Date;
  blockedAt: Date | null;
}

export async function accountOf(db: Db, userId: number): Promise<AccountView> {
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, platformRole: users.platformRole, createdAt: users.createdAt, blockedAt: users.blockedAt })
    .from(users)
    .where(and(eq(users.id, userId), sql`${users.deletedAt} is null`));
  if (!row) throw new NotFound('account');
  return row;
}

/** What the account wrote that others read (the most recent first, at most 200), each with whether it is hidden. */
export async function writingsOf(db: Db, userId: number) {
  const items = await contentOf(db, userId);
  const hidden = await db
    .select({ kind: moderationItems.kind, itemId: moderationItems.itemId })
    .from(moderationItems)
    .where(and(eq(moderationItems.authorId, userId), isNotNull(moderationItems.hiddenAt)));
  const hiddenKeys = new Set(hidden.map((h) => `${h.kind}:${h.itemId}`));
  return items
    .map((i) => ({ ...i, excerpt: excerptOf(i.body, 200), hidden: hiddenKeys.has(`${i.kind}:${i.id}`) }))
    .sort((a, b) => b.id - a.id)
    .slice(0, 200);
}

export async function blockedAccounts(db: Db, page: number): Promise<{ items: AccountView[]; total: number }> {
  const where = and(isNotNull(users.blockedAt), sql`${users.deletedAt} is null`);
  const [items, [counted]] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, displayName: users.displayName, platformRole: users.platformRole, createdAt: users.createdAt, blockedAt: users.blockedAt })
      .from(users)
      .where(where)
      .orderBy(desc(users.blockedAt), desc(users.id))
      .limit(queuePageSize)
      .offset((page - 1) * queuePageSize),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users).where(where),
  ]);
  return { items, total: counted?.n ?? 0 };
}
