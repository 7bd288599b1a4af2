// A person's notifications in the app: the bell's count, the list (newest first, what they may no longer be told of
// withdrawn as it is read), marking read; and the clean-up of what is older than six months.
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import { rows, type Db } from '../../platform/db/client.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { deliverable, hrefOf, itemColumns, type Item } from './delivery.ts';
import type { EventType, Kind } from './kinds.ts';
import { notificationDigests, notificationEvents, notifications } from './schema.ts';

/** Notifications are kept this long, read or not. */
export const retention = days(183);
/** The bell counts up to this, then says "99+". */
export const countCap = 100;

/** Unread notifications, counted up to the cap through the partial index: one short query on every signed-in page. */
export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [row] = await rows<{ n: string | number }>(db, sql`select count(*) as n from (select 1 from notifications where user_id = ${userId}::int and read_at is null limit ${countCap}::int) x`);
  return Number(row?.n ?? 0);
}

type ItemRow = { id: number; kind: string; readAt: Date | null; type: string; data: Record<string, unknown> | string; happenedAt: Date; actorName: string | null };

function toItem(row: ItemRow): Item {
  return { ...row, kind: row.kind as Kind, type: row.type as EventType, data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data };
}

export interface NotificationPage {
  items: (Item & { href: string })[];
  /** the id to ask the next page from, when there is one */
  next?: number;
}

export const pageSize = 30;

/**
 * The newest notifications of a person, `pageSize` at a time from `before` (an id). What they may not be told of any
 * more (the content hidden, the project out of their sight) is withdrawn for good, so the count follows.
 */
export async function listNotifications(db: Db, actor: Actor, options: { before?: number; unread?: boolean; limit?: number } = {}): Promise<NotificationPage> {
  const user = actor.user;
  if (!user) return { items: [] };
  const limit = Math.min(options.limit ?? pageSize, 100);
  const found = (
    await db
      .select(itemColumns)
      .from(notifications)
      .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
      .leftJoin(users, eq(users.id, notificationEvents.actorId))
      .where(and(eq(notifications.userId, user.id), options.before ? lt(notifications.id, options.before) : undefined, options.unread ? isNull(notifications.readAt) : undefined))
      .orderBy(desc(notifications.id))
      .limit(limit + 1)
  ).map((r) => toItem(r as ItemRow));
  const page = found.slice(0, limit);
  const ok = await deliverable(db, actor, page);
  const gone = page.filter((i) => !ok.has(i.id)).map((i) => i.id);
  if (gone.length) await db.delete(notifications).where(and(eq(notifications.userId, user.id), inArray(notifications.id, gone)));
  return { items: page.filter((i) => ok.has(i.id)).map((i) => ({ ...i, href: hrefOf(i) })), next: found.length > limit ? page.at(-1)!.id : undefined };
}

/** Opening a notification marks it read and says where it leads; someone else's, or one withdrawn, is not found. */
export async function openNotification(db: Db, actor: Actor, id: number): Promise<string> {
  const user = actor.user;
  if (!user) throw new NotFound('notification');
  const [row] = await db
    .select(itemColumns)
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .leftJoin(users, eq(users.id, notificationEvents.actorId))
    .where(and(eq(notifications.id, id), eq(notifications.userId, user.id)));
  if (!row) throw new NotFound('notification');
  const item = toItem(row as ItemRow);
  if (!(await deliverable(db, actor, [item])).has(item.id)) {
    await db.delete(notifications).where(eq(notifications.id, id));
    throw new NotFound('notification');
  }
  if (!item.readAt) await db.update(notifications).set({ readAt: now() }).where(eq(notifications.id, id));
  return hrefOf(item);
}

/**
 * Marks some of a person's notifications read, or all of them; returns how many changed. An id that is not one of
 * theirs (someone else's, or gone) is not found, and then nothing is marked.
 */
export async function markRead(db: Db, userId: number, ids: number[] | 'all'): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  if (ids !== 'all') {
    const unique = [...new Set(ids)];
    const theirs = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), inArray(notifications.id, unique)));
    if (theirs.length < unique.length) throw new NotFound('notification');
  }
  const changed = await db
    .update(notifications)
    .set({ readAt: now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids)))
    .returning({ id: notifications.id });
  return changed.length;
}

/** Six months on, notifications go, read or not; so do the events nobody holds any more and old digest records. */
export async function removeOld(db: Db): Promise<number> {
  const before = new Date(now().getTime() - retention);
  const removed = await db.delete(notifications).where(lt(notifications.createdAt, before)).returning({ id: notifications.id });
  await db.execute(sql`delete from notification_events e where e.created_at < ${before}::timestamptz and e.fanned_out_at is not null and not exists (select 1 from notifications n where n.event_id = e.id)`);
  await db.delete(notificationDigests).where(lt(notificationDigests.sentAt, before));
  return removed.length;
}
