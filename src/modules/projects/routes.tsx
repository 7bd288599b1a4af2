// HTML pages of projects themselves: the list, a project, creating and editing it, its state, its documents.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { formatNumberFields } from '../../platform/numbers.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { parisLocal } from '../consultations/phases.ts';
import { territoryState } from '../organizations/routes.tsx';
import { territoryKey } from '../territories/data.ts';
import { resolveTerritory, withTerritories } from '../territories/resolve.ts';
import { registerSearch } from '../search/providers.ts';
import { projectSearch } from './search.ts';
import { addAttachment, deleteAttachment, getAttachment, listAttachments } from './attachments.ts';
import { loadProject, orBack, sendDocument, submitNumbers } from './http.ts';
import { invitesOrganizations, listInvitations } from './invitations.ts';
import { AttachmentParams, ListQuery, ProjectInput, StateInput, projectForm, projectNumbers } from './inputs.ts';
import './policy.ts';
import { myResponse, publicResponses } from './responses.ts';
import { acceptsResponses, changeState, createProject, listProjects, nextStates, pageSize, projectValues, publisherChoices, updateProject, type Project } from './service.ts';
import { ProjectFormPage } from './views/form.tsx';
import { ProjectListPage } from './views/list.tsx';
import { ProjectPage } from './views/project.tsx';

interface FilePart {
  toBuffer(): Promise<Buffer>;
  filename?: string;
}

/** Filters from the address; a bad one is dropped rather than refused, so a shared link still shows a list. */
export function readListQuery(query: unknown): ListQuery {
  const values = formValues(query);
  const q: Record<string, unknown> = {};
  for (const key of ['q', 'domain', 'stage', 'state', 'territory', 'page']) {
    if (values[key] === undefined) continue;
    // A territory is typed by name or code in the filter, a key in links and the API: each is read as its key.
    if (key === 'territory') {
      const { territory } = resolveTerritory([values.territory].flat()[0]);
      if (territory) q.territory = territoryKey(territory);
      continue;
    }
    try {
      Object.assign(q, parse(ListQuery, { [key]: values[key] }));
    } catch {
      // ignored
    }
  }
  return q as ListQuery;
}

export function projectRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  registerSearch(projectSearch);

  async function formPage(req: FastifyRequest, form: FormState, project?: Project) {
    const choices = await publisherChoices(env.db, req.actor);
    return ProjectFormPage({ ctx: req.view(), form, territory: territoryState(form.values), choices, project, mapTiles: env.config.mapTileUrl });
  }

  async function projectPage(req: FastifyRequest, project: Project, fileForm: FormState = emptyForm) {
    const owner = req.actor.isMemberOf(project.ownerOrganizationId);
    const canRespond = can(req.actor, 'project.respond');
    return ProjectPage({
      ctx: req.view(),
      project,
      safeContext: project.context ? renderMarkdown(project.context) : '',
      safeProblem: renderMarkdown(project.problem),
      safeExpected: project.expected ? renderMarkdown(project.expected) : '',
      attachments: await listAttachments(env.db, project),
      responses: await publicResponses(env.db, project),
      viewer: { owner, canManage: can(req.actor, 'project.manage', project), canRespond, acceptsResponses: acceptsResponses(project), mine: canRespond ? await myResponse(env.db, req.actor, project) : undefined },
      nextStates: nextStates(project),
      fileForm,
      mapTiles: env.config.mapTileUrl,
      invitations: invitesOrganizations(project) && can(req.actor, 'project.manage', project) ? await listInvitations(env.db, project.id) : undefined,
    });
  }

  app.get('/projects', { config: { rule: 'project.read', cache: 'signed-in' } }, async (req, reply) => {
    const q = readListQuery(req.query);
    const { items, total } = await listProjects(env.db, req.actor, q);
    return reply.page(ProjectListPage({ ctx: req.view(), q, territory: resolveTerritory([formValues(req.query).territory].flat()[0]), items, total, pageSize, canCreate: can(req.actor, 'project.create'), canMatch: can(req.actor, 'project.forYou'), mapTiles: env.config.mapTileUrl }));
  });

  app.get('/projects/new', { config: { rule: 'project.create' } }, async (req, reply) => reply.page(await formPage(req, { values: { visibility: 'public', stage: 'idea' }, errors: {} })));
  app.post('/projects/new', { config: { rule: 'project.create' } }, async (req, reply) => {
    const body = withTerritories(projectForm(req.body));
    const choices = await publisherChoices(env.db, req.actor);
    return submitNumbers(req, reply, body, ProjectInput, projectNumbers, async (input) => {
      const row = await createProject(env.db, req.actor, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.created' }).redirect(`/projects/${row.id}`, 303);
    }, (form) => ProjectFormPage({ ctx: req.view(), form, territory: territoryState(form.values), choices, mapTiles: env.config.mapTileUrl }));
  });

  app.get('/projects/:id', { config: { rule: 'project.read', cache: true } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    return reply.page(await projectPage(req, project));
  });

  app.get('/projects/:id/edit', { config: { rule: 'project.manage' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.manage');
    return reply.page(await formPage(req, { values: formatNumberFields(projectValues(project, parisLocal), projectNumbers, req.locale), errors: {} }, project));
  });
  app.post('/projects/:id/edit', { config: { rule: 'project.manage' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.manage');
    const body = withTerritories(projectForm(req.body));
    const choices = await publisherChoices(env.db, req.actor);
    return submitNumbers(req, reply, body, ProjectInput, projectNumbers, async (input) => {
      await updateProject(env.db, project, input, req.actor);
      return reply.flash({ kind: 'success', key: 'projects:flash.saved' }).redirect(`/projects/${project.id}`, 303);
    }, (form) => ProjectFormPage({ ctx: req.view(), form, territory: territoryState(form.values), choices, project, mapTiles: env.config.mapTileUrl }));
  });

  app.post('/projects/:id/state', { config: { rule: 'project.manage' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.manage');
    return orBack(reply, `/projects/${project.id}`, async () => changeState(env, project, parse(StateInput, req.body).state, req.actor), { key: 'projects:flash.stateChanged' });
  });

  app.post('/projects/:id/attachments', { config: { rule: 'project.manage' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.manage');
    const part = (req.body as { file?: FilePart } | undefined)?.file;
    try {
      const data = part && typeof part.toBuffer === 'function' ? await part.toBuffer() : undefined;
      await addAttachment(env.db, req.actor, project, data, part?.filename);
    } catch (error) {
      if (error instanceof ValidationFailed) return reply.page(await projectPage(req, project, { values: {}, errors: error.fields }), 422);
      throw error;
    }
    return reply.flash({ kind: 'success', key: 'projects:flash.attached' }).redirect(`/projects/${project.id}`, 303);
  });

  app.post('/projects/:id/attachments/:attachmentId/delete', { config: { rule: 'project.manage' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.manage');
    await deleteAttachment(env.db, project, parse(AttachmentParams, req.params).attachmentId);
    return reply.flash({ kind: 'success', key: 'projects:flash.detached' }).redirect(`/projects/${project.id}`, 303);
  });

  // Served only to who sees the project, with the type found when it was stored, as a download or inline view
  // that can run nothing.
  app.get('/projects/:id/attachments/:attachmentId', { config: { rule: 'project.read' } }, async (req, reply) => {
    const project = await loadProject(env.db, req);
    return sendDocument(reply, await getAttachment(env.db, project, parse(AttachmentParams, req.params).attachmentId));
  });
}
