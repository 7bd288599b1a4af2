// Builds the Fastify app from a configuration. It never listens: the CLI does, tests inject requests.
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import underPressure from '@fastify/under-pressure';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/client.ts';
import { migrate } from './platform/db/migrate.ts';
import { broadcast } from './platform/db/notify.ts';
import { databaseRateLimitStore } from './platform/rate-limits/store.ts';
import { startJobs, type Jobs } from './platform/jobs/index.ts';
import { createMailer, mailQueue, type MailMessage, type Mailer } from './platform/mail/index.ts';
import { assetVersion, registerAssets } from './platform/http/assets.ts';
import { cookieName, cookieOptions } from './platform/http/cookies.ts';
import { registerErrorHandling } from './platform/http/errors.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { registerSecurityHeaders, securityHeaders } from './platform/http/security-headers.ts';
import { serverWithFrontDoor, type FrontDoor } from './platform/http/server.ts';
import { opsRoutes } from './platform/http/ops.ts';
import { registerRequestContext } from './platform/http/request.ts';
import { logRequest } from './platform/http/logging.ts';
import './platform/http/types.ts';
import { registerModules } from './modules/index.ts';
import { resolveActor } from './modules/accounts/session.ts';
import { ActorCache, credentialChangeOf } from './modules/accounts/actor-cache.ts';

export interface AppOptions {
  /** an already open database (tests share one across apps); otherwise opened from the config */
  database?: Database;
  mailer?: Mailer;
  /** false: silent; an object: pino options (tests send errors to stderr) */
  logger?: false | { level: string; stream?: NodeJS.WritableStream };
}

export const maxUploadBytes = 5 * 1024 * 1024;

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, acquireTimeoutMs: config.dbAcquireTimeoutMs, statementTimeoutMs: config.statementTimeoutMs }));
  let jobs: Jobs | undefined;
  try {
    // A migration may build an index over millions of rows: not bound by the statement timeout requests have.
    await database.unbounded(migrate);
    jobs = await startJobs(database, config.databaseUrl);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const mailer = options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  await jobs.declare(mailQueue);
  jobs.handle<MailMessage>(mailQueue, (message) => mailer.deliver(message));

  const door: FrontDoor = {};
  const app = Fastify({
    serverFactory: serverWithFrontDoor(door),
    logger: options.logger === false ? false : { ...(options.logger ?? { level: config.logLevel }), serializers: { req: logRequest } },
    // Trusting X-Forwarded-For from anyone would let a client pick its own address and dodge rate limits.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    bodyLimit: maxUploadBytes + 64 * 1024,
    // On close, keep-alive connections with no request under way are closed at once (see cli.ts for the deadline).
    forceCloseConnections: 'idle',
    // Repeated form fields (checkboxes) arrive as arrays.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('ctx', { config, database, db: database.db, jobs, mailer });
  // Other instances on the same PostgreSQL say when they wrote: pages kept here are outdated, and who a session or
  // token stands for is read again when accounts changed (any topic, after the listener reconnected).
  const actors = new ActorCache({ quietMs: config.statementTimeoutMs || undefined });
  const sessionTopic = 'session:';
  const additionsTopic = 'pages:additions';
  const writes = broadcast(database, config.databaseUrl, {
    channel: 'parvis_writes',
    onMessage: (topic) => {
      // No topic: the listener reconnected and may have missed anything.
      if (topic === undefined || topic === 'pages') app.pageServing.outdate();
      else if (topic === additionsTopic) app.pageServing.outdate(true);
      if (topic === undefined || topic === 'accounts') actors.changed();
      else if (topic.startsWith(sessionTopic)) actors.forgetSession(topic.slice(sessionTopic.length));
    },
    onError: (error) => app.log.warn({ err: { message: error.message } }, 'write broadcast'),
  });
  database.onStatement((text, params) => {
    const change = credentialChangeOf(text, params);
    if (!change) return;
    actors.apply(change);
    writes.publish(change === 'any' ? 'accounts' : `${sessionTopic}${change.session}`);
  });
  app.addHook('onClose', async () => {
    await writes.close();
    await jobs.stop();
    if (ownsDatabase) await database.close();
  });

  await app.register(underPressure, { maxEventLoopDelay: config.maxEventLoopDelayMs, retryAfter: 5, exposeStatusRoute: false });
  const headers = securityHeaders(config);
  registerSecurityHeaders(app, headers);
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: cookieName(config, 'csrf'),
    cookieOpts: cookieOptions(config, { signed: true }),
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const field = body?._csrf as string | { value?: string } | undefined;
      return (typeof field === 'object' ? field?.value : field) ?? (req.headers['csrf-token'] as string | undefined);
    },
  });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: maxUploadBytes, files: 1, fields: 50 } });
  // Counted in the database, so every instance counts the same attempts (src/platform/rate-limits/store.ts).
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Parvis API', version: '1', description: 'Public API of Parvis. Read without a token; write with a personal API token (Authorization: Bearer …).' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: true,
  });

  registerErrorHandling(app);
  registerRequestContext(app, { assetVersion: assetVersion(), resolveActor: actors.wrap(resolveActor), publishWrite: (additionOnly) => writes.publish(additionOnly ? additionsTopic : 'pages'), securityHeaders: headers });
  const metrics = registerMetrics(app);
  await registerAssets(app);
  opsRoutes(app, metrics.registry);
  await registerModules(app);
  // Closing, Fastify answers what still arrives on kept-alive connections with a 503 that closes them: let it.
  app.addHook('preClose', (done) => {
    door.answer = undefined;
    done();
  });
  await app.ready();
  door.answer = (req, res) => app.pageServing.answerFresh(req, res) && (metrics.frontDoorHit(), true);
  return app;
}
