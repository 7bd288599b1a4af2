// What the back office does with accounts: find them and set platform roles. Every change is audited; blocking goes
// through the moderation service (which mails the reason) on top of blocking.ts.
import { and, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Actor } from '../../platform/policy.ts';
import { platformRoles, users, type PlatformRole } from './schema.ts';
import { escapeLike } from '../../platform/db/like.ts';

export const usersPageSize = 50;

export async function listUsers(db: Db, filter: { q?: string; page: number }) {
  const where = filter.q ? or(ilike(users.email, `%${escapeLike(filter.q)}%`), ilike(users.displayName, `%${escapeLike(filter.q)}%`)) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, displayName: users.displayName, platformRole: users.platformRole, emailVerifiedAt: users.emailVerifiedAt, blockedAt: users.blockedAt, createdAt: users.createdAt })
      .from(users)
      .where(and(where, sql`${users.deletedAt} is null`))
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(usersPageSize)
      .offset((filter.page - 1) * usersPageSize),
    db.select({ n: count() }).from(users).where(and(where, sql`${users.deletedAt} is null`)),
  ]);
  return { items, total: total?.n ?? 0 };
}


export async function setPlatformRole(db: Db, actor: Actor, userId: number, role: string): Promise<void> {
  if (!(platformRoles as readonly string[]).includes(role)) throw ValidationFailed.one('platformRole', 'choice');
  // Taking away one's own admin right could leave the platform without any admin.
  if (actor.user?.id === userId) throw new Forbidden('account.ownRole');
  await db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ platformRole: role as PlatformRole }).where(eq(users.id, userId)).returning({ email: users.email });
    if (!row) throw new NotFound('account');
    await recordAudit(tx, actor, 'user.role', `user:${userId}`, { platformRole: role });
  });
}
