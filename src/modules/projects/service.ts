// What the projects module does with projects themselves: create, edit, change state, find and list — every read
// through visibility.ts.
import { and, count, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { NotFound, Unauthenticated, ValidationFailed } from '../../platform/errors.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { Actor } from '../../platform/policy.ts';
import { parisDate } from '../consultations/phases.ts';
import { organizations } from '../organizations/schema.ts';
import { searchTerms } from '../search/terms.ts';
import { codesWithin, parseTerritoryKey } from '../territories/data.ts';
import type { ListQuery, ProjectInput } from './inputs.ts';
import { publishingMemberships } from './policy.ts';
import { projectInvitations, projects, type ProjectState } from './schema.ts';
import { canSeeProject, visibleProjects } from './visibility.ts';
import { recordEvent } from '../notifications/record.ts';
import { territoryTargets } from '../notifications/targets.ts';

export const alertsQueue = 'project-alerts';
export const pageSize = 20;

export interface OrganizationRef {
  id: number;
  slug: string;
  name: string;
  type: string;
  verified: boolean;
}

export type ProjectRow = typeof projects.$inferSelect;
export interface Project extends ProjectRow {
  owner: OrganizationRef;
  invited: OrganizationRef[];
  invitedOrganizationIds: number[];
}

const orgColumns = { id: organizations.id, slug: organizations.slug, name: organizations.name, type: organizations.type, verifiedAt: organizations.verifiedAt };
const toRef = ({ verifiedAt, ...o }: { id: number; slug: string; name: string; type: string; verifiedAt: Date | null }): OrganizationRef => ({ ...o, verified: verifiedAt !== null });

/** Responses and questions are accepted while the project is open and its deadline, by the clock, has not passed. */
export function acceptsResponses(project: Pick<ProjectRow, 'state' | 'deadline'>, at = now()): boolean {
  return project.state === 'open' && project.deadline !== null && at < project.deadline;
}

/** Internal: a project whatever its visibility (jobs check visibility per recipient). */
export async function projectById(db: Db | Tx, id: number): Promise<Project | undefined> {
  const [row] = await db.select({ project: projects, owner: orgColumns }).from(projects).innerJoin(organizations, eq(organizations.id, projects.ownerOrganizationId)).where(eq(projects.id, id));
  if (!row) return undefined;
  const invited = (
    await db.select(orgColumns).from(projectInvitations).innerJoin(organizations, eq(organizations.id, projectInvitations.organizationId)).where(eq(projectInvitations.projectId, id)).orderBy(organizations.name)
  ).map(toRef);
  return { ...row.project, owner: toRef(row.owner), invited, invitedOrganizationIds: invited.map((o) => o.id) };
}

/**
 * The project of an address, if this actor may see it. A project they may not see does not exist for them (404),
 * except a members-only one for a visitor, who is asked to sign in.
 */
export async function findProject(db: Db, actor: Actor, id: number): Promise<Project> {
  const project = await projectById(db, id);
  if (!project) throw new NotFound('project');
  if (canSeeProject(actor, project)) return project;
  if (!actor.signedIn && project.visibility === 'members' && project.state !== 'draft') throw new Unauthenticated();
  throw new NotFound('project');
}

export interface ProjectListItem {
  id: number;
  title: string;
  problem: string;
  state: ProjectState;
  stage: string;
  visibility: string;
  domains: string[];
  territoryKind: string | null;
  territoryCode: string | null;
  latitude: number | null;
  longitude: number | null;
  deadline: Date | null;
  owner: { slug: string; name: string };
}

export function listConditions(actor: Actor, q: ListQuery): SQL {
  const conditions: SQL[] = [visibleProjects(actor)];
  if (q.state) conditions.push(eq(projects.state, q.state));
  if (q.stage) conditions.push(eq(projects.stage, q.stage));
  if (q.domain) conditions.push(sql`${q.domain} = any(${projects.domains})`);
  if (q.territory) {
    const territory = parseTerritoryKey(q.territory);
    if (territory) conditions.push(inArray(projects.territoryCode, codesWithin(territory.code)));
  }
  if (q.q) {
    const words = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`lower(immutable_unaccent(${projects.title} || ' ' || ${projects.problem})) like immutable_unaccent(${words})`);
  }
  return and(...conditions)!;
}

/** Visible projects, open ones first, then by deadline; the count runs on the same condition. */
export async function listProjects(db: Db, actor: Actor, q: ListQuery, limit = pageSize): Promise<{ items: ProjectListItem[]; total: number }> {
  const where = listConditions(actor, q);
  const page = q.page ?? 1;
  const rows = await db
    .select({
      id: projects.id,
      title: projects.title,
      problem: projects.problem,
      state: projects.state,
      stage: projects.stage,
      visibility: projects.visibility,
      domains: projects.domains,
      territoryKind: projects.territoryKind,
      territoryCode: projects.territoryCode,
      latitude: projects.latitude,
      longitude: projects.longitude,
      deadline: projects.deadline,
      owner: { slug: organizations.slug, name: organizations.name },
    })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.ownerOrganizationId))
    .where(where)
    .orderBy(sql`(${projects.state} = 'open') desc`, sql`${projects.deadline} asc nulls last`, desc(projects.id))
    .limit(limit)
    .offset((page - 1) * limit);
  const [total] = await db.select({ n: count() }).from(projects).where(where);
  return { items: rows, total: total?.n ?? 0 };
}

export async function projectRefs(db: Db, ids: number[]): Promise<OrganizationRef[]> {
  if (ids.length === 0) return [];
  return (await db.select(orgColumns).from(organizations).where(inArray(organizations.id, ids)).orderBy(organizations.name)).map(toRef);
}

/** The organizations this person may publish for (members of collectivités and aménageurs). */
export const publisherChoices = (db: Db, actor: Actor) => projectRefs(db, publishingMemberships(actor).map((m) => m.organizationId));

async function invitedIds(tx: Tx, slugs: string[] | undefined): Promise<number[]> {
  if (!slugs || slugs.length === 0) return [];
  const unique = [...new Set(slugs)];
  const rows = await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, unique));
  if (rows.length !== unique.length) throw ValidationFailed.one('invited', 'projects:validation.invitedUnknown', { slugs: unique.filter((s) => !rows.some((r) => r.slug === s)).join(', ') });
  return rows.map((r) => r.id);
}

function fields(input: ProjectInput) {
  const territory = input.territory ? parseTerritoryKey(input.territory) : undefined;
  if (input.territory && !territory) throw ValidationFailed.one('territory', 'choice');
  if ((input.latitude === undefined) !== (input.longitude === undefined)) throw ValidationFailed.one(input.latitude === undefined ? 'latitude' : 'longitude', 'projects:validation.pointHalf');
  if (input.budgetMin !== undefined && input.budgetMax !== undefined && input.budgetMin > input.budgetMax) throw ValidationFailed.one('budgetMax', 'projects:validation.rangeOrder');
  const deadline = input.deadline ? parisDate(input.deadline.length === 10 ? `${input.deadline}T23:59` : input.deadline) : null;
  if (deadline && Number.isNaN(deadline.getTime())) throw ValidationFailed.one('deadline', 'projects:validation.date');
  if (input.visibility === 'invited' && !input.invited?.length) throw ValidationFailed.one('invited', 'projects:validation.invitedMissing');
  return {
    title: input.title,
    context: input.context ?? '',
    problem: input.problem,
    expected: input.expected ?? '',
    territoryKind: territory?.kind ?? null,
    territoryCode: territory?.code ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    domains: input.domains ?? [],
    stage: input.stage,
    timeline: input.timeline ?? '',
    deadline,
    budgetMin: input.budgetMin ?? null,
    budgetMax: input.budgetMax ?? null,
    visibility: input.visibility,
    searchTerms: searchTerms({ territoryKind: territory?.kind, territoryCode: territory?.code, domains: input.domains }),
  };
}

/** The invitations still wanted stay as they were made (who invited, when); the new ones are this person's. */
async function setInvitations(tx: Tx, projectId: number, ids: number[], invitedBy: number | null): Promise<void> {
  await tx.delete(projectInvitations).where(and(eq(projectInvitations.projectId, projectId), ids.length > 0 ? notInArray(projectInvitations.organizationId, ids) : undefined));
  if (ids.length > 0) await tx.insert(projectInvitations).values(ids.map((organizationId) => ({ projectId, organizationId, invitedBy }))).onConflictDoNothing();
}

/** A new project is a draft of one of the organizations the author publishes for. */
export async function createProject(db: Db, actor: Actor, input: ProjectInput): Promise<{ id: number }> {
  if (!publishingMemberships(actor).some((m) => m.organizationId === input.organization)) throw ValidationFailed.one('organization', 'choice');
  const values = fields(input);
  return db.transaction(async (tx) => {
    const ids = await invitedIds(tx, input.invited);
    const [row] = await tx.insert(projects).values({ ...values, ownerOrganizationId: input.organization, createdBy: actor.user?.id ?? null, state: 'draft' }).returning({ id: projects.id });
    await setInvitations(tx, row!.id, ids, actor.user?.id ?? null);
    return row!;
  });
}

/** The owner organization does not change once chosen. Organizations newly invited to a published project are told. */
export async function updateProject(db: Db, project: Project, input: ProjectInput, actor?: Actor): Promise<void> {
  const values = fields({ ...input, organization: project.ownerOrganizationId });
  await db.transaction(async (tx) => {
    const ids = await invitedIds(tx, input.invited);
    await tx.update(projects).set({ ...values, updatedAt: now() }).where(eq(projects.id, project.id));
    await setInvitations(tx, project.id, ids, actor?.user?.id ?? null);
    const added = ids.filter((id) => !project.invitedOrganizationIds.includes(id));
    if (added.length > 0 && project.state !== 'draft') await recordEvent(tx, 'project.invited', actor?.user?.id, { projectId: project.id, projectTitle: values.title, organizationIds: added });
  });
}

export function projectValues(project: Project, parisLocal: (d: Date) => string): Record<string, unknown> {
  return {
    title: project.title,
    organization: String(project.ownerOrganizationId),
    context: project.context,
    problem: project.problem,
    expected: project.expected,
    territory: project.territoryKind && project.territoryCode ? `${project.territoryKind}:${project.territoryCode}` : undefined,
    latitude: project.latitude ?? undefined,
    longitude: project.longitude ?? undefined,
    domains: project.domains,
    stage: project.stage,
    timeline: project.timeline,
    deadline: project.deadline ? parisLocal(project.deadline) : undefined,
    budgetMin: project.budgetMin ?? undefined,
    budgetMax: project.budgetMax ?? undefined,
    visibility: project.visibility,
    invited: project.invited.map((o) => o.slug).join('\n'),
  };
}

const transitions: Record<ProjectState, ProjectState[]> = {
  draft: ['open', 'abandoned'],
  open: ['closed', 'abandoned'],
  closed: ['open', 'attributed', 'abandoned'],
  attributed: [],
  abandoned: [],
};

export const nextStates = (project: Pick<ProjectRow, 'state'>): ProjectState[] => transitions[project.state];

/**
 * Moves a project along its life. Opening needs a verified owner (nobody may pass for a city they are not) and a
 * deadline still ahead; the first opening queues the alerts, in the same transaction.
 */
export async function changeState(env: ServiceEnv, project: Project, to: ProjectState, actor?: Actor): Promise<void> {
  if (!transitions[project.state].includes(to)) throw ValidationFailed.one('state', 'projects:validation.transition');
  if (to === 'open') {
    if (!project.owner.verified) throw ValidationFailed.one('state', 'projects:validation.ownerUnverified');
    if (!project.deadline || project.deadline <= now()) throw ValidationFailed.one('deadline', 'projects:validation.deadlinePast');
  }
  await env.db.transaction(async (tx) => {
    const first = to === 'open' && project.alertsSentAt === null;
    await tx
      .update(projects)
      .set({ state: to, updatedAt: now(), ...(to === 'open' && !project.publishedAt ? { publishedAt: now() } : {}), ...(first ? { alertsSentAt: now() } : {}) })
      .where(and(eq(projects.id, project.id), eq(projects.state, project.state)));
    // Told once, when it first opens: the organizations invited, the people whose alerts it fits, the followers of
    // its owner and of its territory (the notifications module's fan-out; alerts used to be mailed by alertsQueue).
    if (first)
      await recordEvent(tx, 'project.opened', actor?.user?.id, {
        projectId: project.id,
        projectTitle: project.title,
        ownerOrganizationId: project.ownerOrganizationId,
        ownerName: project.owner.name,
        territories: territoryTargets(project.territoryKind, project.territoryCode),
      });
  });
}
