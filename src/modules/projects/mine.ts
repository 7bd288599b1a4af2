// The projects of a person's organizations and the responses those organizations sent, newest first, for their space
// (src/modules/me). A company answers as an organization, so "my responses" are my organizations' responses. Read-only;
// bounded by the owner and respondent indexes (projects_owner_idx, project_responses_org_idx).
import { and, desc, eq, exists, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { section, sectionSize, totalColumn, type Section } from '../me/listing.ts';
import { organizations } from '../organizations/schema.ts';
import { projectInvitations, projectResponses, projects, type ProjectState, type ResponseStatus } from './schema.ts';

export interface MyProject {
  id: number;
  title: string;
  state: ProjectState;
  createdAt: Date;
  organizationName: string;
}

export interface MyResponse {
  id: number;
  projectId: number;
  projectTitle: string;
  status: ResponseStatus;
  withdrawn: boolean;
  createdAt: Date;
  organizationName: string;
}

const none = { total: 0, items: [] };

/**
 * Drafts included: they belong to the organization, whose members prepare them. The restricted projects they are
 * invited to are theirs to answer, so listed too once published (as visibility.ts lets them see them).
 */
export async function myProjects(db: Db, organizationIds: number[]): Promise<Section<MyProject>> {
  if (organizationIds.length === 0) return none;
  const rows = await db
    .select({ id: projects.id, title: projects.title, state: projects.state, createdAt: projects.createdAt, organizationName: organizations.name, total: totalColumn() })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.ownerOrganizationId))
    .where(
      or(
        inArray(projects.ownerOrganizationId, organizationIds),
        and(eq(projects.visibility, 'invited'), ne(projects.state, 'draft'), exists(db.select({ one: sql`1` }).from(projectInvitations).where(and(eq(projectInvitations.projectId, projects.id), inArray(projectInvitations.organizationId, organizationIds))))),
      ),
    )
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(sectionSize);
  return section(rows);
}

export async function myResponses(db: Db, organizationIds: number[]): Promise<Section<MyResponse>> {
  if (organizationIds.length === 0) return none;
  const rows = await db
    .select({
      id: projectResponses.id,
      projectId: projects.id,
      projectTitle: projects.title,
      status: projectResponses.status,
      withdrawnAt: projectResponses.withdrawnAt,
      createdAt: projectResponses.createdAt,
      organizationName: organizations.name,
      total: totalColumn(),
    })
    .from(projectResponses)
    .innerJoin(projects, eq(projects.id, projectResponses.projectId))
    .innerJoin(organizations, eq(organizations.id, projectResponses.organizationId))
    .where(inArray(projectResponses.organizationId, organizationIds))
    .orderBy(desc(projectResponses.createdAt), desc(projectResponses.id))
    .limit(sectionSize);
  const { total, items } = section(rows);
  return { total, items: items.map(({ withdrawnAt, ...item }) => ({ ...item, withdrawn: withdrawnAt !== null })) };
}
