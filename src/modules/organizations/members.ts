// Who belongs to an organization: invitations by e-mail, requests to join, roles, and leaving.
import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { Actor } from '../../platform/policy.ts';
import type { Locale } from '../accounts/schema.ts';
import { normalizeEmail } from '../accounts/service.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import type { InviteInput } from './inputs.ts';
import { invitations, memberships, organizations, type MemberRole } from './schema.ts';
import type { Organization } from './service.ts';

export const invitationLifetime = days(7);

function me(actor: Actor) {
  if (!actor.user) throw new NotFound('account');
  return actor.user;
}

/** The mail is queued in the transaction that records the invitation: both happen, or neither. */
export async function invite(env: ServiceEnv, actor: Actor, org: Organization, input: InviteInput, locale: Locale): Promise<void> {
  const inviter = me(actor);
  const email = normalizeEmail(input.email);
  const token = newToken();
  await env.db.transaction(async (tx) => {
    await tx.insert(invitations).values({
      organizationId: org.id,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: inviter.id,
      expiresAt: new Date(now().getTime() + invitationLifetime),
    });
    const { ta } = translator(locale);
    const vars = { organization: org.name, inviter: inviter.displayName, role: ta(`organizations:role.${input.role}`), link: `${env.config.publicUrl}/invitations/${token}`, site: env.config.publicUrl };
    await queueMail(env.jobs, tx, { to: email, subject: ta('organizations:mail.invitation.subject', vars), text: ta('organizations:mail.invitation.body', vars) });
  });
}

/** An invitation still usable: not accepted, not expired. */
export async function findInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, organization: { slug: organizations.slug, name: organizations.name, type: organizations.type } })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now())));
  return row;
}

/**
 * The link and the invited address together are the proof: the account signed in with that (proven) address joins,
 * once, within seven days; a forwarded or leaked link is of no use to anyone else.
 * Accepting marks it used in the same statement that checks it, so two clicks cannot both succeed.
 */
export async function acceptInvitation(db: Db, actor: Actor, token: string): Promise<{ slug: string }> {
  const user = me(actor);
  return db.transaction(async (tx) => {
    const usable = and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now()));
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: now() })
      .where(and(usable, eq(invitations.email, normalizeEmail(user.email))))
      .returning();
    if (!invitation) {
      const [forSomeoneElse] = await tx.select({ id: invitations.id }).from(invitations).where(usable);
      throw ValidationFailed.one('token', forSomeoneElse ? 'organizations:validation.invitationOtherAddress' : 'tokenInvalid');
    }
    // Someone already in keeps the higher of the two roles; a pending request becomes a membership.
    await tx
      .insert(memberships)
      .values({ organizationId: invitation.organizationId, userId: user.id, role: invitation.role, status: 'active' })
      .onConflictDoUpdate({
        target: [memberships.organizationId, memberships.userId],
        set: { status: 'active', role: sql`case when ${memberships.status} = 'active' and ${memberships.role} = 'admin' then 'admin' else excluded.role end` },
      });
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, invitation.organizationId));
    return { slug: org!.slug };
  });
}

export type JoinOutcome = 'requested' | 'already';

export async function requestToJoin(db: Db, actor: Actor, org: Organization): Promise<JoinOutcome> {
  const user = me(actor);
  const inserted = await db
    .insert(memberships)
    .values({ organizationId: org.id, userId: user.id, role: 'member', status: 'requested' })
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  return inserted.length > 0 ? 'requested' : 'already';
}

export async function decideRequest(db: Db, org: Organization, userId: number, approve: boolean): Promise<void> {
  const target = and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId), eq(memberships.status, 'requested'));
  const done = approve
    ? await db.update(memberships).set({ status: 'active', createdAt: now() }).where(target).returning({ userId: memberships.userId })
    : await db.delete(memberships).where(target).returning({ userId: memberships.userId });
  if (done.length === 0) throw new NotFound('membership request');
}

/**
 * Runs a change to someone's membership after locking the organization, and refuses it if it would leave
 * the organization without an admin: two admins stepping down at once cannot both succeed.
 */
async function withAdminsKept(db: Db, org: Organization, userId: number, change: (tx: Tx, role: MemberRole) => Promise<MemberRole | null>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, org.id)).for('update');
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId), eq(memberships.status, 'active')));
    if (!member) throw new NotFound('membership');
    const roleAfter = await change(tx, member.role);
    if (member.role !== 'admin' || roleAfter === 'admin') return;
    // Invitations sent by someone who is no longer an admin would let them, or anyone, back in.
    await tx.delete(invitations).where(and(eq(invitations.organizationId, org.id), eq(invitations.invitedBy, userId), isNull(invitations.acceptedAt)));
    const [others] = await tx
      .select({ n: count() })
      .from(memberships)
      // A blocked admin cannot sign in: they do not keep an organization managed.
      .where(and(eq(memberships.organizationId, org.id), ne(memberships.userId, userId), eq(memberships.role, 'admin'), eq(memberships.status, 'active'), sql`not exists (select 1 from users u where u.id = ${memberships.userId} and u.blocked_at is not null)`));
    if (Number(others?.n ?? 0) === 0) throw new Conflict('last_admin', 'an organization keeps at least one admin');
  });
}

export async function changeRole(db: Db, org: Organization, userId: number, role: MemberRole): Promise<void> {
  await withAdminsKept(db, org, userId, async (tx) => {
    await tx.update(memberships).set({ role }).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId)));
    return role;
  });
}

export async function removeMember(db: Db, org: Organization, userId: number): Promise<void> {
  await withAdminsKept(db, org, userId, async (tx) => {
    await tx.delete(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, userId)));
    return null;
  });
}

export async function leave(db: Db, actor: Actor, org: Organization): Promise<void> {
  await removeMember(db, org, me(actor).id);
}
