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

/** A load balancer's check must get its answer well within its own timeout, whatever the database does. */
export const healthPingTimeoutMs = 1000;

export function opsRoutes(app: FastifyInstance, metrics: Registry): void {
  const open = { rule: 'public' };
  // Never shed by the overload guard: a busy instance that answers is alive, and a balancer that took every busy
  // instance out at once would turn a peak into an outage. The ping has a connection and a time limit of its own, so
  // it neither queues behind requests waiting for the pool nor hangs on a database that went silent.
  const health = { ...open, pressureHandler: () => undefined };
  app.get('/healthz', { config: health }, async (_req, reply) => {
    const reachable = await app.ctx.database.ping(healthPingTimeoutMs);
    return reply
      .code(reachable ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: reachable ? 'ok' : 'unavailable', database: { kind: app.ctx.database.kind, reachable } });
  });
  // Metrics tell load, memory and error rates: a scraper on this machine reads them, others need the token.
  app.get('/metrics', { config: open }, async (req, reply) => {
    if (!mayReadMetrics(req, app.ctx.config.metricsToken)) return reply.code(403).type('text/plain').send('forbidden');
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });
  app.get('/openapi.json', { config: open }, async () => app.swagger());
}
