// Cookie names and options in one place: `__Host-` and Secure whenever the site is served securely.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../../config.ts';

export function cookieName(config: Config, base: string): string {
  return config.secureCookies ? `__Host-parvis-${base}` : `parvis-${base}`;
}

export function cookieOptions(config: Config, extra: CookieSerializeOptions = {}): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, ...extra };
}
