// Counts that stop once they know enough: a page says "more than 1,000" instead of counting a million rows.
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rows, type Db } from './client.ts';

/** count(*) of the rows matching `where`, reading at most `cap` of them. */
export async function countUpTo(db: Db, table: PgTable, where: SQL | undefined, cap: number): Promise<number> {
  if (cap <= 0) return 0;
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from ${table} where ${where ?? sql`true`} limit ${cap}) t`);
  return Number(row?.n ?? 0);
}

export interface BoundedCount {
  total: number;
  /** more rows match than `total` says: it is the cap */
  capped: boolean;
}

/** The exact count up to `cap`, or `cap` and capped past it. */
export async function boundedCount(db: Db, table: PgTable, where: SQL | undefined, cap: number): Promise<BoundedCount> {
  const total = await countUpTo(db, table, where, cap + 1);
  return total > cap ? { total: cap, capped: true } : { total, capped: false };
}
