// What a notification looks like when it reaches someone (in the list, the bell, a mail), and whether it may reach
// them at all *now*: a contribution hidden or merged since, a project they may no longer see, a response of an
// organization they left — checked at delivery, not only when the notification was made.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/policy.ts';
import { comments, contributions } from '../consultations/schema.ts';
import { projectInvitations, projectResponses, projects } from '../projects/schema.ts';
import { canSeeProject } from '../projects/visibility.ts';
import type { EventType, Kind } from './kinds.ts';
import { users } from '../accounts/schema.ts';
import { notificationEvents, notifications } from './schema.ts';
import { isHidden } from '../moderation/visibility.ts';

/** A notification as the list, the bell and the mails read it: joined to its event and to who acted. */
export const itemColumns = {
  id: notifications.id,
  kind: notifications.kind,
  readAt: notifications.readAt,
  type: notificationEvents.type,
  data: notificationEvents.data,
  happenedAt: notificationEvents.createdAt,
  actorName: users.displayName,
  /** who acted is not named (accounts/names.ts): their account blocked, or their profile hidden by the moderators */
  actorWithheld: sql<'blocked' | 'hidden' | null>`case when ${users.blockedAt} is not null then 'blocked' when ${isHidden('user', sql`"users"."id"`)} then 'hidden' end`,
};

export interface Item {
  id: number;
  kind: Kind;
  type: EventType;
  data: Record<string, unknown>;
  actorName: string | null;
  actorWithheld?: 'blocked' | 'hidden' | null;
  /** when it happened */
  happenedAt: Date;
  readAt: Date | null;
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The page a notification leads to. */
export function hrefOf(item: Pick<Item, 'type' | 'data'>): string {
  const d = item.data;
  const phase = () => `/consultations/${encodeURIComponent(str(d.consultationSlug))}/phases/${num(d.phasePosition)}`;
  switch (item.type) {
    case 'contribution.published': {
      const ids = (d.contributionIds as number[] | undefined) ?? [];
      return ids.length === 1 ? `/contributions/${ids[0]}` : phase();
    }
    case 'comment.created':
      return `/contributions/${num(d.contributionId)}#comment-${num(d.commentId)}-item`;
    case 'argument.created':
    case 'contribution.answered':
      return `/contributions/${num(d.contributionId)}`;
    case 'contribution.merged':
      return `/contributions/${num(d.keptId)}`;
    case 'synthesis.published':
      return `${phase()}/synthesis`;
    case 'phase.opened':
    case 'phase.closed':
      return phase();
    case 'event.created':
    case 'event.minutes':
      return `/events/${num(d.eventId)}`;
    case 'question.asked':
    case 'question.answered':
      return `/projects/${num(d.projectId)}/questions`;
    case 'response.submitted':
    case 'response.status':
      return `/projects/${num(d.projectId)}/responses/${num(d.responseId)}`;
    case 'project.opened':
    case 'project.invited':
    case 'project.deadline':
      return `/projects/${num(d.projectId)}`;
    case 'moderation.decision':
      return str(d.href).startsWith('/') && !str(d.href).startsWith('//') ? str(d.href) : '/notifications';
  }
}

/** What a digest groups by: the consultation or project it belongs to. */
export function groupOf(item: Pick<Item, 'data'>): { key: string; title: string; href?: string } {
  const d = item.data;
  if (d.projectId) return { key: `project:${num(d.projectId)}`, title: str(d.projectTitle), href: `/projects/${num(d.projectId)}` };
  if (d.consultationId) return { key: `consultation:${num(d.consultationId)}`, title: str(d.consultationTitle), href: `/consultations/${encodeURIComponent(str(d.consultationSlug))}` };
  return { key: 'other', title: '' };
}

/** The catalogue key of a notification's sentence: its type and kind (and whether it came from a workshop). */
export function sentenceKey(item: Pick<Item, 'type' | 'kind' | 'data'>): string {
  return `notifications:text.${item.type}.${item.kind}${item.type === 'contribution.published' && item.data.workshop ? 'FromWorkshop' : ''}`;
}

/** The values a notification's sentence uses; `ta` names the statuses in the reader's language. */
export function varsOf(item: Item, ta?: (key: string) => string): Record<string, string | number> {
  const d = item.data;
  const status = str(d.status);
  const statusKey = item.type === 'response.status' ? `projects:status.${status}` : item.type === 'contribution.answered' ? `consultations:answer.status.${status}` : '';
  return {
    status: statusKey && status && ta ? ta(statusKey) : status,
    decision: item.type === 'moderation.decision' && ta ? ta(`notifications:decision.${str(d.decision)}`) : str(d.decision),
    actor: item.actorWithheld ? (ta ? ta(`accounts:name.${item.actorWithheld}`) : '') : (item.actorName ?? ''),
    title: str(d.title || d.projectTitle),
    phase: str(d.phaseTitle),
    consultation: str(d.consultationTitle),
    project: str(d.projectTitle),
    count: num(d.count ?? 1),
    workshop: str((d.workshop as { title?: string } | undefined)?.title),
    organization: str(d.organizationName || d.ownerName),
    duplicate: str(d.duplicateTitle),
    reason: str(d.reason),
  };
}

/** Another module's say on what may still be shown (the moderation module hides content): the ids to withhold. */
export type DeliveryFilter = (db: Db | Tx, actor: Actor, items: Pick<Item, 'id' | 'type' | 'data'>[]) => Promise<Set<number>>;
const filters: DeliveryFilter[] = [];

export function registerDeliveryFilter(filter: DeliveryFilter): void {
  filters.push(filter);
}

function contributionOf(item: Pick<Item, 'type' | 'data'>): number | undefined {
  const d = item.data;
  switch (item.type) {
    case 'contribution.published':
      return ((d.contributionIds as number[] | undefined) ?? [])[0];
    case 'comment.created':
    case 'argument.created':
    case 'contribution.answered':
      return num(d.contributionId);
    case 'contribution.merged':
      return num(d.keptId);
    default:
      return undefined;
  }
}

/**
 * The ids of the items this person may be told of now: their content still shown, the project visible to them,
 * a response still theirs or their organization's to read; and nothing another module withholds.
 */
export async function deliverable(db: Db | Tx, actor: Actor, items: Pick<Item, 'id' | 'type' | 'data'>[]): Promise<Set<number>> {
  if (items.length === 0) return new Set();
  const contributionIds = [...new Set(items.flatMap((i) => (contributionOf(i) === undefined ? [] : [contributionOf(i)!])))];
  const commentIds = [...new Set(items.filter((i) => i.type === 'comment.created').map((i) => num(i.data.commentId)))];
  const projectIds = [...new Set(items.filter((i) => i.data.projectId).map((i) => num(i.data.projectId)))];
  const responseIds = [...new Set(items.filter((i) => i.type === 'response.submitted' || i.type === 'response.status').map((i) => num(i.data.responseId)))];
  const [shown, liveComments, projectRows, invitations, responses, withheld] = await Promise.all([
    contributionIds.length ? db.select({ id: contributions.id }).from(contributions).where(and(inArray(contributions.id, contributionIds), eq(contributions.state, 'published'), isNull(contributions.mergedIntoId))) : [],
    commentIds.length ? db.select({ id: comments.id }).from(comments).where(and(inArray(comments.id, commentIds), isNull(comments.deletedAt))) : [],
    projectIds.length ? db.select({ id: projects.id, ownerOrganizationId: projects.ownerOrganizationId, visibility: projects.visibility, state: projects.state }).from(projects).where(inArray(projects.id, projectIds)) : [],
    projectIds.length ? db.select().from(projectInvitations).where(inArray(projectInvitations.projectId, projectIds)) : [],
    responseIds.length ? db.select({ id: projectResponses.id, organizationId: projectResponses.organizationId, withdrawnAt: projectResponses.withdrawnAt }).from(projectResponses).where(inArray(projectResponses.id, responseIds)) : [],
    Promise.all(filters.map((f) => f(db, actor, items))),
  ]);
  const shownIds = new Set(shown.map((r) => r.id));
  const liveIds = new Set(liveComments.map((r) => r.id));
  const visibleProjects = new Set(
    projectRows.filter((p) => canSeeProject(actor, { ...p, invitedOrganizationIds: invitations.filter((i) => i.projectId === p.id).map((i) => i.organizationId) })).map((p) => p.id),
  );
  const projectOwner = new Map(projectRows.map((p) => [p.id, p.ownerOrganizationId]));
  const responseById = new Map(responses.map((r) => [r.id, r]));
  const ok = new Set<number>();
  for (const item of items) {
    if (withheld.some((set) => set.has(item.id))) continue;
    const contribution = contributionOf(item);
    if (contribution !== undefined && !shownIds.has(contribution)) continue;
    if (item.type === 'comment.created' && !liveIds.has(num(item.data.commentId))) continue;
    if (item.data.projectId) {
      const projectId = num(item.data.projectId);
      if (!visibleProjects.has(projectId)) continue;
      const owner = projectOwner.get(projectId)!;
      // What only the owner team hears of, and what only the respondent's organization does.
      if ((item.type === 'question.asked' || item.type === 'response.submitted') && !actor.isMemberOf(owner)) continue;
      if (item.type === 'response.status') {
        const response = responseById.get(num(item.data.responseId));
        if (!response || !actor.isMemberOf(response.organizationId)) continue;
      }
      if (item.type === 'response.submitted') {
        const response = responseById.get(num(item.data.responseId));
        if (!response || response.withdrawnAt) continue;
      }
    }
    ok.add(item.id);
  }
  return ok;
}
