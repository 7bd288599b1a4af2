// The plumbing of the scale load: a statement per insert built from a column -> expression map checked against the
// live schema (others add columns while the bench is written), and a queue that runs a stage's statements on two
// connections, one per core, timing each.
import pg from 'pg';
import { hash, unit } from './scale-text.ts';

export interface Insert {
  name: string;
  table: string;
  /** column -> SQL expression, in the terms of `from` */
  columns: Record<string, string>;
  /** the rest of the statement after `select …`: `from generate_series(…) c …` */
  from: string;
  /** an expression of the row's number, for columns added to the schema since this was written (random keys) */
  key?: string;
}

interface Column {
  name: string;
  type: string;
  required: boolean;
}
export type SchemaMap = Map<string, Column[]>;

export async function readSchema(client: pg.ClientBase): Promise<SchemaMap> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; required: boolean }>(`
    select table_name, column_name, data_type,
      (is_nullable = 'NO' and column_default is null and is_generated = 'NEVER' and is_identity = 'NO') as required
    from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`);
  const map: SchemaMap = new Map();
  for (const row of rows) {
    const list = map.get(row.table_name) ?? [];
    list.push({ name: row.column_name, type: row.data_type, required: row.required });
    map.set(row.table_name, list);
  }
  return map;
}

/** A value for a required column this generator does not know, when its type allows one without meaning. */
function filler(column: Column, key: string): string | undefined {
  if (/random/.test(column.name) && /double|real|numeric/.test(column.type)) return unit(key, 999);
  if (/random/.test(column.name) && /integer|bigint/.test(column.type)) return `(${hash(key, 999)} % 2147483647)::${column.type === 'bigint' ? 'bigint' : 'int'}`;
  return undefined;
}

/** The statement, or an error naming what changed in the schema. */
export function insertSql(schema: SchemaMap, insert: Insert): string {
  const columns = schema.get(insert.table);
  if (!columns) throw new Error(`table ${insert.table} does not exist: has the schema changed? (${insert.name})`);
  const names = new Set(columns.map((c) => c.name));
  const unknown = Object.keys(insert.columns).filter((c) => !names.has(c));
  if (unknown.length) throw new Error(`${insert.table} has no column ${unknown.join(', ')}: bench/scale-load.ts needs updating`);
  const values = { ...insert.columns };
  for (const column of columns) {
    if (!column.required || column.name in values) continue;
    const value = insert.key ? filler(column, insert.key) : undefined;
    if (!value) throw new Error(`${insert.table}.${column.name} (${column.type}) is required and has no default: bench/scale-load.ts needs a value for it`);
    values[column.name] = value;
  }
  const keys = Object.keys(values);
  return `insert into ${insert.table} (${keys.map((k) => `"${k}"`).join(', ')})\nselect ${keys.map((k) => values[k]).join(',\n  ')}\n${insert.from}`;
}

export interface Task {
  name: string;
  /** larger first, so that two connections finish a stage together */
  weight: number;
  run(client: pg.PoolClient): Promise<void>;
}

export const statement = (name: string, sql: string, weight = 1): Task => ({ name, weight, run: (client) => client.query(sql).then(() => undefined) });

export const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Session settings for a bulk load: no wait for the WAL flush, room to sort, and no per-row foreign-key triggers
 *  (every reference is generated inside its target's id range, and the checks below prove the counts). */
const loadSettings = {
  synchronous_commit: 'off',
  maintenance_work_mem: '1GB',
  work_mem: '256MB',
  statement_timeout: '0',
  max_parallel_workers_per_gather: '0',
  session_replication_role: 'replica',
};

export function loadPool(url: string, connections = 2): pg.Pool {
  // Startup parameters: every connection of the pool has them from its first statement.
  const options = Object.entries(loadSettings).map(([name, value]) => `-c ${name}=${value}`).join(' ');
  return new pg.Pool({ connectionString: url, max: connections, application_name: 'parvis-bench-seed', options });
}

/** Runs the tasks on every connection of the pool, biggest first; stops at the first failure. */
export async function runStage(pool: pg.Pool, stage: string, tasks: Task[], lanes = 2): Promise<number> {
  const started = Date.now();
  const queue = [...tasks].sort((a, b) => b.weight - a.weight);
  let failure: Error | undefined;
  const lane = async () => {
    while (!failure) {
      const task = queue.shift();
      if (!task) return;
      const client = await pool.connect();
      const at = Date.now();
      try {
        await task.run(client);
        if (Date.now() - at >= 500) console.log(`  ${task.name}: ${elapsed(at)}`);
      } catch (error) {
        failure ??= new Error(`${stage} / ${task.name}: ${(error as Error).message}`);
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure) throw failure;
  const ms = Date.now() - started;
  console.log(`${stage}: ${elapsed(started)}`);
  return ms;
}
