// Security headers (strict CSP, HSTS behind HTTPS, nosniff, frame denial…) from helmet, built once at start:
// @fastify/helmet rebuilds helmet's middleware on every request, which showed up in profiles of cached pages.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../../config.ts';

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
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
  app.addHook('onRequest', (req, reply, done) => apply(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
}
