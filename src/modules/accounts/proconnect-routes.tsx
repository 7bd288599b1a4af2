// Sign-in and sign-out through ProConnect. Registered only when PROCONNECT_* is configured.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { cookieName, cookieOptions } from '../../platform/http/cookies.ts';
import { safeNext } from '../../platform/http/forms.ts';
import { parse } from '../../platform/validation.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import './policy.ts';
import { ProConnectClient, ProConnectUnavailable, signInWithProConnect, type PendingSignIn } from './proconnect.ts';
import { destroySession, sessionLifetime } from './session.ts';

type Failure = 'unavailable' | 'cancelled' | 'expired' | 'invalid' | 'refused';
const statusOf: Record<Failure, number> = { unavailable: 503, cancelled: 400, expired: 400, invalid: 400, refused: 403 };

const StartQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });
// Anything else ProConnect adds (iss, error_description…) is read by openid-client from the URL itself.
const CallbackQuery = Type.Object(
  { state: Type.Optional(Type.String({ maxLength: 500 })), error: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: true },
);

export function ProConnectErrorPage({ ctx, failure }: { ctx: ViewContext; failure: Failure }) {
  return (
    <Layout ctx={ctx} title={ctx.ta(`proconnect:failure.${failure}.title`)} noindex>
      <article class="narrow">
        <h1>{ctx.t(`proconnect:failure.${failure}.title`)}</h1>
        <p role="alert">{ctx.t(`proconnect:failure.${failure}.body`)}</p>
        <ul>
          {failure === 'refused' ? '' : (
            <li>
              <a href="/auth/proconnect">{ctx.t('proconnect:failure.retry')}</a>
            </li>
          )}
          <li>
            <a href="/login">{ctx.t('proconnect:failure.password')}</a>
          </li>
        </ul>
      </article>
    </Layout>
  );
}

function readPending(req: FastifyRequest, name: string): PendingSignIn | undefined {
  const raw = req.cookies[name];
  if (!raw) return undefined;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const value = JSON.parse(unsigned.value) as Partial<PendingSignIn>;
    const fields = [value.state, value.nonce, value.verifier, value.next];
    return fields.every((f) => typeof f === 'string') ? (value as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

export function proconnectRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  if (!env.config.proconnect) return;

  const { publicUrl } = env.config;
  const client = new ProConnectClient(env.config.proconnect, `${publicUrl}/auth/proconnect/callback`);
  const pendingCookie = cookieName(env.config, 'oidc');
  const sessionCookie = cookieName(env.config, 'session');
  // The ID token is the hint ProConnect needs to end its own session at sign-out; the sessions table has no room
  // for it, so it lives beside the session cookie, signed and out of reach of scripts.
  const idTokenCookie = cookieName(env.config, 'oidc-id');
  const signIn = { rule: 'account.signIn' };

  const fail = (req: FastifyRequest, reply: FastifyReply, failure: Failure) =>
    reply.clearCookie(pendingCookie, cookieOptions(env.config)).page(ProConnectErrorPage({ ctx: req.view(), failure }), statusOf[failure]);

  app.get('/auth/proconnect', { config: signIn }, async (req, reply) => {
    const { next } = parse(StartQuery, req.query);
    try {
      const { url, pending } = await client.start(safeNext(next));
      return reply
        .setCookie(pendingCookie, JSON.stringify(pending), cookieOptions(env.config, { signed: true, maxAge: 600 }))
        .header('cache-control', 'no-store')
        .redirect(url.href, 303);
    } catch (error) {
      if (!(error instanceof ProConnectUnavailable)) throw error;
      req.log.warn({ err: error.cause }, 'ProConnect unavailable');
      return fail(req, reply, 'unavailable');
    }
  });

  app.get('/auth/proconnect/callback', { config: { ...signIn, rateLimit: { max: 20, timeWindow: '15 minutes' } } }, async (req, reply) => {
    const query = parse(CallbackQuery, req.query);
    // The pending sign-in is good for one answer, whatever it is.
    const pending = readPending(req, pendingCookie);
    if (query.error) {
      req.log.info({ error: query.error }, 'ProConnect sign-in not completed');
      return fail(req, reply, 'cancelled');
    }
    if (!pending) return fail(req, reply, 'expired');
    if (query.state !== pending.state) return fail(req, reply, 'invalid');
    let finished;
    try {
      finished = await client.finish(new URL(`${publicUrl}${req.url}`), pending);
    } catch (error) {
      const failure = error instanceof ProConnectUnavailable ? 'unavailable' : 'invalid';
      req.log.warn({ err: (error as Error).cause ?? error }, `ProConnect sign-in ${failure}`);
      return fail(req, reply, failure);
    }
    const result = await signInWithProConnect(env.db, finished.identity, req.locale);
    if (!result.ok) return fail(req, reply, 'refused');
    if (req.sessionId) await destroySession(env.db, req.sessionId);
    const lasting = cookieOptions(env.config, { maxAge: sessionLifetime / 1000 });
    return reply
      .clearCookie(pendingCookie, cookieOptions(env.config))
      .setCookie(sessionCookie, result.sessionToken, lasting)
      .clearCookie(cookieName(env.config, 'csrf'), cookieOptions(env.config))
      .setCookie(idTokenCookie, finished.idToken, { ...lasting, signed: true })
      .redirect(safeNext(pending.next), 303);
  });

  // Ends the Parvis session, then ProConnect's when the person came through it; otherwise it is a plain sign-out.
  app.post('/auth/proconnect/logout', { config: signIn }, async (req, reply) => {
    if (req.sessionId) await destroySession(env.db, req.sessionId);
    const raw = req.cookies[idTokenCookie];
    const idToken = raw ? req.unsignCookie(raw) : undefined;
    const endSession = idToken?.valid && idToken.value ? await client.endSessionUrl(idToken.value, `${publicUrl}/`) : undefined;
    return reply
      .clearCookie(sessionCookie, cookieOptions(env.config))
      .clearCookie(idTokenCookie, cookieOptions(env.config))
      .flash({ kind: 'info', key: 'accounts:flash.loggedOut' })
      .redirect(endSession?.href ?? '/', 303);
  });
}
