// Who may do what with organizations: anyone reads, a signed-in person creates and joins,
// the organization's admins manage it, and only a platform admin vouches for it by hand.
import { defineRules, type Actor } from '../../platform/policy.ts';

export interface OrganizationScope {
  id: number;
}

export const organizationRules = defineRules({
  'organization.read': () => true,
  'organization.create': (actor: Actor) => actor.signedIn,
  'organization.join': (actor: Actor) => actor.signedIn,
  'organization.edit': (actor: Actor, org: OrganizationScope) => actor.isAdminOf(org.id),
  'organization.manageMembers': (actor: Actor, org: OrganizationScope) => actor.isAdminOf(org.id),
  'organization.verify': (actor: Actor, org: OrganizationScope) => actor.isAdminOf(org.id),
  'organization.leave': (actor: Actor, org: OrganizationScope) => actor.isMemberOf(org.id),
  'organization.adminVerify': (actor: Actor) => actor.isAdmin,
  'invitation.accept': (actor: Actor) => actor.signedIn,
});
