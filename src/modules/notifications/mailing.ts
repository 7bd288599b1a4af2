// Notifications by e-mail: at once (a job per fan-out batch), or in a daily or weekly digest sent at 08:00 Paris time
// by a recurring job. A digest goes exactly once per person and period: its row (person, period) is inserted with the
// mail's job and the marking of what it lists, in one transaction — two workers racing, or a worker run again after a
// crash or a restart, find the row there and send nothing. What a person may no longer be told of is left out.
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { parisDate, parisLocal } from '../consultations/phases.ts';
import { recipientActor, recipientColumns, type Recipient } from '../accounts/recipients.ts';
import { deliverable, itemColumns, type Item } from './delivery.ts';
import type { EventType, Kind } from './kinds.ts';
import { notificationDigests, notificationEvents, notifications } from './schema.ts';
import { unsubscribeToken, type Scope } from './settings.ts';
import { notificationMail } from './views/mail.tsx';

export const digestsQueue = 'notifications.digests';
/** Digests leave at this hour, Paris time: daily every day, weekly on Mondays. */
export const digestHour = '08:00';

export type DigestMode = 'daily' | 'weekly';

function shiftDate(date: string, daysBy: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + daysBy);
  return d.toISOString().slice(0, 10);
}

/** The last boundary of a period at or before `at`, and the period's key: 08:00 Paris today (or yesterday), or last Monday. */
export function periodOf(mode: DigestMode, at = now()): { key: string; boundary: Date } {
  const today = parisLocal(at).slice(0, 10);
  let date = today;
  if (mode === 'weekly') date = shiftDate(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  let boundary = parisDate(`${date}T${digestHour}`);
  if (boundary > at) {
    date = shiftDate(date, mode === 'weekly' ? -7 : -1);
    boundary = parisDate(`${date}T${digestHour}`);
  }
  return { key: `${mode}:${date}`, boundary };
}

async function recipient(tx: Tx, userId: number): Promise<{ person: Recipient; actor: Actor } | undefined> {
  const [person] = await tx.select(recipientColumns).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt), isNull(users.blockedAt)));
  if (!person) return undefined;
  const actor = await recipientActor(tx, person);
  return { person, actor };
}

/** Marks a person's notifications mailed and returns them as items, in the order they happened. */
async function take(tx: Tx, ids: number[]): Promise<Item[]> {
  if (ids.length === 0) return [];
  const found = await tx
    .select(itemColumns)
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .leftJoin(users, eq(users.id, notificationEvents.actorId))
    .where(inArray(notifications.id, ids))
    .orderBy(notifications.id);
  return found.map((r) => ({ ...r, kind: r.kind as Kind, type: r.type as EventType, data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data }));
}

function unsubscribeUrl(env: ServiceEnv, userId: number, scope: Scope): string {
  return `${env.config.publicUrl}/unsubscribe/${unsubscribeToken(env.config.sessionSecret, userId, scope)}`;
}

/**
 * The immediate mails of these people: everything of theirs still to mail at once, one mail per kind (so that its
 * unsubscribe stops that kind). Each notification is marked mailed by the statement that takes it: sent once.
 */
export async function sendImmediate(env: ServiceEnv, userIds: number[]): Promise<number> {
  let sent = 0;
  for (const userId of userIds) {
    sent += await env.db.transaction(async (tx) => {
      const taken = await tx
        .update(notifications)
        .set({ emailedAt: now() })
        .where(and(eq(notifications.userId, userId), eq(notifications.channel, 'immediate'), isNull(notifications.emailedAt)))
        .returning({ id: notifications.id });
      if (taken.length === 0) return 0;
      const who = await recipient(tx, userId);
      if (!who) return 0;
      const items = await take(tx, taken.map((t) => t.id));
      const ok = await deliverable(tx, who.actor, items);
      const byKind = new Map<Kind, Item[]>();
      for (const item of items.filter((i) => ok.has(i.id))) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
      for (const [kind, list] of byKind) {
        await queueMail(env.jobs, tx, notificationMail({ to: who.person.email, locale: who.person.locale, publicUrl: env.config.publicUrl, unsubscribeUrl: unsubscribeUrl(env, userId, kind), mode: 'immediate', items: list }));
      }
      return byKind.size;
    });
  }
  return sent;
}

export interface DigestReport {
  sent: number;
  skipped: number;
}

/**
 * One period's digests: every person with something waiting for this digest from before its boundary. A person's
 * digest is one transaction: the row (person, period), the marking, the mail's job — or nothing.
 */
export async function sendDigests(env: ServiceEnv, mode: DigestMode, at = now(), batchSize = 200): Promise<DigestReport> {
  const { key, boundary } = periodOf(mode, at);
  const report: DigestReport = { sent: 0, skipped: 0 };
  let cursor = 0;
  for (;;) {
    const waiting = await rows<{ user_id: number }>(
      env.db,
      sql`select distinct user_id from notifications where channel = ${mode} and emailed_at is null and created_at < ${boundary}::timestamptz and user_id > ${cursor}::int order by user_id limit ${batchSize}::int`,
    );
    if (waiting.length === 0) break;
    for (const { user_id: userId } of waiting) {
      const outcome = await env.db.transaction(async (tx) => {
        const [claimed] = await tx.insert(notificationDigests).values({ userId, period: key, sentAt: now() }).onConflictDoNothing().returning({ userId: notificationDigests.userId });
        // Sent already (by another worker, or before a restart): nothing more for this period.
        if (!claimed) return 'skipped' as const;
        const taken = await tx
          .update(notifications)
          .set({ emailedAt: now() })
          .where(and(eq(notifications.userId, userId), eq(notifications.channel, mode), isNull(notifications.emailedAt), lt(notifications.createdAt, boundary)))
          .returning({ id: notifications.id });
        const who = await recipient(tx, userId);
        if (!who) return 'skipped' as const;
        const items = await take(tx, taken.map((t) => t.id));
        const ok = await deliverable(tx, who.actor, items);
        const shown = items.filter((i) => ok.has(i.id));
        await tx.update(notificationDigests).set({ items: shown.length }).where(and(eq(notificationDigests.userId, userId), eq(notificationDigests.period, key)));
        if (shown.length === 0) return 'skipped' as const;
        await queueMail(env.jobs, tx, notificationMail({ to: who.person.email, locale: who.person.locale, publicUrl: env.config.publicUrl, unsubscribeUrl: unsubscribeUrl(env, userId, `digest-${mode}`), mode, items: shown }));
        return 'sent' as const;
      });
      report[outcome]++;
    }
    cursor = waiting.at(-1)!.user_id;
  }
  return report;
}

/** The recurring job: the daily digests, and on Mondays the weekly ones; each period once, however often it runs. */
export async function sendDueDigests(env: ServiceEnv, at = now()): Promise<Record<DigestMode, DigestReport>> {
  return { daily: await sendDigests(env, 'daily', at), weekly: await sendDigests(env, 'weekly', at) };
}
