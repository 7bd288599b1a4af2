// What moderation needs of each kind of item, read from the module that owns it: its text as it stands (for the
// snapshot a report keeps), its author, where it is read, the consultation it belongs to (whose organizers moderate
// it), whether the person reporting may see it at all — and what hiding changes in its own module (a contribution's
// state, a discussion's counts), done through that module's functions.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { refreshCounts } from '../consultations/counts.ts';
import { setContributionsHidden } from '../consultations/hiding.ts';
import { comments, consultationOrganizers, contributionArguments, contributions } from '../consultations/schema.ts';
import { events } from '../events/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { projectById } from '../projects/service.ts';
import { projectQuestions, projectResponses } from '../projects/schema.ts';
import { canSeeProject } from '../projects/visibility.ts';
import type { ReportableKind } from './schema.ts';

export interface LoadedItem {
  kind: ReportableKind;
  id: number;
  authorId: number | null;
  /** a short label: the contribution's title, the event's, the organization's name… */
  title: string;
  /** the text itself, as it stands */
  body: string;
  href: string;
  consultationId: number | null;
}

/** Null when the item does not exist, or not for this person (a draft, a private question, a restricted project). */
export async function loadItem(db: Db | Tx, actor: Actor, kind: ReportableKind, id: number): Promise<LoadedItem | null> {
  switch (kind) {
    case 'contribution': {
      const [row] = await db
        .select({ title: contributions.title, body: contributions.body, authorId: contributions.authorId, consultationId: contributions.consultationId, state: contributions.state, merged: contributions.mergedIntoId })
        .from(contributions)
        .where(eq(contributions.id, id));
      if (!row || row.state === 'draft' || row.merged !== null) return null;
      return { kind, id, authorId: row.authorId, title: row.title, body: row.body, href: `/contributions/${id}`, consultationId: row.consultationId };
    }
    case 'argument': {
      const [row] = await db
        .select({ text: contributionArguments.text, authorId: contributionArguments.authorId, contributionId: contributions.id, title: contributions.title, consultationId: contributions.consultationId, state: contributions.state })
        .from(contributionArguments)
        .innerJoin(contributions, eq(contributions.id, contributionArguments.contributionId))
        .where(eq(contributionArguments.id, id));
      if (!row || row.state === 'draft') return null;
      return { kind, id, authorId: row.authorId, title: row.title, body: row.text, href: `/contributions/${row.contributionId}#arguments-title`, consultationId: row.consultationId };
    }
    case 'comment': {
      const [row] = await db
        .select({ body: comments.body, deletedAt: comments.deletedAt, authorId: comments.authorId, contributionId: contributions.id, title: contributions.title, consultationId: contributions.consultationId, state: contributions.state })
        .from(comments)
        .innerJoin(contributions, eq(contributions.id, comments.contributionId))
        .where(eq(comments.id, id));
      if (!row || row.deletedAt || row.state === 'draft') return null;
      return { kind, id, authorId: row.authorId, title: row.title, body: row.body, href: `/contributions/${row.contributionId}#comment-${id}-item`, consultationId: row.consultationId };
    }
    case 'question': {
      const [row] = await db.select().from(projectQuestions).where(eq(projectQuestions.id, id));
      if (!row) return null;
      const project = await projectById(db, row.projectId);
      if (!project || !canSeeProject(actor, project)) return null;
      const mayRead = row.visibility === 'public' || row.askerId === actor.user?.id || actor.isMemberOf(project.ownerOrganizationId) || actor.isModerator;
      if (!mayRead) return null;
      return { kind, id, authorId: row.askerId, title: project.title, body: row.body, href: `/projects/${project.id}/questions#question-${id}`, consultationId: null };
    }
    case 'response': {
      const [row] = await db.select().from(projectResponses).where(eq(projectResponses.id, id));
      // Only the public part of a public response is read by others: that is what can be reported.
      if (!row || row.confidentiality !== 'public' || row.withdrawnAt) return null;
      const project = await projectById(db, row.projectId);
      if (!project || !canSeeProject(actor, project)) return null;
      return { kind, id, authorId: row.authorId, title: project.title, body: [row.summary, row.approach, row.references].filter(Boolean).join('\n\n'), href: `/projects/${project.id}/responses/${id}`, consultationId: null };
    }
    case 'event': {
      const [row] = await db.select({ title: events.title, description: events.description, createdBy: events.createdBy }).from(events).where(eq(events.id, id));
      if (!row) return null;
      return { kind, id, authorId: row.createdBy, title: row.title, body: row.description, href: `/events/${id}`, consultationId: null };
    }
    case 'organization': {
      const [row] = await db.select({ slug: organizations.slug, name: organizations.name, description: organizations.description, website: organizations.website, createdBy: organizations.createdBy }).from(organizations).where(eq(organizations.id, id));
      if (!row) return null;
      return { kind, id, authorId: row.createdBy, title: row.name, body: [row.description, row.website ?? ''].filter(Boolean).join('\n\n'), href: `/organizations/${row.slug}`, consultationId: null };
    }
    case 'user': {
      const [row] = await db.select({ displayName: users.displayName, bio: users.bio, deletedAt: users.deletedAt }).from(users).where(eq(users.id, id));
      if (!row || row.deletedAt) return null;
      return { kind, id, authorId: id, title: row.displayName, body: row.bio, href: `/moderation/accounts/${id}`, consultationId: null };
    }
  }
}

/** The organizer organizations of these consultations, for the organizers' share of the queue. */
export async function organizersOf(db: Db | Tx, consultationId: number | null): Promise<number[]> {
  if (consultationId === null) return [];
  const rows = await db.select({ id: consultationOrganizers.organizationId }).from(consultationOrganizers).where(eq(consultationOrganizers.consultationId, consultationId));
  return rows.map((r) => r.id);
}

/** The consultations an actor organizes: those of the organizations they are an active member of. */
export async function organizedConsultations(db: Db, actor: Actor): Promise<number[]> {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  if (orgIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: consultationOrganizers.consultationId }).from(consultationOrganizers).where(inArray(consultationOrganizers.organizationId, orgIds));
  return rows.map((r) => r.id);
}

/**
 * What hiding or restoring changes in the item's own module, in the moderation transaction: a contribution leaves or
 * rejoins its phase (its state, which its kept counts follow); an argument or a comment leaves or rejoins its
 * contribution's debate count. Other kinds are read through moderation_items alone.
 */
export async function applyHidden(tx: Tx, kind: ReportableKind, ids: number[], hidden: boolean): Promise<void> {
  if (ids.length === 0) return;
  if (kind === 'contribution') await setContributionsHidden(tx, ids, hidden);
  if (kind === 'argument' || kind === 'comment') {
    const table = kind === 'argument' ? contributionArguments : comments;
    const parents = await tx.selectDistinct({ id: table.contributionId }).from(table).where(inArray(table.id, ids));
    await refreshCounts(tx, parents.map((p) => p.id));
  }
}

/** Hidden in one action with a blocked account: what people write in debates (not organizations or events they run). */
export const blockHides = ['contribution', 'argument', 'comment', 'question', 'response'] as const satisfies readonly ReportableKind[];

/** Everything of these kinds an account wrote that others can read, with what the queue shows of each. */
export async function contentOf(db: Db | Tx, userId: number): Promise<LoadedItem[]> {
  const [contributionRows, argumentRows, commentRows, questionRows, responseRows] = await Promise.all([
    db
      .select({ id: contributions.id, title: contributions.title, body: contributions.body, consultationId: contributions.consultationId })
      .from(contributions)
      .where(and(eq(contributions.authorId, userId), inArray(contributions.state, ['published', 'hidden']), isNull(contributions.mergedIntoId))),
    db
      .select({ id: contributionArguments.id, body: contributionArguments.text, contributionId: contributions.id, title: contributions.title, consultationId: contributions.consultationId })
      .from(contributionArguments)
      .innerJoin(contributions, eq(contributions.id, contributionArguments.contributionId))
      .where(eq(contributionArguments.authorId, userId)),
    db
      .select({ id: comments.id, body: comments.body, contributionId: contributions.id, title: contributions.title, consultationId: contributions.consultationId })
      .from(comments)
      .innerJoin(contributions, eq(contributions.id, comments.contributionId))
      .where(and(eq(comments.authorId, userId), isNull(comments.deletedAt))),
    db.select({ id: projectQuestions.id, body: projectQuestions.body, projectId: projectQuestions.projectId }).from(projectQuestions).where(eq(projectQuestions.askerId, userId)),
    db
      .select({ id: projectResponses.id, body: projectResponses.summary, projectId: projectResponses.projectId })
      .from(projectResponses)
      .where(and(eq(projectResponses.authorId, userId), eq(projectResponses.confidentiality, 'public'), isNull(projectResponses.withdrawnAt))),
  ]);
  const base = { authorId: userId };
  return [
    ...contributionRows.map((r) => ({ ...base, kind: 'contribution' as const, id: r.id, title: r.title, body: r.body, href: `/contributions/${r.id}`, consultationId: r.consultationId })),
    ...argumentRows.map((r) => ({ ...base, kind: 'argument' as const, id: r.id, title: r.title, body: r.body, href: `/contributions/${r.contributionId}#arguments-title`, consultationId: r.consultationId })),
    ...commentRows.map((r) => ({ ...base, kind: 'comment' as const, id: r.id, title: r.title, body: r.body, href: `/contributions/${r.contributionId}#comment-${r.id}-item`, consultationId: r.consultationId })),
    ...questionRows.map((r) => ({ ...base, kind: 'question' as const, id: r.id, title: '', body: r.body, href: `/projects/${r.projectId}/questions#question-${r.id}`, consultationId: null })),
    ...responseRows.map((r) => ({ ...base, kind: 'response' as const, id: r.id, title: '', body: r.body, href: `/projects/${r.projectId}/responses/${r.id}`, consultationId: null })),
  ];
}

/** Short enough for a queue row and a mail: the first characters of a text. */
export function excerptOf(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
