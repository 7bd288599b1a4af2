// Turning a claimed type into a verified one: by the SIRET against the company register, or by a platform admin.
import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.ts';
import { now } from '../../platform/clock.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { Actor } from '../../platform/policy.ts';
import { lookupSiret, registerTimeoutMs } from './register.ts';
import { organizations, type OrganizationType } from './schema.ts';
import type { Organization } from './service.ts';
import { categoryConfirms, isValidSiret } from './siret.ts';

const refusals = { not_found: 'siretNotFound', timeout: 'registerTimeout', unavailable: 'registerUnavailable' } as const;

/** Public bodies publish projects and speak for a territory: the register proves the body exists, not that the
 * person belongs to it, so a platform admin confirms these after the register check. */
const confirmedByAdmin: ReadonlySet<OrganizationType> = new Set(['collectivite', 'amenageur', 'service_etat']);

export type VerificationOutcome = 'verified' | 'pending';

/**
 * Verified only when the register knows the SIRET, its legal category agrees with the claimed type, and no other
 * organization is already verified with it; public bodies then wait for a platform admin's confirmation.
 * What the register says is kept either way, so an admin sees why a claim was refused.
 * Every refusal is a message beside the SIRET field, never an error page.
 */
export async function verifyBySiret(env: ServiceEnv, org: Organization, timeoutMs = registerTimeoutMs): Promise<VerificationOutcome> {
  const baseUrl = env.config.companyRegisterUrl;
  if (!baseUrl) throw ValidationFailed.one('siret', 'organizations:validation.registerNotConfigured');
  if (!org.siret) throw ValidationFailed.one('siret', 'organizations:validation.siretMissing');
  if (!isValidSiret(org.siret)) throw ValidationFailed.one('siret', 'organizations:validation.siretChecksum');
  const [holder] = await env.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.siret, org.siret), ne(organizations.id, org.id), isNotNull(organizations.verifiedAt)));
  if (holder) throw ValidationFailed.one('siret', 'organizations:validation.siretTaken', { name: holder.name });
  const answer = await lookupSiret(baseUrl, org.siret, timeoutMs);
  if (answer.status !== 'found') throw ValidationFailed.one('siret', `organizations:validation.${refusals[answer.status]}`);
  const confirms = categoryConfirms(answer.legalCategory, org.type);
  const verifiesNow = confirms && !confirmedByAdmin.has(org.type);
  await env.db
    .update(organizations)
    .set({
      legalName: answer.legalName,
      legalCategory: answer.legalCategory,
      ...(verifiesNow ? { verifiedAt: now(), verifiedBy: 'siret' as const } : { verifiedAt: null, verifiedBy: null }),
    })
    .where(eq(organizations.id, org.id));
  if (!confirms)
    throw ValidationFailed.one('siret', 'organizations:validation.siretMismatch', { legalName: answer.legalName, category: answer.legalCategory });
  return verifiesNow ? 'verified' : 'pending';
}

/** Public bodies whose register check passed and who wait for a platform admin, oldest first. */
export async function pendingVerifications(env: ServiceEnv) {
  return env.db
    .select({ slug: organizations.slug, name: organizations.name, type: organizations.type, legalName: organizations.legalName, siret: organizations.siret })
    .from(organizations)
    .where(and(isNull(organizations.verifiedAt), isNotNull(organizations.legalCategory), inArray(organizations.type, [...confirmedByAdmin])))
    .orderBy(organizations.updatedAt)
    .limit(100);
}

/** A platform admin vouches for an organization by hand, e.g. where the register cannot be reached; audited. */
export async function verifyByAdmin(env: ServiceEnv, actor: Actor, org: Organization): Promise<void> {
  await env.db.transaction(async (tx) => {
    await tx.update(organizations).set({ verifiedAt: now(), verifiedBy: 'admin' }).where(eq(organizations.id, org.id));
    await recordAudit(tx, actor, 'organization.verify', `organization:${org.slug}`, { organizationId: org.id, type: org.type, siret: org.siret });
  });
}
