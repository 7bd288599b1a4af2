// A real app on a fresh database, with mail captured in memory, for tests that go through fastify.inject.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { MailMessage } from '../../src/platform/mail/index.ts';
import { freshDatabase, type DatabaseKind } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  kind: DatabaseKind;
  config: Config;
  /** every mail delivered so far, oldest first */
  mails: MailMessage[];
  /** runs the mail queue now and returns the messages delivered by this call */
  deliverMail(): Promise<MailMessage[]>;
  close(): Promise<void>;
}

/**
 * The spam defences' posting limits and minimum fill time are off in tests unless a test turns them on (their own
 * tests do): suites that post quickly, or fill forms in a browser in milliseconds, test other things.
 */
export const spamDefencesOff: Partial<Config> = { postsPerMinute: 0, minFillMs: 0 };

export async function testApp(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<TestApp> {
  const fresh = await freshDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'parvis-test-'));
  const config = loadConfig({ PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '0' }, { sessionSecret: 'test-secret-'.padEnd(40, 'x'), databaseUrl: fresh.url, logLevel: 'silent', maxEventLoopDelayMs: 0, ...spamDefencesOff, ...overrides });
  const mails: MailMessage[] = [];
  const app = await buildApp(config, { database: fresh.database, mailer: { deliver: async (m) => void mails.push(m) }, logger: { level: process.env.TEST_LOG_LEVEL ?? 'error', stream: process.stderr } });
  return {
    app,
    kind,
    config,
    mails,
    async deliverMail() {
      const before = mails.length;
      await app.ctx.jobs.drainAll();
      return mails.slice(before);
    },
    async close() {
      await app.close();
      await fresh.drop();
    },
  };
}

/** Cookies of a browser, kept across injected requests. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({ remoteAddress: this.ip, ...options, headers: { ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) } });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** Reads the CSRF token from a page's form, as a browser would submit it. */
  async csrf(url = '/login'): Promise<string> {
    const page = await this.get(url);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${url} (status ${page.statusCode})`);
    return token;
  }

  /** Posts a form like a browser: urlencoded, with the page's CSRF token unless one is given. */
  async post(url: string, fields: Record<string, string | string[]>, options: { csrfFrom?: string; csrf?: string | null } = {}) {
    const token = options.csrf === undefined ? await this.csrf(options.csrfFrom ?? url) : options.csrf;
    const params = new URLSearchParams();
    if (token !== null) params.append('_csrf', token);
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(key, v);
    return this.request({ method: 'POST', url, payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

/** The first link to this site found in a mail's text. */
export function linkIn(mail: MailMessage | undefined): string {
  const match = /https?:\/\/[^\s]+/.exec(mail?.text ?? '');
  if (!match) throw new Error('no link in mail');
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

export const strongPassword = 'une phrase de passe solide';
