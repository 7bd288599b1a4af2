// Who hears of what happened: for each type of event, the people concerned as one SQL query of (person, kind,
// priority) — the authors of the contribution answered, the owner team of a project, the followers of a phase —
// and who may hear of it at all (a restricted project's people only). The fan-out reads it a batch at a time.
// When one person is concerned in several ways, the most personal kind (lowest priority) wins: the author of a
// contribution hears of a comment on it as a reaction to their content, not as activity on something they follow.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { territoryChain } from '../projects/matching.ts';
import { target } from './targets.ts';
import { projectById } from '../projects/service.ts';
import type { Kind } from './kinds.ts';
import type { EventData } from './record.ts';
import type { EventType } from './kinds.ts';

export interface StoredEvent {
  id: number;
  type: EventType;
  actorId: number | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface Audience {
  /** rows of (user_id, kind, priority); may repeat a person */
  people: SQL;
  /** a condition on the person `u` (the users row): whether they may hear of it at all */
  mayKnow: SQL;
  /** done once, before the first batch: follows that taking part creates */
  before?: (tx: Tx) => Promise<void>;
}

const ids = (values: readonly number[]) => (values.length ? sql.join(values.map((v) => sql`${v}::int`), sql`, `) : sql`null::int`);
const texts = (values: readonly string[]) => (values.length ? sql.join(values.map((v) => sql`${v}::text`), sql`, `) : sql`null::text`);

function part(kind: Kind, priority: number, users: SQL): SQL {
  return sql`select p.user_id, ${kind}::text as kind, ${priority}::int as priority from (${users}) p(user_id)`;
}

function union(parts: SQL[]): SQL {
  return sql.join(parts, sql` union all `);
}

const followersOf = (targets: string[]) => sql`select f.user_id from follows f where f.target in (${texts(targets)}) and f.active`;

/** The authors and co-authors of contributions, except those who stopped following the contribution. */
const authorsOf = (contributionIds: number[]) => sql`
  select a.user_id from (
    select c.id, c.author_id as user_id from contributions c where c.id in (${ids(contributionIds)}) and c.author_id is not null
    union all select k.contribution_id, k.user_id from contribution_coauthors k where k.contribution_id in (${ids(contributionIds)})
  ) a where not exists (select 1 from follows s where s.user_id = a.user_id and s.target = 'contribution:' || a.id and not s.active)`;

const membersOf = (organizationIds: number[]) => sql`select m.user_id from memberships m where m.organization_id in (${ids(organizationIds)}) and m.status = 'active'`;

const people = (userIds: number[]) => sql`select unnest(array[${ids(userIds)}]::int[])`;

const everyone = sql`true`;

/** Taking part follows what one took part in, unless one stopped following it. */
function autoFollow(userId: number | null, targets: string[]): ((tx: Tx) => Promise<void>) | undefined {
  if (!userId || targets.length === 0) return undefined;
  return async (tx) => {
    await tx.execute(sql`insert into follows (user_id, target, auto) select ${userId}::int, t, true from unnest(array[${texts(targets)}]::text[]) t on conflict do nothing`);
  };
}

/** Published and not merged: the fan-out stops for a contribution that is no longer shown. */
async function contributionShown(tx: Tx, contributionIds: number[]): Promise<boolean> {
  const result = (await tx.execute(sql`select 1 from contributions where id in (${ids(contributionIds)}) and state = 'published' and merged_into_id is null limit 1`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}

/**
 * Who may hear of a project, as the same decision visibility.ts makes (platform admins, the owner organization's
 * members, then by its visibility), read from the project as it is now.
 */
async function projectAudience(tx: Tx, projectId: number): Promise<SQL | undefined> {
  const project = await projectById(tx, projectId);
  if (!project) return undefined;
  const owner = sql`u.platform_role = 'admin' or exists (select 1 from memberships m where m.user_id = u.id and m.status = 'active' and m.organization_id = ${project.ownerOrganizationId}::int)`;
  if (project.state === 'draft') return owner;
  if (project.visibility === 'public' || project.visibility === 'members') return everyone;
  return sql`(${owner} or exists (select 1 from memberships m where m.user_id = u.id and m.status = 'active' and m.organization_id in (${ids(project.invitedOrganizationIds)})))`;
}

type Builder<T extends EventType> = (tx: Tx, event: StoredEvent & { data: EventData[T] }) => Promise<Audience | undefined>;

const audiences: { [T in EventType]: Builder<T> } = {
  async 'contribution.published'(tx, { actorId, data }) {
    if (!(await contributionShown(tx, data.contributionIds))) return undefined;
    const followed = [target.phase(data.phaseId), ...(data.consultationId ? [target.consultation(data.consultationId)] : []), ...(data.organizationId ? [target.organization(data.organizationId)] : [])];
    const single = data.contributionIds.length === 1 && !data.workshop;
    return {
      people: union([part('link', 1, authorsOf(data.linkedIds)), part('new_contribution', 5, followersOf(followed))]),
      mayKnow: everyone,
      before: single ? autoFollow(actorId, [target.contribution(data.contributionIds[0]!)]) : undefined,
    };
  },
  async 'comment.created'(tx, { actorId, data }) {
    if (!(await contributionShown(tx, [data.contributionId]))) return undefined;
    const parent = data.parentId ? sql`select c.author_id from comments c where c.id = ${data.parentId}::int and c.author_id is not null and c.deleted_at is null` : undefined;
    return {
      people: union([...(parent ? [part('reply', 1, parent)] : []), part('reaction', 2, authorsOf([data.contributionId])), part('activity', 5, followersOf([target.contribution(data.contributionId)]))]),
      mayKnow: everyone,
      before: autoFollow(actorId, [target.contribution(data.contributionId)]),
    };
  },
  async 'argument.created'(tx, { actorId, data }) {
    if (!(await contributionShown(tx, [data.contributionId]))) return undefined;
    return {
      people: union([part('reaction', 2, authorsOf([data.contributionId])), part('activity', 5, followersOf([target.contribution(data.contributionId)]))]),
      mayKnow: everyone,
      before: autoFollow(actorId, [target.contribution(data.contributionId)]),
    };
  },
  async 'contribution.answered'(tx, { data }) {
    if (!(await contributionShown(tx, [data.contributionId]))) return undefined;
    return { people: union([part('answer', 1, authorsOf([data.contributionId])), part('activity', 5, followersOf([target.contribution(data.contributionId)]))]), mayKnow: everyone };
  },
  async 'contribution.merged'(tx, { data }) {
    if (!(await contributionShown(tx, [data.keptId]))) return undefined;
    return {
      people: part('merge', 1, people(data.authorIds)),
      mayKnow: everyone,
      // Whoever followed the duplicate follows the one kept (as they chose: a stopped follow stays stopped).
      before: async (tx2) =>
        void (await tx2.execute(sql`insert into follows (user_id, target, active, auto) select user_id, ${target.contribution(data.keptId)}, active, auto from follows where target = ${target.contribution(data.duplicateId)} on conflict do nothing`)),
    };
  },
  async 'synthesis.published'(_tx, { data }) {
    const followed = [target.phase(data.phaseId), ...(data.consultationId ? [target.consultation(data.consultationId)] : [])];
    return { people: union([part('synthesis', 1, authorsOf(data.citedIds)), part('synthesis', 5, followersOf(followed))]), mayKnow: everyone };
  },
  async 'phase.opened'(_tx, { data }) {
    return { people: part('phase', 5, followersOf([target.phase(data.phaseId), ...(data.consultationId ? [target.consultation(data.consultationId)] : [])])), mayKnow: everyone };
  },
  async 'phase.closed'(_tx, { data }) {
    return { people: part('phase', 5, followersOf([target.phase(data.phaseId), ...(data.consultationId ? [target.consultation(data.consultationId)] : [])])), mayKnow: everyone };
  },
  async 'event.created'(_tx, { data }) {
    const followed = [...data.territories, ...(data.consultationId ? [target.consultation(data.consultationId)] : []), ...(data.animatorId ? [target.organization(data.animatorId)] : [])];
    return { people: part('new_event', 5, followersOf(followed)), mayKnow: everyone };
  },
  async 'event.minutes'(_tx, { data }) {
    return { people: part('event_update', 5, followersOf([target.event(data.eventId)])), mayKnow: everyone };
  },
  async 'project.opened'(tx, { data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    if (!mayKnow) return undefined;
    const project = (await projectById(tx, data.projectId))!;
    const chain = territoryChain(project.territoryKind, project.territoryCode) as Record<string, string | undefined>;
    const alertKeys = Object.entries(chain).flatMap(([level, code]) => (code ? [`${level}:${code}`] : []));
    // The alerts people set: a shared domain, or a territory holding the project's; never its own team.
    const alerts = sql`select a.user_id from project_alerts a where (a.domains && array[${texts(project.domains)}]::text[] or a.territories && array[${texts(alertKeys)}]::text[])
      and not exists (select 1 from memberships m where m.user_id = a.user_id and m.organization_id = ${project.ownerOrganizationId}::int and m.status = 'active')`;
    return {
      people: union([part('project_invitation', 1, membersOf(project.invitedOrganizationIds)), part('project_match', 2, alerts), part('new_project', 5, followersOf([target.organization(project.ownerOrganizationId), ...data.territories]))]),
      mayKnow,
    };
  },
  async 'project.invited'(tx, { data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    return mayKnow && { people: part('project_invitation', 1, membersOf(data.organizationIds)), mayKnow };
  },
  async 'project.deadline'(tx, { data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    return mayKnow && { people: part('project_update', 5, followersOf([target.project(data.projectId)])), mayKnow };
  },
  async 'question.asked'(tx, { actorId, data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    return mayKnow && { people: part('project_question', 1, membersOf([data.ownerOrganizationId])), mayKnow, before: autoFollow(actorId, [target.project(data.projectId)]) };
  },
  async 'question.answered'(tx, { data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    if (!mayKnow) return undefined;
    const parts = [...(data.askerId ? [part('question_answered', 1, people([data.askerId]))] : []), ...(data.faq ? [part('project_update', 5, followersOf([target.project(data.projectId)]))] : [])];
    return parts.length ? { people: union(parts), mayKnow } : undefined;
  },
  async 'response.submitted'(tx, { actorId, data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    return mayKnow && { people: part('project_response', 1, membersOf([data.ownerOrganizationId])), mayKnow, before: autoFollow(actorId, [target.project(data.projectId)]) };
  },
  async 'response.status'(tx, { data }) {
    const mayKnow = await projectAudience(tx, data.projectId);
    return mayKnow && { people: part('response_status', 1, membersOf([data.organizationId])), mayKnow };
  },
  async 'moderation.decision'(_tx, { data }) {
    return { people: part('moderation', 1, people(data.recipients)), mayKnow: everyone };
  },
};

/** The audience of an event, or undefined when nobody is to hear of it (its content is gone or no longer shown). */
export function audienceOf(tx: Tx, event: StoredEvent): Promise<Audience | undefined> {
  const build = audiences[event.type] as Builder<EventType> | undefined;
  return build ? build(tx, event as never) : Promise.resolve(undefined);
}
