// The scale database's housekeeping: create it, remember what a load did (schema parvis_bench, which the app never
// reads), set the secondary indexes aside during the load and always put them back, and check what was loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { elapsed, runStage, statement } from './scale-sql.ts';
import { atCommune } from './scale-text.ts';

/** A connection or the pool: either runs a statement. */
type Queryable = pg.ClientBase | pg.Pool;

/** The tables the load fills by the million: their secondary indexes are built once at the end instead of row by row. */
export const bulkTables = ['users', 'memberships', 'contributions', 'contribution_revisions', 'contribution_themes', 'contribution_links', 'votes', 'contribution_arguments', 'argument_supports', 'comments', 'event_registrations'];

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'parvis-bench-seed' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when the server does not have it yet; says whether it did. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name} must be lower-case letters, digits and _`);
  const server = new URL(url);
  server.pathname = '/postgres';
  return withClient(server.toString(), async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${name}`);
    return true;
  });
}

export async function prepareBenchSchema(client: Queryable): Promise<void> {
  await client.query('create schema if not exists parvis_bench');
  await client.query('create table if not exists parvis_bench.load (id int primary key default 1 check (id = 1), sizes jsonb not null, started_at timestamptz not null, finished_at timestamptz, timings jsonb)');
  await client.query('create table if not exists parvis_bench.saved_indexes (name text primary key, table_name text not null, definition text not null)');
}

export async function loadState(client: Queryable): Promise<{ sizes: unknown; finishedAt: Date | null } | undefined> {
  const { rows } = await client.query<{ sizes: unknown; finished_at: Date | null }>('select sizes, finished_at from parvis_bench.load');
  return rows[0] ? { sizes: rows[0].sizes, finishedAt: rows[0].finished_at } : undefined;
}

/** Indexes a crashed load had set aside are rebuilt before anything else: the app's schema is never left without them. */
export async function restoreIndexes(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `select s.name, s.definition from parvis_bench.saved_indexes s where to_regclass('public.' || quote_ident(s.name)) is null`,
  );
  if (rows.length) await runStage(pool, `rebuilding ${rows.length} indexes`, rows.map((r) => statement(`index ${r.name}`, r.definition, r.definition.includes(' gin ') ? 10 : 1)));
  await pool.query('delete from parvis_bench.saved_indexes');
  return rows.length;
}

/** Saves, then drops, the non-constraint indexes of the bulk tables (primary keys stay, and check uniqueness as rows come). */
export async function setIndexesAside(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ name: string; table_name: string; definition: string }>(
    `select ic.relname as name, t.relname as table_name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = 'public' and t.relname = any($1) and not i.indisprimary and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [bulkTables],
  );
  for (const r of rows) await client.query('insert into parvis_bench.saved_indexes (name, table_name, definition) values ($1, $2, $3) on conflict (name) do nothing', [r.name, r.table_name, r.definition]);
  for (const r of rows) await client.query(`drop index if exists public."${r.name}"`);
  return rows.length;
}

export async function truncateAll(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ name: string }>("select quote_ident(tablename) as name from pg_tables where schemaname = 'public'");
  if (rows.length) await client.query(`truncate table ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
  await client.query('delete from parvis_bench.load');
}

/** Whether anything but the migrations is there (a database someone else uses is never truncated without --force). */
export async function holdsData(client: Queryable): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>('select (select count(*) from users)::int + (select count(*) from consultations)::int as n');
  return rows[0]!.n > 0;
}

const require = createRequire(import.meta.url);

/** Every current commune of the official geography (COG), largest first, for territories and names. */
export async function loadCommunes(client: Queryable): Promise<number> {
  const file = join(dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data', 'communes.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as { code: string; nom: string; type: string; departement?: string; region?: string; population?: number }[];
  const communes = all.filter((c) => c.type === 'commune-actuelle' && c.departement && c.region).sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  await client.query('drop table if exists parvis_bench.communes');
  await client.query('create table parvis_bench.communes (rn int primary key, code text not null, name text not null, departement text not null, region text not null, at_name text not null)');
  await client.query(
    'insert into parvis_bench.communes select row_number() over (), * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])',
    [communes.map((c) => c.code), communes.map((c) => c.nom), communes.map((c) => c.departement), communes.map((c) => c.region), communes.map((c) => atCommune(c.nom))],
  );
  return communes.length;
}

/** After explicit ids, each sequence continues past the largest one. */
export async function advanceSequences(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string; sequence: string }>(
    `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
     from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const r of rows) await client.query(`select setval($1, coalesce((select max("${r.column_name}") from public."${r.table_name}"), 0) + 1, false)`, [r.sequence]);
}

export const countedTables = ['users', 'organizations', 'memberships', 'consultations', 'phases', 'contributions', 'contribution_revisions', 'contribution_themes', 'contribution_links', 'votes', 'contribution_arguments', 'argument_supports', 'comments', 'events', 'event_registrations', 'projects', 'project_responses'];

export async function rowCounts(client: Queryable): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(`select ${countedTables.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`);
  return rows[0]!;
}

const storedCounts = `
  select c.id, t.agree as agree_count, t.mixed as mixed_count, t.disagree as disagree_count, c.debate_count,
    coalesce(v.agree, 0) as agree, coalesce(v.mixed, 0) as mixed, coalesce(v.disagree, 0) as disagree, coalesce(a.n, 0) + coalesce(m.n, 0) as debate
  from contributions c join contribution_tallies t on t.contribution_id = c.id
  left join (select contribution_id, count(*) filter (where value = 'agree') as agree, count(*) filter (where value = 'mixed') as mixed, count(*) filter (where value = 'disagree') as disagree from votes group by 1) v on v.contribution_id = c.id
  left join (select contribution_id, count(*) as n from contribution_arguments group by 1) a on a.contribution_id = c.id
  left join (select contribution_id, count(*) as n from comments where deleted_at is null group by 1) m on m.contribution_id = c.id`;
const differs = 'agree_count <> agree or mixed_count <> mixed or disagree_count <> disagree or debate_count <> debate';

/** The stored vote and debate counts against the rows they count, over every contribution. */
export async function verifyContributionCounts(client: Queryable): Promise<{ checked: number; wrong: number; votes: number }> {
  const { rows } = await client.query<{ checked: number; wrong: number; votes: number }>(
    `select count(*)::int as checked, (count(*) filter (where ${differs}))::int as wrong, sum(agree + mixed + disagree)::bigint::float8 as votes from (${storedCounts}) s`,
  );
  return rows[0]!;
}

/** The set-based recount, for the rows whose stored counts are wrong (none, when the generator is right). */
export async function repairContributionCounts(client: Queryable): Promise<number> {
  const { rowCount } = await client.query(
    `update contribution_tallies t set agree = s.agree, mixed = s.mixed, disagree = s.disagree from (${storedCounts}) s where s.id = t.contribution_id and (${differs.replace(/(\w+)_count <> (\w+)/g, 's.$1_count <> s.$2')})`,
  );
  await client.query(`update contributions c set debate_count = s.debate from (${storedCounts}) s where s.id = c.id and s.debate_count <> s.debate`);
  return rowCount ?? 0;
}

/** Counts the app keeps in tables of their own, maintained by triggers the load's session leaves off (replica role):
 *  recounted set-based from the rows when the table exists in this schema, then compared with a fresh count. */
const keptCounts = [
  {
    table: 'phase_contribution_counts',
    what: 'visible contributions per phase',
    recount: [
      'delete from phase_contribution_counts',
      "insert into phase_contribution_counts (phase_id, shard, visible) select phase_id, 0, count(*) from contributions where state = 'published' and merged_into_id is null group by phase_id",
    ],
    wrong: `select count(*)::int as n from phases p
      left join (select phase_id, sum(visible) as kept from phase_contribution_counts group by 1) k on k.phase_id = p.id
      left join (select phase_id, count(*) as actual from contributions where state = 'published' and merged_into_id is null group by 1) c on c.phase_id = p.id
      where coalesce(k.kept, 0) <> coalesce(c.actual, 0)`,
    rows: 'select count(*)::int as n from phases',
  },
];

export interface KeptCheck {
  table: string;
  what: string;
  checked: number;
  wrong: number;
}

export async function recountKept(client: Queryable): Promise<KeptCheck[]> {
  const checks: KeptCheck[] = [];
  for (const kept of keptCounts) {
    const exists = await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [`public.${kept.table}`]);
    if (!exists.rows[0]?.t) continue;
    for (const statement of kept.recount) await client.query(statement);
    const wrong = (await client.query<{ n: number }>(kept.wrong)).rows[0]!.n;
    const checked = (await client.query<{ n: number }>(kept.rows)).rows[0]!.n;
    checks.push({ table: kept.table, what: kept.what, checked, wrong });
  }
  return checks;
}

export async function vacuumAnalyze(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ name: string; bytes: string }>("select quote_ident(tablename) as name, pg_total_relation_size(quote_ident(tablename))::text as bytes from pg_tables where schemaname = 'public'");
  return runStage(pool, 'vacuum analyze', rows.map((r) => statement(`vacuum analyze ${r.name}`, `vacuum (analyze) ${r.name}`, Number(r.bytes))));
}

export { elapsed };
