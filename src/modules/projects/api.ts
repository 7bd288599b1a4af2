// The projects part of the JSON API: read what the pages show, to whom they show it (the same services, the same
// visibility and confidentiality), and write questions, responses and drafts with a token.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NotFound } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { loadProject } from './http.ts';
import { AnswerInput, ConfidentialitySchema, IdParams, QuestionParams, ListQuery, ProjectInput, QuestionInput, QuestionVisibilitySchema, ResponseInput, ResponseStatusSchema, StageSchema, StateSchema, VisibilitySchema } from './inputs.ts';
import './policy.ts';
import { answerQuestion, askQuestion, listFaq, listQuestions } from './questions.ts';
import { allResponses, myResponse, publicResponses, saveResponse, type ProjectResponse } from './responses.ts';
import { acceptsResponses, createProject, findProject, listProjects, pageSize, type Project } from './service.ts';
import { listAttachments } from './attachments.ts';
import { readListQuery } from './routes.tsx';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Org = Type.Object({ slug: Type.String(), name: Type.String() });

const ProjectSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  state: StateSchema,
  stage: StageSchema,
  visibility: VisibilitySchema,
  domains: Type.Array(Type.String()),
  territory: Nullable(Type.String({ description: 'kind:code' })),
  location: Nullable(Type.Object({ latitude: Type.Number(), longitude: Type.Number() })),
  deadline: Nullable(Type.String({ format: 'date-time' })),
  owner: Org,
  url: Type.String(),
});

const ProjectDetail = Type.Object({
  ...ProjectSummary.properties,
  context: Type.String({ description: 'Markdown' }),
  problem: Type.String({ description: 'Markdown' }),
  expected: Type.String({ description: 'Markdown' }),
  timeline: Type.String(),
  budget: Type.Object({ min: Nullable(Type.Integer()), max: Nullable(Type.Integer()) }),
  acceptsResponses: Type.Boolean(),
  attachments: Type.Array(Type.Object({ name: Type.String(), contentType: Type.String(), size: Type.Integer(), url: Type.String() })),
});

const QuestionItem = Type.Object({
  id: Type.Integer(),
  body: Type.String(),
  visibility: QuestionVisibilitySchema,
  answer: Nullable(Type.String()),
  askedBy: Nullable(Type.String({ description: 'organization, for public questions only' })),
  createdAt: Type.String({ format: 'date-time' }),
});
const FaqItem = Type.Object({ question: Type.String(), answer: Type.String(), publishedAt: Type.String({ format: 'date-time' }) });
const ResponseItem = Type.Object({ id: Type.Integer(), organization: Org, summary: Type.String(), maturity: Type.Integer(), createdAt: Type.String({ format: 'date-time' }) });
const OwnResponse = Type.Object({
  id: Type.Integer(),
  organization: Org,
  summary: Type.String(),
  approach: Type.String(),
  references: Type.String(),
  maturity: Type.Integer(),
  price: Type.Object({ min: Nullable(Type.Integer()), max: Nullable(Type.Integer()) }),
  team: Type.String(),
  confidentiality: ConfidentialitySchema,
  status: ResponseStatusSchema,
  statusMessage: Type.String(),
  withdrawn: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const ListQuerystring = Type.Object({ ...ListQuery.properties });
const checkedInHandler = () => () => true;
const tags = ['projects'];

export function projectApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;
  const territory = (p: { territoryKind: string | null; territoryCode: string | null }) => (p.territoryKind && p.territoryCode ? `${p.territoryKind}:${p.territoryCode}` : null);
  const location = (p: { latitude: number | null; longitude: number | null }) => (p.latitude !== null && p.longitude !== null ? { latitude: p.latitude, longitude: p.longitude } : null);

  async function detail(project: Project) {
    return {
      id: project.id,
      title: project.title,
      state: project.state,
      stage: project.stage,
      visibility: project.visibility,
      domains: project.domains,
      territory: territory(project),
      location: location(project),
      deadline: project.deadline?.toISOString() ?? null,
      owner: { slug: project.owner.slug, name: project.owner.name },
      url: url(`/projects/${project.id}`),
      context: project.context,
      problem: project.problem,
      expected: project.expected,
      timeline: project.timeline,
      budget: { min: project.budgetMin, max: project.budgetMax },
      acceptsResponses: acceptsResponses(project),
      attachments: (await listAttachments(env.db, project)).map((a) => ({ name: a.name, contentType: a.contentType, size: a.size, url: url(`/projects/${project.id}/attachments/${a.id}`) })),
    };
  }

  const own = (r: ProjectResponse) => ({
    id: r.id,
    organization: { slug: r.organization.slug, name: r.organization.name },
    summary: r.summary,
    approach: r.approach,
    references: r.references,
    maturity: r.maturity,
    price: { min: r.priceMin, max: r.priceMax },
    team: r.team,
    confidentiality: r.confidentiality,
    status: r.status,
    statusMessage: r.statusMessage,
    withdrawn: r.withdrawnAt !== null,
    updatedAt: r.updatedAt.toISOString(),
  });

  app.get(
    '/api/v1/projects',
    { config: { rule: 'project.read' }, schema: { tags, summary: 'Projects the caller may see, 20 a page, with the filters of the list page', querystring: ListQuerystring, response: { 200: Type.Object({ items: Type.Array(ProjectSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) } } },
    async (req) => {
      const q = readListQuery(req.query);
      const { items, total } = await listProjects(env.db, req.actor, q);
      return {
        items: items.map((p) => ({ id: p.id, title: p.title, state: p.state, stage: p.stage, visibility: p.visibility, domains: p.domains, territory: territory(p), location: location(p), deadline: p.deadline?.toISOString() ?? null, owner: p.owner, url: url(`/projects/${p.id}`) })),
        total,
        page: q.page ?? 1,
        pageSize,
      };
    },
  );

  app.post(
    '/api/v1/projects',
    { config: { rule: 'project.create' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Create a draft project for an organization one publishes for (collectivité or aménageur)', security: [{ token: [] }], body: ProjectInput, response: { 201: ProjectDetail } } },
    async (req, reply) => {
      const { id } = await createProject(env.db, req.actor, parse(ProjectInput, req.body));
      return reply.code(201).send(await detail(await findProject(env.db, req.actor, id)));
    },
  );

  app.get(
    '/api/v1/projects/:id',
    { config: { rule: 'project.read' }, schema: { tags, summary: 'One project, if the caller may see it (404 otherwise)', params: IdParams, response: { 200: ProjectDetail } } },
    async (req) => detail(await loadProject(env.db, req)),
  );

  app.get(
    '/api/v1/projects/:id/faq',
    { config: { rule: 'project.read' }, schema: { tags, summary: "A project's FAQ: anonymised answers to private questions", params: IdParams, response: { 200: Type.Object({ items: Type.Array(FaqItem) }) } } },
    async (req) => ({ items: (await listFaq(env.db, await loadProject(env.db, req))).map((f) => ({ question: f.question, answer: f.answer, publishedAt: f.publishedAt.toISOString() })) }),
  );

  app.get(
    '/api/v1/projects/:id/questions',
    { config: { rule: 'project.read' }, schema: { tags, summary: "Public questions, and the caller's own private ones (all of them for the owner team)", params: IdParams, response: { 200: Type.Object({ items: Type.Array(QuestionItem) }) } } },
    async (req) => {
      const project = await loadProject(env.db, req);
      const items = await listQuestions(env.db, req.actor, project);
      return { items: items.map((q) => ({ id: q.id, body: q.body, visibility: q.visibility, answer: q.answer, askedBy: q.visibility === 'public' ? q.askerOrganization : null, createdAt: q.createdAt.toISOString() })) };
    },
  );

  app.post(
    '/api/v1/projects/:id/questions',
    { config: { rule: 'project.ask' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Ask a question, publicly or privately, while the project accepts responses', security: [{ token: [] }], params: IdParams, body: QuestionInput, response: { 201: Type.Object({ id: Type.Integer() }) } } },
    async (req, reply) => {
      const project = await loadProject(env.db, req);
      return reply.code(201).send(await askQuestion(env, req.actor, project, parse(QuestionInput, req.body)));
    },
  );

  app.post(
    '/api/v1/projects/:id/questions/:questionId/answer',
    { config: { rule: 'project.answer' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Answer a question (owner team, token); a private one needs `faqQuestion`, the anonymised wording published in the FAQ', security: [{ token: [] }], params: QuestionParams, body: AnswerInput, response: { 200: Type.Object({ answered: Type.Boolean() }) } } },
    async (req) => {
      const project = await loadProject(env.db, req, 'project.answer');
      await answerQuestion(env, req.actor, project, parse(QuestionParams, req.params).questionId, parse(AnswerInput, req.body));
      return { answered: true };
    },
  );

  app.get(
    '/api/v1/projects/:id/responses',
    { config: { rule: 'project.read' }, schema: { tags, summary: 'Public responses; every standing response for the owner team (never scores or notes)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(ResponseItem) }) } } },
    async (req) => {
      const project = await loadProject(env.db, req);
      const list = req.actor.isMemberOf(project.ownerOrganizationId) ? await allResponses(env.db, project) : await publicResponses(env.db, project);
      return { items: list.map((r) => ({ id: r.id, organization: r.organization, summary: r.summary, maturity: r.maturity, createdAt: r.createdAt.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/projects/:id/responses/mine',
    { config: { rule: 'project.respond' }, schema: { tags, summary: "The caller's organization's response, with its status and the owner's message", security: [{ token: [] }], params: IdParams, response: { 200: OwnResponse } } },
    async (req) => {
      const project = await loadProject(env.db, req);
      const mine = await myResponse(env.db, req.actor, project);
      if (!mine) throw new NotFound('response');
      return own(mine);
    },
  );

  app.post(
    '/api/v1/projects/:id/responses/mine',
    { config: { rule: 'project.respond' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Send or update the response of the caller\'s organization until the deadline', security: [{ token: [] }], params: IdParams, body: ResponseInput, response: { 200: OwnResponse } } },
    async (req) => {
      const project = await loadProject(env.db, req);
      await saveResponse(env.db, req.actor, project, parse(ResponseInput, req.body));
      return own((await myResponse(env.db, req.actor, project))!);
    },
  );
}
