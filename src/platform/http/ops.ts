// What operators and integrators call: health, Prometheus metrics, the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export function opsRoutes(app: FastifyInstance, metrics: Registry): void {
  const open = { rule: 'public' };
  app.get('/healthz', { config: open }, async (_req, reply) => {
    const reachable = await app.ctx.database.ping();
    return reply.code(reachable ? 200 : 503).send({ status: reachable ? 'ok' : 'unavailable', database: { kind: app.ctx.database.kind, reachable } });
  });
  app.get('/metrics', { config: open }, async (_req, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));
  app.get('/openapi.json', { config: open }, async () => app.swagger());
}
