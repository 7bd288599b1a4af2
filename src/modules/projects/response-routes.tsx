// HTML pages of responses: responding, withdrawing, a response's page with its conversation, and the owner team's
// evaluation (ranking, criteria, scores, notes, statuses).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { formatNumberFields } from '../../platform/numbers.ts';
import { parse } from '../../platform/validation.ts';
import { excerptOf } from '../moderation/kinds.ts';
import { ConfirmPage, isConfirmed } from '../../platform/views/confirm.tsx';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { addCriterion, addNote, deleteCriterion, listCriteria, listMessages, listNotes, postMessage, ranking, responseScores, saveScores, setStatus } from './evaluation.ts';
import { addAttachment, getAttachment, listAttachments } from './attachments.ts';
import { loadProject, loadResponse, orBack, sendDocument, submitNumbers } from './http.ts';
import { CriterionInput, CriterionParams, MessageInput, NoteInput, ResponseAttachmentParams, ResponseInput, StatusInput, criterionNumbers, responseNumbers } from './inputs.ts';
import './policy.ts';
import { myResponse, responseValues, saveResponse, withdrawResponse, type ProjectResponse, type ResponseAccess } from './responses.ts';
import { acceptsResponses, type Project } from './service.ts';
import { CriteriaPage, ResponsesPage } from './views/evaluation.tsx';
import { ResponseFormPage, ResponsePage } from './views/response.tsx';

type Forms = Partial<Record<'scoreForm' | 'noteForm' | 'statusForm' | 'messageForm' | 'fileForm', FormState>>;

interface FilePart {
  toBuffer(): Promise<Buffer>;
  filename?: string;
}

export function responseRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function responsePage(req: FastifyRequest, project: Project, response: ProjectResponse, access: ResponseAccess, forms: Forms = {}): Promise<string> {
    const converses = access === 'owner' || access === 'respondent';
    const panel =
      access === 'owner'
        ? {
            criteria: await listCriteria(env.db, project),
            scores: await responseScores(env.db, response),
            notes: await listNotes(env.db, response),
            myId: req.actor.user!.id,
            scoreForm: forms.scoreForm ?? emptyForm,
            noteForm: forms.noteForm ?? emptyForm,
            statusForm: forms.statusForm ?? emptyForm,
          }
        : undefined;
    const documents = { list: await listAttachments(env.db, project, response.id), canAttach: access === 'respondent' && !response.withdrawnAt && acceptsResponses(project), form: forms.fileForm ?? emptyForm };
    return ResponsePage({ ctx: req.view(), project, response, access, messages: converses ? await listMessages(env.db, response) : undefined, messageForm: forms.messageForm ?? emptyForm, panel, documents });
  }

  /** A failed owner form shows the response page again with that form's errors beside its fields. */
  async function ownerForm(req: FastifyRequest, reply: FastifyReply, which: keyof Forms, act: (loaded: Awaited<ReturnType<typeof loadResponse>>) => Promise<void>, flash: string) {
    const loaded = await loadResponse(env.db, req, which === 'messageForm' ? 'response.converse' : 'project.evaluate');
    try {
      await act(loaded);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.page(await responsePage(req, loaded.project, loaded.response, loaded.access, { [which]: { values: formValues(req.body), errors: error.fields } }), 422);
    }
    return reply.flash({ kind: 'success', key: flash }).redirect(`/projects/${loaded.project.id}/responses/${loaded.response.id}`, 303);
  }

  app.get('/projects/:id/respond', { config: { rule: 'project.respond' } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    const mine = await myResponse(env.db, req.actor, project);
    return reply.page(ResponseFormPage({ ctx: req.view(), project, form: { values: mine ? formatNumberFields(responseValues(mine), responseNumbers, req.locale) : {}, errors: {} }, existing: Boolean(mine && !mine.withdrawnAt) }));
  });
  app.post('/projects/:id/respond', { config: { rule: 'project.respond' } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    const mine = await myResponse(env.db, req.actor, project);
    return submitNumbers(req, reply, req.body, ResponseInput, responseNumbers, async (input) => {
      const { id } = await saveResponse(env.db, req.actor, project, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.responded' }).redirect(`/projects/${project.id}/responses/${id}`, 303);
    }, (form) => ResponseFormPage({ ctx: req.view(), project, form, existing: Boolean(mine && !mine.withdrawnAt) }));
  });
  app.get('/projects/:id/respond/withdraw', { config: { rule: 'project.respond' } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    const ctx = req.view();
    return reply.page(
      ConfirmPage({
        ctx,
        // The project's title shortened: a page title stays readable in a tab.
        title: ctx.ta('confirm.withdraw.title', { project: excerptOf(project.title, 30) }),
        consequence: ctx.ta('confirm.withdraw.consequence'),
        action: `/projects/${project.id}/respond/withdraw`,
        back: `/projects/${project.id}/respond`,
      }),
    );
  });
  app.post('/projects/:id/respond/withdraw', { config: { rule: 'project.respond' } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    if (!isConfirmed(req.body)) return reply.redirect(`/projects/${project.id}/respond/withdraw`, 303);
    return orBack(reply, `/projects/${project.id}`, () => withdrawResponse(env.db, req.actor, project), { key: 'projects:flash.withdrawn' });
  });

  app.get('/projects/:id/responses', { config: { rule: 'project.evaluate' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.evaluate');
    return reply.page(ResponsesPage({ ctx: req.view(), project, ranked: await ranking(env.db, project) }));
  });

  app.get('/projects/:id/responses/:responseId', { config: { rule: 'project.read' } }, async (req, reply) => {
    const { project, response, access } = await loadResponse(env.db, req);
    return reply.page(await responsePage(req, project, response, access));
  });

  app.post('/projects/:id/responses/:responseId/scores', { config: { rule: 'project.evaluate' } }, async (req, reply) =>
    ownerForm(req, reply, 'scoreForm', ({ project, response }) => saveScores(env.db, req.actor, project, response, formValues(req.body), req.locale), 'projects:flash.scored'),
  );
  app.post('/projects/:id/responses/:responseId/notes', { config: { rule: 'project.evaluate' } }, async (req, reply) =>
    ownerForm(req, reply, 'noteForm', ({ response }) => addNote(env.db, req.actor, response, parse(NoteInput, req.body).body), 'projects:flash.noted'),
  );
  app.post('/projects/:id/responses/:responseId/status', { config: { rule: 'project.evaluate' } }, async (req, reply) =>
    ownerForm(req, reply, 'statusForm', ({ project, response }) => setStatus(env, project, response, parse(StatusInput, req.body)), 'projects:flash.statusSet'),
  );
  app.post('/projects/:id/responses/:responseId/messages', { config: { rule: 'response.converse' } }, async (req, reply) =>
    ownerForm(req, reply, 'messageForm', ({ project, response }) => postMessage(env, req.actor, project, response, parse(MessageInput, req.body).body), 'projects:flash.messageSent'),
  );

  app.post('/projects/:id/responses/:responseId/attachments', { config: { rule: 'response.attach' } }, async (req, reply) => {
    const { project, response, access } = await loadResponse(env.db, req, 'response.attach');
    const part = (req.body as { file?: FilePart } | undefined)?.file;
    try {
      if (!acceptsResponses(project) || response.withdrawnAt) throw ValidationFailed.one('file', 'projects:validation.closed');
      const data = part && typeof part.toBuffer === 'function' ? await part.toBuffer() : undefined;
      await addAttachment(env.db, req.actor, project, data, part?.filename, response.id);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.page(await responsePage(req, project, response, access, { fileForm: { values: {}, errors: error.fields } }), 422);
    }
    return reply.flash({ kind: 'success', key: 'projects:flash.attached' }).redirect(`/projects/${project.id}/responses/${response.id}`, 303);
  });

  // A response's documents go to whoever may read the response, and only through it.
  app.get('/projects/:id/responses/:responseId/attachments/:attachmentId', { config: { rule: 'project.read' } }, async (req, reply) => {
    const { project, response } = await loadResponse(env.db, req);
    return sendDocument(reply, await getAttachment(env.db, project, parse(ResponseAttachmentParams, req.params).attachmentId, response.id));
  });

  app.get('/projects/:id/criteria', { config: { rule: 'project.evaluate' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.evaluate');
    return reply.page(CriteriaPage({ ctx: req.view(), project, criteria: await listCriteria(env.db, project), form: emptyForm }));
  });
  app.post('/projects/:id/criteria', { config: { rule: 'project.evaluate' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.evaluate');
    const criteria = await listCriteria(env.db, project);
    return submitNumbers(req, reply, req.body, CriterionInput, criterionNumbers, async (input) => {
      await addCriterion(env.db, project, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.saved' }).redirect(`/projects/${project.id}/criteria`, 303);
    }, (form) => CriteriaPage({ ctx: req.view(), project, criteria, form }));
  });
  app.post('/projects/:id/criteria/:criterionId/delete', { config: { rule: 'project.evaluate' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.evaluate');
    await deleteCriterion(env.db, project, parse(CriterionParams, req.params).criterionId);
    return reply.flash({ kind: 'success', key: 'projects:flash.saved' }).redirect(`/projects/${project.id}/criteria`, 303);
  });
}
