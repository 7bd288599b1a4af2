// The moderation part of the JSON API: anyone with a token reports; moderators (and organizers, for their
// consultations' items) read the queue and decide; moderators block accounts. The same services as the pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { parse } from '../../platform/validation.ts';
import { checkedInHandler, Nullable } from '../consultations/api.ts';
import { BlockInput, BulkInput, DecisionInput, ItemParams, KindSchema, ReasonSchema, ReportInput, queueOrders, queueTabs } from './inputs.ts';
import { loadItem } from './kinds.ts';
import './policy.ts';
import { queueItems, queuePageSize, queueScope, readFilters, reportsOf } from './queue.ts';
import { reportLimit } from './routes.tsx';
import { blockAccount, decide, findItem, report, unblockAccount, type ModerationItem } from './service.ts';

const Reported = Type.Object({
  item: Type.Integer({ description: 'the moderation item the report joined' }),
  already: Type.Boolean({ description: 'true when this person had already reported it: one open report per person and item' }),
  hidden: Type.Boolean({ description: 'the item is hidden now (by the number of its reports, or before)' }),
});

const ItemSummary = Type.Object({
  id: Type.Integer(),
  kind: KindSchema,
  itemId: Type.Integer(),
  title: Type.String(),
  url: Type.String(),
  openReports: Type.Integer(),
  reasons: Type.Array(ReasonSchema),
  lastReportedAt: Nullable(Type.String({ format: 'date-time' })),
  excerpt: Type.String({ description: 'the text as last reported' }),
  hidden: Type.Boolean(),
  hiddenAutomatically: Type.Boolean(),
  hiddenReason: Nullable(Type.String()),
  authorId: Nullable(Type.Integer()),
  authorBlocked: Type.Boolean(),
});

const ItemDetail = Type.Object({
  id: Type.Integer(),
  kind: KindSchema,
  itemId: Type.Integer(),
  title: Type.String(),
  url: Type.String(),
  openReports: Type.Integer(),
  hidden: Type.Boolean(),
  hiddenAt: Nullable(Type.String({ format: 'date-time' })),
  hiddenReason: Nullable(Type.String()),
  hiddenAutomatically: Type.Boolean(),
  current: Nullable(Type.Object({ title: Type.String(), body: Type.String() }, { description: 'the item as it stands now; null when it is gone' })),
  reports: Type.Array(
    Type.Object({
      id: Type.Integer(),
      reason: ReasonSchema,
      details: Type.String(),
      snapshot: Type.Object({ title: Type.String(), body: Type.String() }, { description: 'the text when it was reported' }),
      createdAt: Type.String({ format: 'date-time' }),
      closedAt: Nullable(Type.String({ format: 'date-time' })),
      outcome: Nullable(Type.String()),
    }),
  ),
});

const QueueQuery = Type.Object({
  tab: Type.Optional(Type.Union(queueTabs.filter((t) => t !== 'blocked').map((t) => Type.Literal(t)), { description: 'open: items with open reports; hidden: hidden items' })),
  kind: Type.Optional(KindSchema),
  reason: Type.Optional(ReasonSchema),
  consultation: Type.Optional(Type.Integer({ minimum: 1, description: 'a consultation id' })),
  order: Type.Optional(Type.Union(queueOrders.map((o) => Type.Literal(o)))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

const security = [{ token: [] }];
const tags = ['moderation'];

export function moderationApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;

  async function detail(req: FastifyRequest, item: ModerationItem) {
    const [current, list] = await Promise.all([loadItem(env.db, req.actor, item.kind, item.itemId), reportsOf(env.db, item.id)]);
    return {
      id: item.id,
      kind: item.kind,
      itemId: item.itemId,
      title: item.title,
      url: url(item.href),
      openReports: item.openReports,
      hidden: item.hiddenAt !== null,
      hiddenAt: item.hiddenAt?.toISOString() ?? null,
      hiddenReason: item.hiddenReason,
      hiddenAutomatically: item.hiddenAt !== null && item.hiddenBy === null && !item.hiddenByBlock,
      current: current ? { title: current.title, body: current.body } : null,
      reports: list.map((r) => ({ id: r.id, reason: r.reason, details: r.details, snapshot: { title: r.snapshotTitle, body: r.snapshotBody }, createdAt: r.createdAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null, outcome: r.outcome })),
    };
  }

  async function decidable(req: FastifyRequest) {
    const item = await findItem(env.db, parse(ItemParams, req.params).id);
    req.authorize('moderation.decide', item);
    return item;
  }

  app.post(
    '/api/v1/reports',
    {
      config: { rule: 'report.create', rateLimit: reportLimit },
      validatorCompiler: checkedInHandler,
      schema: { tags, summary: 'Report content (one open report per person and item; three people hide it until a moderator decides)', security, body: ReportInput, response: { 201: Reported, 200: Reported } },
    },
    async (req, reply) => {
      const done = await report(env, req.actor, parse(ReportInput, req.body));
      return reply.code(done.already ? 200 : 201).send({ item: done.itemId, already: done.already, hidden: done.hidden });
    },
  );

  app.get(
    '/api/v1/moderation/items',
    { config: { rule: 'moderation.queue' }, schema: { tags, summary: 'The moderation queue (moderators: everything; organizers: their consultations)', security, querystring: QueueQuery, response: { 200: Type.Object({ items: Type.Array(ItemSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) } } },
    async (req) => {
      const scope = await queueScope(env.db, req.actor);
      req.authorize('moderation.queue', { organizedConsultationIds: scope.consultationIds });
      const filters = readFilters(req.query);
      const { items, total } = await queueItems(env.db, scope, { ...filters, tab: filters.tab === 'hidden' ? 'hidden' : 'open' });
      return {
        items: items.map((i) => ({
          id: i.id,
          kind: i.kind,
          itemId: i.itemId,
          title: i.title,
          url: url(i.href),
          openReports: i.openReports,
          reasons: i.reasons,
          lastReportedAt: i.lastReportedAt?.toISOString() ?? null,
          excerpt: i.excerpt,
          hidden: i.hiddenAt !== null,
          hiddenAutomatically: i.hiddenAutomatically,
          hiddenReason: i.hiddenReason,
          authorId: i.authorId,
          authorBlocked: i.authorBlocked,
        })),
        total,
        page: filters.page,
        pageSize: queuePageSize,
      };
    },
  );

  app.get(
    '/api/v1/moderation/items/:id',
    { config: { rule: 'moderation.decide' }, schema: { tags, summary: 'A reported item with its reports and their snapshots', security, params: ItemParams, response: { 200: ItemDetail } } },
    async (req) => detail(req, await decidable(req)),
  );

  app.post(
    '/api/v1/moderation/items/:id/hide',
    { config: { rule: 'moderation.decide' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Hide an item with a reason shown in its place and sent to its author', security, params: ItemParams, body: DecisionInput, response: { 200: ItemDetail } } },
    async (req) => {
      const item = await decidable(req);
      await decide(env, req.actor, [item.id], 'hide', parse(DecisionInput, req.body).reason);
      return detail(req, await findItem(env.db, item.id));
    },
  );

  for (const action of ['restore', 'dismiss'] as const) {
    app.post(
      `/api/v1/moderation/items/:id/${action}`,
      {
        config: { rule: 'moderation.decide' },
        schema: { tags, summary: action === 'restore' ? 'Restore a hidden item' : 'Dismiss the open reports of an item (restores it if its reports had hidden it)', security, params: ItemParams, response: { 200: ItemDetail } },
      },
      async (req) => {
        const item = await decidable(req);
        await decide(env, req.actor, [item.id], action);
        return detail(req, await findItem(env.db, item.id));
      },
    );
  }

  app.post(
    '/api/v1/moderation/bulk',
    { config: { rule: 'moderation.queue' }, validatorCompiler: checkedInHandler, schema: { tags, summary: 'Hide, restore or dismiss several items at once: all or none', security, body: BulkInput, response: { 200: Type.Object({ decided: Type.Integer() }) } } },
    async (req) => {
      const scope = await queueScope(env.db, req.actor);
      req.authorize('moderation.queue', { organizedConsultationIds: scope.consultationIds });
      const input = parse(BulkInput, req.body);
      return { decided: await decide(env, req.actor, input.items, input.action, input.reason) };
    },
  );

  app.post(
    '/api/v1/moderation/accounts/:id/block',
    {
      config: { rule: 'moderation.block' },
      validatorCompiler: checkedInHandler,
      schema: { tags, summary: 'Block an account (its sessions and tokens stop at once), optionally hiding everything it wrote in debates', security, params: ItemParams, body: BlockInput, response: { 200: Type.Object({ blocked: Type.Boolean(), hidden: Type.Integer() }) } },
    },
    async (req) => {
      const { hidden } = await blockAccount(env, req.actor, parse(ItemParams, req.params).id, parse(BlockInput, req.body));
      return { blocked: true, hidden };
    },
  );

  app.post(
    '/api/v1/moderation/accounts/:id/unblock',
    { config: { rule: 'moderation.block' }, schema: { tags, summary: 'Unblock an account; what was hidden with the block is shown again', security, params: ItemParams, response: { 200: Type.Object({ blocked: Type.Boolean(), restored: Type.Integer() }) } } },
    async (req) => {
      const { restored } = await unblockAccount(env, req.actor, parse(ItemParams, req.params).id);
      return { blocked: false, restored };
    },
  );
}
