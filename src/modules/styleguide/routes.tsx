// /styleguide, the design system's catalogue for developers. Off in production: the route is not even registered
// there, so the address answers the ordinary 404 and nothing of it reaches the route table or the API's checks.
import type { FastifyInstance } from 'fastify';
import { tabOf } from '../../platform/views/tabs.tsx';
import { sampleTabs, StyleguideConfirmPage, StyleguidePage } from './views.tsx';

/** Production is what NODE_ENV says: the config has no "environment" of its own, and operators set NODE_ENV. */
export const styleguideEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.NODE_ENV !== 'production';

export function styleguideRoutes(app: FastifyInstance): void {
  if (!styleguideEnabled()) return;
  app.get('/styleguide', { config: { rule: 'public' } }, async (req, reply) => {
    const query = req.query as { view?: unknown; page?: unknown; tab?: unknown };
    const ctx = req.view();
    if (query.view === 'confirm') return reply.page(StyleguideConfirmPage({ ctx }));
    const page = Number(query.page);
    return reply.page(StyleguidePage({ ctx, tab: tabOf(query, sampleTabs(ctx)), page: Number.isInteger(page) && page >= 1 && page <= 12 ? page : 1 }));
  });
}
