// Sign-in with ProConnect, the State's identity federation for professionals (OpenID Connect): the client that
// talks to it, and how an identity it vouches for becomes a Parvis account.
import { and, eq, isNull } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { normalizeEmail } from './service.ts';
import { currentCharterVersion } from '../moderation/charter.ts';
import { apiTokens, consents, sessions, users, type Locale } from './schema.ts';
import { createSession } from './session.ts';

export interface ProConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What ProConnect asks for: its own scopes, one per claim; `usual_name` is the name in use, `siret` the employer. */
export const proconnectScope = 'openid email given_name usual_name siret uid';

/** ProConnect cannot be reached (down, timing out): the person may try again later or use a password. */
export class ProConnectUnavailable extends Error {}
/** ProConnect answered something that does not check out (replayed code, bad signature, missing claims). */
export class ProConnectInvalid extends Error {}

/** What the browser keeps, signed, between leaving for ProConnect and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export interface ProConnectIdentity {
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
}

const isLoopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
const networkFailure = (error: unknown) =>
  (error instanceof TypeError && error.message === 'fetch failed') || (error instanceof Error && ['TimeoutError', 'AbortError'].includes(error.name));

export class ProConnectClient {
  #configuration?: Promise<oidc.Configuration>;

  constructor(
    private readonly settings: ProConnectSettings,
    readonly redirectUri: string,
  ) {}

  /**
   * Discovered on first use, never at start: the app must start when ProConnect is down. A failed discovery is
   * forgotten so the next sign-in tries again. Plain http is accepted only for a provider on this machine (tests).
   */
  configuration(): Promise<oidc.Configuration> {
    this.#configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      const configuration = await oidc.discovery(
        issuer,
        this.settings.clientId,
        // ProConnect signs both the ID token and the userinfo answer (a JWT, not JSON).
        { client_secret: this.settings.clientSecret, id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(this.settings.clientSecret),
        { timeout: 10, execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [] },
      );
      // Check the signatures too, against the provider's published keys, not only the claims.
      oidc.enableNonRepudiationChecks(configuration);
      return configuration;
    })().catch((error: unknown) => {
      this.#configuration = undefined;
      throw new ProConnectUnavailable('ProConnect discovery failed', { cause: error });
    });
    return this.#configuration;
  }

  async start(next: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: proconnectScope,
      acr_values: 'eidas1',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Exchanges the code and reads the signed userinfo; `callbackUrl` is the full URL ProConnect sent back to. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<{ identity: ProConnectIdentity; idToken: string }> {
    const configuration = await this.configuration();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const sub = tokens.claims()!.sub;
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, sub);
      const identity = identityFrom(info);
      if (!identity || !tokens.id_token) throw new ProConnectInvalid('ProConnect sent no usable identity');
      return { identity, idToken: tokens.id_token };
    } catch (error) {
      if (error instanceof ProConnectInvalid) throw error;
      if (networkFailure(error)) throw new ProConnectUnavailable('ProConnect did not answer', { cause: error });
      throw new ProConnectInvalid('ProConnect answer rejected', { cause: error });
    }
  }

  /** Where to send the browser to end the ProConnect session too; undefined when ProConnect cannot be reached. */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined> {
    try {
      const configuration = await this.configuration();
      return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, state: oidc.randomState(), post_logout_redirect_uri: postLogoutRedirectUri });
    } catch {
      return undefined;
    }
  }
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : undefined;
}

function identityFrom(info: oidc.UserInfoResponse): ProConnectIdentity | undefined {
  const sub = text(info.sub, 255);
  const email = text(info.email, 254);
  if (!sub || !email || !/^[^\s@]+@[^\s@]+$/.test(email)) return undefined;
  return { sub, email: normalizeEmail(email), givenName: text(info.given_name, 200) ?? '', usualName: text(info.usual_name, 200) ?? '' };
}

export type ProConnectSignIn =
  | { ok: true; sessionToken: string; userId: number; outcome: 'found' | 'linked' | 'created' }
  | { ok: false; reason: 'refused' };

/**
 * Account linking, in this order:
 * 1. the account already linked to this ProConnect `sub` (whatever its e-mail is now, at either end);
 * 2. else the account whose e-mail is the one ProConnect vouches for (lower-cased): the `sub` is linked to it and its
 *    e-mail marked verified, since ProConnect's identity providers verified it; an account already linked to another
 *    `sub` is not taken over;
 * 3. else a new account: e-mail verified, no password, named "given_name usual_name", with the moderation charter
 *    recorded as accepted, because the ProConnect button says that signing in accepts it.
 * A blocked or deleted account cannot sign in this way either, and nothing is written for it. Only the person who
 * proved the address to ProConnect ever sees an outcome, so nothing here tells a visitor whether an address is known.
 */
export async function signInWithProConnect(db: Db, identity: ProConnectIdentity, locale: Locale): Promise<ProConnectSignIn> {
  for (let attempt = 0; ; attempt++) {
    const found = await db.transaction((tx) => findOrCreate(tx, identity, locale));
    // Two first sign-ins at once may both try to create the account: the loser finds it on the second pass.
    if (found === 'conflict' && attempt === 0) continue;
    if (found === 'conflict' || found === 'refused') return { ok: false, reason: 'refused' };
    return { ok: true, sessionToken: await createSession(db, found.userId), userId: found.userId, outcome: found.outcome };
  }
}

type Found = { userId: number; outcome: 'found' | 'linked' | 'created' } | 'refused' | 'conflict';

async function findOrCreate(tx: Tx, identity: ProConnectIdentity, locale: Locale): Promise<Found> {
  const usable = (user: typeof users.$inferSelect) => !user.blockedAt && !user.deletedAt;
  const [bySub] = await tx.select().from(users).where(eq(users.proconnectSub, identity.sub));
  if (bySub) return usable(bySub) ? { userId: bySub.id, outcome: 'found' } : 'refused';

  const [byEmail] = await tx.select().from(users).where(eq(users.email, identity.email));
  if (byEmail) {
    if (!usable(byEmail) || byEmail.proconnectSub) return 'refused';
    // An address never proven may have been registered by someone else to lie in wait: its password, sessions
    // and tokens are theirs, not the ProConnect user's, so they go.
    const proven = byEmail.emailVerifiedAt !== null;
    const [linked] = await tx
      .update(users)
      .set({ proconnectSub: identity.sub, emailVerifiedAt: byEmail.emailVerifiedAt ?? now(), ...(proven ? {} : { passwordHash: null }) })
      .where(and(eq(users.id, byEmail.id), isNull(users.proconnectSub)))
      .returning({ id: users.id });
    if (!linked) return 'conflict';
    if (!proven) {
      await tx.delete(sessions).where(eq(sessions.userId, linked.id));
      await tx.delete(apiTokens).where(eq(apiTokens.userId, linked.id));
    }
    return { userId: linked.id, outcome: 'linked' };
  }

  const displayName = `${identity.givenName} ${identity.usualName}`.trim().slice(0, 80) || identity.email.split('@')[0]!.slice(0, 80);
  const [created] = await tx
    .insert(users)
    .values({ email: identity.email, displayName, passwordHash: null, emailVerifiedAt: now(), proconnectSub: identity.sub, locale })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!created) return 'conflict';
  await tx.insert(consents).values({ userId: created.id, kind: 'charter', version: await currentCharterVersion(tx), accepted: true });
  return { userId: created.id, outcome: 'created' };
}
