// What the planner would do with each statement a piece of code sends: the code runs on a recording drizzle instance
// over the same connection, then each statement that reads a table is explained with its parameters. Sequential scans
// are turned off for the explain, so a Seq Scan left in a plan means that no index can serve the statement at all:
// on a small test database the planner would otherwise prefer reading everything, which proves nothing.
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import * as schema from '../../src/platform/db/schema.ts';
import type { Database, Db } from '../../src/platform/db/client.ts';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

export interface Explained {
  sql: string;
  plan: PlanNode;
}

type Recorded = { sql: string; params: unknown[] };

function recorder(database: Database, recorded: Recorded[]): Db {
  const logger = { logQuery: (sql: string, params: unknown[]) => void recorded.push({ sql, params }) };
  return (database.kind === 'pglite' ? drizzlePglite(database.pglite!, { schema, logger }) : drizzlePg(database.pool!, { schema, logger })) as unknown as Db;
}

async function explainOne(database: Database, { sql, params }: Recorded): Promise<PlanNode> {
  const text = `explain (format json) ${sql}`;
  if (database.kind === 'pglite') {
    const client = database.pglite!;
    return client.transaction(async (tx) => {
      await tx.query(`set local enable_seqscan = off`);
      const result = await tx.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(text, params as unknown[]);
      return result.rows[0]!['QUERY PLAN'][0]!.Plan;
    });
  }
  const client = await database.pool!.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const result = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(text, params);
    return result.rows[0]!['QUERY PLAN'][0]!.Plan;
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** Runs `work` and explains every select it sent (settings, savepoints and writes are left out). */
export async function plansOf(database: Database, work: (db: Db) => Promise<unknown>): Promise<Explained[]> {
  const recorded: Recorded[] = [];
  await work(recorder(database, recorded));
  const reads = recorded.filter((r) => /^\s*\(?\s*(select|with)\b/i.test(r.sql) && !/set_config\(/i.test(r.sql));
  return Promise.all(reads.map(async (r) => ({ sql: r.sql, plan: await explainOne(database, r) })));
}

export function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * Every scan of `table` in the plans that is not bounded by an index condition: a sequential scan, or an index walked
 * from end to end. An empty list means each read of the table starts from what the statement asks for.
 */
export function unboundedScans(explained: Explained[], table: string): string[] {
  return explained.flatMap(({ sql, plan }) =>
    nodesOf(plan)
      .filter((node) => node['Relation Name'] === table || (node['Node Type'] === 'Bitmap Index Scan' && node['Index Name']?.startsWith(`${table}_`)))
      .filter((node) => node['Node Type'] === 'Seq Scan' || (/Index/.test(node['Node Type']) && !node['Index Cond'] && node['Node Type'] !== 'Bitmap Heap Scan'))
      .map((node) => `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} in: ${sql.slice(0, 160)}`),
  );
}
