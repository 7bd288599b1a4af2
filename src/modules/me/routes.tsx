// "My space" (issue 15, item 8): one page per person of what is theirs, linked from the header's account menu.
import type { FastifyInstance } from 'fastify';
import './policy.ts';
import { mySpace } from './service.ts';
import { MySpacePage } from './views/me.tsx';

export function meRoutes(app: FastifyInstance): void {
  app.get('/me', { config: { rule: 'me.read' } }, async (req, reply) => reply.page(MySpacePage({ ctx: req.view(), space: await mySpace(app.ctx.db, req.actor) })));
}
