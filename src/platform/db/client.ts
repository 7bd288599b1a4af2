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

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** statements sent through drizzle so far: tests prove pages run a bounded number of queries */
  queryCount(): number;
  pglite?: PGlite;
  pool?: pg.Pool;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** folder of the embedded database; undefined keeps it in memory (tests) */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize) : openPglite(options.dataDir);
}

/** Counts statements with drizzle's logger hook: one increment, whichever driver runs them. */
function counter() {
  let queries = 0;
  return { logger: { logQuery: () => void queries++ }, queryCount: () => queries };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const { logger, queryCount } = counter();
  const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    queryCount,
    pool,
    ping: async () => pool.query('select 1').then(() => true, () => false),
    close: () => pool.end(),
  };
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
    const client = new PGlite({ dataDir: path, extensions: { unaccent, pg_trgm } });
    await client.waitReady;
    const { logger, queryCount } = counter();
    const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      queryCount,
      pglite: client,
      ping: async () => client.query('select 1').then(() => true, () => false),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
