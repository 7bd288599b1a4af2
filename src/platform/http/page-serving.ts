// Serving visitors' pages from the page cache without ever rendering the same page twice at once. A fresh page is
// sent as stored; an expired one is sent too while one background request renders it again; an outdated one (a write
// since) is rendered by the first request that asks, while those arriving meanwhile get the previous version; a page
// not stored yet is rendered by one request while the others wait for it. Together they keep a cold or busy cache
// from sending a crowd of identical renders to the database.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Overloaded } from '../errors.ts';
import { PageCache, preferredEncoding, type CachedPage } from './page-cache.ts';
import { isLocale, negotiateLocale } from './i18n.ts';

/** How long a request waits for another one's render of the same page before it gives up with a 503. */
const waitForRenderMs = 5000;
/** Background renders at once: enough to keep popular pages fresh, never enough to crowd the pool. */
const maxRefreshes = 2;
const refreshHeader = 'x-parvis-refresh';

export interface PageServing {
  cache: PageCache;
  /** Something was written here or elsewhere: stop serving the stored pages as current. */
  outdate(): void;
  /** Keep a rendered visitor page (a 200 that set no cookie) for the next visitors. */
  store(req: FastifyRequest, body: string, type?: string): void;
}

export interface PageServingOptions {
  sessionCookie: string;
  flashCookie: string;
  freshMs: number;
}

function send(reply: FastifyReply, page: CachedPage, state: string) {
  reply.header('x-page-cache', state).header('vary', 'accept-encoding').type(page.type);
  if (page.encoding) reply.header('content-encoding', page.encoding);
  return reply.send(page.body);
}

export function registerPageServing(app: FastifyInstance, options: PageServingOptions): PageServing {
  const cache = new PageCache({ freshMs: options.freshMs });
  const secret = randomBytes(16).toString('hex');
  /** the render under way for each key, settled when its response is sent */
  const renders = new Map<string, Promise<void>>();
  const claims = new WeakMap<FastifyRequest, () => void>();
  let refreshes = 0;

  const cacheable = (req: FastifyRequest) =>
    req.method === 'GET' && req.routeOptions.config.cache === true && !req.headers.authorization && !req.cookies[options.sessionCookie] && !req.cookies[options.flashCookie];

  function claim(req: FastifyRequest, key: string): void {
    let settle!: () => void;
    renders.set(key, new Promise<void>((resolve) => (settle = resolve)));
    claims.set(req, () => {
      renders.delete(key);
      settle();
    });
  }

  /** A request of our own renders the page again; the visitor who found it expired has already been answered. */
  function refresh(req: FastifyRequest, key: string, locale: string): void {
    if (renders.has(key) || refreshes >= maxRefreshes) return;
    refreshes++;
    const headers: Record<string, string> = { [refreshHeader]: secret, cookie: `parvis-lang=${locale}` };
    if (req.headers['hx-request'] === 'true') headers['hx-request'] = 'true';
    app
      .inject({ method: 'GET', url: req.url, headers })
      .catch((error: unknown) => app.log.warn({ err: error, url: req.url }, 'page refresh failed'))
      .finally(() => refreshes--);
  }

  app.addHook('onRequest', async (req, reply) => {
    if (!cacheable(req)) return;
    const chosen = req.cookies['parvis-lang'];
    const locale = isLocale(chosen) ? chosen : negotiateLocale(req.headers['accept-language']);
    const key = `${locale}|${req.headers['hx-request'] === 'true' ? 'htmx' : 'page'}|${req.url}`;
    req.cacheKey = key;
    if (req.headers[refreshHeader] === secret) {
      if (renders.has(key)) return reply.code(204).send();
      return claim(req, key);
    }
    const encoding = preferredEncoding(req.headers['accept-encoding']);
    let found = cache.lookup(key, encoding);
    if (found?.freshness === 'fresh') return send(reply, found, 'hit');
    if (found?.freshness === 'expired') {
      refresh(req, key, locale);
      return send(reply, found, 'stale');
    }
    const under = renders.get(key);
    if (found && under) return send(reply, found, 'stale');
    if (under) {
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([under.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitForRenderMs)))]);
      clearTimeout(timer);
      found = cache.lookup(key, encoding);
      if (found && found.freshness !== 'outdated') return send(reply, found, 'hit');
      // The render is still going after all that time: the database is struggling; come back shortly.
      if (!waited) throw new Overloaded(2);
      // It ended without a page to keep (an error, a 404): this request renders its own answer.
      if (renders.has(key)) return;
    }
    claim(req, key);
  });

  // Whatever happens to the render (stored, refused, failed, the client gone), the waiters are let go.
  const release = async (req: FastifyRequest) => {
    claims.get(req)?.();
    claims.delete(req);
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  return {
    cache,
    outdate: () => cache.invalidate(),
    store(req, body, type) {
      if (req.cacheKey) cache.set(req.cacheKey, body, Date.now(), type);
    },
  };
}
