// /api: the API's documentation for people, read from the OpenAPI document the app serves at /openapi.json.
import type { FastifyInstance } from 'fastify';
import { readApiDocs, type ApiDocs, type OpenApiDocument } from './model.ts';
import { ApiDocsPage } from './views.tsx';

export function apiDocsRoutes(app: FastifyInstance): void {
  // The document is complete once every route is registered and never changes after: read it once, on first ask.
  let docs: ApiDocs | undefined;
  app.get('/api', { config: { rule: 'public', cache: true } }, async (req, reply) => {
    docs ??= readApiDocs(app.swagger() as OpenApiDocument);
    return reply.page(ApiDocsPage({ ctx: req.view(), docs, postsPerMinute: app.ctx.config.postsPerMinute }));
  });
}
