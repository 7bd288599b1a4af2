// Back office pages: overview with the audit log, and accounts (roles, blocking).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recentAudit } from '../../platform/audit/service.ts';
import { Id, parse } from '../../platform/validation.ts';
import { pageSlugs } from '../pages/schema.ts';
import { listUsers, setBlocked, setPlatformRole, usersPageSize } from '../accounts/management.ts';
import { pendingVerifications } from '../organizations/verification.ts';
import './policy.ts';
import { AdminHome, UsersPage } from './views/admin.tsx';

const UsersQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const UserParams = Type.Object({ id: Id });

export function adminRoutes(app: FastifyInstance): void {
  const { db } = app.ctx;
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
    return reply.page(UsersPage({ ctx: req.view(), users: items, q: query.q ?? '', page, pages: Math.max(1, Math.ceil(total / usersPageSize)), canSetRole: req.actor.isAdmin }));
  });
  app.post('/admin/users/:id/role', { config: { rule: 'admin.setRole' } }, async (req, reply) => {
    const { id } = parse(UserParams, req.params);
    await setPlatformRole(db, req.actor, id, String((req.body as { platformRole?: unknown } | undefined)?.platformRole ?? ''));
    return reply.flash({ kind: 'success', key: 'admin:flash.roleSet' }).redirect('/admin/users', 303);
  });
  app.post('/admin/users/:id/block', { config: { rule: 'admin.block' } }, async (req, reply) => {
    const { id } = parse(UserParams, req.params);
    const blocked = (req.body as { blocked?: unknown } | undefined)?.blocked !== '0';
    await setBlocked(db, req.actor, id, blocked);
    return reply.flash({ kind: 'success', key: blocked ? 'admin:flash.blocked' : 'admin:flash.unblocked' }).redirect('/admin/users', 303);
  });
}
