// Responses of companies to a project: one per organization, editable and withdrawable until the deadline (by the
// clock), public or for the owner only. Who reads what is decided here, once, for pages and API alike.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { organizations } from '../organizations/schema.ts';
import type { ResponseInput } from './inputs.ts';
import { respondingMemberships } from './policy.ts';
import { projectResponses } from './schema.ts';
import { acceptsResponses, type Project } from './service.ts';
import { recordEvent } from '../notifications/record.ts';
import { notHidden, readableHidden, type HiddenNotice } from '../moderation/visibility.ts';

export type ResponseRow = typeof projectResponses.$inferSelect;
export interface ProjectResponse extends ResponseRow {
  organization: { slug: string; name: string; type: string };
  ownerOrganizationId: number;
  /** its public part hidden by the moderators: set for those who still read it */
  hidden?: HiddenNotice;
}

/** How much of a response an actor may read: everything (owner team), its own side (respondent), the public part, or nothing. */
export type ResponseAccess = 'owner' | 'respondent' | 'public' | 'none';

export function responseAccess(actor: Actor, project: Project, response: ResponseRow): ResponseAccess {
  if (actor.isMemberOf(project.ownerOrganizationId)) return 'owner';
  if (actor.isMemberOf(response.organizationId)) return 'respondent';
  // The project is already visible to the actor (the caller loaded it through findProject).
  if (response.confidentiality === 'public' && response.withdrawnAt === null) return 'public';
  return 'none';
}

const columns = { response: projectResponses, organization: { slug: organizations.slug, name: organizations.name, type: organizations.type } };

export async function findResponse(db: Db, actor: Actor, project: Project, id: number): Promise<{ response: ProjectResponse; access: ResponseAccess }> {
  const [row] = await db.select(columns).from(projectResponses).innerJoin(organizations, eq(organizations.id, projectResponses.organizationId)).where(and(eq(projectResponses.id, id), eq(projectResponses.projectId, project.id)));
  if (!row) throw new NotFound('response');
  const response = { ...row.response, organization: row.organization, ownerOrganizationId: project.ownerOrganizationId };
  const access = responseAccess(actor, project, response);
  if (access === 'none') throw new NotFound('response');
  // Its public part hidden, the response is still read by the two teams it is between, its author and the moderators.
  const hidden = await readableHidden(db, actor, 'response', id, { authorId: response.authorId, organizerIds: [project.ownerOrganizationId, response.organizationId] });
  return { response: { ...response, hidden }, access };
}

/** The organization this actor responds for: the one named, else their first company organization. */
export function respondingOrganization(actor: Actor, organizationId?: number): number {
  const memberships = respondingMemberships(actor);
  const chosen = organizationId ? memberships.find((m) => m.organizationId === organizationId) : memberships[0];
  if (!chosen) throw ValidationFailed.one('organization', 'projects:validation.notRespondent');
  return chosen.organizationId;
}

export async function myResponse(db: Db, actor: Actor, project: Project): Promise<ProjectResponse | undefined> {
  const orgIds = respondingMemberships(actor).map((m) => m.organizationId);
  if (orgIds.length === 0) return undefined;
  const [row] = await db
    .select(columns)
    .from(projectResponses)
    .innerJoin(organizations, eq(organizations.id, projectResponses.organizationId))
    .where(and(eq(projectResponses.projectId, project.id), inArray(projectResponses.organizationId, orgIds)))
    .orderBy(asc(projectResponses.id))
    .limit(1);
  return row ? { ...row.response, organization: row.organization, ownerOrganizationId: project.ownerOrganizationId } : undefined;
}

function checkedRange(input: ResponseInput) {
  if (input.priceMin !== undefined && input.priceMax !== undefined && input.priceMin > input.priceMax) throw ValidationFailed.one('priceMax', 'projects:validation.rangeOrder');
}

/**
 * Creates or updates the organization's response while the project accepts responses. A withdrawn response comes
 * back when sent again; its status starts over.
 */
export async function saveResponse(db: Db, actor: Actor, project: Project, input: ResponseInput): Promise<{ id: number }> {
  const organizationId = respondingOrganization(actor);
  if (!acceptsResponses(project)) throw ValidationFailed.one('form', 'projects:validation.closed');
  if (organizationId === project.ownerOrganizationId) throw ValidationFailed.one('form', 'projects:validation.notRespondent');
  checkedRange(input);
  const values = {
    summary: input.summary,
    approach: input.approach,
    references: input.references ?? '',
    maturity: input.maturity,
    priceMin: input.priceMin ?? null,
    priceMax: input.priceMax ?? null,
    team: input.team ?? '',
    confidentiality: input.confidentiality,
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projectResponses)
      .values({ ...values, projectId: project.id, organizationId, authorId: actor.user?.id ?? null })
      .onConflictDoUpdate({ target: [projectResponses.projectId, projectResponses.organizationId], set: { ...values, withdrawnAt: null, updatedAt: now() } })
      // xmax is 0 for a row this statement inserted, not for one it updated.
      .returning({ id: projectResponses.id, created: sql<boolean>`(xmax = 0)` });
    // A new response is told to the owner team (a notification; it names the organization, which they see anyway).
    if (row!.created) {
      const [organization] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
      await recordEvent(tx, 'response.submitted', actor.user?.id, { projectId: project.id, projectTitle: project.title, responseId: row!.id, ownerOrganizationId: project.ownerOrganizationId, organizationName: organization?.name ?? '' });
    }
    return { id: row!.id };
  });
}

export async function withdrawResponse(db: Db, actor: Actor, project: Project): Promise<void> {
  const mine = await myResponse(db, actor, project);
  if (!mine || mine.withdrawnAt) throw new NotFound('response');
  if (!acceptsResponses(project)) throw ValidationFailed.one('form', 'projects:validation.closed');
  await db.update(projectResponses).set({ withdrawnAt: now(), updatedAt: now() }).where(eq(projectResponses.id, mine.id));
}

export interface ResponseSummary {
  id: number;
  summary: string;
  maturity: number;
  confidentiality: string;
  status: string;
  createdAt: Date;
  organization: { slug: string; name: string };
}

/** What others may read: the public, standing responses of a project they see. */
export async function publicResponses(db: Db, project: Project): Promise<ResponseSummary[]> {
  return db
    .select({ id: projectResponses.id, summary: projectResponses.summary, maturity: projectResponses.maturity, confidentiality: projectResponses.confidentiality, status: sql<string>`'hidden'`, createdAt: projectResponses.createdAt, organization: { slug: organizations.slug, name: organizations.name } })
    .from(projectResponses)
    .innerJoin(organizations, eq(organizations.id, projectResponses.organizationId))
    .where(and(eq(projectResponses.projectId, project.id), eq(projectResponses.confidentiality, 'public'), isNull(projectResponses.withdrawnAt), notHidden('response', projectResponses.id)))
    .orderBy(desc(projectResponses.id));
}

/** Every standing response, for the owner team. */
export async function allResponses(db: Db, project: Project): Promise<ResponseSummary[]> {
  return db
    .select({ id: projectResponses.id, summary: projectResponses.summary, maturity: projectResponses.maturity, confidentiality: projectResponses.confidentiality, status: projectResponses.status, createdAt: projectResponses.createdAt, organization: { slug: organizations.slug, name: organizations.name } })
    .from(projectResponses)
    .innerJoin(organizations, eq(organizations.id, projectResponses.organizationId))
    .where(and(eq(projectResponses.projectId, project.id), isNull(projectResponses.withdrawnAt)))
    .orderBy(asc(projectResponses.id));
}

export function responseValues(response: ResponseRow): Record<string, unknown> {
  return {
    summary: response.summary,
    approach: response.approach,
    references: response.references,
    maturity: String(response.maturity),
    priceMin: response.priceMin ?? undefined,
    priceMax: response.priceMax ?? undefined,
    team: response.team,
    confidentiality: response.confidentiality,
  };
}
