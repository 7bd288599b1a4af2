// What the platform adds to Fastify's request, reply and instance, typed once.
import type { Locale } from '../../modules/accounts/schema.ts';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { Actor } from '../policy.ts';
import type { Flash, ViewContext } from '../views/context.ts';
import type { Translator } from './i18n.ts';
import type { PageCache } from './page-cache.ts';
import type { PageServing, SlotFiller } from './page-serving.ts';

export interface RouteRule {
  method: string;
  url: string;
  rule: string;
}

/** What services get: the database, the job queue and the configuration; nothing of HTTP. */
export interface ServiceEnv {
  db: Db;
  jobs: Jobs;
  config: Config;
}

export interface AppContext extends ServiceEnv {
  database: Database;
  mailer: Mailer;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    i18n: Translator;
    /** the request came from htmx and wants a fragment */
    htmx: boolean;
    /** the request authenticated with a personal API token (no cookie, no CSRF) */
    viaToken: boolean;
    sessionId?: string;
    /** set when a visitor's page may be served from, or stored in, the page cache */
    cacheKey?: string;
    view(): ViewContext;
    /** Checks a scoped rule once the route has loaded what it acts on. */
    authorize(rule: string, scope?: unknown): void;
  }
  interface FastifyReply {
    page(html: JSX.Element, status?: number): Promise<FastifyReply>;
    /** JSON through the route's response schema; kept for the next visitor when the route says `cache: true` */
    json(data: unknown): FastifyReply;
    flash(flash: Flash): FastifyReply;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** every route with the rule it names, for the authorization walk in tests */
    routeRules: RouteRule[];
    pageCache: PageCache;
    pageServing: PageServing;
  }
  interface FastifyContextConfig {
    /** the policy rule this route checks; every route must name one */
    rule?: string;
    /**
     * true: a public page whose visitor version may be kept (page-serving.ts); 'signed-in': kept for signed-in people
     * too, one copy per persona, for a page whose only personal parts are the header, form tokens and its `slots`
     */
    cache?: boolean | 'signed-in';
    /**
     * true: after writes that only add (`adds`), visitors are still sent the kept page while one background render
     * replaces it, as when it expires, instead of the first of them waiting for that render. For the costliest pages
     * to render that nobody reloads to see their own write (search, look-alike titles): signed-in people, writers,
     * get theirs rendered; after any other write (something hidden, unpublished, erased) visitors do too.
     */
    lagsWrites?: boolean;
    /**
     * true: this route's writes take back nothing a page shows: they add (a contribution, an argument, a comment, a
     * vote) or change only the person's own session (signing in or out)
     */
    adds?: boolean;
    /** the personal parts of a 'signed-in' page, each filled in for the person asking */
    slots?: Record<string, SlotFiller>;
    /**
     * false: no CSRF check on this route's writes — only for a route that reads no cookie and is authorized by a secret
     * in its address (the one-click unsubscribe a mail client posts, RFC 8058)
     */
    csrf?: false;
  }
}
