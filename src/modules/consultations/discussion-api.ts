// The JSON API for what surrounds a contribution: arguments, comments, official answers and merges, syntheses,
// similar contributions and the chain of needs, ideas and features. Same services and rules as the pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { NotFound } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { answerContribution } from './answers.ts';
import { checkedInHandler, Nullable, phaseClosed } from './api.ts';
import { loadConsultation, loadContribution, loadPhase } from './http.ts';
import { AnswerInput, ArgumentInput, ChainQuery, CommentInput, IdParams, MergeInput, PhaseParams, SimilarQuery, SlugParams } from './inputs.ts';
import { chain } from './links.ts';
import { mergeContribution } from './merge.ts';
import './policy.ts';
import { addArgument, addComment, listArguments, listComments } from './reactions.ts';
import { answerStatuses } from './schema.ts';
import { similarContributions } from './similar.ts';
import { citedIds, findSynthesis } from './syntheses.ts';
import { apiName } from '../accounts/names.ts';

const tags = ['consultations'];
const token = [{ token: [] }];
const ArgumentItem = Type.Object({ id: Type.Integer(), side: Type.String(), text: Type.String(), author: Type.String(), supports: Type.Integer() });
const CommentItem = Type.Object({ id: Type.Integer(), parentId: Nullable(Type.Integer()), depth: Type.Integer(), author: Nullable(Type.String()), body: Nullable(Type.String({ description: 'null once deleted, or hidden by the moderators (but for its author and the moderators)' })), createdAt: Type.String({ format: 'date-time' }), edited: Type.Boolean(), deleted: Type.Boolean(), hidden: Type.Boolean({ description: 'hidden by the moderators' }), hiddenReason: Nullable(Type.String({ description: "the moderators' reason; null when hidden by its reports" })) });
const LinkItem = Type.Object({ id: Type.Integer(), title: Type.String(), kind: Type.String(), phase: Type.Integer() });
const ChainNeed = Type.Object({ ...LinkItem.properties, ideas: Type.Array(Type.Object({ ...LinkItem.properties, features: Type.Array(LinkItem) })) });
const link = (l: { id: number; title: string; kind: string; phasePosition: number }) => ({ id: l.id, title: l.title, kind: l.kind, phase: l.phasePosition });

export function discussionApi(app: FastifyInstance): void {
  const env = app.ctx;

  async function argumentsOf(req: FastifyRequest, contributionId: number, organizerIds: number[]) {
    return (await listArguments(env.db, { actor: req.actor, organizerIds }, contributionId)).map((a) => ({ id: a.id, side: a.side, text: a.text, author: apiName(a.authorName), supports: a.supports }));
  }

  app.get(
    '/api/v1/contributions/:id/arguments',
    { config: { rule: 'consultation.read' }, schema: { tags, summary: 'Arguments for and against a contribution, most supported first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(ArgumentItem) }) } } },
    async (req) => {
      const { consultation, contribution } = await loadContribution(env.db, req);
      return { items: await argumentsOf(req, contribution.id, consultation.organizerIds) };
    },
  );

  app.post(
    '/api/v1/contributions/:id/arguments',
    { config: { rule: 'contribution.argue' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Add an argument while the phase is open', security: token, params: IdParams, body: ArgumentInput, response: { 201: Type.Object({ items: Type.Array(ArgumentItem) }), 409: phaseClosed } } },
    async (req, reply) => {
      const { consultation, contribution } = await loadContribution(env.db, req);
      await addArgument(env.db, req.actor, contribution, parse(ArgumentInput, req.body));
      return reply.code(201).send({ items: await argumentsOf(req, contribution.id, consultation.organizerIds) });
    },
  );

  app.get(
    '/api/v1/contributions/:id/comments',
    { config: { rule: 'consultation.read' }, schema: { tags, summary: 'The comment thread of a contribution, oldest first (three levels)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CommentItem) }) } } },
    async (req) => {
      const { consultation, contribution } = await loadContribution(env.db, req);
      const items = await listComments(env.db, { actor: req.actor, organizerIds: consultation.organizerIds }, contribution.id);
      return {
        items: items.map((c) => ({
          id: c.id,
          parentId: c.parentId,
          depth: c.depth,
          author: c.deleted || c.masked ? null : apiName(c.authorName),
          body: c.deleted || c.masked ? null : c.body,
          createdAt: c.createdAt.toISOString(),
          edited: c.edited,
          deleted: c.deleted,
          hidden: c.hidden !== undefined,
          hiddenReason: c.hidden?.reason ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/contributions/:id/comments',
    { config: { rule: 'comment.create', adds: true }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Comment, or reply to a comment (parent)', security: token, params: IdParams, body: CommentInput, response: { 201: Type.Object({ id: Type.Integer() }), 409: phaseClosed } } },
    async (req, reply) => {
      const { contribution } = await loadContribution(env.db, req);
      const row = await addComment(env.db, req.actor, contribution, parse(CommentInput, req.body));
      return reply.code(201).send({ id: row.id });
    },
  );

  app.post(
    '/api/v1/contributions/:id/answer',
    { config: { rule: 'consultation.manage' }, validatorCompiler: checkedInHandler, schema: { tags, summary: "Organizers: publish or replace the official answer and the contribution's status", security: token, params: IdParams, body: AnswerInput, response: { 200: Type.Object({ status: Type.Union(answerStatuses.map((s) => Type.Literal(s))), text: Type.String() }) } } },
    async (req) => {
      const { consultation, contribution } = await loadContribution(env.db, req);
      req.authorize('consultation.manage', consultation);
      const input = parse(AnswerInput, req.body);
      await answerContribution(env.db, req.actor, contribution, input);
      return { status: input.status, text: input.answer };
    },
  );

  app.post(
    '/api/v1/contributions/:id/merge',
    { config: { rule: 'consultation.manage' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Organizers: merge this duplicate into another contribution (into)', security: token, params: IdParams, body: MergeInput, response: { 200: Type.Object({ kept: Type.Integer() }) } } },
    async (req) => {
      const { consultation, contribution } = await loadContribution(env.db, req);
      req.authorize('consultation.manage', consultation);
      const input = parse(MergeInput, req.body);
      const kept = await mergeContribution(env, req.actor, contribution, Number(input.into.replace('#', '')));
      return { kept: kept.id };
    },
  );

  app.get(
    '/api/v1/consultations/:slug/phases/:phase/synthesis',
    { config: { rule: 'consultation.read' }, schema: { tags, summary: "A phase's published synthesis (Markdown; [#id] cites a contribution)", params: PhaseParams, response: { 200: Type.Object({ body: Type.String(), publishedAt: Type.String({ format: 'date-time' }), cited: Type.Array(Type.Integer()) }) } } },
    async (req) => {
      const { phase } = await loadPhase(env.db, req);
      const synthesis = await findSynthesis(env.db, phase.id);
      if (!synthesis?.publishedAt) throw new NotFound('synthesis');
      return { body: synthesis.body, publishedAt: synthesis.publishedAt.toISOString(), cited: citedIds(synthesis.body) };
    },
  );

  app.get(
    '/api/v1/consultations/:slug/similar',
    { config: { rule: 'consultation.read', cache: true, lagsWrites: true }, schema: { tags, summary: 'Up to five published contributions that look like a title (French stemming, accents ignored)', params: SlugParams, querystring: SimilarQuery, response: { 200: Type.Object({ items: Type.Array(LinkItem) }) } } },
    async (req, reply) => {
      const consultation = await loadConsultation(env.db, req);
      const { title, exclude } = parse(SimilarQuery, req.query);
      return reply.json({ items: (await similarContributions(env.db, consultation.id, title ?? '', exclude)).map(link) });
    },
  );

  app.get(
    '/api/v1/consultations/:slug/chain',
    { config: { rule: 'consultation.read' }, schema: { tags, summary: 'Needs, the ideas answering them and the features from those ideas, 20 needs a page', params: SlugParams, querystring: ChainQuery, response: { 200: Type.Object({ needs: Type.Array(ChainNeed), total: Type.Integer(), unanswered: Type.Integer(), page: Type.Integer() }) } } },
    async (req) => {
      const consultation = await loadConsultation(env.db, req);
      const q = parse(ChainQuery, req.query);
      const page = q.page ?? 1;
      const result = await chain(env.db, consultation, page, q.unanswered === '1');
      return { needs: result.needs.map((n) => ({ ...link(n), ideas: n.ideas.map((i) => ({ ...link(i), features: i.features.map(link) })) })), total: result.total, unanswered: result.unanswered, page };
    },
  );
}
