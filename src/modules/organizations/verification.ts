// Turning a claimed type into a verified one: by the SIRET against the company register, or by a platform admin.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.ts';
import { now } from '../../platform/clock.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { Actor } from '../../platform/policy.ts';
import { lookupSiret, registerTimeoutMs } from './register.ts';
import { organizations } from './schema.ts';
import type { Organization } from './service.ts';
import { categoryConfirms, isValidSiret } from './siret.ts';

const refusals = { not_found: 'siretNotFound', timeout: 'registerTimeout', unavailable: 'registerUnavailable' } as const;

/**
 * Verified only when the register knows the SIRET and its legal category agrees with the claimed type.
 * What the register says is kept either way, so an admin sees why a claim was refused.
 * Every refusal is a message beside the SIRET field, never an error page.
 */
export async function verifyBySiret(env: ServiceEnv, org: Organization, timeoutMs = registerTimeoutMs): Promise<void> {
  const baseUrl = env.config.companyRegisterUrl;
  if (!baseUrl) throw ValidationFailed.one('siret', 'organizations:validation.registerNotConfigured');
  if (!org.siret) throw ValidationFailed.one('siret', 'organizations:validation.siretMissing');
  if (!isValidSiret(org.siret)) throw ValidationFailed.one('siret', 'organizations:validation.siretChecksum');
  const answer = await lookupSiret(baseUrl, org.siret, timeoutMs);
  if (answer.status !== 'found') throw ValidationFailed.one('siret', `organizations:validation.${refusals[answer.status]}`);
  const confirms = categoryConfirms(answer.legalCategory, org.type);
  await env.db
    .update(organizations)
    .set({
      legalName: answer.legalName,
      legalCategory: answer.legalCategory,
      ...(confirms ? { verifiedAt: now(), verifiedBy: 'siret' as const } : { verifiedAt: null, verifiedBy: null }),
    })
    .where(eq(organizations.id, org.id));
  if (!confirms)
    throw ValidationFailed.one('siret', 'organizations:validation.siretMismatch', { legalName: answer.legalName, category: answer.legalCategory });
}

/** A platform admin vouches for an organization by hand, e.g. where the register cannot be reached; audited. */
export async function verifyByAdmin(env: ServiceEnv, actor: Actor, org: Organization): Promise<void> {
  await env.db.transaction(async (tx) => {
    await tx.update(organizations).set({ verifiedAt: now(), verifiedBy: 'admin' }).where(eq(organizations.id, org.id));
    await recordAudit(tx, actor, 'organization.verify', `organization:${org.slug}`, { organizationId: org.id, type: org.type, siret: org.siret });
  });
}
