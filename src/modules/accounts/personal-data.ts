// A person's rights over their data: download everything we hold about them, and delete their account.
import { eq } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { personalDataSections } from '../../platform/personal-data.ts';
import { activeMemberships, leaveAllOrganizations, soleAdminOf } from '../organizations/actor.ts';
import { checkPassword } from './passwords.ts';
import { apiTokens, consents, emailTokens, sessions, users } from './schema.ts';

export async function exportPersonalData(db: Db, actor: Actor) {
  if (!actor.user) throw new NotFound('account');
  const id = actor.user.id;
  const [account] = await db
    .select({ email: users.email, displayName: users.displayName, bio: users.bio, locale: users.locale, platformRole: users.platformRole, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, id));
  return {
    exportedAt: now().toISOString(),
    account,
    consents: await db.select({ kind: consents.kind, version: consents.version, accepted: consents.accepted, at: consents.createdAt }).from(consents).where(eq(consents.userId, id)),
    memberships: (await activeMemberships(db, id)).map(({ organizationId, role }) => ({ organizationId, role })),
    apiTokens: await db.select({ name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.userId, id)),
    ...(await personalDataSections(db, id)),
  };
}

/** The account is anonymised rather than removed, so what the person published stays readable without their name. */
export async function deleteAccount(db: Db, actor: Actor, input: { currentPassword: string }): Promise<void> {
  if (!actor.user) throw new NotFound('account');
  const id = actor.user.id;
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
  if (!(await checkPassword(row?.passwordHash, input.currentPassword))) throw ValidationFailed.one('currentPassword', 'passwordWrong');
  // Leaving would strand the other members of an organization with nobody to manage it.
  const stranded = await soleAdminOf(db, id);
  if (stranded.length > 0) throw ValidationFailed.one('confirm', 'accounts:validation.soleAdmin', { organizations: stranded.join(', ') });
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ email: `deleted-${id}@parvis.invalid`, displayName: '', bio: '', passwordHash: null, proconnectSub: null, deletedAt: now() })
      .where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, id));
    await tx.delete(emailTokens).where(eq(emailTokens.userId, id));
    await leaveAllOrganizations(tx as unknown as Db, id);
  });
}
