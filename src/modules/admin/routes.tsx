// Back office pages: overview with the audit log, and accounts (roles, blocking).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recentAudit } from '../../platform/audit/service.ts';
import { Forbidden, ValidationFailed } from '../../platform/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { Id, parse } from '../../platform/validation.ts';
import { ConfirmPage, isConfirmed, reasonOf } from '../../platform/views/confirm.tsx';
import type { FormState } from '../../platform/views/form.tsx';
import { pageSlugs } from '../pages/schema.ts';
import { mayBlock, mayUnblock } from '../accounts/blocking.ts';
import { listUsers, setPlatformRole, usersPageSize } from '../accounts/management.ts';
import { accountOf } from '../moderation/queue.ts';
import { blockAccount, unblockAccount } from '../moderation/service.ts';
import { pendingVerifications } from '../organizations/verification.ts';
import './policy.ts';
import { AdminHome, UsersPage } from './views/admin.tsx';

const UsersQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const UserParams = Type.Object({ id: Id });

export function adminRoutes(app: FastifyInstance): void {
  const { db } = app.ctx;

  /** Blocking asks first, with a reason the person is sent (the moderation service mails it and audits it). */
  async function blockConfirmation(req: FastifyRequest, id: number, form?: FormState) {
    const account = await accountOf(db, id);
    if (!mayBlock(req.actor, account)) throw new Forbidden('account.block');
    const ctx = req.view();
    return ConfirmPage({
      ctx,
      title: ctx.ta('confirm.block.title', { name: account.displayName }),
      consequence: ctx.ta('confirm.block.consequence'),
      action: `/admin/users/${id}/block`,
      back: '/admin/users',
      reason: 'required',
      reasonHint: ctx.ta('confirm.block.reasonHint'),
      hidden: { blocked: '1' },
      form,
    });
  }
  app.get('/admin', { config: { rule: 'admin.view' } }, async (req, reply) =>
    reply.page(AdminHome({ ctx: req.view(), pages: [...pageSlugs], audit: await recentAudit(db), pending: await pendingVerifications(app.ctx) })),
  );
  app.get('/admin/users', { config: { rule: 'admin.users' } }, async (req, reply) => {
    let query: { q?: string; page?: number };
    try {
      query = parse(UsersQuery, req.query);
    } catch {
      query = {};
    }
    const page = query.page ?? 1;
    const { items, total } = await listUsers(db, { q: query.q, page });
    return reply.page(UsersPage({ ctx: req.view(), users: items, q: query.q ?? '', page, pages: Math.max(1, Math.ceil(total / usersPageSize)), canSetRole: req.actor.isAdmin, mayAct: (user) => (user.blockedAt ? mayUnblock(req.actor, user) : mayBlock(req.actor, user)) }));
  });
  app.post('/admin/users/:id/role', { config: { rule: 'admin.setRole' } }, async (req, reply) => {
    const { id } = parse(UserParams, req.params);
    await setPlatformRole(db, req.actor, id, String((req.body as { platformRole?: unknown } | undefined)?.platformRole ?? ''));
    return reply.flash({ kind: 'success', key: 'admin:flash.roleSet' }).redirect('/admin/users', 303);
  });
  app.get('/admin/users/:id/block', { config: { rule: 'admin.block' } }, async (req, reply) => reply.page(blockConfirmation(req, parse(UserParams, req.params).id)));
  app.post('/admin/users/:id/block', { config: { rule: 'admin.block' } }, async (req, reply) => {
    const { id } = parse(UserParams, req.params);
    if ((req.body as { blocked?: unknown } | undefined)?.blocked === '0') {
      await unblockAccount(app.ctx, req.actor, id);
      return reply.flash({ kind: 'success', key: 'admin:flash.unblocked' }).redirect('/admin/users', 303);
    }
    if (!isConfirmed(req.body)) return reply.redirect(`/admin/users/${id}/block`, 303);
    try {
      await blockAccount(app.ctx, req.actor, id, { reason: reasonOf(req.body, true)! });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.page(blockConfirmation(req, id, { values: formValues(req.body), errors: error.fields }), 422);
    }
    return reply.flash({ kind: 'success', key: 'admin:flash.blocked' }).redirect('/admin/users', 303);
  });
}
