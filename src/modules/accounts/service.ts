// What the accounts module does: registration, e-mail proofs, sign-in, passwords, profile, API tokens.
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { now, hours, days } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { Actor } from '../../platform/policy.ts';
import type { EmailChangeInput, LoginInput, PasswordChangeInput, ProfileInput, RegisterInput, ResetInput, TokenInput } from './inputs.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { apiTokens, consents, emailTokens, sessions, users, type EmailTokenPurpose, type Locale } from './schema.ts';
import { createSession } from './session.ts';
import { currentCharterVersion } from '../moderation/charter.ts';
import { hashToken, newToken } from './tokens.ts';
import { publicNames } from './names.ts';

export const charterVersion = '2026-01';
const lifetimes: Record<EmailTokenPurpose, number> = { verify: days(2), reset: hours(1), change_email: days(1) };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function signedIn(actor: Actor) {
  if (!actor.user) throw new NotFound('account');
  return actor.user;
}

async function mailTo(env: ServiceEnv, tx: Tx, to: string, locale: Locale, template: string, vars: Record<string, string> = {}) {
  const { ta } = translator(locale);
  const all = { ...vars, site: env.config.publicUrl };
  await queueMail(env.jobs, tx, { to, subject: ta(`mail:${template}.subject`, all), text: ta(`mail:${template}.body`, all) });
}

async function issueToken(tx: Tx, userId: number, purpose: EmailTokenPurpose, newEmail?: string): Promise<string> {
  const token = newToken();
  await tx.insert(emailTokens).values({ userId, purpose, tokenHash: hashToken(token), newEmail, expiresAt: new Date(now().getTime() + lifetimes[purpose]) });
  return token;
}

/** Finds a valid, unused token and marks it used in the same transaction: a link works once. */
async function consumeToken(tx: Tx, token: string, purpose: EmailTokenPurpose) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: now() })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now())))
    .returning();
  if (!row) throw ValidationFailed.one('token', 'tokenInvalid');
  return row;
}

function validatePassword(password: string, email: string) {
  if (password.toLowerCase().includes(email.split('@')[0]!.toLowerCase()) && email.split('@')[0]!.length >= 4)
    throw ValidationFailed.one('password', 'passwordLikeEmail');
}

/** Answers the same whether or not the address is known: a known one is told someone tried, not the requester. */
export async function register(env: ServiceEnv, input: RegisterInput, locale: Locale): Promise<void> {
  const email = normalizeEmail(input.email);
  validatePassword(input.password, email);
  const passwordHash = await hashPassword(input.password);
  await env.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email));
    if (existing) {
      await mailTo(env, tx, email, existing.locale, 'alreadyRegistered', { link: `${env.config.publicUrl}/password/forgot` });
      return;
    }
    const [user] = await tx.insert(users).values({ email, displayName: input.displayName, passwordHash, locale }).returning({ id: users.id });
    await tx.insert(consents).values({ userId: user!.id, kind: 'charter', version: await currentCharterVersion(tx), accepted: true });
    const token = await issueToken(tx, user!.id, 'verify');
    await mailTo(env, tx, email, locale, 'verify', { name: input.displayName, link: `${env.config.publicUrl}/verify?token=${token}` });
  });
}

export async function verifyEmail(env: ServiceEnv, token: string): Promise<void> {
  await env.db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, 'verify');
    await tx.update(users).set({ emailVerifiedAt: now() }).where(eq(users.id, row.userId));
  });
}

export type LoginResult = { ok: true; sessionToken: string; locale: Locale } | { ok: false; reason: 'invalid' | 'unverified' };

export async function login(env: ServiceEnv, input: LoginInput): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const [user] = await env.db.select().from(users).where(eq(users.email, email));
  const valid = await checkPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.blockedAt || user.deletedAt) return { ok: false, reason: 'invalid' };
  if (!user.emailVerifiedAt) {
    await env.db.transaction(async (tx) => {
      const token = await issueToken(tx, user.id, 'verify');
      await mailTo(env, tx, email, user.locale, 'verify', { name: user.displayName, link: `${env.config.publicUrl}/verify?token=${token}` });
    });
    return { ok: false, reason: 'unverified' };
  }
  return { ok: true, sessionToken: await createSession(env.db, user.id), locale: user.locale };
}

export const passwordResetQueue = 'accounts.password-reset';

/**
 * Only queues the request: the request costs the same whether or not the address has an account, so its timing
 * tells nothing; the job looks the address up and mails the link.
 */
export async function requestPasswordReset(env: ServiceEnv, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  await env.db.transaction((tx) => env.jobs.send(tx, passwordResetQueue, { email }));
}

export async function sendPasswordReset(env: ServiceEnv, { email }: { email: string }): Promise<void> {
  await env.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.email, email), isNull(users.deletedAt)));
    if (!user) return;
    const token = await issueToken(tx, user.id, 'reset');
    await mailTo(env, tx, email, user.locale, 'reset', { name: user.displayName, link: `${env.config.publicUrl}/password/reset?token=${token}` });
  });
}

export async function resetPassword(env: ServiceEnv, input: ResetInput): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await env.db.transaction(async (tx) => {
    const row = await consumeToken(tx, input.token, 'reset');
    // Following a reset link proves the address too.
    await tx.update(users).set({ passwordHash, emailVerifiedAt: now() }).where(eq(users.id, row.userId));
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    // Whoever took the account over may have made tokens: they go with the old password.
    await revokeAllTokens(tx, row.userId);
  });
}

export async function getProfile(db: Db, actor: Actor) {
  const me = signedIn(actor);
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, bio: users.bio, locale: users.locale, platformRole: users.platformRole, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, me.id));
  if (!row) throw new NotFound('account');
  return row;
}

export async function updateProfile(db: Db, actor: Actor, input: ProfileInput): Promise<void> {
  const me = signedIn(actor);
  await db.update(users).set({ displayName: input.displayName, bio: input.bio ?? '', locale: input.locale }).where(eq(users.id, me.id));
}

export async function setLocale(db: Db, actor: Actor, locale: Locale): Promise<void> {
  if (actor.user) await db.update(users).set({ locale }).where(eq(users.id, actor.user.id));
}

async function requireCurrentPassword(db: Db, userId: number, password: string, field: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!(await checkPassword(row?.passwordHash, password))) throw ValidationFailed.one(field, 'passwordWrong');
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(env: ServiceEnv, actor: Actor, input: PasswordChangeInput, keepSessionId?: string): Promise<void> {
  const me = signedIn(actor);
  await requireCurrentPassword(env.db, me.id, input.currentPassword, 'currentPassword');
  validatePassword(input.newPassword, me.email);
  const passwordHash = await hashPassword(input.newPassword);
  await env.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, me.id));
    await tx.delete(sessions).where(keepSessionId ? and(eq(sessions.userId, me.id), ne(sessions.id, keepSessionId)) : eq(sessions.userId, me.id));
    await revokeAllTokens(tx, me.id);
    await mailTo(env, tx, me.email, me.locale, 'passwordChanged', { name: me.displayName });
  });
}

/** The new address must be proven before it replaces the old one; whether it is taken is not revealed. */
export async function requestEmailChange(env: ServiceEnv, actor: Actor, input: EmailChangeInput): Promise<void> {
  const me = signedIn(actor);
  await requireCurrentPassword(env.db, me.id, input.currentPassword, 'currentPassword');
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === me.email) throw ValidationFailed.one('newEmail', 'emailSame');
  await env.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
    if (taken) return;
    const token = await issueToken(tx, me.id, 'change_email', newEmail);
    await mailTo(env, tx, newEmail, me.locale, 'changeEmail', { name: me.displayName, link: `${env.config.publicUrl}/verify?token=${token}&change=1` });
  });
}

export async function confirmEmailChange(env: ServiceEnv, token: string): Promise<void> {
  await env.db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, 'change_email');
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.newEmail!));
    if (!user || taken) throw ValidationFailed.one('token', 'tokenInvalid');
    await tx.update(users).set({ email: row.newEmail!, emailVerifiedAt: now() }).where(eq(users.id, user.id));
    await mailTo(env, tx, user.email, user.locale, 'emailChanged', { name: user.displayName, email: row.newEmail! });
  });
}

export async function listApiTokens(db: Db, actor: Actor) {
  const me = signedIn(actor);
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, scopes: apiTokens.scopes })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, me.id), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt);
}

async function revokeAllTokens(tx: Tx, userId: number): Promise<void> {
  await tx.update(apiTokens).set({ revokedAt: now() }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** More active tokens than any script needs is an account farming them: revoke one first. */
export const maxActiveTokens = 20;

/** Returns the token itself once; only its hash is kept. */
export async function createApiToken(db: Db, actor: Actor, input: TokenInput): Promise<string> {
  const me = signedIn(actor);
  const token = newToken('pvs_');
  await db.transaction(async (tx) => {
    // The account's row is locked: concurrent requests cannot each see room for one more token.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, me.id)).for('update');
    const [active] = await tx.select({ n: sql<number>`count(*)::int` }).from(apiTokens).where(and(eq(apiTokens.userId, me.id), isNull(apiTokens.revokedAt)));
    if (Number(active?.n ?? 0) >= maxActiveTokens) throw ValidationFailed.one('name', 'accounts:validation.tooManyTokens', { max: maxActiveTokens });
    await tx.insert(apiTokens).values({ userId: me.id, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), scopes: input.scope === 'read' ? ['read'] : ['read', 'write'] });
  });
  return token;
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: number): Promise<void> {
  const me = signedIn(actor);
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, me.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw new NotFound('token');
}

/** For the CLI: an account made by an operator is verified from the start. */
export async function createUserDirect(db: Db, input: { email: string; password: string; displayName?: string; admin?: boolean }) {
  const email = normalizeEmail(input.email);
  const [user] = await db
    .insert(users)
    .values({
      email,
      displayName: input.displayName ?? email.split('@')[0]!,
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: now(),
      platformRole: input.admin ? 'admin' : 'member',
    })
    .returning();
  return user!;
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return user;
}

/**
 * Names of several accounts in one query, for modules that show people (members, authors): their public names, so a
 * blocked or hidden account is never named (names.ts; views show them with personName).
 */
export const displayNames = publicNames;
