// Serving pages from the page cache without ever rendering the same page twice at once. A fresh page is sent as
// stored; an expired one is sent too while one background request renders it again; an outdated one (a write since)
// is rendered by the first request that asks, while those arriving meanwhile get the previous version (on a route
// that `lagsWrites`, a visitor's outdated by additions only is served and rendered in the background, as an expired
// one); a page not
// stored yet is rendered by one request while the others wait for it. Together they keep a cold or busy cache from
// sending a crowd of identical renders to the database.
//
// Visitors' pages are kept as sent, compressed once. A route marked `cache: 'signed-in'` is also kept for signed-in
// people, one copy per *persona* — platform role, verified address and memberships, which is all its rules read —
// rendered with markers where the person's own values go (their name, their form token, the route's `slots` such
// as their drafts); each answer fills them in, which costs a string replacement and the slots' few lookups instead
// of the page's queries. What the slots answer is kept too, per person, until the next write anywhere (the page cache's
// own rule) and for a few seconds at most, since a few personal things change without a request (a notification
// the fan-out job wrote): a person going from page to page costs no query then.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '@kitajs/html';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Overloaded } from '../errors.ts';
import type { Actor } from '../policy.ts';
import { forClient, PageCache, preferredEncoding, takesGzip, type Encoding, type Found } from './page-cache.ts';
import { gzipFilled, segment } from './filled-gzip.ts';
import { isLocale, negotiateLocale } from './i18n.ts';
import type { HeaderMap } from './security-headers.ts';

/** How long a request waits for another one's render of the same page before it gives up with a 503. */
const waitForRenderMs = 5000;
/** Background renders at once: enough to keep popular pages fresh, never enough to crowd the pool. */
const maxRefreshes = 2;
const refreshHeader = 'x-parvis-refresh';
/** How long a person's slot stays kept when nothing is written: the staleness of a bell's count at worst. */
const personalFreshMs = 10_000;

/** Fills a personal slot for the person asking ('' for a visitor); `arg` is what the view named with the slot. */
export type SlotFiller = (req: FastifyRequest, arg?: string) => Promise<string>;

export interface PageServing {
  cache: PageCache;
  /** Something was written here or elsewhere: stop serving the stored pages as current (`additionOnly`: see PageCache). */
  outdate(additionOnly?: boolean): void;
  /** The page as this request sends it: kept when it may be (a 200 that set no cookie), its markers filled in. */
  finish(req: FastifyRequest, reply: FastifyReply, body: string, type?: string): Promise<string>;
  /** What views print where a slot's content goes (see `slots` in the route's config, and `everyPage`). */
  slot(name: string, arg?: string): string;
  /**
   * A slot any page may print, filled by a module for each request (the header's notification bell, a follow
   * button): `arg` is a short key the view passes (letters, digits, `:`, `_`, `-`), never a person's text.
   */
  everyPage(name: string, filler: SlotFiller): void;
  /** Personal values a view prints in a page kept for a persona: markers, filled in for each person. */
  personal: { csrfToken: string; displayName: string };
  /** The preHandler that answers signed-in people from their persona's copy; registered after authorization. */
  signedIn(req: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  /**
   * Answers a visitor's request straight from a fresh stored page, before Fastify parses or routes it; false when
   * the request is anything else (signed in, a flash to show, not stored, expired, outdated: Fastify's path decides).
   */
  answerFresh(req: IncomingMessage, res: ServerResponse): boolean;
  /** Whether this request renders a page kept for its persona: its view prints markers for the person's own values. */
  forPersona(req: FastifyRequest): boolean;
  /**
   * This answer shows something only this person may see beyond the slots (their own hidden comment, their draft):
   * sent, its markers filled in, but not kept for their persona.
   */
  notShared(req: FastifyRequest): void;
}

export interface PageServingOptions {
  sessionCookie: string;
  flashCookie: string;
  freshMs: number;
  /** sent with every page, also those answered before Fastify */
  securityHeaders: HeaderMap;
}

/** A page rendered or filled in for this request, compressed in one call rather than through a stream. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, html: string, type: string) {
  const { body, encoding } = forClient(html, req.headers['accept-encoding']);
  reply.header('vary', 'accept-encoding').type(type);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(body);
}

/** What a page's rules read of a person: two people with the same persona see the same page. */
function persona(actor: Actor): string {
  const user = actor.user!;
  const memberships = actor.memberships.map((m) => `${m.organizationId}/${m.role}/${m.organizationType}/${m.verified ? 1 : 0}`).sort();
  return `${user.platformRole}:${user.emailVerified ? 1 : 0}:${memberships.join(',')}`;
}

export function registerPageServing(app: FastifyInstance, options: PageServingOptions): PageServing {
  const cache = new PageCache({ freshMs: options.freshMs });
  const personalSlots = new PageCache({ freshMs: personalFreshMs, keepMs: personalFreshMs, maxBytes: 4 * 2 ** 20 });
  const secret = randomBytes(16).toString('hex');
  // Unguessable, so that no text a person writes can pass for a marker and be filled in with someone's values.
  const nonce = randomBytes(8).toString('hex');
  const marker = (name: string, arg?: string) => `\uE000${nonce}:${name}${arg && /^[A-Za-z0-9:_-]{1,100}$/.test(arg) ? `|${arg}` : ''}\uE001`;
  const markers = new RegExp(`\uE000${nonce}:([a-zA-Z]+)(?:\\|([A-Za-z0-9:_-]{1,100}))?\uE001`, 'g');
  const everywhere = new Map<string, SlotFiller>();
  /** the render under way for each key, settled when its response is sent */
  const renders = new Map<string, Promise<void>>();
  const claims = new WeakMap<FastifyRequest, () => void>();
  const personaKeys = new WeakMap<FastifyRequest, string>();
  const ownAnswers = new WeakSet<FastifyRequest>();
  let refreshes = 0;

  const modeOf = (req: FastifyRequest) => req.routeOptions.config.cache;
  const keyOf = (req: IncomingMessage | FastifyRequest, locale: string, who: string) => `${locale}|${req.headers['hx-request'] === 'true' ? 'htmx' : 'page'}|${who}|${req.url}`;
  const visitorLocale = (chosen: string | undefined, acceptLanguage: string | undefined) => (isLocale(chosen) ? chosen : negotiateLocale(acceptLanguage));
  const plainGet = (req: FastifyRequest) => req.method === 'GET' && !req.cookies[options.flashCookie];
  const visitorCacheable = (req: FastifyRequest) => plainGet(req) && Boolean(modeOf(req)) && !req.headers.authorization && !req.cookies[options.sessionCookie];

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

  /**
   * The stored page to answer with, or undefined when this request is to render it (having claimed the key).
   * `refreshable`: an expired page can be rendered again in the background (a visitor's; a persona's cannot be), and
   * one outdated by additions only on a route that `lagsWrites`.
   */
  async function stored(req: FastifyRequest, key: string, encoding: Encoding | undefined, refreshable: (() => void) | undefined): Promise<{ found: Found; state: string } | undefined> {
    let found = cache.lookup(key, encoding);
    if (found?.freshness === 'fresh') return { found, state: 'hit' };
    const under = renders.get(key);
    const replaceable = found?.freshness === 'expired' || (found?.byAdditions === true && req.routeOptions.config.lagsWrites === true);
    if (found && replaceable && refreshable) {
      refreshable();
      return { found, state: 'stale' };
    }
    if (found && under) return { found, state: 'stale' };
    if (under) {
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([under.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitForRenderMs)))]);
      clearTimeout(timer);
      found = cache.lookup(key, encoding);
      if (found && found.freshness !== 'outdated') return { found, state: 'hit' };
      // The render is still going after all that time: the database is struggling; come back shortly.
      if (!waited) throw new Overloaded(2);
      // It ended without a page to keep (an error, a 404): this request renders its own answer.
      if (renders.has(key)) return undefined;
    }
    claim(req, key);
    return undefined;
  }

  /** The slots of the route and the person's own values, in place of their markers. */
  async function fill(req: FastifyRequest, reply: FastifyReply, body: string): Promise<string> {
    const found = [...body.matchAll(markers)];
    if (found.length === 0) return body;
    const values = await personalValues(req, reply, found);
    return body.replace(markers, (marker: string) => values.get(marker) ?? '');
  }

  /** What goes in place of each marker found, for this person. */
  async function personalValues(req: FastifyRequest, reply: FastifyReply, found: RegExpMatchArray[]): Promise<Map<string, string>> {
    const slots = req.routeOptions.config.slots ?? {};
    const wanted = [...new Map(found.map((m) => [m[0], [m[1]!, m[2]] as const]))];
    let token: string | undefined;
    const personal = (name: string) => (name === 'csrfToken' ? (token ??= reply.generateCsrf()) : escapeHtml(req.actor.user?.displayName ?? ''));
    const values = new Map<string, string>();
    await Promise.all(
      wanted.map(async ([found, [name, arg]]) => {
        if (name === 'csrfToken' || name === 'displayName') return void values.set(found, personal(name));
        const own = slots[name];
        const decoration = own ? undefined : everywhere.get(name);
        // A persona's page names the person, its language and address: with the slot, all its filler reads.
        const personaKey = personaKeys.get(req);
        const keptAs = personaKey && req.actor.user ? `${req.actor.user.id}|${name}|${arg ?? ''}|${personaKey}` : undefined;
        const kept = keptAs ? personalSlots.lookup(keptAs, undefined) : undefined;
        let filled: string;
        if (kept?.freshness === 'fresh') filled = kept.body as string;
        else {
          let failed = false;
          const since = personalSlots.current;
          // A slot renders with the request's view, whose token and name are markers on a persona's page: filled
          // below. An every-page slot (the bell) is decoration: if it cannot be read — the database away, and this
          // page the error page saying so — the page goes without it rather than failing twice.
          filled = own
            ? await own(req, arg)
            : decoration
              ? await decoration(req, arg).catch((error: unknown) => {
                  req.log.warn({ err: error, slot: name }, 'page slot left empty');
                  failed = true;
                  return '';
                })
              : '';
          if (keptAs && !failed) personalSlots.set(keptAs, filled, Date.now(), 'text/html; charset=utf-8', since);
        }
        values.set(found, filled.replace(markers, (m: string, inner: string) => (inner === 'csrfToken' || inner === 'displayName' ? personal(inner) : '')));
      }),
    );
    return values;
  }

  function send(reply: FastifyReply, page: Found, state: string) {
    reply.header('x-page-cache', state).header('vary', 'accept-encoding').type(page.type);
    if (page.encoding) reply.header('content-encoding', page.encoding);
    return reply.send(page.body);
  }

  app.addHook('onRequest', async (req, reply) => {
    if (!visitorCacheable(req)) return;
    const locale = visitorLocale(req.cookies['parvis-lang'], req.headers['accept-language']);
    const key = keyOf(req, locale, 'visitor');
    req.cacheKey = key;
    if (req.headers[refreshHeader] === secret) {
      if (renders.has(key)) return reply.code(204).send();
      return claim(req, key);
    }
    const answer = await stored(req, key, preferredEncoding(req.headers['accept-encoding']), () => refresh(req, key, locale));
    if (answer) return send(reply, answer.found, answer.state);
  });

  // Whatever happens to the render (stored, refused, failed, the client gone), the waiters are let go.
  const release = async (req: FastifyRequest) => {
    claims.get(req)?.();
    claims.delete(req);
  };
  app.addHook('onRequestAbort', release);
  app.addHook('onResponse', release);

  return {
    cache,
    outdate: (additionOnly) => {
      cache.invalidate(additionOnly);
      personalSlots.invalidate();
    },
    slot: marker,
    everyPage: (name, filler) => void everywhere.set(name, filler),
    forPersona: (req) => personaKeys.has(req),
    notShared: (req) => void ownAnswers.add(req),
    personal: { csrfToken: marker('csrfToken'), displayName: marker('displayName') },

    answerFresh(req, res) {
      // What `visitorCacheable` asks of a request, read off the raw one; a stored entry means its route keeps pages.
      if (req.method !== 'GET' || req.headers.authorization || req.headers[refreshHeader]) return false;
      const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
      if (cookies[options.sessionCookie] || cookies[options.flashCookie]) return false;
      const key = keyOf(req, visitorLocale(cookies['parvis-lang'], req.headers['accept-language']), 'visitor');
      const found = cache.lookup(key, preferredEncoding(req.headers['accept-encoding']));
      if (found?.freshness !== 'fresh') return false;
      // writeHead fixes the headers at once: without its length the body would go out chunked.
      const length = typeof found.body === 'string' ? Buffer.byteLength(found.body) : found.body.length;
      const headers: Record<string, string | number> = { ...options.securityHeaders, 'x-page-cache': 'hit', vary: 'accept-encoding', 'content-type': found.type, 'content-length': length };
      if (found.encoding) headers['content-encoding'] = found.encoding;
      res.writeHead(200, headers).end(found.body);
      return true;
    },

    async signedIn(req, reply) {
      if (!req.actor.signedIn || modeOf(req) !== 'signed-in' || !plainGet(req) || req.viaToken) return;
      const key = keyOf(req, req.locale, persona(req.actor));
      personaKeys.set(req, key);
      const answer = await stored(req, key, undefined, undefined);
      if (!answer) return;
      reply.header('x-page-cache', answer.state).header('cache-control', 'private, no-store');
      const segmented = takesGzip(req.headers['accept-encoding']) ? cache.derive(key, (html) => segment(html, markers)) : undefined;
      if (!segmented) return sendPage(req, reply, await fill(req, reply, answer.found.body as string), answer.found.type);
      // The kept page's text compressed once, the person's values put in between (filled-gzip.ts).
      const values = await personalValues(req, reply, segmented.markers);
      return send(reply, { ...answer.found, body: gzipFilled(segmented, (marker) => values.get(marker) ?? ''), encoding: 'gzip' }, answer.state);
    },

    async finish(req, reply, body, type) {
      const keep = reply.statusCode === 200 && !reply.hasHeader('set-cookie');
      const personaKey = personaKeys.get(req);
      if (personaKey) {
        if (keep && !ownAnswers.has(req)) cache.set(personaKey, body, Date.now(), type);
        return fill(req, reply, body);
      }
      // A visitor's page is kept as it is sent: its slots filled for a visitor, once (and not if filling set a cookie).
      const sent = await fill(req, reply, body);
      if (keep && req.cacheKey && !reply.hasHeader('set-cookie')) cache.set(req.cacheKey, sent, Date.now(), type);
      return sent;
    },
  };
}
