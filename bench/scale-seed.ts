// `npm run bench:seed`: a Grand-Débat-sized database for `npm run bench -- --scale`, loaded straight into PostgreSQL.
//
//   npm run bench:seed -- [--contributions 2000000] [--accounts 500000] [--votes 5000000] [--events 10000]
//                         [--database-url postgres://postgres@127.0.0.1/parvis_scale] [--force]
//
// Applies the app's migrations, seeds the demo (known accounts, password parvis-demo-2026), then the bulk rows with
// set-based SQL on two connections. A database already loaded is left alone (its counts printed) unless --force,
// which truncates every table and loads again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { fillSearchTerms } from '../src/modules/search/terms.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import * as db from './scale-db.ts';
import { derivedTasks, generatedTasks, type LoadContext } from './scale-load.ts';
import { assertLoopback, defaultScaleUrl, defaultSizes, derived, giantSlug, planConsultations, type Bases, type ConsultationPlan, type Sizes } from './scale-plan.ts';
import { elapsed, loadPool, readSchema, runStage } from './scale-sql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    contributions: { type: 'string' }, accounts: { type: 'string' }, votes: { type: 'string' }, events: { type: 'string' },
    'database-url': { type: 'string' }, force: { type: 'boolean' },
  },
});

function size(name: keyof Sizes): number {
  const raw = values[name];
  if (raw === undefined) return defaultSizes[name];
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 100 || n > 50_000_000) throw new Error(`--${name} must be a whole number from 100 to 50,000,000`);
  return n;
}

const sizes: Sizes = { contributions: size('contributions'), accounts: size('accounts'), votes: size('votes'), events: size('events') };
if (sizes.accounts < 1000) throw new Error('--accounts must be at least 1,000 (organizations need members)');
const url = values['database-url'] ?? process.env.BENCH_SCALE_DATABASE_URL ?? defaultScaleUrl;
const timings: Record<string, number> = {};

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  console.log(`[seed] ${name}…`);
  const result = await work();
  timings[name] = Date.now() - started;
  console.log(`[seed] ${name}: ${elapsed(started)}`);
  return result;
}

function seedDemo(): void {
  const dataDir = mkdtempSync(join(tmpdir(), 'parvis-scale-demo-'));
  try {
    const env = { ...process.env, DATABASE_URL: url, PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '0', LOG_LEVEL: 'warn' };
    const result = spawnSync(process.execPath, [join(root, 'bin/parvis.js'), 'seed', '--demo'], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`seed --demo failed: ${result.stderr || result.stdout}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The app's own database layer, for what it does itself (migrations, search words). */
async function withApp<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: url, statementTimeoutMs: 0 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function one<T>(client: pg.ClientBase, query: string, params: unknown[] = []): Promise<T | undefined> {
  const { rows } = await client.query(query, params);
  return rows[0] ? (Object.values(rows[0])[0] as T) : undefined;
}

async function bases(client: pg.ClientBase): Promise<Bases> {
  const next = (table: string) => one<number>(client, `select (coalesce(max(id), 0) + 1)::int from ${table}`).then((n) => n!);
  return {
    users: await next('users'), organizations: await next('organizations'), consultations: await next('consultations'), phases: await next('phases'),
    themes: await next('consultation_themes'), contributions: await next('contributions'), comments: await next('comments'), events: await next('events'), projects: await next('projects'),
  };
}

/** The consultations, their themes and phases, and who organizes them. */
async function insertConsultations(client: pg.ClientBase, plan: ConsultationPlan[], b: Bases, organizerOrganizationId: number | null): Promise<void> {
  for (const [i, c] of plan.entries()) {
    await client.query("insert into consultations (id, slug, title, description, territory_codes, created_at, updated_at) values ($1, $2, $3, $4, $5, now() - interval '250 days', now() - interval '250 days')", [c.id, c.slug, c.title, c.description, c.territoryCodes]);
    for (const [t, [slug, label]] of c.themes.entries()) await client.query('insert into consultation_themes (id, consultation_id, slug, label) values ($1, $2, $3, $4)', [c.themeFirst + t, c.id, slug, label]);
    for (const p of c.phases) {
      await client.query("insert into phases (id, consultation_id, position, title, question, starts_at, ends_at, kinds, comments_open_until) values ($1, $2, $3, $4, $5, $6, $7, $8, $7::timestamptz + interval '7 days')", [p.id, c.id, p.position, p.title, p.question, p.startsAt, p.endsAt, p.kinds]);
    }
    // The giant one by three State services (and the demo organizer's network, so her account organizes it); the others by a collectivité.
    const organizers = i === 0 ? [b.organizations + 8, b.organizations + 18, b.organizations + 28, ...(organizerOrganizationId ? [organizerOrganizationId] : [])] : [b.organizations + 10 * i];
    for (const organizationId of organizers) await client.query('insert into consultation_organizers (consultation_id, organization_id) values ($1, $2)', [c.id, organizationId]);
  }
}

function printCounts(counts: Record<string, number>): void {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en').padStart(11)}`);
}

async function main(): Promise<void> {
  assertLoopback(url);
  const started = Date.now();
  if (await db.ensureDatabase(url)) console.log(`[seed] created database ${new URL(url).pathname.slice(1)}`);
  const pool = loadPool(url);
  try {
    await db.prepareBenchSchema(pool);
    await db.restoreIndexes(pool);
    // Before the migrations: a pending one that rewrites a table then rewrites an empty one.
    if (values.force) await step('truncate', () => db.truncateAll(pool));
    await step('migrations', () => withApp(migrate));
    const state = await db.loadState(pool);
    if (state?.finishedAt && !values.force) {
      console.log(`[seed] already loaded on ${state.finishedAt.toISOString()} with ${JSON.stringify(state.sizes)}; left as it is (--force reloads). Rows:`);
      printCounts(await db.rowCounts(pool));
      return;
    }
    if (!values.force && (await db.holdsData(pool))) {
      throw new Error(state ? 'a previous load did not finish: run again with --force to truncate and reload' : 'the database holds data this generator did not load: --force truncates every table first');
    }
    await step('demo seed (node bin/parvis.js seed --demo)', async () => seedDemo());
    await pool.query('insert into parvis_bench.load (sizes, started_at) values ($1, now())', [JSON.stringify(sizes)]);

    const client = await pool.connect();
    let ctx: LoadContext;
    try {
      const b = await bases(client);
      const communes = await db.loadCommunes(client);
      const organizerUserId = (await one<number>(client, "select id from users where email = 'organisatrice@capdigital.example'")) ?? null;
      const organizerOrganizationId = (await one<number>(client, "select id from organizations where slug = 'cap-digital'")) ?? null;
      ctx = {
        schema: await readSchema(client), sizes, bases: b, plan: planConsultations(b, sizes), communes,
        passwordHash: (await one<string>(client, "select password_hash from users where email = 'thomas.petit@example.org'")) ?? null,
        organizerUserId, organizerOrganizationId, now: Date.now(),
      };
      await insertConsultations(client, ctx.plan, b, organizerOrganizationId);
      const aside = await db.setIndexesAside(client);
      console.log(`[seed] ${aside} secondary indexes set aside until the end; ${derived(sizes).organizations} organizations, ${communes} communes; giant consultation /consultations/${giantSlug}: ${ctx.plan[0]!.phases.map((p) => p.size.toLocaleString('en')).join(' + ')} contributions`);
    } finally {
      client.release();
    }
    timings['rows generated from series'] = await runStage(pool, '[seed] rows generated from series', generatedTasks(ctx));
    timings['rows derived from rows'] = await runStage(pool, '[seed] rows derived from rows', derivedTasks(ctx));
    await step('indexes rebuilt', () => db.restoreIndexes(pool));
    await step('sequences advanced', () => db.advanceSequences(pool));
    const check = await step('counts checked', async () => {
      let result = await db.verifyContributionCounts(pool);
      if (result.wrong > 0) {
        console.log(`[seed] ${result.wrong} contributions had wrong stored counts: recounting them`);
        await db.repairContributionCounts(pool);
        result = await db.verifyContributionCounts(pool);
      }
      return result;
    });
    const kept = await step('kept counts recounted', () => db.recountKept(pool));
    // What the server would otherwise do at its first start, after the vacuum: 15,000 updates that leave the tables
    // they touch with dead rows and unset visibility maps for every later count.
    await step('search words filled', () => withApp((database) => fillSearchTerms(database.db)));
    timings['vacuum analyze'] = await db.vacuumAnalyze(pool);
    timings.total = Date.now() - started;
    await pool.query('update parvis_bench.load set finished_at = now(), timings = $1', [JSON.stringify(timings)]);
    await pool.query('drop table if exists parvis_bench.communes');
    console.log(`\n[seed] done in ${elapsed(started)}. Stored vote and debate counts checked against the rows: ${check.checked.toLocaleString('en')} contributions, ${check.wrong} wrong, ${check.votes.toLocaleString('en')} votes counted.`);
    for (const k of kept) console.log(`[seed] kept counts ${k.table} (${k.what}): ${k.checked} checked against the rows, ${k.wrong} wrong.`);
    console.log('[seed] step timings:');
    for (const [name, ms] of Object.entries(timings)) console.log(`  ${name}: ${(ms / 1000).toFixed(1)} s`);
    console.log('[seed] rows:');
    printCounts(await db.rowCounts(pool));
    if (check.wrong > 0 || kept.some((k) => k.wrong > 0)) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

try {
  await main();
} catch (error) {
  console.error(`[seed] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
