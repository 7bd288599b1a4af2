// Who may do what with projects. Seeing a project is not a rule here: it depends on the project's visibility and
// is decided by visibility.ts for every read path. These rules say who acts, once the project is visible to them.
import { defineRules, type Actor, type ActorMembership } from '../../platform/policy.ts';
import type { OrganizationType } from '../organizations/schema.ts';

/** Only collectivités and aménageurs put projects on the table (PRODUCT.md §C). */
export const publisherTypes: readonly OrganizationType[] = ['collectivite', 'amenageur'];
/** Companies answer: startups, SMEs, large groups, design offices. */
export const respondentTypes: readonly OrganizationType[] = ['startup', 'pme_eti', 'grand_groupe', 'bureau_etudes'];

export interface ProjectScope {
  ownerOrganizationId: number;
}

export interface ResponseScope extends ProjectScope {
  organizationId: number;
}

export const publishingMemberships = (actor: Actor): ActorMembership[] => actor.memberships.filter((m) => publisherTypes.includes(m.organizationType));
export const respondingMemberships = (actor: Actor): ActorMembership[] => actor.memberships.filter((m) => respondentTypes.includes(m.organizationType));

/** Members of the owner organization: they alone see private questions, owner-only responses, scores and notes. */
const ownerTeam = (actor: Actor, project: ProjectScope) => actor.isMemberOf(project.ownerOrganizationId);

export const projectRules = defineRules({
  'project.read': () => true,
  'project.create': (actor: Actor) => publishingMemberships(actor).length > 0,
  // Platform admins may fix a project's wording or state for support; evaluation stays the owner team's.
  'project.manage': (actor: Actor, project: ProjectScope) => ownerTeam(actor, project) || actor.isAdmin,
  'project.answer': (actor: Actor, project: ProjectScope) => ownerTeam(actor, project),
  'project.evaluate': (actor: Actor, project: ProjectScope) => ownerTeam(actor, project),
  'project.ask': (actor: Actor) => respondingMemberships(actor).length > 0,
  'project.respond': (actor: Actor) => respondingMemberships(actor).length > 0,
  'project.forYou': (actor: Actor) => respondingMemberships(actor).length > 0,
  'project.alerts': (actor: Actor) => actor.signedIn,
  // The thread of a response: the owner team and the respondent organization's members.
  // A response's documents are added by the respondent organization's members.
  'response.attach': (actor: Actor, response: ResponseScope) => actor.isMemberOf(response.organizationId),
  'response.converse': (actor: Actor, response: ResponseScope) => ownerTeam(actor, response) || actor.isMemberOf(response.organizationId),
});
