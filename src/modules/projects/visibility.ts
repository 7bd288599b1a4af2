// Who may see a project: the one decision every read path goes through (pages, lists, counts, search, API,
// attachments, matching, e-mails). It exists twice, as a predicate on a loaded project and as a SQL condition for
// lists and counts, side by side here so they cannot drift apart (visibility.test.ts checks they agree).
import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/policy.ts';
import { projectInvitations, projects, type ProjectState, type ProjectVisibility } from './schema.ts';

export interface VisibilityScope {
  id: number;
  ownerOrganizationId: number;
  visibility: ProjectVisibility;
  state: ProjectState;
  invitedOrganizationIds: number[];
}

/**
 * - the owner organization's active members see their projects, drafts included;
 * - platform admins see everything (support and moderation);
 * - nobody else sees a draft;
 * - public: everyone; members: signed-in people; invited: members of an invited organization only.
 * Memberships are the actor's active ones, read at each request: a removed member loses access at once.
 */
export function canSeeProject(actor: Actor, project: VisibilityScope): boolean {
  if (actor.isAdmin || actor.isMemberOf(project.ownerOrganizationId)) return true;
  if (project.state === 'draft') return false;
  switch (project.visibility) {
    case 'public':
      return true;
    case 'members':
      return actor.signedIn;
    case 'invited':
      return project.invitedOrganizationIds.some((id) => actor.isMemberOf(id));
  }
}

/** The same decision as a condition on the `projects` table. */
export function visibleProjects(actor: Actor): SQL {
  if (actor.isAdmin) return sql`true`;
  const orgIds = actor.memberships.map((m) => m.organizationId);
  const open = actor.signedIn ? inArray(projects.visibility, ['public', 'members']) : eq(projects.visibility, 'public');
  const invited =
    orgIds.length > 0
      ? and(
          eq(projects.visibility, 'invited'),
          sql`exists (select 1 from ${projectInvitations} pi where pi.project_id = "projects"."id" and pi.organization_id in (${sql.join(orgIds.map((id) => sql`${id}`), sql`, `)}))`,
        )
      : undefined;
  const published = and(ne(projects.state, 'draft'), invited ? or(open, invited) : open)!;
  return orgIds.length > 0 ? or(inArray(projects.ownerOrganizationId, orgIds), published)! : published;
}
