// "My space": what is a person's own, gathered from the modules that own it. Each section is one bounded query; they
// run side by side, so the page costs the same whatever a person has written, joined or answered.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/policy.ts';
import { myContributions, myDrafts, type MyContribution } from '../consultations/mine.ts';
import { animatedEvents, myRegistrations, type AnimatedEvent, type MyRegistration } from '../events/mine.ts';
import { memberships, organizations, type MemberRole, type MembershipStatus } from '../organizations/schema.ts';
import { myProjects, myResponses, type MyProject, type MyResponse } from '../projects/mine.ts';
import { section, sectionSize, totalColumn, type Section } from './listing.ts';

export interface MyOrganization {
  slug: string;
  name: string;
  role: MemberRole;
  status: MembershipStatus;
}

export interface MySpace {
  drafts: Section<MyContribution>;
  contributions: Section<MyContribution>;
  responses: Section<MyResponse>;
  projects: Section<MyProject>;
  registrations: Section<MyRegistration>;
  animated: Section<AnimatedEvent>;
  organizations: Section<MyOrganization>;
}

/** Requests to join are listed too, so a person sees they are waiting; only active memberships give projects and events. */
async function myOrganizations(db: Db, userId: number): Promise<Section<MyOrganization>> {
  const rows = await db
    .select({ slug: organizations.slug, name: organizations.name, role: memberships.role, status: memberships.status, total: totalColumn() })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(memberships.createdAt), desc(organizations.id))
    .limit(sectionSize);
  return section(rows);
}

export async function mySpace(db: Db, actor: Actor): Promise<MySpace> {
  const userId = actor.user!.id;
  const organizationIds = actor.memberships.map((m) => m.organizationId);
  const [drafts, contributions, responses, projects, registrations, animated, orgs] = await Promise.all([
    myDrafts(db, userId),
    myContributions(db, userId),
    myResponses(db, organizationIds),
    myProjects(db, organizationIds),
    myRegistrations(db, userId),
    animatedEvents(db, organizationIds),
    myOrganizations(db, userId),
  ]);
  return { drafts, contributions, responses, projects, registrations, animated, organizations: orgs };
}
