// The home page: what Parvis is and where to start.
import type { FastifyInstance } from 'fastify';
import { HomePage } from './views/home.tsx';

export function homeRoutes(app: FastifyInstance): void {
  app.get('/', { config: { rule: 'public', cache: true } }, async (req, reply) => reply.page(HomePage({ ctx: req.view() })));
}
