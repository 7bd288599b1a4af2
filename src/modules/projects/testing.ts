// Test fixtures for projects (used by the module's tests, the authorization walk and the browser journey): rows
// written directly, so a test can start from any state without going through the forms.
import { eq } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { files } from '../../platform/files/schema.ts';
import { memberships, organizations, type OrganizationType } from '../organizations/schema.ts';
import { projectAttachments, projectCriteria, projectInvitations, projectQuestions, projectResponses, projects, type ProjectState, type ProjectVisibility } from './schema.ts';

export async function organizationIdOf(db: Db, slug: string): Promise<number> {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new Error(`no organization ${slug}`);
  return org.id;
}

export async function makeOrg(db: Db, slug: string, type: OrganizationType, members: number[] = [], extra: Partial<typeof organizations.$inferInsert> = {}): Promise<number> {
  const [org] = await db.insert(organizations).values({ slug, name: `Organisation ${slug}`, type, ...extra }).returning({ id: organizations.id });
  for (const userId of members) await db.insert(memberships).values({ organizationId: org!.id, userId, role: 'member' });
  return org!.id;
}

export interface ProjectOptions {
  title?: string;
  state?: ProjectState;
  visibility?: ProjectVisibility;
  invited?: number[];
  deadlineInDays?: number;
  domains?: string[];
  territory?: [string, string];
  point?: [number, number];
  problem?: string;
}

export async function makeProject(db: Db, ownerOrganizationId: number, options: ProjectOptions = {}): Promise<number> {
  const [row] = await db
    .insert(projects)
    .values({
      ownerOrganizationId,
      title: options.title ?? 'Un projet de test',
      problem: options.problem ?? 'Le problème posé par ce projet de test, décrit assez longuement.',
      stage: 'study',
      state: options.state ?? 'open',
      visibility: options.visibility ?? 'public',
      deadline: new Date(now().getTime() + days(options.deadlineInDays ?? 30)),
      domains: (options.domains ?? ['mobilite']) as never,
      territoryKind: (options.territory?.[0] ?? null) as never,
      territoryCode: options.territory?.[1] ?? null,
      latitude: options.point?.[0] ?? null,
      longitude: options.point?.[1] ?? null,
      publishedAt: options.state === 'draft' ? null : now(),
      alertsSentAt: options.state === 'draft' ? null : now(),
    })
    .returning({ id: projects.id });
  for (const organizationId of options.invited ?? []) await db.insert(projectInvitations).values({ projectId: row!.id, organizationId });
  return row!.id;
}

export async function makeResponse(db: Db, projectId: number, organizationId: number, confidentiality: 'public' | 'owner_only' = 'owner_only', summary = 'Une réponse de test au projet.'): Promise<number> {
  const [row] = await db
    .insert(projectResponses)
    .values({ projectId, organizationId, summary, approach: 'Notre approche, décrite en quelques lignes.', maturity: 6, confidentiality })
    .returning({ id: projectResponses.id });
  return row!.id;
}

export async function makeQuestion(db: Db, projectId: number, askerId: number, askerOrganizationId: number, visibility: 'public' | 'private', body = 'Une question de test sur ce projet ?'): Promise<number> {
  const [row] = await db.insert(projectQuestions).values({ projectId, askerId, askerOrganizationId, visibility, body }).returning({ id: projectQuestions.id });
  return row!.id;
}

export async function makeCriterion(db: Db, projectId: number, label = 'Pertinence', weight = 3): Promise<number> {
  const [row] = await db.insert(projectCriteria).values({ projectId, label, weight }).returning({ id: projectCriteria.id });
  return row!.id;
}

export async function makeAttachment(db: Db, projectId: number, name = 'cahier.pdf', responseId?: number): Promise<number> {
  const data = Buffer.from('%PDF-1.4\n% test\n');
  const [file] = await db.insert(files).values({ name, contentType: 'application/pdf', size: data.length, data }).returning({ id: files.id });
  const [row] = await db.insert(projectAttachments).values({ projectId, responseId: responseId ?? null, fileId: file!.id, name }).returning({ id: projectAttachments.id });
  return row!.id;
}
