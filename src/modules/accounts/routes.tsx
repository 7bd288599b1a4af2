// HTML pages and forms of the accounts module: thin wrappers around service.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { cookieName, cookieOptions } from '../../platform/http/cookies.ts';
import { safeNext, submitForm } from '../../platform/http/forms.ts';
import { isLocale } from '../../platform/http/i18n.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { Id, parse } from '../../platform/validation.ts';
import { DeleteAccountInput, EmailChangeInput, EmailInput, LoginInput, PasswordChangeInput, ProfileInput, RegisterInput, ResetInput, TokenInput, TokenProof } from './inputs.ts';
import './policy.ts';
import * as accounts from './service.ts';
import { deleteAccount, exportPersonalData } from './personal-data.ts';
import { destroySession, sessionLifetime } from './session.ts';
import { AccountPage, TokensPage, type AccountForms } from './views/account.tsx';
import { CheckMailPage, ConfirmTokenPage, ForgotPage, LoginPage, RegisterPage, ResetPage } from './views/auth.tsx';

const limits = {
  login: { max: 10, timeWindow: '15 minutes' },
  register: { max: 10, timeWindow: '1 hour' },
  reset: { max: 5, timeWindow: '15 minutes' },
};

const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })), change: Type.Optional(Type.String({ maxLength: 1 })) });
const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });

export function accountRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  const sessionCookie = cookieName(env.config, 'session');
  const signIn = { rule: 'account.signIn' };
  const manage = { rule: 'account.manage' };

  /** A new session gets a new CSRF secret too: a token planted before sign-in must not work after it. */
  function startSession(reply: FastifyReply, token: string) {
    return reply.setCookie(sessionCookie, token, cookieOptions(env.config, { maxAge: sessionLifetime / 1000 })).clearCookie(cookieName(env.config, 'csrf'), cookieOptions(env.config));
  }

  app.get('/register', { config: signIn }, async (req, reply) => reply.page(RegisterPage({ ctx: req.view() })));
  app.post('/register', { config: { ...signIn, rateLimit: limits.register } }, async (req, reply) =>
    submitForm(reply, req.body, RegisterInput, async (input) => {
      await accounts.register(env, input, req.locale);
      return reply.page(CheckMailPage({ ctx: req.view(), reason: 'register' }));
    }, (form) => RegisterPage({ ctx: req.view(), form })),
  );

  app.get('/verify', { config: signIn }, async (req, reply) => {
    const query = parse(TokenQuery, req.query);
    return reply.page(ConfirmTokenPage({ ctx: req.view(), token: query.token ?? '', change: query.change === '1' }));
  });
  app.post('/verify', { config: signIn }, async (req, reply) =>
    submitForm(reply, req.body, TokenProof, async ({ token }) => {
      await accounts.verifyEmail(env, token);
      return reply.flash({ kind: 'success', key: 'accounts:flash.verified' }).redirect('/login', 303);
    }, (form) => ConfirmTokenPage({ ctx: req.view(), token: '', change: false, form })),
  );

  app.get('/login', { config: signIn }, async (req, reply) => {
    const { next } = parse(NextQuery, req.query);
    return reply.page(LoginPage({ ctx: req.view(), next: safeNext(next) }));
  });
  // Signing in or out changes no page but the person's own: it outdates the kept pages as an addition does.
  app.post('/login', { config: { ...signIn, adds: true, rateLimit: limits.login } }, async (req, reply) => {
    const next = safeNext((req.body as { next?: unknown } | undefined)?.next);
    return submitForm(reply, req.body, LoginInput, async (input) => {
      const result = await accounts.login(env, input);
      if (!result.ok && result.reason === 'unverified') return reply.page(CheckMailPage({ ctx: req.view(), reason: 'unverified' }), 403);
      if (!result.ok) return reply.page(LoginPage({ ctx: req.view(), form: { values: { email: input.email }, errors: {} }, next, failed: true }), 401);
      if (req.sessionId) await destroySession(env.db, req.sessionId);
      return startSession(reply, result.sessionToken).redirect(next, 303);
    }, (form) => LoginPage({ ctx: req.view(), form, next }));
  });

  app.post('/logout', { config: { ...signIn, adds: true } }, async (req, reply) => {
    if (req.sessionId) await destroySession(env.db, req.sessionId);
    return reply.clearCookie(sessionCookie, cookieOptions(env.config)).flash({ kind: 'info', key: 'accounts:flash.loggedOut' }).redirect('/', 303);
  });

  app.get('/password/forgot', { config: signIn }, async (req, reply) => reply.page(ForgotPage({ ctx: req.view() })));
  app.post('/password/forgot', { config: { ...signIn, rateLimit: limits.reset } }, async (req, reply) =>
    submitForm(reply, req.body, EmailInput, async (input) => {
      await accounts.requestPasswordReset(env, input);
      return reply.page(CheckMailPage({ ctx: req.view(), reason: 'reset' }));
    }, (form) => ForgotPage({ ctx: req.view(), form })),
  );
  app.get('/password/reset', { config: signIn }, async (req, reply) => {
    const { token } = parse(TokenQuery, req.query);
    return reply.page(ResetPage({ ctx: req.view(), token: token ?? '' }));
  });
  app.post('/password/reset', { config: { ...signIn, rateLimit: limits.reset } }, async (req, reply) => {
    const token = String((req.body as { token?: unknown } | undefined)?.token ?? '');
    return submitForm(reply, req.body, ResetInput, async (input) => {
      await accounts.resetPassword(env, input);
      return reply.flash({ kind: 'success', key: 'accounts:flash.passwordReset' }).redirect('/login', 303);
    }, (form) => ResetPage({ ctx: req.view(), token, form }));
  });

  // A visitor's language is a cookie (set by a link); a signed-in person's is a setting of their account (a form).
  async function switchLanguage(req: FastifyRequest, reply: FastifyReply, choice: { locale?: unknown; next?: unknown }) {
    if (!isLocale(choice.locale)) throw ValidationFailed.one('locale', 'choice');
    if (req.method === 'POST') await accounts.setLocale(env.db, req.actor, choice.locale);
    return reply
      .setCookie('parvis-lang', choice.locale, { path: '/', sameSite: 'lax', maxAge: 31_536_000, secure: env.config.secureCookies })
      .redirect(safeNext(choice.next), 303);
  }
  app.get('/language', { config: signIn }, async (req, reply) => switchLanguage(req, reply, req.query as object));
  app.post('/language', { config: signIn }, async (req, reply) => switchLanguage(req, reply, (req.body ?? {}) as object));

  async function accountPage(req: FastifyRequest, forms: AccountForms = {}): Promise<string> {
    const profile = await accounts.getProfile(env.db, req.actor);
    return AccountPage({ ctx: req.view(), profile, forms });
  }
  app.get('/account', { config: manage }, async (req, reply) => reply.page(accountPage(req)));
  app.post('/account', { config: manage }, async (req, reply) =>
    submitForm(reply, req.body, ProfileInput, async (input) => {
      await accounts.updateProfile(env.db, req.actor, input);
      return reply.flash({ kind: 'success', key: 'accounts:flash.profileSaved' }).redirect('/account', 303);
    }, (profile) => accountPage(req, { profile })),
  );
  app.post('/account/email', { config: manage }, async (req, reply) =>
    submitForm(reply, req.body, EmailChangeInput, async (input) => {
      await accounts.requestEmailChange(env, req.actor, input);
      return reply.page(CheckMailPage({ ctx: req.view(), reason: 'emailChange' }));
    }, (email) => accountPage(req, { email })),
  );
  app.post('/account/email/confirm', { config: signIn }, async (req, reply) =>
    submitForm(reply, req.body, TokenProof, async ({ token }) => {
      await accounts.confirmEmailChange(env, token);
      return reply.flash({ kind: 'success', key: 'accounts:flash.emailChanged' }).redirect(req.actor.signedIn ? '/account' : '/login', 303);
    }, (form) => ConfirmTokenPage({ ctx: req.view(), token: '', change: true, form })),
  );
  app.post('/account/password', { config: manage }, async (req, reply) =>
    submitForm(reply, req.body, PasswordChangeInput, async (input) => {
      await accounts.changePassword(env, req.actor, input, req.sessionId);
      return reply.flash({ kind: 'success', key: 'accounts:flash.passwordChanged' }).redirect('/account', 303);
    }, (password) => accountPage(req, { password })),
  );

  app.get('/account/data', { config: manage }, async (req, reply) =>
    reply
      .header('content-disposition', 'attachment; filename="parvis-mes-donnees.json"')
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(await exportPersonalData(env.db, req.actor), null, 2)),
  );
  app.post('/account/delete', { config: manage }, async (req, reply) =>
    submitForm(reply, req.body, DeleteAccountInput, async (input) => {
      await deleteAccount(env.db, req.actor, input);
      return reply.clearCookie(sessionCookie, cookieOptions(env.config)).flash({ kind: 'info', key: 'accounts:flash.deleted' }).redirect('/', 303);
    }, (remove) => accountPage(req, { remove })),
  );

  app.get('/account/tokens', { config: manage }, async (req, reply) =>
    reply.page(TokensPage({ ctx: req.view(), tokens: await accounts.listApiTokens(env.db, req.actor) })),
  );
  app.post('/account/tokens', { config: manage }, async (req, reply) =>
    submitForm(reply, req.body, TokenInput, async (input) => {
      const created = await accounts.createApiToken(env.db, req.actor, input);
      return reply.header('cache-control', 'no-store').page(TokensPage({ ctx: req.view(), tokens: await accounts.listApiTokens(env.db, req.actor), created }), 201);
    }, async (form) => TokensPage({ ctx: req.view(), tokens: await accounts.listApiTokens(env.db, req.actor), form }) as Promise<string>),
  );
  app.post('/account/tokens/:id/revoke', { config: manage }, async (req, reply) => {
    const { id } = parse(Type.Object({ id: Id }), req.params);
    await accounts.revokeApiToken(env.db, req.actor, id);
    return reply.flash({ kind: 'success', key: 'accounts:flash.tokenRevoked' }).redirect('/account/tokens', 303);
  });
}
