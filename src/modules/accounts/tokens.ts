// Secrets handed to people (session cookies, e-mail links, API tokens) are random; only their hash is stored.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
