// What operators and integrators call: health, Prometheus metrics, the OpenAPI document.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayReadMetrics(req: FastifyRequest, token: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (token && given) {
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  // The socket's address, not a forwarded one: behind a proxy on this machine, set the token.
  return loopback.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

export function opsRoutes(app: FastifyInstance, metrics: Registry): void {
  const open = { rule: 'public' };
  app.get('/healthz', { config: open }, async (_req, reply) => {
    const reachable = await app.ctx.database.ping();
    return reply.code(reachable ? 200 : 503).send({ status: reachable ? 'ok' : 'unavailable', database: { kind: app.ctx.database.kind, reachable } });
  });
  // Metrics tell load, memory and error rates: a scraper on this machine reads them, others need the token.
  app.get('/metrics', { config: open }, async (req, reply) => {
    if (!mayReadMetrics(req, app.ctx.config.metricsToken)) return reply.code(403).type('text/plain').send('forbidden');
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });
  app.get('/openapi.json', { config: open }, async () => app.swagger());
}
