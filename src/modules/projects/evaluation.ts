// The owner team's evaluation: a grid of weighted criteria, each member's scores, internal notes, the weighted
// ranking and the statuses told to respondents. Nothing here but the status and its message ever leaves the
// owner organization; the conversation with each respondent is the one shared thread.
import { and, asc, eq, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed, type FieldError } from '../../platform/errors.ts';
import { parseNumber, refusalMessage } from '../../platform/numbers.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { mailMembers } from './notify.ts';
import type { CriterionInput, StatusInput } from './inputs.ts';
import { projectCriteria, projectEvaluationNotes, projectMessages, projectResponses, projectScores } from './schema.ts';
import type { Project } from './service.ts';
import type { ProjectResponse } from './responses.ts';
import { recordEvent } from '../notifications/record.ts';

export type Criterion = typeof projectCriteria.$inferSelect;

export async function listCriteria(db: Db, project: Project): Promise<Criterion[]> {
  return db.select().from(projectCriteria).where(eq(projectCriteria.projectId, project.id)).orderBy(asc(projectCriteria.position), asc(projectCriteria.id));
}

export async function addCriterion(db: Db, project: Project, input: CriterionInput): Promise<void> {
  const existing = await listCriteria(db, project);
  if (existing.length >= 20) throw ValidationFailed.one('label', 'projects:validation.tooManyCriteria');
  await db.insert(projectCriteria).values({ projectId: project.id, label: input.label, weight: input.weight, position: existing.length });
}

export async function deleteCriterion(db: Db, project: Project, criterionId: number): Promise<void> {
  const deleted = await db.delete(projectCriteria).where(and(eq(projectCriteria.id, criterionId), eq(projectCriteria.projectId, project.id))).returning({ id: projectCriteria.id });
  if (deleted.length === 0) throw new NotFound('criterion');
}

/** Scores kept: 0 to 5, with up to two decimals. */
export const scoreDecimals = 2;

/** One score as typed in the reader's language ("4,5") or sent as a number; never rounded: too many decimals are refused. */
function readScore(raw: unknown, locale: string): number | FieldError {
  const read = parseNumber(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '', { locale: typeof raw === 'number' ? 'en' : locale, decimals: scoreDecimals });
  if (!read.ok) return read.reason === 'decimals' ? refusalMessage(read.reason, scoreDecimals) : { key: 'projects:validation.score' };
  return read.value >= 0 && read.value <= 5 ? read.value : { key: 'projects:validation.score' };
}

/** Scores sent as `score-<criterionId>` = 0…5, in the reader's locale; an empty field removes this evaluator's score. */
export async function saveScores(db: Db, actor: Actor, project: Project, response: ProjectResponse, body: Record<string, unknown>, locale: string): Promise<void> {
  const evaluatorId = actor.user!.id;
  const criteria = await listCriteria(db, project);
  const scores: { criterionId: number; score: number | null }[] = [];
  const errors: Record<string, FieldError> = {};
  for (const criterion of criteria) {
    const raw = body[`score-${criterion.id}`];
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      scores.push({ criterionId: criterion.id, score: null });
      continue;
    }
    const score = readScore(raw, locale);
    if (typeof score === 'number') scores.push({ criterionId: criterion.id, score });
    else errors[`score-${criterion.id}`] = score;
  }
  if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  await db.transaction(async (tx) => {
    for (const { criterionId, score } of scores) {
      const key = and(eq(projectScores.responseId, response.id), eq(projectScores.criterionId, criterionId), eq(projectScores.evaluatorId, evaluatorId));
      if (score === null) await tx.delete(projectScores).where(key);
      else
        await tx
          .insert(projectScores)
          .values({ responseId: response.id, criterionId, evaluatorId, score })
          .onConflictDoUpdate({ target: [projectScores.responseId, projectScores.criterionId, projectScores.evaluatorId], set: { score, updatedAt: now() } });
    }
  });
}

/** Every evaluator's scores of one response, for the owner team. */
export async function responseScores(db: Db, response: ProjectResponse) {
  return db
    .select({ criterionId: projectScores.criterionId, evaluatorId: projectScores.evaluatorId, evaluator: users.displayName, score: projectScores.score })
    .from(projectScores)
    .innerJoin(users, eq(users.id, projectScores.evaluatorId))
    .where(eq(projectScores.responseId, response.id))
    .orderBy(asc(users.displayName));
}

export interface RankedResponse {
  id: number;
  organization: string;
  status: string;
  /** weighted mean of the criteria's mean scores, 0–5; null before any score */
  score: number | null;
  evaluators: number;
}

/**
 * Weighted ranking: each criterion's mean over evaluators, weighted by the criterion; responses without a score
 * come last. One query, whatever the number of responses.
 */
export async function ranking(db: Db, project: Project): Promise<RankedResponse[]> {
  const list = await rows<{ id: number; organization: string; status: string; score: string | null; evaluators: string }>(db, sql`
    select r.id, o.name as organization, r.status,
      (select sum(c.weight * m.mean) / nullif(sum(c.weight), 0)
         from ${projectCriteria} c
         join (select criterion_id, avg(score) as mean from ${projectScores} where response_id = r.id group by criterion_id) m on m.criterion_id = c.id
        where c.project_id = r.project_id) as score,
      (select count(distinct evaluator_id) from ${projectScores} where response_id = r.id) as evaluators
    from ${projectResponses} r join ${organizations} o on o.id = r.organization_id
    where r.project_id = ${project.id} and r.withdrawn_at is null
    order by score desc nulls last, r.id`);
  return list.map((r) => ({
    id: Number(r.id),
    organization: r.organization,
    status: r.status,
    score: r.score === null ? null : Math.round(Number(r.score) * 100) / 100,
    evaluators: Number(r.evaluators),
  }));
}

export async function addNote(db: Db, actor: Actor, response: ProjectResponse, body: string): Promise<void> {
  await db.insert(projectEvaluationNotes).values({ responseId: response.id, authorId: actor.user?.id ?? null, body });
}

export async function listNotes(db: Db, response: ProjectResponse) {
  return db
    .select({ id: projectEvaluationNotes.id, body: projectEvaluationNotes.body, createdAt: projectEvaluationNotes.createdAt, author: users.displayName })
    .from(projectEvaluationNotes)
    .leftJoin(users, eq(users.id, projectEvaluationNotes.authorId))
    .where(eq(projectEvaluationNotes.responseId, response.id))
    .orderBy(asc(projectEvaluationNotes.id));
}

/** The status and its message reach the respondent organization's members by e-mail; nothing else does. */
export async function setStatus(env: ServiceEnv, project: Project, response: ProjectResponse, input: StatusInput): Promise<void> {
  if (response.withdrawnAt) throw ValidationFailed.one('status', 'projects:validation.withdrawn');
  await env.db.transaction(async (tx) => {
    await tx.update(projectResponses).set({ status: input.status, statusMessage: input.message ?? '', updatedAt: now() }).where(eq(projectResponses.id, response.id));
    // The respondent organization is told (a notification, by e-mail as each chose): the status, never the evaluation.
    await recordEvent(tx, 'response.status', null, { projectId: project.id, projectTitle: project.title, responseId: response.id, organizationId: response.organizationId, status: input.status });
  });
}

export async function listMessages(db: Db, response: ProjectResponse) {
  return db
    .select({ id: projectMessages.id, body: projectMessages.body, fromOwner: projectMessages.fromOwner, createdAt: projectMessages.createdAt, author: users.displayName })
    .from(projectMessages)
    .leftJoin(users, eq(users.id, projectMessages.authorId))
    .where(eq(projectMessages.responseId, response.id))
    .orderBy(asc(projectMessages.id));
}

/**
 * A message is written for the owner organization when its author belongs to it, else for the respondent; the other
 * side is told by e-mail (a link, not the message).
 */
export async function postMessage(env: ServiceEnv, actor: Actor, project: Project, response: ProjectResponse, body: string): Promise<void> {
  const fromOwner = actor.isMemberOf(response.ownerOrganizationId);
  await env.db.transaction(async (tx) => {
    await tx.insert(projectMessages).values({ responseId: response.id, authorId: actor.user?.id ?? null, fromOwner, body });
    const vars = { project: project.title, link: `${env.config.publicUrl}/projects/${project.id}/responses/${response.id}` };
    await mailMembers(env, tx, project, fromOwner ? response.organizationId : response.ownerOrganizationId, 'message', vars, { except: actor.user?.id });
  });
}
