// Opens the one database the app uses: embedded PGlite in the data folder, or a PostgreSQL server.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireLock, type Lock } from './lock.ts';
import { prepareStatements } from './prepared.ts';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it: both speak the same PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handed to a service function is a Db too. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Runs raw SQL and returns its rows, whichever driver answers. */
export async function rows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** One of something per process and database (a batcher, a prepared query), made on first use and shared. */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) made.set(db, (value = make(db)));
    return value;
  };
}

export type StatementListener = (text: string, params: unknown[]) => void;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** statements sent through drizzle so far: tests prove pages run a bounded number of queries */
  queryCount(): number;
  /** Calls `listener` with the text and parameters of every statement sent through drizzle, before it is sent. */
  onStatement(listener: StatementListener): void;
  pglite?: PGlite;
  pool?: pg.Pool;
  /**
   * Whether the database answers `select 1` within `timeoutMs`. On PostgreSQL through a connection of its own, so a
   * health check never queues behind the requests waiting for the pool.
   */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Runs work that may take longer than any request should (migrations at start, backups, restores): on PostgreSQL,
   * through a connection of its own without the statement timeout; on PGlite, on the one engine.
   */
  unbounded<T>(work: (database: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** folder of the embedded database; undefined keeps it in memory (tests) */
  dataDir?: string;
  poolSize?: number;
  /** PostgreSQL: how long a query waits for a connection (free or new) before it fails; 3 s by default */
  acquireTimeoutMs?: number;
  /** PostgreSQL: the server cancels any statement running longer (SQLSTATE 57014); 10 s by default, 0: no limit */
  statementTimeoutMs?: number;
  /** where connection errors are told (PostgreSQL restarting, a connection killed); a warning on stderr by default */
  onConnectionError?: (error: Error) => void;
}

export const defaultAcquireTimeoutMs = 3000;
export const defaultStatementTimeoutMs = 10_000;
/** A transaction left idle this long is a stuck request holding locks: the server ends its session. */
export const idleInTransactionTimeoutMs = 30_000;
export const defaultPingTimeoutMs = 1000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir);
}

/** Counts statements with drizzle's logger hook, and tells who listens; whichever driver runs them. */
function counter() {
  let queries = 0;
  const listeners: StatementListener[] = [];
  const logQuery = (text: string, params: unknown[]) => {
    queries++;
    for (const listener of listeners) listener(text, params);
  };
  return { logger: { logQuery }, queryCount: () => queries, onStatement: (listener: StatementListener) => void listeners.push(listener) };
}

/** A pino-shaped warning line, so it reads like the server's other logs even before the app's logger exists. */
function warnOnStderr(error: Error): void {
  const { code } = error as { code?: string };
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, msg: 'database connection error', err: { code, message: error.message } })}\n`);
}

function timeoutAfter(ms: number): { promise: Promise<false>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * A pool that survives its server: a connection that dies (PostgreSQL restarting, pg_terminate_backend, the network)
 * is reported and dropped, never an uncaught 'error' event that ends the process; the next query opens a new one.
 */
function resilientPool(config: pg.PoolConfig, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ keepAlive: true, idleTimeoutMillis: 30_000, ...config });
  // An idle connection that dies: pg-pool removes it and emits the error here.
  pool.on('error', onError);
  // A connection handed out (a transaction between two statements) is off pg-pool's listener: it emits 'error' on
  // itself, which unheard would end the process. Its next statement fails with the same cause, and pg-pool drops a
  // client that is no longer queryable when it comes back, so nothing else is needed.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    prepareStatements(client);
  });
  return pool;
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const onError = options.onConnectionError ?? warnOnStderr;
  const statementTimeoutMs = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
  const pool = resilientPool(
    {
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: 'parvis',
      // The wait for a connection, free or new: a request gets 503 instead of queuing for as long as the server is away.
      connectionTimeoutMillis: options.acquireTimeoutMs ?? defaultAcquireTimeoutMs,
      statement_timeout: statementTimeoutMs || undefined,
      idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
      // The server enforces statement_timeout; this is for a server that stopped answering at all (network gone).
      query_timeout: statementTimeoutMs ? statementTimeoutMs + 5000 : undefined,
    },
    onError,
  );
  let health: pg.Pool | undefined;
  const { logger, queryCount, onStatement } = counter();
  const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
  const database: Database = {
    kind: 'postgres',
    db,
    queryCount,
    onStatement,
    pool,
    async ping(timeoutMs = defaultPingTimeoutMs) {
      // One connection of its own, kept between checks, with every wait bounded by the same short limit.
      health ??= resilientPool(
        { connectionString: url, max: 1, application_name: 'parvis-health', connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs },
        () => {},
      );
      const limit = timeoutAfter(timeoutMs);
      try {
        return await Promise.race([health.query('select 1').then(() => true, () => false), limit.promise]);
      } finally {
        limit.clear();
      }
    },
    async unbounded(work) {
      const own = await openPostgres(url, { ...options, poolSize: 1, statementTimeoutMs: 0, acquireTimeoutMs: 30_000 });
      try {
        return await work(own);
      } finally {
        await own.close();
      }
    },
    async close() {
      await Promise.all([pool.end(), health?.end()]);
    },
  };
  return database;
}

async function openPglite(dataDir?: string): Promise<Database> {
  let lock: Lock | undefined;
  let path: string | undefined;
  if (dataDir) {
    // PGlite takes no lock of its own: a second process writing the same folder would corrupt it.
    mkdirSync(dataDir, { recursive: true });
    lock = acquireLock(join(dataDir, 'parvis.lock'));
    path = join(dataDir, 'pglite');
  }
  try {
    // Loaded only when used: the embedded engine weighs some 60 MB that a PostgreSQL deployment does not need.
    const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
      import('drizzle-orm/pglite'),
    ]);
    // Memory PGlite takes is never given back: its default 128 MB of shared buffers would stay resident whole.
    const client = new PGlite({ dataDir: path, extensions: { unaccent, pg_trgm }, postgresqlconf: ["shared_buffers = '16MB'"] });
    await client.waitReady;
    const { logger, queryCount, onStatement } = counter();
    const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
    const database: Database = {
      kind: 'pglite',
      db,
      queryCount,
      onStatement,
      pglite: client,
      async ping(timeoutMs = defaultPingTimeoutMs) {
        if (client.closed) return false;
        // The engine runs one statement at a time in this process: a ping that waits is queued behind requests, not
        // a database that is down. Only an engine that fails or has closed is unreachable.
        const limit = timeoutAfter(timeoutMs);
        try {
          const answered = await Promise.race([client.query('select 1').then(() => true, () => false), limit.promise.then(() => 'busy' as const)]);
          return answered === 'busy' ? !client.closed : answered;
        } finally {
          limit.clear();
        }
      },
      unbounded: (work) => work(database),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
    return database;
  } catch (error) {
    lock?.release();
    throw error;
  }
}
