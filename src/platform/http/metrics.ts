// Prometheus metrics: process defaults and a request-duration histogram by route and status.
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function registerMetrics(app: FastifyInstance): { registry: Registry; frontDoorHit: () => void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parvis_' });
  const duration = new Histogram({
    name: 'parvis_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  // Pages answered before Fastify (server.ts) have no route nor hook: counted apart, without a duration.
  const hits = new Counter({ name: 'parvis_page_cache_front_door_hits_total', help: 'Visitor pages answered from the page cache before routing', registers: [registry] });
  return { registry, frontDoorHit: () => hits.inc() };
}
