// Server-side sessions and API tokens: turns what a request carries into the Actor behind it.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { now, days } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { Actor, type ActorUser } from '../../platform/policy.ts';
import { activeMemberships, membershipsColumn, membershipsFrom } from '../organizations/actor.ts';
import { charterOutdatedColumn } from '../moderation/charter.ts';
import { apiTokens, sessions, users } from './schema.ts';
import { hashToken, newToken } from './tokens.ts';

export const sessionLifetime = days(30);

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  locale: users.locale,
  platformRole: users.platformRole,
  emailVerifiedAt: users.emailVerifiedAt,
  blockedAt: users.blockedAt,
  deletedAt: users.deletedAt,
};

type UserRow = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };

function toActorUser(row: UserRow): ActorUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    platformRole: row.platformRole,
    emailVerified: row.emailVerifiedAt !== null,
  };
}

export async function actorFor(db: Db, user: UserRow): Promise<Actor> {
  if (user.blockedAt || user.deletedAt) return Actor.visitor;
  return new Actor(toActorUser(user), await activeMemberships(db, user.id));
}

export async function createSession(db: Db, userId: number): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt: new Date(now().getTime() + sessionLifetime) });
  return token;
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

interface Resolved {
  actor: Actor;
  sessionId?: string;
  viaToken: boolean;
  readOnly?: boolean;
}

/** lastUsedAt says roughly when a token was used: rewritten at most this often, not on every request. */
const lastUsedPrecision = 60_000;

/** The account behind a session or token, with its memberships, in one query; blocked and deleted ones are visitors. */
function actorOf(row: UserRow & { memberships: unknown; charterOutdated: boolean | null }): Actor {
  if (row.blockedAt || row.deletedAt) return Actor.visitor;
  return new Actor({ ...toActorUser(row), charterOutdated: row.charterOutdated === true }, membershipsFrom(row.memberships as never));
}

export async function resolveActor(env: ServiceEnv, carried: { sessionToken?: string; apiToken?: string }): Promise<Resolved> {
  const { db } = env;
  const withMemberships = { ...userColumns, memberships: membershipsColumn(sql`${users.id}`), charterOutdated: charterOutdatedColumn(sql`${users.id}`) };
  if (carried.apiToken) {
    const [row] = await db
      .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, scopes: apiTokens.scopes, ...withMemberships })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, hashToken(carried.apiToken)), isNull(apiTokens.revokedAt)));
    if (!row) return { actor: Actor.visitor, viaToken: true };
    const at = now();
    if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > lastUsedPrecision) {
      // Not awaited: when a token was last used is worth a write a minute, not a wait on every request.
      db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, row.tokenId)).catch(() => {});
    }
    return { actor: actorOf(row), viaToken: true, readOnly: !row.scopes.includes('write') };
  }
  if (!carried.sessionToken) return { actor: Actor.visitor, viaToken: false };
  const sessionId = hashToken(carried.sessionToken);
  const [row] = await db
    .select(withMemberships)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now())));
  if (!row) return { actor: Actor.visitor, viaToken: false };
  return { actor: actorOf(row), sessionId, viaToken: false };
}
