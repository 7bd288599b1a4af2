// What the HTML routes of the module share: loading the organization a URL names and checking the rule on it.
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Db } from '../../platform/db/client.ts';
import { parse } from '../../platform/validation.ts';
import { SlugParams } from './inputs.ts';
import { actsWithPlatformRights } from './policy.ts';
import { findOrganization, type Organization } from './service.ts';

const managingRules = new Set(['organization.edit', 'organization.manageMembers', 'organization.verify']);

/**
 * Loads the organization of `:slug` and checks the rule on it. A platform admin changing an organization they do
 * not administer uses platform rights, which are audited (the request is recorded, whatever its outcome).
 */
export async function loadAuthorized(db: Db, req: FastifyRequest, rule: string): Promise<Organization> {
  const { slug } = parse(SlugParams, req.params);
  const org = await findOrganization(db, slug);
  req.authorize(rule, org);
  if (req.method === 'POST' && managingRules.has(rule) && actsWithPlatformRights(req.actor, org))
    await recordAudit(db, req.actor, rule, `organization:${org.slug}`, { path: req.url.split('?')[0] });
  return org;
}
