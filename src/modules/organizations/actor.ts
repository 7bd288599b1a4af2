// What the rest of the platform needs to know of a person's memberships to decide what they may do.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { ActorMembership } from '../../platform/policy.ts';
import { memberships, organizations } from './schema.ts';

/**
 * A person's active memberships as one JSON column, for the query that resolves a request's actor: the session or
 * token, the account and its memberships in one round trip. `userId` is the outer query's column.
 */
export function membershipsColumn(userId: SQL) {
  return sql<MembershipJson[] | null>`(select json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role, 'organizationType', o.type, 'verified', o.verified_at is not null))
    from ${memberships} m join ${organizations} o on o.id = m.organization_id where m.user_id = ${userId} and m.status = 'active')`;
}

type MembershipJson = ActorMembership;

/** What membershipsColumn gave, as the actor takes it (PGlite and pg both parse json columns). */
export function membershipsFrom(value: MembershipJson[] | string | null): ActorMembership[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as MembershipJson[]) : (value ?? []);
  return list.map((m) => ({ organizationId: Number(m.organizationId), role: m.role, organizationType: m.organizationType, verified: Boolean(m.verified) }));
}

export async function activeMemberships(db: Db, userId: number): Promise<ActorMembership[]> {
  const rows = await db
    .select({
      organizationId: memberships.organizationId,
      role: memberships.role,
      organizationType: organizations.type,
      verifiedAt: organizations.verifiedAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')));
  return rows.map(({ verifiedAt, ...row }) => ({ ...row, verified: verifiedAt !== null }));
}

/** A deleted account leaves every organization; the organization itself stays. */
export async function leaveAllOrganizations(db: Db, userId: number): Promise<void> {
  await db.delete(memberships).where(eq(memberships.userId, userId));
}

/** Organizations where this person is the only admin while others are members: they would be left unmanaged. */
export async function soleAdminOf(db: Db, userId: number): Promise<string[]> {
  const rows = await db
    .select({ name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.role, 'admin'),
        eq(memberships.status, 'active'),
        sql`not exists (select 1 from memberships m where m.organization_id = ${memberships.organizationId} and m.user_id <> ${userId} and m.role = 'admin' and m.status = 'active' and not exists (select 1 from users u where u.id = m.user_id and u.blocked_at is not null))`,
        sql`exists (select 1 from memberships m where m.organization_id = ${memberships.organizationId} and m.user_id <> ${userId} and m.status = 'active')`,
      ),
    );
  return rows.map((row) => row.name);
}
