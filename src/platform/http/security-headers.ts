// Security headers (strict CSP, HSTS behind HTTPS, nosniff, frame denial…) from helmet, computed once at start: they
// depend on the configuration only, and running helmet's middleware chain on every request showed up in profiles of
// cached pages. The same map goes on pages served before Fastify (fast-hits.ts).
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../../config.ts';

export type HeaderMap = Readonly<Record<string, string>>;

/** What helmet sets with this configuration, read by running its middleware once against a recorder. */
export function securityHeaders(config: Config): HeaderMap {
  const secure = config.publicUrl.startsWith('https:');
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The agenda's map loads its tiles from the configured server ({s} subdomains become a wildcard).
        imgSrc: ["'self'", 'data:', ...(config.mapTileUrl ? [/^https?:\/\/[^/]+/.exec(config.mapTileUrl)![0].replace('{s}', '*')] : [])],
        // Signing out of ProConnect is a form post answered by a redirect to its end-session page.
        formAction: ["'self'", ...(config.proconnect ? [new URL(config.proconnect.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  // Helmet's middlewares are synchronous and only set headers; a configuration error comes back through `next`.
  apply({} as never, recorder as never, (error?: unknown) => void (failure = error));
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  if (Object.keys(headers).length === 0) throw new Error('helmet set no header: security headers cannot be computed');
  return Object.freeze(headers);
}

export function registerSecurityHeaders(app: FastifyInstance, headers: HeaderMap): void {
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
