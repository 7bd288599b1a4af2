// A local OpenID provider configured like ProConnect, for tests: RS256 ID tokens, userinfo answered as a signed JWT,
// the ProConnect scopes and claims, an `eidas1` acr, PKCE, and RP-initiated logout. Instead of login pages, an
// interaction endpoint finishes the login for the account a test names, so no browser is needed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProConnectAccount {
  email: string;
  given_name: string;
  usual_name: string;
  siret?: string;
  uid?: string;
}

export interface FakeProConnect {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the people known to the provider, by `sub`; tests add and change them */
  accounts: Map<string, ProConnectAccount>;
  /**
   * Follows an authorization URL of the app through the provider as a browser would, signing in as `sub`
   * (or refusing, like a person pressing "cancel"), and returns the URL the provider sends the browser back to.
   */
  authorize(authorizationUrl: string, as: { sub: string } | { deny: true }): Promise<URL>;
  close(): Promise<void>;
}

// oidc-provider ships no types; the little used here is described where it is used.
interface Interaction {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: Record<string, string>;
  session?: { accountId?: string };
  grantId?: string;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options?: { mergeWithLastSubmission: boolean }): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
}

const claims = ['email', 'given_name', 'usual_name', 'siret', 'uid'] as const;

export async function startProConnect({ appUrl }: { appUrl: string }): Promise<FakeProConnect> {
  const { default: Provider } = (await import('oidc-provider' as string)) as { default: new (issuer: string, setup: object) => Provider };
  const accounts = new Map<string, ProConnectAccount>();
  const clientId = 'parvis-test';
  const clientSecret = randomBytes(24).toString('hex');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appUrl}/auth/proconnect/callback`],
        post_logout_redirect_uris: [`${appUrl}/`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // One scope per claim, as ProConnect does; the ID token carries identity only, the claims come from userinfo.
    claims: { openid: ['sub'], acr: null, auth_time: null, sid: null, iss: null, ...Object.fromEntries(claims.map((c) => [c, [c]])) },
    acrValues: ['eidas1'],
    pkce: { required: () => true },
    // Lifetimes in seconds, given so the provider does not warn about its defaults.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    renderError: async (ctx: { type: string; body: unknown }, out: Record<string, string>) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  });
  const oidc = provider.callback();

  // GET /interaction/:uid?login=<sub> signs in as that account and consents to everything asked; ?deny=1 refuses.
  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const query = new URL(req.url ?? '/', issuer).searchParams;
    const details = await provider.interactionDetails(req, res);
    if (query.get('deny')) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
    }
    if (details.prompt.name === 'login') {
      const sub = query.get('login') ?? '';
      if (!accounts.has(sub)) return res.writeHead(400).end(`unknown account ${sub}`);
      return provider.interactionFinished(req, res, { login: { accountId: sub, acr: 'eidas1' } }, { mergeWithLastSubmission: false });
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session!.accountId!, clientId: details.params.client_id! });
    if (details.prompt.details.missingOIDCScope) grant!.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
    if (details.prompt.details.missingOIDCClaims) grant!.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant!.save() } }, { mergeWithLastSubmission: true });
  }

  handle = (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
      return;
    }
    oidc(req, res);
  };

  async function authorize(authorizationUrl: string, as: { sub: string } | { deny: true }): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 10; hop++) {
      if (url.pathname.startsWith('/interaction/')) {
        if ('deny' in as) url.searchParams.set('deny', '1');
        else url.searchParams.set('login', as.sub);
      }
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`the provider stopped at ${url.pathname} with ${response.status}: ${await response.text()}`);
      url = new URL(location, url);
      if (url.href.startsWith(appUrl)) return url;
    }
    throw new Error('too many redirects at the provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    authorize,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
