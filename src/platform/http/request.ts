// Per-request plumbing: who is asking (session cookie or API token), in which language, CSRF, and the route's rule.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Actor, authorize, hasRule, isScoped } from '../policy.ts';
import { DomainError } from '../errors.ts';
import type { Flash, ViewContext } from '../views/context.ts';
import type { RouteRule, ServiceEnv } from './types.ts';
import type { Config } from '../../config.ts';
import { cookieName, cookieOptions } from './cookies.ts';
import { registerPageServing, sendPage } from './page-serving.ts';
import { isLocale, negotiateLocale, translator } from './i18n.ts';
import { rejectedTitle } from '../views/layout.tsx';
import type { HeaderMap } from './security-headers.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A personal token opens the API only: pages and forms (token creation, password, deletion) need a session. */
function bearer(req: FastifyRequest): string | undefined {
  if (!req.url.startsWith('/api/')) return undefined;
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

function readFlash(req: FastifyRequest, reply: FastifyReply, name: string, config: Config): Flash | undefined {
  const raw = req.cookies[name];
  if (!raw) return undefined;
  // A __Host- cookie is only replaced by one with the same attributes (Secure, path /).
  reply.clearCookie(name, cookieOptions(config));
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    return JSON.parse(unsigned.value) as Flash;
  } catch {
    return undefined;
  }
}

/** How a request's credentials become an actor: supplied by the accounts module, which owns sessions and tokens. */
export type ActorResolver = (env: ServiceEnv, carried: { sessionToken?: string; apiToken?: string }) => Promise<{ actor: Actor; sessionId?: string; viaToken: boolean; readOnly?: boolean }>;

export interface RequestContextOptions {
  assetVersion: string;
  resolveActor: ActorResolver;
  /** tells the other instances that something was written (app.ts: LISTEN/NOTIFY on PostgreSQL) */
  publishWrite: (additionOnly: boolean) => void;
  securityHeaders: HeaderMap;
}

export function registerRequestContext(app: FastifyInstance, { assetVersion, resolveActor, publishWrite, securityHeaders }: RequestContextOptions): void {
  const { config } = app.ctx;
  const sessionCookie = cookieName(config, 'session');
  const flashCookie = cookieName(config, 'flash');

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('viaToken', false);
  app.decorateRequest('htmx', false);
  app.decorateRequest('locale', 'fr');

  const serving = registerPageServing(app, { sessionCookie, flashCookie, freshMs: config.pageFreshMs, securityHeaders });
  app.decorate('pageCache', serving.cache);
  app.decorate('pageServing', serving);

  app.addHook('onRequest', async (req, reply) => {
    const token = bearer(req);
    const resolved = await resolveActor(app.ctx, { sessionToken: token ? undefined : req.cookies[sessionCookie], apiToken: token });
    req.actor = resolved.actor;
    req.sessionId = resolved.sessionId;
    req.viaToken = resolved.viaToken;
    // A read token changes nothing, whatever its account may do (the route's rule is not even asked).
    if (resolved.readOnly && unsafeMethods.has(req.method)) throw new DomainError('token_read_only', 403, 'this API token may only read');
    req.htmx = req.headers['hx-request'] === 'true';
    const chosen = req.cookies['parvis-lang'];
    req.locale = req.actor.user?.locale ?? (isLocale(chosen) ? chosen : negotiateLocale(req.headers['accept-language']));
    req.i18n = translator(req.locale);
    let flash: Flash | undefined | null = null;
    let csrfToken: string | undefined;
    req.view = (): ViewContext => {
      if (flash === null) flash = readFlash(req, reply, flashCookie, config);
      // A page kept for everyone with this person's persona holds markers where their own values go (page-serving.ts).
      const shared = serving.forPersona(req);
      const user = req.actor.user && shared ? { ...req.actor.user, displayName: serving.personal.displayName } : req.actor.user;
      return {
        ...req.i18n,
        user,
        // Made on first use, so pages without a form set no cookie and stay cacheable.
        get csrfToken() {
          if (shared) return serving.personal.csrfToken;
          csrfToken ??= reply.generateCsrf();
          return csrfToken;
        },
        slot: serving.slot,
        path: req.url.split('?')[0] ?? '/',
        flash,
        assetVersion,
        proconnect: Boolean(config.proconnect),
        signOutAction: config.proconnect ? '/auth/proconnect/logout' : '/logout',
      };
    };
    req.authorize = (rule, scope) => authorize(req.actor, rule, scope);
  });

  app.decorateReply('page', async function (this: FastifyReply, html: JSX.Element, status = 200) {
    this.code(status);
    // A form sent and refused (or checked and refused, 422): its page's title starts with "Error:".
    const rejected = status === 422 || (unsafeMethods.has(this.request.method) && status >= 400 && status < 500);
    const page = rejected ? rejectedTitle(this.request.view(), await html) : await html;
    // Kept for the next visitor, or for the next person of the same persona, when it may be; markers filled in.
    const body = await serving.finish(this.request, this, page);
    // What a signed-in person sees is theirs: no shared cache, no back-button copy after sign-out.
    if (this.request.actor?.signedIn) this.header('cache-control', 'private, no-store');
    return sendPage(this.request, this, body, 'text/html; charset=utf-8');
  });
  // The API's public reads: serialized with the route's response schema, then kept like a visitor's page.
  app.decorateReply('json', function (this: FastifyReply, data: unknown) {
    const body = String(this.serialize(data));
    if (this.statusCode === 200 && this.request.cacheKey) serving.cache.set(this.request.cacheKey, body, Date.now(), 'application/json; charset=utf-8');
    return this.type('application/json; charset=utf-8').send(body);
  });
  // Any successful write may change what a visitor sees, here or on another instance.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400) return;
    const additionOnly = req.routeOptions.config.adds === true;
    serving.outdate(additionOnly);
    publishWrite(additionOnly);
  });
  app.decorateReply('flash', function (this: FastifyReply, flash: Flash) {
    return this.setCookie(flashCookie, JSON.stringify(flash), cookieOptions(config, { signed: true, maxAge: 60 }));
  });

  app.addHook('preHandler', (req, reply, done) => {
    // A route that does not exist answers 404 whatever the method; the token matters only where something can change.
    if (unsafeMethods.has(req.method) && !req.viaToken && req.routeOptions.url !== undefined && req.routeOptions.config.csrf !== false) return app.csrfProtection(req, reply, done);
    done();
  });

  app.addHook('preHandler', async (req) => {
    const rule = req.routeOptions.config.rule;
    // Unscoped rules are checked here; scoped ones by the route once it has the thing acted on.
    if (rule && !isScoped(rule)) authorize(req.actor, rule);
  });
  // Once the route's rule has been checked: signed-in people may be answered from their persona's copy.
  app.addHook('preHandler', serving.signedIn);

  // Deny by default: a route that names no rule, or an unknown one, is a programming error caught at start.
  app.decorate('routeRules', [] as RouteRule[]);
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || route.url.startsWith('/assets') || route.url === '*') return;
    const rule = route.config?.rule;
    if (!rule || !hasRule(rule)) throw new Error(`route ${String(route.method)} ${route.url} names no known policy rule (${rule})`);
    for (const method of [route.method].flat()) app.routeRules.push({ method, url: route.url, rule });
  });
}
