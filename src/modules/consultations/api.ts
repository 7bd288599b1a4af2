// The consultations part of the JSON API: read for all, contribute and vote with a token, through the same services.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { now } from '../../platform/clock.ts';
import { parse } from '../../platform/validation.ts';
import { createContribution, createdContribution, vote, voteTally, type Contribution } from './contributions.ts';
import { assertPublished } from './drafts.ts';
import { findVisibleConsultation, loadPhase, readContribution } from './http.ts';
import { linkIds, linksOf } from './links.ts';
import { answerStatuses } from './schema.ts';
import { ContributionInput, IdParams, KindSchema, PhaseParams, SlugParams, VoteInput } from './inputs.ts';
import { listContributions, orders, pageSize, readListQuery } from './listing.ts';
import { phaseStatus } from './phases.ts';
import './policy.ts';
import { findConsultationById, listConsultations, phaseCounts, type Consultation } from './service.ts';
import { apiName } from '../accounts/names.ts';
import { contributionOrigins } from './origins.ts';
import { workshopJson } from './attribution.tsx';

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]);
const Tally = Type.Object({ agree: Type.Integer(), mixed: Type.Integer(), disagree: Type.Integer() });
export const phaseClosed = { description: 'the phase is not open (code phase_closed)', ...Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) }) };

const PhaseItem = Type.Object({
  position: Type.Integer(),
  title: Type.String(),
  question: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  status: Status,
  kinds: Type.Array(KindSchema),
  contributionCount: Type.Integer(),
  url: Type.String(),
});

const ConsultationDetail = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String({ description: 'Markdown' }),
  organizers: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
  themes: Type.Array(Type.Object({ slug: Type.String(), label: Type.String() })),
  territoryCodes: Type.Array(Type.String()),
  publishedAt: Nullable(Type.String({ format: 'date-time', description: 'null while a draft, which only its organizers and the platform admins can read' })),
  phases: Type.Array(PhaseItem),
});

/** Room input: from the workshop, said by a participant, `author` the animator who entered it; `organization` null,
 * since the animating organization is not the voice of the room (attribution.tsx). */
const WorkshopOrigin = Nullable(
  Type.Object(
    { title: Type.String(), url: Type.String(), saidBy: Nullable(Type.String({ description: 'the participant who said it, named only when they agreed' })) },
    { description: 'set for input entered after a workshop: `author` is then who entered it and `organization` is null (the room speaks, not the animating organization)' },
  ),
);

const ContributionSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: KindSchema,
  author: Type.String(),
  organization: Nullable(Type.String({ description: 'the organization the author chose to speak for; null when for themselves' })),
  workshop: WorkshopOrigin,
  createdAt: Type.String({ format: 'date-time' }),
  votes: Tally,
  debate: Type.Integer({ description: 'arguments and comments' }),
  url: Type.String(),
});

const ContributionDetail = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String({ description: 'Markdown' }),
  kind: KindSchema,
  author: Type.String(),
  organization: Nullable(Type.Object({ slug: Type.String(), name: Type.String(), type: Type.String() }, { description: 'the organization the author chose to speak for; null when for themselves' })),
  workshop: WorkshopOrigin,
  territory: Nullable(Type.String({ description: 'kind:code' })),
  consultation: Type.String(),
  phase: Type.Integer(),
  phaseStatus: Status,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  votes: Tally,
  state: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('hidden')], { description: 'drafts are returned to their author only; hidden ones (by the moderators) to their author and the moderators' }),
  answers: Type.Array(Type.Integer(), { description: 'ids of the contributions of an earlier phase it answers' }),
  answeredBy: Type.Array(Type.Integer(), { description: 'ids of the contributions that answer it' }),
  officialAnswer: Nullable(Type.Object({ status: Type.String(), text: Type.String({ description: 'Markdown' }), answeredAt: Nullable(Type.String({ format: 'date-time' })) })),
  url: Type.String(),
});

const ListQuerystring = Type.Object({
  order: Type.Optional(Type.Union(orders.map((o) => Type.Literal(o)))),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 999_999, description: 'keeps the random order the same from page to page' })),
  theme: Type.Optional(Type.String({ maxLength: 80 })),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 40, description: 'type of the organization the author speaks for' })),
  kind: Type.Optional(KindSchema),
  status: Type.Optional(Type.Union(answerStatuses.map((s) => Type.Literal(s)), { description: 'status of the official answer' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
});

// Bodies are checked by parse() in the handler, as forms are, for the same field messages; the schemas still
// document them in /openapi.json.
export const checkedInHandler = () => () => true;

export function consultationApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;

  async function detail(consultation: Consultation) {
    const counts = await phaseCounts(env.db, consultation.id);
    return {
      slug: consultation.slug,
      title: consultation.title,
      description: consultation.description,
      organizers: consultation.organizers.map(({ slug, name }) => ({ slug, name })),
      themes: consultation.themes.map(({ slug, label }) => ({ slug, label })),
      territoryCodes: consultation.territoryCodes,
      publishedAt: consultation.publishedAt?.toISOString() ?? null,
      phases: consultation.phases.map((p) => ({
        position: p.position,
        title: p.title,
        question: p.question,
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        status: phaseStatus(p),
        kinds: p.kinds,
        contributionCount: counts.get(p.id) ?? 0,
        url: url(`/consultations/${consultation.slug}/phases/${p.position}`),
      })),
    };
  }

  /** `created`: a contribution just written, whose links are those chosen, which nothing answers or votes on yet. */
  async function contributionDetail(c: Contribution, created?: { consultation: Consultation; answers: number[] }) {
    const [consultation, links, votes, origins] = created
      ? [created.consultation, { answers: created.answers.map((id) => ({ id })), answeredBy: [] }, { agree: 0, mixed: 0, disagree: 0 }, new Map()]
      : await Promise.all([findConsultationById(env.db, c.consultationId), linksOf(env.db, c.id), voteTally(env.db, c.id), contributionOrigins(env.db, [c.id])]);
    return {
      id: c.id,
      title: c.title,
      body: c.body,
      kind: c.kind,
      author: apiName(c.authorName),
      organization: c.organization ? { slug: c.organization.slug, name: c.organization.name, type: c.organization.type } : null,
      workshop: workshopJson(origins.get(c.id), url),
      territory: c.territoryKind && c.territoryCode ? `${c.territoryKind}:${c.territoryCode}` : null,
      consultation: consultation.slug,
      phase: c.phase.position,
      phaseStatus: phaseStatus(c.phase),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      votes,
      state: c.state,
      answers: links.answers.map((l) => l.id),
      answeredBy: links.answeredBy.map((l) => l.id),
      officialAnswer: c.answer && c.answerStatus ? { status: c.answerStatus, text: c.answer, answeredAt: c.answeredAt?.toISOString() ?? null } : null,
      url: url(`/contributions/${c.id}`),
    };
  }

  app.get(
    '/api/v1/consultations',
    { config: { rule: 'consultation.read', cache: true }, schema: { tags: ['consultations'], summary: 'Every published consultation', response: { 200: Type.Object({ items: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), contributionCount: Type.Integer(), url: Type.String() })) }) } } },
    async (_req, reply) => reply.json({ items: (await listConsultations(env.db)).map((c) => ({ slug: c.slug, title: c.title, contributionCount: c.contributionCount, url: url(`/consultations/${c.slug}`) })) }),
  );

  app.get(
    '/api/v1/consultations/:slug',
    { config: { rule: 'consultation.read' }, schema: { tags: ['consultations'], summary: 'One consultation with its organizers, themes and phases', params: SlugParams, response: { 200: ConsultationDetail } } },
    async (req) => detail(await findVisibleConsultation(env.db, req, (req.params as { slug: string }).slug)),
  );

  app.get(
    '/api/v1/consultations/:slug/phases/:phase/contributions',
    {
      config: { rule: 'consultation.read', cache: true },
      schema: { tags: ['consultations'], summary: "A phase's contributions, 20 a page, with the orders and filters of its page", params: PhaseParams, querystring: ListQuerystring, response: { 200: Type.Object({ items: Type.Array(ContributionSummary), total: Type.Integer(), capped: Type.Boolean({ description: 'true when a filtered list holds more than `total` contributions (matches are counted up to 10,000)' }), page: Type.Integer(), pageSize: Type.Integer() }) } },
    },
    async (req, reply) => {
      const { consultation, phase } = await loadPhase(env.db, req);
      const q = readListQuery(req.query, consultation, now());
      const { items, total, capped } = await listContributions(env.db, phase, q);
      return reply.json({
        items: items.map((i) => ({ id: i.id, title: i.title, kind: i.kind, author: apiName(i.authorName), organization: i.organizationName, workshop: workshopJson(i.origin, url), createdAt: i.createdAt.toISOString(), votes: { agree: i.agree, mixed: i.mixed, disagree: i.disagree }, debate: i.debate, url: url(`/contributions/${i.id}`) })),
        total,
        capped,
        page: q.page,
        pageSize,
      });
    },
  );

  app.post(
    '/api/v1/consultations/:slug/phases/:phase/contributions',
    {
      config: { rule: 'contribution.create', adds: true },
      validatorCompiler: checkedInHandler,
      schema: { tags: ['consultations'], summary: 'Contribute to an open phase', security: [{ token: [] }], params: PhaseParams, body: ContributionInput, response: { 201: ContributionDetail, 409: phaseClosed } },
    },
    async (req, reply) => {
      const { consultation, phase } = await loadPhase(env.db, req);
      assertPublished(consultation);
      const input = parse(ContributionInput, req.body);
      const row = await createContribution(env.db, req.actor, consultation, phase, input);
      const created = await createdContribution(env.db, req.actor, row, phase, input, consultation);
      return reply.code(201).send(await contributionDetail(created, { consultation, answers: linkIds(input.answers) }));
    },
  );

  app.get(
    '/api/v1/contributions/:id',
    { config: { rule: 'consultation.read' }, schema: { tags: ['consultations'], summary: 'One contribution with its votes, links and official answer (a merged one redirects to the one kept)', params: IdParams, response: { 200: ContributionDetail } } },
    async (req, reply) => {
      const { contribution } = await readContribution(env.db, req);
      if (contribution.mergedIntoId !== null) return reply.redirect(`/api/v1/contributions/${contribution.mergedIntoId}`, 301);
      return contributionDetail(contribution);
    },
  );

  app.post(
    '/api/v1/contributions/:id/vote',
    {
      config: { rule: 'contribution.vote', adds: true },
      validatorCompiler: checkedInHandler,
      schema: { tags: ['consultations'], summary: 'Vote on a contribution of an open phase (none removes the vote)', security: [{ token: [] }], params: IdParams, body: VoteInput, response: { 200: Type.Object({ votes: Tally }), 409: phaseClosed } },
    },
    async (req) => {
      const { id } = parse(IdParams, req.params);
      return { votes: await vote(env.db, req.actor, id, parse(VoteInput, req.body)) };
    },
  );
}
