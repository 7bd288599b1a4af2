// The HTTP server Fastify listens with. A visitor's request for a page the cache holds fresh is answered here, before
// Fastify parses, routes and runs its hooks: at national scale such hits are most of the traffic, and in profiles
// of the bench Fastify's own work per hit (hooks, reply, metrics) cost about as much as writing the page to the
// socket. Everything else, including every hit that is not fresh, goes to Fastify as usual.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

export interface FrontDoor {
  /** Answers the request if it can (true); unset while the app starts and once it closes. */
  answer?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Fastify's own HTTP/1.1 server (same timeouts) with the front door before its handler. */
export function serverWithFrontDoor(door: FrontDoor): FastifyServerFactory {
  return (handler, options) => {
    const server = createServer((req, res) => {
      if (door.answer?.(req, res)) return;
      handler(req, res);
    });
    server.keepAliveTimeout = Number(options.keepAliveTimeout ?? 72_000);
    server.requestTimeout = Number(options.requestTimeout ?? 0);
    server.setTimeout(Number(options.connectionTimeout ?? 0));
    return server;
  };
}
