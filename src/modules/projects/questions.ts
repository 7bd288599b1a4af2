// Fair questions and answers: companies ask, publicly or privately; the owner answers. A private question's answer
// is published as an FAQ entry in the owner's own anonymised wording, so every company gets the same information
// without learning who asked; the asker is told by a notification.
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed, type FieldErrors } from '../../platform/errors.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import type { AnswerInput, QuestionInput } from './inputs.ts';
import { respondingMemberships } from './policy.ts';
import { projectFaq, projectQuestions } from './schema.ts';
import { acceptsResponses, type Project } from './service.ts';
import { recordEvent } from '../notifications/record.ts';
import { hiddenNotices, type HiddenNotice } from '../moderation/visibility.ts';
import { can } from '../../platform/policy.ts';
import '../moderation/policy.ts';

export interface Question {
  id: number;
  body: string;
  visibility: 'public' | 'private';
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  askerId: number | null;
  /** shown for public questions only */
  askerOrganization: string | null;
  published: boolean;
  /** hidden by the moderators: set for the few who still read it (its asker, the moderators) */
  hidden?: HiddenNotice;
}

const isOwnerTeam = (actor: Actor, project: Project) => actor.isMemberOf(project.ownerOrganizationId);

/** The asker speaks for their first company organization; asking is open while responses are. */
export async function askQuestion(env: ServiceEnv, actor: Actor, project: Project, input: QuestionInput): Promise<{ id: number }> {
  const membership = respondingMemberships(actor)[0];
  const user = actor.user;
  if (!user || !membership) throw ValidationFailed.one('body', 'projects:validation.notRespondent');
  if (!acceptsResponses(project)) throw ValidationFailed.one('body', 'projects:validation.closed');
  return env.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projectQuestions)
      .values({ projectId: project.id, askerId: user.id, askerOrganizationId: membership.organizationId, body: input.body, visibility: input.visibility })
      .returning({ id: projectQuestions.id });
    // The owner team is told a question waits (a notification, by e-mail as each chose); it names neither the asker nor
    // the question.
    await recordEvent(tx, 'question.asked', user.id, { projectId: project.id, projectTitle: project.title, questionId: row!.id, ownerOrganizationId: project.ownerOrganizationId });
    return row!;
  });
}

/**
 * Public questions for whoever sees the project; private ones for the owner team and, their own, for the asker.
 * The asker's organization is shown on public questions only. A question the moderators hid is left out, but for its
 * asker and the moderators, who read it with why.
 */
export async function listQuestions(db: Db, actor: Actor, project: Project): Promise<Question[]> {
  const owner = isOwnerTeam(actor, project);
  const userId = actor.user?.id ?? -1;
  const rows = await db
    .select({
      id: projectQuestions.id,
      body: projectQuestions.body,
      visibility: projectQuestions.visibility,
      answer: projectQuestions.answer,
      answeredAt: projectQuestions.answeredAt,
      createdAt: projectQuestions.createdAt,
      askerId: projectQuestions.askerId,
      askerOrganization: organizations.name,
      published: sql<boolean>`exists (select 1 from ${projectFaq} f where f.question_id = "project_questions"."id")`,
    })
    .from(projectQuestions)
    .leftJoin(organizations, eq(organizations.id, projectQuestions.askerOrganizationId))
    .where(and(eq(projectQuestions.projectId, project.id), owner ? undefined : or(eq(projectQuestions.visibility, 'public'), eq(projectQuestions.askerId, userId))))
    .orderBy(asc(projectQuestions.id));
  const hidden = await hiddenNotices(db, 'question', rows.map((r) => r.id));
  return rows
    .filter((r) => !hidden.has(r.id) || can(actor, 'moderation.seeHidden', { authorId: r.askerId, organizerIds: [] }))
    .map((r) => ({ ...r, askerOrganization: r.visibility === 'public' || owner ? r.askerOrganization : null, hidden: hidden.get(r.id) }));
}

export async function findQuestion(db: Db, project: Project, id: number) {
  const [row] = await db.select().from(projectQuestions).where(and(eq(projectQuestions.id, id), eq(projectQuestions.projectId, project.id)));
  if (!row) throw new NotFound('question');
  return row;
}

export async function listFaq(db: Db, project: Project) {
  return db.select({ id: projectFaq.id, question: projectFaq.question, answer: projectFaq.answer, publishedAt: projectFaq.publishedAt }).from(projectFaq).where(eq(projectFaq.projectId, project.id)).orderBy(asc(projectFaq.id));
}

/**
 * Answers a question. For a private one the owner's wording becomes an FAQ entry (it must be given: the asker's own
 * text could name them); the asker is told in the same transaction, by a queued e-mail.
 */
export async function answerQuestion(env: ServiceEnv, actor: Actor, project: Project, questionId: number, input: AnswerInput): Promise<void> {
  const question = await findQuestion(env.db, project, questionId);
  if (question.visibility === 'private') {
    if (!input.faqQuestion) throw ValidationFailed.one('faqQuestion', 'projects:validation.faqWording');
    // Both texts of the FAQ entry are published: either one naming the asker would undo the anonymity. A warning, not
    // a ban: a name may belong in the text (the asker's organization is also the project's partner), so the owner may
    // confirm it, but only once told which words give the asker away.
    const identity = await askerIdentity(env.db, question);
    const errors: FieldErrors = {};
    for (const field of ['faqQuestion', 'answer'] as const) {
      const named = namedIn(input[field]!, identity);
      if (named) errors[field] = { key: 'projects:faqCheck.namesAsker', values: { term: named } };
    }
    if (Object.keys(errors).length > 0 && !input.namesConfirmed) throw new ValidationFailed(errors);
  }
  await env.db.transaction(async (tx) => {
    await tx.update(projectQuestions).set({ answer: input.answer, answeredBy: actor.user?.id ?? null, answeredAt: now() }).where(eq(projectQuestions.id, question.id));
    if (question.visibility === 'private')
      await tx
        .insert(projectFaq)
        .values({ projectId: project.id, questionId: question.id, question: input.faqQuestion!, answer: input.answer })
        .onConflictDoUpdate({ target: projectFaq.questionId, set: { question: input.faqQuestion!, answer: input.answer } });
    // The asker is told (only if they may still see the project: they may have left their organization since), and a
    // new entry of the FAQ, or a public answer, reaches those who follow the project.
    await recordEvent(tx, 'question.answered', actor.user?.id, { projectId: project.id, projectTitle: project.title, questionId: question.id, askerId: question.askerId, faq: question.answer === null });
  });
}

/** Case, accents and punctuation folded, so "CAP-DIGITAL" is found in "chez Cap Digital". */
function fold(text: string): string {
  return ` ${text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}@]+/gu, ' ').trim()} `;
}

/** What would tell who asked: their name, their organization's name and their e-mail. */
async function askerIdentity(db: Db, question: { askerId: number | null; askerOrganizationId: number | null }): Promise<string[]> {
  const [asker] = question.askerId === null ? [] : await db.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, question.askerId));
  const [organization] = question.askerOrganizationId === null ? [] : await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, question.askerOrganizationId));
  return [asker?.name, organization?.name, asker?.email].filter((term): term is string => !!term);
}

/**
 * The first of the terms the text repeats, as whole words; terms of fewer than three letters are too common to tell
 * anyone apart ("Li", "AB") and are not looked for.
 */
export function namedIn(text: string, terms: string[]): string | undefined {
  const haystack = fold(text);
  return terms.find((term) => {
    const needle = fold(term);
    return needle.trim().length >= 3 && haystack.includes(needle);
  });
}
