// Database faults on PostgreSQL (only when TEST_DATABASE_URL is set): connections killed under the app, the
// database away and back, a silent network, a statement past its timeout. The app answers 503, never 500, never
// crashes, and recovers by itself. The shared server is never restarted: pg_terminate_backend on the test's own
// database, or a TCP proxy in front of it that the test takes down and brings back.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createApiToken } from '../src/modules/accounts/service.ts';
import { actorFor } from '../src/modules/accounts/session.ts';
import { users } from '../src/modules/accounts/schema.ts';
import { openDatabase, rows, type Database } from '../src/platform/db/client.ts';
import { databaseFault } from '../src/platform/db/faults.ts';
import { Browser } from './support/app.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { makeUser, signIn } from './support/roles.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

const enabled = Boolean(process.env.TEST_DATABASE_URL);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** From an admin connection: ends every other session on the database, as a restart would. */
async function terminateAll(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query('select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return Number(result.rows[0].n);
  } finally {
    await client.end();
  }
}

/** Waits for a condition that must come true by itself; the limit only keeps a broken build from hanging. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 20_000): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - start };
    if (Date.now() - start > limitMs) assert.fail(`${what}: not within ${limitMs / 1000} s`);
    await sleep(50);
  }
}

interface FaultApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The app on a database URL (the test database itself, or the proxy in front of it), with its own pool. */
async function appOn(url: string, overrides: Partial<Config> = {}): Promise<FaultApp> {
  const config = loadConfig({ PARVIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'parvis-faults-')), PARVIS_DEMO: '0' }, { sessionSecret: 'test-secret-'.padEnd(40, 'x'), databaseUrl: url, maxEventLoopDelayMs: 0, ...overrides });
  const database = await openDatabase({ databaseUrl: url, poolSize: config.dbPoolSize, acquireTimeoutMs: config.dbAcquireTimeoutMs, statementTimeoutMs: config.statementTimeoutMs, onConnectionError: () => {} });
  const app = await buildApp(config, { database, mailer: { deliver: async () => {} }, logger: { level: process.env.TEST_LOG_LEVEL ?? 'fatal', stream: process.stderr } });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

async function tokenFor(app: FastifyInstance, email: string): Promise<string> {
  const [user] = await app.ctx.db.select().from(users).where(eq(users.email, email));
  return createApiToken(app.ctx.db, await actorFor(app.ctx.db, user!), { name: 'faults' });
}

/** A 503 as the platform sends it for a database that is away: a stable code and when to come back. */
function assertUnavailable(response: LightMyRequestResponse, what: string) {
  assert.equal(response.statusCode, 503, `${what}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  assert.equal(response.headers['retry-after'], '5', what);
  const said = `${what}: ${/<h1>[^<]*<\/h1>/.exec(response.body)?.[0] ?? response.body.slice(0, 200)}`;
  if (String(response.headers['content-type']).startsWith('application/json')) assert.match(response.json().error.code, /^database_(unavailable|timeout)$/, said);
  else assert.match(response.body, /<h1>(Service momentanément indisponible|Demande trop longue)<\/h1>/, said);
}

test('what counts as a database fault, through drizzle\'s wrapper and connection attempts to several addresses', () => {
  const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });
  const pgError = (code: string) => Object.assign(new Error('server says'), { code });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const cases: [unknown, string | undefined][] = [
    [wrapped(pgError('57P01')), 'unavailable'],
    [wrapped(pgError('57P03')), 'unavailable'],
    [wrapped(pgError('08006')), 'unavailable'],
    [wrapped(pgError('53300')), 'unavailable'],
    [wrapped(pgError('57014')), 'timeout'],
    [new AggregateError([refused, refused]), 'unavailable'],
    [wrapped(new Error('Connection terminated unexpectedly')), 'unavailable'],
    [new Error('timeout exceeded when trying to connect'), 'unavailable'],
    [wrapped(new Error('Query read timeout')), 'timeout'],
    // Not faults: bad input, a constraint, a bug.
    [wrapped(pgError('22P02')), undefined],
    [wrapped(pgError('23505')), undefined],
    [new TypeError('cannot read properties of undefined'), undefined],
  ];
  for (const [error, expected] of cases) assert.equal(databaseFault(error), expected, String((error as Error).message));
});

describe('database faults on PostgreSQL', { skip: !enabled && 'needs TEST_DATABASE_URL' }, () => {
  let fresh: TestDatabase;
  before(async () => {
    fresh = await freshDatabase('postgres');
  });
  after(() => fresh?.drop());

  test('every pooled connection carries the statement and idle-in-transaction timeouts; a statement past its limit is a timeout fault', async () => {
    const [settings] = await rows<{ statement: string; idle: string; name: string }>(
      fresh.database.db,
      sql`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle, current_setting('application_name') as name`,
    );
    assert.deepEqual(settings, { statement: '10s', idle: '30s', name: 'parvis' });
    const short = await openDatabase({ databaseUrl: fresh.url!, statementTimeoutMs: 200 });
    try {
      const error = await short.db.execute(sql`select pg_sleep(2)`).then(() => undefined, (e: unknown) => e);
      assert.equal(databaseFault(error), 'timeout', String(error));
      // The connection is fine afterwards: only the statement was canceled.
      assert.equal((await rows<{ one: number }>(short.db, sql`select 1 as one`))[0]?.one, 1);
      // Work that may rightly take long (migrations, backups) runs without the limit.
      await short.unbounded(async ({ db }) => void (await db.execute(sql`select pg_sleep(0.4)`)));
    } finally {
      await short.close();
    }
  });

  test('connections killed while idle in the pool or in the middle of a transaction: that transaction fails as a fault, the process carries on, the pool reconnects', async () => {
    const database = await openDatabase({ databaseUrl: fresh.url!, poolSize: 4, onConnectionError: () => {} });
    try {
      // Four idle connections in the pool.
      await Promise.all([1, 2, 3, 4].map(() => database.db.execute(sql`select pg_sleep(0.05)`)));
      const failed = await database.db
        .transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          assert.ok((await terminateAll(fresh.url!)) >= 4);
          // The server's "terminating connection" reaches this checked-out client while no statement runs.
          await sleep(300);
          await tx.execute(sql`select 1`);
        })
        .then(() => undefined, (e: unknown) => e);
      assert.equal(databaseFault(failed), 'unavailable', String(failed));
      assert.equal((await rows<{ one: number }>(database.db, sql`select 1 as one`))[0]?.one, 1);
      assert.ok(await database.ping());
    } finally {
      await database.close();
    }
  });

  test('requests while every connection is terminated, again and again, answer 503 or succeed, never 500; the app answers 200 again by itself', async (t) => {
    const { app, close } = await appOn(fresh.url!);
    try {
      await makeUser(app, 'faults-reader@example.org');
      const person = await signIn(app, 'faults-reader@example.org', '10.6.0.1');
      const token = await tokenFor(app, 'faults-reader@example.org');
      const requests = [
        () => person.get('/'),
        () => person.get('/account'),
        () => app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }),
        () => app.inject({ url: '/healthz' }),
      ];
      let running = true;
      const answers: { kind: number; response: LightMyRequestResponse }[] = [];
      const clients = Array.from({ length: 8 }, async (_, i) => {
        for (let n = i; running; n++) answers.push({ kind: n % requests.length, response: await requests[n % requests.length]!() });
      });
      let terminated = 0;
      for (let round = 0; round < 8; round++) {
        await sleep(150);
        terminated += await terminateAll(fresh.url!);
      }
      running = false;
      await Promise.all(clients);
      const unavailable = answers.filter((a) => a.response.statusCode === 503);
      // /healthz (the last kind) says 503 in its own words; every other 503 is the platform's database_unavailable.
      for (const { kind, response } of unavailable) if (kind !== requests.length - 1) assertUnavailable(response, 'during the terminations');
      const others = answers.filter((a) => a.response.statusCode !== 503 && a.response.statusCode !== 200);
      assert.deepEqual(others.map((a) => `${a.response.statusCode} ${a.response.body.slice(0, 120)}`), []);
      // Right after the last termination: the next request of each kind is answered, without any restart.
      const recovery = await eventually('every request answers 200', async () => ((await Promise.all(requests.map((r) => r()))).every((r) => r.statusCode === 200) ? true : undefined));
      t.diagnostic(`${answers.length} answers, ${unavailable.length} of them 503, ${terminated} connections terminated; all 200 again ${recovery.ms} ms after the last termination`);
    } finally {
      await close();
    }
  });

  describe('the database away and back (through a proxy)', () => {
    let proxy: TcpProxy;
    let faulty: FaultApp;
    let person: Browser;
    let token: string;
    const ran: number[] = [];
    before(async () => {
      proxy = await TcpProxy.start(new URL(fresh.url!));
      faulty = await appOn(proxy.url(fresh.url!));
      await makeUser(faulty.app, 'faults-away@example.org');
      person = await signIn(faulty.app, 'faults-away@example.org', '10.6.0.2');
      token = await tokenFor(faulty.app, 'faults-away@example.org');
      const { jobs } = faulty.app.ctx;
      await jobs.declare('test.faults');
      jobs.handle<{ n: number }>('test.faults', async ({ n }) => void ran.push(n));
      await jobs.startWorkers();
    });
    after(async () => {
      await proxy.up();
      await faulty?.close();
      await proxy.down();
    });

    test('while it is away: /healthz says so, pages and the API answer 503 with Retry-After; back: both recover by themselves and a job queued after runs', async (t) => {
      const { app } = faulty;
      assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
      await proxy.down();
      const health = await app.inject({ url: '/healthz' });
      assert.equal(health.statusCode, 503);
      assert.deepEqual(health.json(), { status: 'unavailable', database: { kind: 'postgres', reachable: false } });
      assertUnavailable(await person.get('/'), 'a signed-in page');
      assertUnavailable(await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } }), 'the API');
      const english = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
      assert.equal(english.json().error.message, 'Service briefly unavailable');
      // Away for a few seconds, as during a restart: the job workers' polls fail meanwhile.
      await sleep(2500);
      await proxy.up();
      const back = await eventually('/healthz answers 200', async () => ((await app.inject({ url: '/healthz' })).statusCode === 200 ? true : undefined));
      const page = await eventually('a signed-in page answers 200', async () => ((await person.get('/')).statusCode === 200 ? true : undefined));
      await app.ctx.db.transaction((tx) => app.ctx.jobs.send(tx, 'test.faults', { n: 1 }));
      const job = await eventually('the job queued after the return runs', async () => (ran.includes(1) ? true : undefined), 30_000);
      t.diagnostic(`back: /healthz 200 after ${back.ms} ms, pages after ${back.ms + page.ms} ms; the job ran ${job.ms} ms after it was queued`);
    });

    test('a database that stops answering (the network silent): /healthz still answers, 503, within its own limit', async () => {
      const { app } = faulty;
      assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
      proxy.silence();
      try {
        // Twice: the health connection already open goes silent, then a new one cannot be made.
        for (let i = 0; i < 2; i++) {
          const health = await app.inject({ url: '/healthz' });
          assert.equal(health.statusCode, 503);
          assert.equal(health.json().database.reachable, false);
        }
      } finally {
        await proxy.up();
      }
      await eventually('/healthz answers 200', async () => ((await app.inject({ url: '/healthz' })).statusCode === 200 ? true : undefined));
    });
  });

  test('a saturated pool: /healthz answers 200 while 50 queries still queue for 2 connections; a request that cannot get one in time answers 503', async () => {
    const { app, database, close } = await appOn(fresh.url!, { dbPoolSize: 2, dbAcquireTimeoutMs: 1500 });
    try {
      await makeUser(app, 'faults-queue@example.org');
      const person = await signIn(app, 'faults-queue@example.org', '10.6.0.4');
      // then(): drizzle sends a query only once it is awaited. The first two hold both connections for 5 s.
      const queued = Array.from({ length: 50 }, () => database.db.execute(sql`select pg_sleep(5)`).then(() => 'done', (e: unknown) => databaseFault(e)));
      await sleep(50);
      assert.ok(database.pool!.waitingCount > 40, `${database.pool!.waitingCount} waiting`);
      const health = await app.inject({ url: '/healthz' });
      assert.deepEqual([health.statusCode, health.json().database.reachable], [200, true]);
      assert.ok(database.pool!.waitingCount > 30, 'answered while the queue was still there');
      // Both connections busy for seconds more: the wait for one ends at the acquire timeout (1.5 s).
      assertUnavailable(await person.get('/account'), 'a page that cannot get a connection');
      const outcomes = await Promise.all(queued);
      assert.ok(outcomes.includes('unavailable'), 'queued queries past the acquire timeout fail as unavailable');
      assert.equal((await person.get('/account')).statusCode, 200);
    } finally {
      await close();
    }
  });

  test('a request blocked past the statement timeout (a table locked elsewhere) answers 503 database_timeout, and the next one 200', async () => {
    const { app, close } = await appOn(fresh.url!, { statementTimeoutMs: 300 });
    const locker = new pg.Client({ connectionString: fresh.url });
    await locker.connect();
    try {
      await makeUser(app, 'faults-locked@example.org');
      const person = await signIn(app, 'faults-locked@example.org', '10.6.0.3');
      await locker.query('begin');
      await locker.query('lock table sessions in access exclusive mode');
      const blocked = await person.get('/account');
      assertUnavailable(blocked, 'a page behind a lock');
      assert.match(blocked.body, /<h1>Demande trop longue<\/h1>/);
      await locker.query('rollback');
      assert.equal((await person.get('/account')).statusCode, 200);
    } finally {
      await locker.end();
      await close();
    }
  });
});
