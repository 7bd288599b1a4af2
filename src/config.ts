// Environment -> typed, validated configuration. Everything the app needs from outside goes through here.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** unset: embedded PGlite in dataDir */
  databaseUrl?: string;
  dataDir: string;
  /** unset: mails are written as .eml files under dataDir/mail */
  smtpUrl?: string;
  mailFrom: string;
  sessionSecret: string;
  /** cookies get Secure and the __Host- prefix */
  secureCookies: boolean;
  demo: boolean;
  companyRegisterUrl?: string;
  proconnect?: { issuer: string; clientId: string; clientSecret: string };
  logLevel: string;
  /** whether background workers (mail delivery, digests) run in this process */
  workers: boolean;
  /** how many reverse proxies to trust for X-Forwarded-For (0: none, the socket address is the client) */
  trustProxyHops: number;
  /** event-loop delay (ms) beyond which requests are shed with 503; 0 turns the guard off */
  maxEventLoopDelayMs: number;
  /** map tiles for the agenda's map, a Leaflet URL template ({z}/{x}/{y}, optionally {s}); unset: no map, the list only */
  mapTileUrl?: string;
  /** bearer token that lets a scraper outside this machine read /metrics; without it, loopback only */
  metricsToken?: string;
  /** PostgreSQL: connections in the request pool */
  dbPoolSize: number;
  /** PostgreSQL: how long a request waits for a connection (a free one, or a new one) before it is answered 503 */
  dbAcquireTimeoutMs: number;
  /** PostgreSQL: the longest any statement may run (the server cancels it; the request is answered 503); 0: no limit */
  statementTimeoutMs: number;
  /** on SIGTERM, how long requests under way may take before the process exits anyway */
  shutdownTimeoutMs: number;
  /** how long a visitor's page is served as rendered before one background request renders it again */
  pageFreshMs: number;
  /** moderation: different people whose reports hide an item until a moderator decides */
  reportThreshold: number;
  /** spam defences (src/modules/moderation/spam.ts): posts a minute for any account, 0 turning the limits off */
  postsPerMinute: number;
  /** a public form sent sooner than this after it was shown is refused as a robot's (0: no minimum) */
  minFillMs: number;
}

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min = 0, max = 65535): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function url(name: string, value: string | undefined, protocols: string[]): string | undefined {
  if (!value) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  return value;
}

/** The secret is generated once per data folder so sessions survive restarts without any setup. */
function sessionSecret(dataDir: string, given?: string): string {
  if (given) {
    if (given.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');
    return given;
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function tileUrl(value: string | undefined): string | undefined {
  const checked = url('MAP_TILE_URL', value, ['http:', 'https:']);
  if (checked && !['{z}', '{x}', '{y}'].every((part) => checked.includes(part))) throw new ConfigError('MAP_TILE_URL must contain {z}, {x} and {y}');
  return checked;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int('PORT', env.PORT, 3000);
  const dataDir = resolve(env.PARVIS_DATA_DIR || './data');
  const publicUrl = (url('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const databaseUrl = url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
  const host = new URL(publicUrl).hostname;
  const issuer = url('PROCONNECT_ISSUER', env.PROCONNECT_ISSUER, ['http:', 'https:']);
  const config: Config = {
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl,
    databaseUrl,
    dataDir,
    smtpUrl: url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Parvis <no-reply@parvis.local>',
    sessionSecret: overrides.sessionSecret ?? sessionSecret(dataDir, env.SESSION_SECRET),
    // Browsers accept Secure cookies from localhost over plain HTTP, so only a non-local http URL turns them off.
    secureCookies: publicUrl.startsWith('https:') || host === 'localhost' || host === '127.0.0.1',
    demo: env.PARVIS_DEMO === undefined ? !databaseUrl : env.PARVIS_DEMO === '1',
    companyRegisterUrl: url('COMPANY_REGISTER_URL', env.COMPANY_REGISTER_URL, ['http:', 'https:']),
    proconnect:
      issuer && env.PROCONNECT_CLIENT_ID && env.PROCONNECT_CLIENT_SECRET
        ? { issuer, clientId: env.PROCONNECT_CLIENT_ID, clientSecret: env.PROCONNECT_CLIENT_SECRET }
        : undefined,
    logLevel: env.LOG_LEVEL || 'info',
    workers: env.PARVIS_WORKERS !== '0',
    trustProxyHops: int('TRUST_PROXY_HOPS', env.TRUST_PROXY_HOPS, 0),
    maxEventLoopDelayMs: int('PARVIS_MAX_EVENT_LOOP_DELAY_MS', env.PARVIS_MAX_EVENT_LOOP_DELAY_MS, 1000),
    mapTileUrl: tileUrl(env.MAP_TILE_URL),
    metricsToken: env.PARVIS_METRICS_TOKEN || undefined,
    dbPoolSize: int('PARVIS_DB_POOL_SIZE', env.PARVIS_DB_POOL_SIZE, 10, 1, 1000),
    dbAcquireTimeoutMs: int('PARVIS_DB_ACQUIRE_TIMEOUT_MS', env.PARVIS_DB_ACQUIRE_TIMEOUT_MS, 3000, 100, 600_000),
    statementTimeoutMs: int('PARVIS_STATEMENT_TIMEOUT_MS', env.PARVIS_STATEMENT_TIMEOUT_MS, 10_000, 0, 3_600_000),
    shutdownTimeoutMs: int('PARVIS_SHUTDOWN_TIMEOUT_MS', env.PARVIS_SHUTDOWN_TIMEOUT_MS, 8000, 0, 600_000),
    pageFreshMs: int('PARVIS_PAGE_FRESH_MS', env.PARVIS_PAGE_FRESH_MS, 15_000, 0, 3_600_000),
    reportThreshold: int('PARVIS_REPORT_THRESHOLD', env.PARVIS_REPORT_THRESHOLD, 3, 1, 1000),
    postsPerMinute: int('PARVIS_POSTS_PER_MINUTE', env.PARVIS_POSTS_PER_MINUTE, 6, 0, 100_000),
    minFillMs: int('PARVIS_MIN_FILL_MS', env.PARVIS_MIN_FILL_MS, 2500, 0, 600_000),
  };
  return { ...config, ...overrides };
}
