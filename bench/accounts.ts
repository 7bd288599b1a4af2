// Who the bench acts as: a browser session got by signing in through the login form (CSRF cookie and token, as a
// person would), and personal API tokens for the write clients.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Request, Traffic } from './load.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const demoPassword = 'parvis-demo-2026';
/** A member without an organization: what most signed-in visitors are. */
export const demoMember = 'thomas.petit@example.org';

/** name=value of each cookie a response sets (and does not clear). */
function cookiesOf(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='));
}

/** Signs in through GET then POST /login; returns the Cookie header a signed-in browser sends. A server that sheds load
 *  (503) is asked again for up to a minute. */
export async function signIn(baseUrl: string, email: string, password = demoPassword): Promise<string> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await signInOnce(baseUrl, email, password);
    } catch (error) {
      if (!(error instanceof Unavailable) || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

class Unavailable extends Error {}

async function signInOnce(baseUrl: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${baseUrl}/login`, { signal: AbortSignal.timeout(30_000) });
  const html = await form.text();
  if (form.status === 503) throw new Unavailable('the login page answered 503');
  const token = /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(html)?.[1];
  if (!token) throw new Error(`the login page (${form.status}) has no _csrf field`);
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form).join('; ') },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status === 503) throw new Unavailable('signing in answered 503');
  const set = cookiesOf(response);
  if (response.status !== 303 || !set.some((pair) => pair.includes('session'))) throw new Error(`signing in as ${email} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  // What a browser sends next: every cookie it holds, the form's CSRF secret included (a page would otherwise make
  // a new secret, and set it, on every request), the later of two with one name.
  const jar = new Map([...cookiesOf(form), ...set].map((pair) => [pair.slice(0, pair.indexOf('=')), pair]));
  return [...jar.values()].join('; ');
}

/** Tokens through the command line (`token:create`), before the server starts: PGlite lets one process in at a time. */
export function cliTokens(env: Record<string, string>, emails: string[]): string[] {
  return emails.map((email) => {
    const result = spawnSync(process.execPath, [join(root, 'bin/parvis.js'), 'token:create', '--email', email, '--name', 'bench'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`token:create --email ${email} failed: ${result.stderr}`);
    return result.stdout.trim().split('\n').pop()!.trim();
  });
}

/** Tokens written as the accounts module writes them (sha256 of the token, its first characters as prefix), for many
 *  accounts at once; the previous run's bench tokens are removed first. */
export async function insertTokens(databaseUrl: string, userIds: number[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("delete from api_tokens where name = 'parvis-bench'");
    const tokens = userIds.map(() => `pvs_${randomBytes(32).toString('base64url')}`);
    const hashes = tokens.map((t) => createHash('sha256').update(t).digest('hex'));
    await client.query(
      "insert into api_tokens (user_id, name, token_hash, prefix) select * from unnest($1::int[], array_fill('parvis-bench'::text, array[$4::int]), $2::text[], $3::text[])",
      [userIds, hashes, tokens.map((t) => t.slice(0, 10)), userIds.length],
    );
    return tokens;
  } finally {
    await client.end();
  }
}

let sequence = 0;
const pickOne = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;
const bearer = (tokens: string[]) => ({ authorization: `Bearer ${tokens[sequence++ % tokens.length]}`, 'content-type': 'application/json' });

/** Votes on random contributions of an open phase, each by the next token's account. */
export function voteTraffic(tokens: string[], contributionIds: number[]): Traffic {
  const values = ['agree', 'agree', 'mixed', 'disagree'];
  return { next: (): Request => ({ method: 'POST', path: `/api/v1/contributions/${pickOne(contributionIds)}/vote`, headers: bearer(tokens), body: JSON.stringify({ value: pickOne(values) }) }) };
}

/** New contributions to an open phase, each with its own title. */
export function contributionTraffic(tokens: string[], slug: string, phase: number, kind: string): Traffic {
  const run = Date.now().toString(36);
  return {
    next: (): Request => {
      const n = ++sequence;
      return {
        method: 'POST',
        path: `/api/v1/consultations/${slug}/phases/${phase}/contributions`,
        headers: bearer(tokens),
        body: JSON.stringify({ kind, title: `Proposition du banc d’essai ${run}-${n}`, body: 'Une proposition écrite par le banc d’essai pour mesurer le débit des écritures.' }),
      };
    },
  };
}
