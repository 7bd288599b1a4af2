// Routes that answer htmx with a piece of a page. Opened directly (a bookmark, a crawler, a link followed without
// JavaScript) such a piece would be a "page" with no title and no language: it sends to the page it belongs to.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A route's preHandler: without HX-Request, a redirect (303) to the fragment's page. */
export function fragmentOf(pageOf: (req: FastifyRequest) => string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    // The same address answers two ways: caches must keep them apart.
    reply.header('vary', 'hx-request');
    if (!req.htmx) return reply.redirect(pageOf(req), 303);
  };
}

/** The consultation a route's `:slug` names, as the start of its pages' addresses. */
export const consultationPath = (req: FastifyRequest) => `/consultations/${encodeURIComponent((req.params as { slug: string }).slug)}`;
