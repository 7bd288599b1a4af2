// Helpers of the notifications module for its tests and bench/fanout.ts: who a person is to the policy now, what
// they are told, and hiding an item as the moderators do — the rows their decision writes, in one transaction.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { now } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy.ts';
import { recipientActor, recipientColumns } from '../accounts/recipients.ts';
import { users } from '../accounts/schema.ts';
import { applyHidden } from '../moderation/kinds.ts';
import { moderationItems, type ReportableKind } from '../moderation/schema.ts';
import { notificationEvents, notifications } from './schema.ts';
import { listNotifications } from './service.ts';

/** A person with their role and memberships of now, as the mails read them. */
export async function actorOf(db: Db, userId: number): Promise<Actor> {
  const [person] = await db.select(recipientColumns).from(users).where(eq(users.id, userId));
  return recipientActor(db as never, person!);
}

/** The notification rows a person holds, with what happened: everything the fan-out wrote for them. */
export async function notificationsOf(db: Db, userId: number): Promise<{ id: number; type: string; kind: string; emailedAt: Date | null }[]> {
  return db
    .select({ id: notifications.id, type: notificationEvents.type, kind: notifications.kind, emailedAt: notifications.emailedAt })
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.id);
}

/** The types of what a person's list shows now (after the checks at delivery). */
export async function shownTo(db: Db, userId: number): Promise<string[]> {
  return (await listNotifications(db, await actorOf(db, userId), { limit: 100 })).items.map((i) => i.type);
}

/** Hides an item as a moderator's decision does: its moderation row, and what the item's own module keeps. */
export async function hide(db: Db, kind: ReportableKind, itemId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(moderationItems)
      .values({ kind, itemId, hiddenAt: now(), hiddenReason: 'Hors charte' })
      .onConflictDoUpdate({ target: [moderationItems.kind, moderationItems.itemId], set: { hiddenAt: now(), hiddenReason: 'Hors charte' } });
    await applyHidden(tx, kind, [itemId], true);
  });
}

