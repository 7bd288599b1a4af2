// Plain SQL dumps that work the same on PGlite and PostgreSQL: one INSERT per row, tables in foreign-key order.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { rows, type Db } from './client.ts';

const header = '-- Parvis dump';

/** Tables whose rows triggers rebuild from other tables, marked by a comment starting with "derived:". */
async function derivedTables(db: Db): Promise<Set<string>> {
  const found = await rows<{ name: string }>(db, sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and obj_description(c.oid, 'pg_class') like 'derived:%'`);
  return new Set(found.map((r) => r.name));
}

/** Tables of the public schema, each after the tables it references. */
async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (await rows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
  const edges = await rows<{ child: string; parent: string }>(db, sql`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`);
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const edge of edges) if (edge.child.replace(/"/g, '') === table && edge.parent.replace(/"/g, '') !== table) visit(edge.parent.replace(/"/g, ''), path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/**
 * Writes every row of the public schema; job queues are transient and not included, nor are derived tables (the
 * restore's inserts rebuild them). Returns the row count.
 */
export async function backup(db: Db, file: string): Promise<number> {
  const out = createWriteStream(file, 'utf8');
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const derived = await derivedTables(db);
  const tables = (await tablesInOrder(db)).filter((table) => !derived.has(table));
  await write(`${header} ${new Date().toISOString()}`);
  await write(`-- tables: ${tables.join(',')}`);
  let count = 0;
  for (const table of tables) {
    // Generated columns (search vectors) are computed again on insert and may not be written.
    const columns = await rows<{ name: string }>(
      db,
      sql`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
    );
    const list = columns.map((c) => `"${c.name}"`).join(', ');
    const result = await rows<{ line: string }>(
      db,
      sql`select format('INSERT INTO %I (%s) SELECT %s FROM json_populate_record(NULL::%I, %L);', ${table}::text, ${list}::text, ${list}::text, ${table}::text, row_to_json(t)::text) as line from ${sql.identifier(table)} t`,
    );
    for (const row of result) await write(row.line);
    count += result.length;
  }
  out.end();
  await once(out, 'finish');
  return count;
}

/** Replaces all data with the dump's, in one transaction, then moves each id sequence past the restored rows. */
export async function restore(db: Db, file: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const statements: string[] = [];
  let first = true;
  for await (const line of lines) {
    if (first && !line.startsWith(header)) throw new Error(`${file} is not a Parvis dump`);
    first = false;
    if (line.startsWith('INSERT INTO ')) statements.push(line);
  }
  const tables = await tablesInOrder(db);
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`));
    for (const statement of statements) await tx.execute(sql.raw(statement));
    const sequences = await rows<{ tbl: string; col: string; seq: string }>(tx, sql`
      select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) as seq
      from information_schema.columns c
      where c.table_schema = 'public' and pg_get_serial_sequence(format('%I', c.table_name), c.column_name) is not null`);
    for (const { tbl, col, seq } of sequences) {
      await tx.execute(sql.raw(`SELECT setval('${seq}', GREATEST((SELECT max("${col}") FROM "${tbl}"), 1), (SELECT max("${col}") IS NOT NULL FROM "${tbl}"))`));
    }
  });
  return statements.length;
}
