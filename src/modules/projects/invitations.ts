// The organizations a restricted project invites: found by name or SIRET, invited one at a time by the owner team
// (who and when are kept), told through the notifications module, and revoked. Who may then see the project is
// visibility.ts's decision, which reads the same rows.
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { escapeLike } from '../../platform/db/like.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { Id } from '../../platform/validation.ts';
import { users } from '../accounts/schema.ts';
import { recordEvent } from '../notifications/record.ts';
import { visibleOrganization } from '../organizations/directory.ts';
import { organizations, type OrganizationType } from '../organizations/schema.ts';
import { normalizeSiret } from '../organizations/siret.ts';
import { projectInvitations } from './schema.ts';
import type { Project } from './service.ts';

export const InvitationParams = Type.Object({ id: Id, organizationId: Id });
export const InviteInput = Type.Object({ organization: Type.Integer({ minimum: 1, maximum: 2_147_483_647, 'x-error': 'projects:invitations.error.unknown' }) });
/** What the search field may hold: a name, or a SIRET (or SIREN) as people write it. */
export const searchLimits = { min: 2, max: 100, results: 10 } as const;

export interface Invitation {
  organization: { id: number; slug: string; name: string; type: OrganizationType };
  invitedBy: string | null;
  invitedAt: Date;
}

export interface Candidate {
  id: number;
  slug: string;
  name: string;
  type: OrganizationType;
  siret: string | null;
  invited: boolean;
}

/** Only a restricted project has invitations to manage: the others are seen by everyone or every member. */
export const invitesOrganizations = (project: Pick<Project, 'visibility'>) => project.visibility === 'invited';

/** Newest first, with the name of whoever invited (gone if their account was deleted). */
export async function listInvitations(db: Db, projectId: number): Promise<Invitation[]> {
  const rows = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, type: organizations.type, invitedBy: users.displayName, invitedAt: projectInvitations.invitedAt })
    .from(projectInvitations)
    .innerJoin(organizations, eq(organizations.id, projectInvitations.organizationId))
    .leftJoin(users, eq(users.id, projectInvitations.invitedBy))
    .where(eq(projectInvitations.projectId, projectId))
    .orderBy(desc(projectInvitations.invitedAt), asc(organizations.name));
  return rows.map(({ invitedBy, invitedAt, ...organization }) => ({ organization, invitedBy, invitedAt }));
}

/**
 * The organizations a search names: digits are a SIRET or the SIREN it starts with, anything else a part of the name
 * (accents and case aside). The owner is not offered, nor a profile the moderators hid.
 */
export async function findCandidates(db: Db, project: Project, query: string): Promise<Candidate[]> {
  const text = query.trim();
  if (text.length < searchLimits.min || text.length > searchLimits.max) return [];
  const digits = normalizeSiret(text);
  const match = /^\d{9,14}$/.test(digits)
    ? sql`${organizations.siret} like ${`${digits}%`}`
    : sql`lower(immutable_unaccent(${organizations.name})) like lower(immutable_unaccent(${`%${escapeLike(text.toLowerCase())}%`}))`;
  const rows = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      type: organizations.type,
      siret: organizations.siret,
      invited: sql<boolean>`exists (select 1 from ${projectInvitations} pi where pi.project_id = ${project.id}::int and pi.organization_id = "organizations"."id")`,
    })
    .from(organizations)
    .where(and(match, visibleOrganization, ne(organizations.id, project.ownerOrganizationId)))
    .orderBy(sql`lower(immutable_unaccent(${organizations.name}))`, asc(organizations.id))
    .limit(searchLimits.results);
  return rows.map((r) => ({ ...r, invited: Boolean(r.invited) }));
}

/**
 * Invites one organization. A published project's invitation is told at once to the organization's members (in the
 * app and by mail, as the notifications module delivers `project_invitation`); a draft's are told when it opens.
 */
export async function inviteOrganization(db: Db, actor: Actor, project: Project, organizationId: number): Promise<{ name: string }> {
  if (!invitesOrganizations(project)) throw ValidationFailed.one('q', 'projects:invitations.error.notRestricted');
  const [org] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.id, organizationId), visibleOrganization));
  if (!org) throw ValidationFailed.one('q', 'projects:invitations.error.unknown');
  if (org.id === project.ownerOrganizationId) throw ValidationFailed.one('q', 'projects:invitations.error.owner');
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(projectInvitations)
      .values({ projectId: project.id, organizationId: org.id, invitedBy: actor.user?.id ?? null, invitedAt: now() })
      .onConflictDoNothing()
      .returning({ organizationId: projectInvitations.organizationId });
    if (added.length === 0) throw ValidationFailed.one('q', 'projects:invitations.error.already', { name: org.name });
    if (project.state !== 'draft') await recordEvent(tx, 'project.invited', actor.user?.id, { projectId: project.id, projectTitle: project.title, organizationIds: [org.id] });
    return { name: org.name };
  });
}

/** The organization's members lose sight of the project at once (visibility.ts reads the rows at each request). */
export async function revokeInvitation(db: Db, project: Project, organizationId: number): Promise<void> {
  const removed = await db
    .delete(projectInvitations)
    .where(and(eq(projectInvitations.projectId, project.id), eq(projectInvitations.organizationId, organizationId)))
    .returning({ organizationId: projectInvitations.organizationId });
  if (removed.length === 0) throw new NotFound('invitation');
}
