// What the notifications module holds about a person, for the download of their data: what they follow, their
// e-mail choices, their notifications (six months at most are kept) and the digests sent to them. Deleting the
// account removes all of it (foreign keys with cascade).
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { getChannels } from './settings.ts';
import { follows, notificationDigests, notificationEvents, notifications } from './schema.ts';

export async function notificationPersonalData(db: Db, userId: number) {
  const [followed, channels, received, digests] = await Promise.all([
    db.select({ target: follows.target, active: follows.active, auto: follows.auto, since: follows.createdAt }).from(follows).where(eq(follows.userId, userId)),
    getChannels(db, userId),
    db
      .select({ kind: notifications.kind, type: notificationEvents.type, data: notificationEvents.data, createdAt: notifications.createdAt, readAt: notifications.readAt, emailedAt: notifications.emailedAt })
      .from(notifications)
      .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(10_000),
    db.select({ period: notificationDigests.period, items: notificationDigests.items, sentAt: notificationDigests.sentAt }).from(notificationDigests).where(eq(notificationDigests.userId, userId)),
  ]);
  return { follows: followed, emailChoices: channels, notifications: received, digests };
}
