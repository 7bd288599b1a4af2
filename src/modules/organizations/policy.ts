// Who may do what with organizations: anyone reads, a signed-in person creates and joins,
// the organization's admins manage it (and platform admins, audited, for support and moderation),
// and only a platform admin vouches for it by hand.
import { defineRules, type Actor } from '../../platform/policy.ts';

export interface OrganizationScope {
  id: number;
}

const manages = (actor: Actor, org: OrganizationScope) => actor.isAdminOf(org.id) || actor.isAdmin;

/** A platform admin acting on an organization they do not administer leaves a line in the audit log. */
export const actsWithPlatformRights = (actor: Actor, org: OrganizationScope) => actor.isAdmin && !actor.isAdminOf(org.id);

export const organizationRules = defineRules({
  'organization.read': () => true,
  'organization.create': (actor: Actor) => actor.signedIn,
  'organization.join': (actor: Actor) => actor.signedIn,
  'organization.edit': (actor: Actor, org: OrganizationScope) => manages(actor, org),
  'organization.manageMembers': (actor: Actor, org: OrganizationScope) => manages(actor, org),
  'organization.verify': (actor: Actor, org: OrganizationScope) => manages(actor, org),
  'organization.leave': (actor: Actor, org: OrganizationScope) => actor.isMemberOf(org.id),
  'organization.adminVerify': (actor: Actor) => actor.isAdmin,
  'invitation.accept': (actor: Actor) => actor.signedIn,
});
