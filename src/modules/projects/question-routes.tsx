// HTML pages of a project's questions and answers.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { submitForm } from '../../platform/http/forms.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { loadProject } from './http.ts';
import { AnswerInput, QuestionInput, QuestionParams } from './inputs.ts';
import './policy.ts';
import { answerQuestion, askQuestion, findQuestion, listFaq, listQuestions } from './questions.ts';
import { acceptsResponses, type Project } from './service.ts';
import { QuestionsPage } from './views/questions.tsx';

export function questionRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function page(req: FastifyRequest, project: Project, askForm: FormState = emptyForm, answering?: { questionId: number; form: FormState }): Promise<string> {
    const owner = can(req.actor, 'project.answer', project);
    return QuestionsPage({
      ctx: req.view(),
      project,
      faq: await listFaq(env.db, project),
      questions: await listQuestions(env.db, req.actor, project),
      owner,
      canAsk: !owner && can(req.actor, 'project.ask') && acceptsResponses(project),
      askForm,
      answering,
    });
  }

  app.get('/projects/:id/questions', { config: { rule: 'project.read', cache: true } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    return reply.page(await page(req, project));
  });

  app.post('/projects/:id/questions', { config: { rule: 'project.ask' } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    return submitForm(reply, req.body, QuestionInput, async (input) => {
      await askQuestion(env, req.actor, project, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.asked' }).redirect(`/projects/${project.id}/questions`, 303);
    }, (form) => page(req, project, form));
  });

  app.post('/projects/:id/questions/:questionId/answer', { config: { rule: 'project.answer' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.answer');
    const { questionId } = parse(QuestionParams, req.params);
    await findQuestion(env.db, project, questionId);
    return submitForm(reply, req.body, AnswerInput, async (input) => {
      await answerQuestion(env, req.actor, project, questionId, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.answered' }).redirect(`/projects/${project.id}/questions`, 303);
    }, (form) => page(req, project, emptyForm, { questionId, form }));
  });
}
