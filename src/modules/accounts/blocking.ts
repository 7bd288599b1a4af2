// Blocking an account, inside a transaction of the caller's (the back office's, or a moderation decision that also
// hides the account's content): the account cannot sign in, its sessions end, and — since every request resolves
// its account afresh (session.ts) — a session or API token still held answers as a visitor's on the next request.
// Unblocking gives the account back as it was (its API tokens answer again; sessions were ended).
import { and, eq, isNull } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { sessions, users, type Locale } from './schema.ts';

export interface BlockedAccount {
  id: number;
  email: string;
  displayName: string;
  locale: Locale;
  /** false when the account already was in the state asked for: nothing changed */
  changed: boolean;
}

/**
 * Whom an actor may block: never themselves nor a platform admin (either would lock the back office out); moderators
 * block members, and only an admin blocks a moderator. The back office offers the action on these rows alone.
 */
export function mayBlock(actor: Actor, target: { id: number; platformRole: string }): boolean {
  if (actor.user?.id === target.id || target.platformRole === 'admin') return false;
  return target.platformRole === 'member' || actor.isAdmin;
}

/** Unblocking a moderator (or an admin blocked before admins could not be) is an admin's. */
export function mayUnblock(actor: Actor, target: { id: number; platformRole: string }): boolean {
  return actor.user?.id !== target.id && (target.platformRole === 'member' || actor.isAdmin);
}

export async function setBlockedIn(tx: Tx, actor: Actor, userId: number, blocked: boolean): Promise<BlockedAccount> {
  if (actor.user?.id === userId) throw new Forbidden('account.blockSelf');
  const [target] = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, role: users.platformRole, blockedAt: users.blockedAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .for('update');
  if (!target) throw new NotFound('account');
  if (blocked && !mayBlock(actor, { id: target.id, platformRole: target.role })) throw new Forbidden('account.block');
  if (!blocked && !mayUnblock(actor, { id: target.id, platformRole: target.role })) throw new Forbidden('account.block');
  const changed = blocked !== (target.blockedAt !== null);
  if (changed) await tx.update(users).set({ blockedAt: blocked ? now() : null }).where(eq(users.id, userId));
  if (blocked) await tx.delete(sessions).where(eq(sessions.userId, userId));
  return { id: target.id, email: target.email, displayName: target.displayName, locale: target.locale, changed };
}
