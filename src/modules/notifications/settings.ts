// How each kind of notification reaches a person by e-mail — at once, in a daily or weekly digest, or never — and
// the one-click unsubscribe (RFC 8058) every mail carries: a token bound to one person and one kind (or one digest),
// signed with the server's secret, that works without signing in and changes nothing else.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { users } from '../accounts/schema.ts';
import { isKind, kindNames, kinds, type Kind } from './kinds.ts';
import { channels, notifications, notificationSettings, type Channel } from './schema.ts';

export type Channels = Record<Kind, Channel>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}

/** A person's choice for every kind, defaults filled in. */
export async function getChannels(db: Db, userId: number): Promise<Channels> {
  const [row] = await db.select({ channels: notificationSettings.channels }).from(notificationSettings).where(eq(notificationSettings.userId, userId));
  const chosen = typeof row?.channels === 'string' ? (JSON.parse(row.channels) as Record<string, unknown>) : (row?.channels ?? {});
  return Object.fromEntries(kindNames.map((k) => [k, isChannel(chosen[k]) ? chosen[k] : kinds[k].channel])) as Channels;
}

/**
 * Saves the choices given (other kinds keep theirs) and applies them to what is still to be mailed: a kind moved to
 * the weekly digest goes in the next one; one set to never is never mailed.
 */
export async function setChannels(db: Db, userId: number, changes: Partial<Record<Kind, Channel>>): Promise<Channels> {
  const valid = Object.fromEntries(Object.entries(changes).filter(([k, c]) => isKind(k) && isChannel(c))) as Partial<Record<Kind, Channel>>;
  const current = await getChannels(db, userId);
  const next = { ...current, ...valid };
  const changed = kindNames.filter((k) => next[k] !== current[k]);
  if (changed.length === 0) return next;
  // Only the choices that differ from the defaults are kept: a default changed later reaches those who chose nothing.
  const stored = Object.fromEntries(kindNames.filter((k) => next[k] !== kinds[k].channel).map((k) => [k, next[k]]));
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationSettings)
      .values({ userId, channels: stored, updatedAt: now() })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { channels: stored, updatedAt: now() } });
    for (const channel of channels) {
      const moved = changed.filter((k) => next[k] === channel);
      if (moved.length === 0) continue;
      await tx
        .update(notifications)
        .set({ channel, emailedAt: channel === 'never' ? now() : null })
        .where(and(eq(notifications.userId, userId), inArray(notifications.kind, moved), isNull(notifications.emailedAt)));
    }
  });
  return next;
}

// ---- one-click unsubscribe

/** What a mail's unsubscribe stops: one kind, or one digest (every kind mailed in it). */
export type Scope = Kind | 'digest-daily' | 'digest-weekly';

export function isScope(value: unknown): value is Scope {
  return isKind(value) || value === 'digest-daily' || value === 'digest-weekly';
}

function signature(secret: string, userId: number, scope: Scope): string {
  return createHmac('sha256', secret).update(`parvis-unsubscribe\n${userId}\n${scope}`).digest('base64url').slice(0, 32);
}

/** `12.reply.<signature>`: the person, the kind, and proof that this server made it. */
export function unsubscribeToken(secret: string, userId: number, scope: Scope): string {
  return `${userId}.${scope}.${signature(secret, userId, scope)}`;
}

/** The person and kind a token names, if this server signed it; undefined for anything else. */
export function readUnsubscribeToken(secret: string, token: string): { userId: number; scope: Scope } | undefined {
  const m = /^([1-9][0-9]{0,9})\.([a-z_-]{1,40})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return undefined;
  const userId = Number(m[1]);
  const scope = m[2];
  if (!isScope(scope) || userId > 2_147_483_647) return undefined;
  const expected = Buffer.from(signature(secret, userId, scope));
  const given = Buffer.from(m[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { userId, scope } : undefined;
}

/** Whether the person a token names still has an account (a deleted one has no mail left to stop). */
export async function hasAccount(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
  return row !== undefined;
}

/** The kinds a scope covers for this person now. */
export function kindsOfScope(current: Channels, scope: Scope): Kind[] {
  if (scope === 'digest-daily') return kindNames.filter((k) => current[k] === 'daily');
  if (scope === 'digest-weekly') return kindNames.filter((k) => current[k] === 'weekly');
  return [scope];
}

/** Stops the mail a token names, for its person only; returns the kinds stopped. Safe to repeat. */
export async function unsubscribe(db: Db, userId: number, scope: Scope): Promise<Kind[]> {
  const current = await getChannels(db, userId);
  const stopped = kindsOfScope(current, scope);
  await setChannels(db, userId, Object.fromEntries(stopped.map((k) => [k, 'never'])));
  return stopped;
}
