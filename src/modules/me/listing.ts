// What every section of "my space" holds: the newest few items and how many there are in all, read in one query
// (`count(*) over ()` is computed before the LIMIT, so the total costs no second query).
import { sql } from 'drizzle-orm';

/** At most this many items per section: the page stays short and every query bounded, whatever a person owns. */
export const sectionSize = 20;

export interface Section<T> {
  total: number;
  items: T[];
}

/** The column that carries the section's total on every row. */
export const totalColumn = () => sql<number>`count(*) over ()`.mapWith(Number);

export function section<T extends { total: number }>(rows: T[]): Section<Omit<T, 'total'>> {
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...item }) => item) };
}
