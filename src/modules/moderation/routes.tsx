// HTML pages of moderation: reporting (a page, or in place with htmx), the queue, an item and the decisions about it,
// one at a time or on a selection. Accounts and the charter have their own files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formValues, safeNext } from '../../platform/http/forms.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import { can } from '../../platform/policy.ts';
import { Id, parse } from '../../platform/validation.ts';
import type { FormState } from '../../platform/views/form.tsx';
import { users } from '../accounts/schema.ts';
import { eq } from 'drizzle-orm';
import { BulkInput, DecisionInput, ItemParams, KindSchema, ReportInput } from './inputs.ts';
import { excerptOf, loadItem } from './kinds.ts';
import './policy.ts';
import { queueConsultations, queueItems, queueScope, readFilters, reportsOf, blockedAccounts } from './queue.ts';
import { decide, findItem, report } from './service.ts';
import { ItemPage, type ItemForms } from './views/item.tsx';
import { BlockedPage, QueuePage } from './views/queue.tsx';
import { ReportForm, ReportPage, ReportSent, type ReportTarget } from './views/report.tsx';

const ReportQuery = Type.Object({ kind: KindSchema, id: Id, inline: Type.Optional(Type.String({ maxLength: 1 })) });

/** Reports are few and considered: twenty in ten minutes is more than anyone reading honestly sends. */
export const reportLimit = { max: 20, timeWindow: '10 minutes', hook: 'preHandler' as const, keyGenerator: (req: FastifyRequest) => `user:${req.actor?.user?.id ?? req.ip}` };

export function moderationRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function target(req: FastifyRequest, kind: ReportInput['kind'], id: number): Promise<ReportTarget & { authorId: number | null }> {
    const item = await loadItem(env.db, req.actor, kind, id);
    if (!item) throw new NotFound(kind);
    return { kind, id, title: item.title, excerpt: excerptOf(item.body, 400), href: item.href, authorId: item.authorId };
  }

  app.get('/reports/new', { config: { rule: 'report.create' } }, async (req, reply) => {
    const query = parse(ReportQuery, req.query);
    const found = await target(req, query.kind, query.id);
    const form: FormState = { values: {}, errors: found.authorId === req.actor.user?.id ? { reason: { key: 'moderation:validation.own' } } : {} };
    if (req.htmx && query.inline === '1') return reply.page(ReportForm({ ctx: req.view(), target: found, form, inline: true }));
    return reply.page(ReportPage({ ctx: req.view(), target: found, form }), form.errors.reason ? 422 : 200);
  });

  app.post('/reports', { config: { rule: 'report.create', rateLimit: reportLimit } }, async (req, reply) => {
    const values = formValues(req.body);
    const inline = req.htmx && values.inline === '1';
    try {
      const input = parse(ReportInput, req.body);
      const done = await report(env, req.actor, input);
      if (inline) return reply.page(ReportSent({ ctx: req.view(), already: done.already }));
      const back = (await loadItem(env.db, req.actor, input.kind, input.id))?.href ?? '/';
      return reply.flash({ kind: 'success', key: done.already ? 'moderation:report.already' : 'moderation:report.thanks' }).redirect(safeNext(back), 303);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const kind = parse(Type.Object({ kind: Type.Optional(KindSchema), id: Type.Optional(Id) }), { kind: values.kind, id: values.id });
      if (!kind.kind || !kind.id) throw error;
      const found = await target(req, kind.kind, kind.id);
      const form = { values, errors: error.fields };
      // htmx swaps 2xx answers only: the form comes back in place with its errors.
      if (inline) return reply.page(ReportForm({ ctx: req.view(), target: found, form, inline: true }));
      return reply.page(ReportPage({ ctx: req.view(), target: found, form }), 422);
    }
  });

  app.get('/moderation', { config: { rule: 'moderation.queue' } }, async (req, reply) => {
    const scope = await queueScope(env.db, req.actor);
    req.authorize('moderation.queue', { organizedConsultationIds: scope.consultationIds });
    const filters = readFilters(req.query);
    if (filters.tab === 'blocked') {
      req.authorize('moderation.block');
      const { items, total } = await blockedAccounts(env.db, filters.page);
      return reply.page(BlockedPage({ ctx: req.view(), items, total, page: filters.page }));
    }
    return showQueue(req, reply);
  });

  async function showQueue(req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) {
    const scope = await queueScope(env.db, req.actor);
    const filters = readFilters(req.query);
    const [{ items, total }, consultations] = await Promise.all([queueItems(env.db, scope, filters.tab === 'blocked' ? { ...filters, tab: 'open' } : filters), queueConsultations(env.db, scope)]);
    return reply.page(QueuePage({ ctx: req.view(), filters, items, total, consultations, organizerOnly: !scope.all, form }), status);
  }

  /** The item, once the actor is known to decide about it (an organizer, about their consultations' items only). */
  async function decidable(req: FastifyRequest) {
    const { id } = parse(ItemParams, req.params);
    const item = await findItem(env.db, id);
    req.authorize('moderation.decide', item);
    return item;
  }

  async function showItem(req: FastifyRequest, reply: FastifyReply, item: Awaited<ReturnType<typeof findItem>>, forms: ItemForms = {}, status = 200) {
    const [current, reportList, author] = await Promise.all([
      loadItem(env.db, req.actor, item.kind, item.itemId),
      reportsOf(env.db, item.id),
      item.authorId ? env.db.select({ id: users.id, name: users.displayName, blockedAt: users.blockedAt }).from(users).where(eq(users.id, item.authorId)).then((r) => r[0]) : undefined,
    ]);
    return reply.page(
      ItemPage({ ctx: req.view(), item, current, reports: reportList, author: author ? { id: author.id, name: author.name, blocked: author.blockedAt !== null } : undefined, canBlock: can(req.actor, 'moderation.block'), forms }),
      status,
    );
  }

  app.get('/moderation/items/:id', { config: { rule: 'moderation.decide' } }, async (req, reply) => showItem(req, reply, await decidable(req)));

  app.post('/moderation/items/:id/hide', { config: { rule: 'moderation.decide' } }, async (req, reply) => {
    const item = await decidable(req);
    try {
      const { reason } = parse(DecisionInput, req.body);
      await decide(env, req.actor, [item.id], 'hide', reason);
    } catch (error) {
      if (error instanceof ValidationFailed) return showItem(req, reply, item, { hide: { values: formValues(req.body), errors: error.fields } }, 422);
      throw error;
    }
    return reply.flash({ kind: 'success', key: 'moderation:flash.hidden' }).redirect('/moderation', 303);
  });

  for (const action of ['restore', 'dismiss'] as const) {
    app.post(`/moderation/items/:id/${action}`, { config: { rule: 'moderation.decide' } }, async (req, reply) => {
      const item = await decidable(req);
      await decide(env, req.actor, [item.id], action);
      return reply.flash({ kind: 'success', key: `moderation:flash.${action === 'restore' ? 'restored' : 'dismissed'}` }).redirect('/moderation', 303);
    });
  }

  // Each item of the selection is checked against the actor's scope inside the one transaction (service.decide).
  app.post('/moderation/bulk', { config: { rule: 'moderation.queue' } }, async (req, reply) => {
    const scope = await queueScope(env.db, req.actor);
    req.authorize('moderation.queue', { organizedConsultationIds: scope.consultationIds });
    const body = { ...formValues(req.body), items: [formValues(req.body).items ?? []].flat() };
    try {
      const input = parse(BulkInput, body);
      if (input.action === 'hide' && !(input.reason && input.reason.length >= 3)) throw ValidationFailed.one('reason', 'moderation:validation.reasonRequired');
      const count = await decide(env, req.actor, input.items, input.action, input.reason);
      return reply.flash({ kind: 'success', key: 'moderation:flash.bulk', vars: { count: String(count) } }).redirect('/moderation', 303);
    } catch (error) {
      if (error instanceof ValidationFailed) return showQueue(req, reply, { values: body, errors: error.fields }, 422);
      throw error;
    }
  });
}
