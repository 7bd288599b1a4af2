// The dashboards at scale, on the 2-million-contribution database (BENCH_SCALE_URL, default parvis_scale), which it
// leaves as it found it: first the job's figures for every phase of the giant consultation and the consultation itself,
// timed, then the dashboard pages and their JSON through the app, uncached (page cache emptied before each request) and
// cached. The figures go to a temporary table on the one connection the app is given: PostgreSQL looks up a temporary
// table before the schema's, so the job's code and the pages run unchanged and nothing is written to the database.
// npx tsx bench/dashboard.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { consultations, phases } from '../src/modules/consultations/schema.ts';
import { refreshConsultation } from '../src/modules/analytics/compute.ts';
import { computeFigures } from '../src/modules/analytics/figures.ts';
import { analyticsSnapshots } from '../src/modules/analytics/schema.ts';
import { assertLoopback, giantSlug } from './scale-plan.ts';

const url = process.env.BENCH_SCALE_URL ?? 'postgres://postgres@127.0.0.1/parvis_scale';
assertLoopback(url);
const samples = Number(process.env.DASHBOARD_SAMPLES ?? 20);
// One connection, so that the temporary table is seen by every query; no statement timeout for the job's queries.
const database = await openDatabase({ databaseUrl: url, poolSize: 1, statementTimeoutMs: 0, acquireTimeoutMs: 600_000 });
const db = database.db;
await db.execute(sql`create temporary table analytics_snapshots (like public.analytics_snapshots including all)`);

const [consultation] = await db.select().from(consultations).where(eq(consultations.slug, giantSlug));
if (!consultation) throw new Error(`${giantSlug} is not in ${url}: run npm run bench:seed first`);
const list = await db.select().from(phases).where(eq(phases.consultationId, consultation.id)).orderBy(asc(phases.position));
const job: Record<string, number> = {};
let total = 0;
for (const phase of list) {
  const started = performance.now();
  const figures = await computeFigures(db, { phaseId: phase.id });
  const ms = Math.round(performance.now() - started);
  total += figures.totals.contributions;
  await db.insert(analyticsSnapshots).values({ scope: `phase:${phase.id}`, phaseId: phase.id, consultationId: consultation.id, computedAt: new Date(), durationMs: ms, figures });
  job[`phase ${phase.position} (${figures.totals.contributions.toLocaleString('en')} contributions)`] = ms;
}
let started = performance.now();
await refreshConsultation(db, consultation.id);
job['consultation (merge and participants)'] = Math.round(performance.now() - started);

const dataDir = mkdtempSync(join(tmpdir(), 'parvis-bench-dashboard-'));
const config = loadConfig({ DATABASE_URL: url, PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '0', PARVIS_WORKERS: '0', LOG_LEVEL: 'warn', SESSION_SECRET: 'bench-dashboard-'.padEnd(40, 'x') });
const app = await buildApp(config, { database, logger: false });
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
async function time(path: string, cold: boolean) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    if (cold) app.pageCache.clear();
    started = performance.now();
    const response = await app.inject({ method: 'GET', url: path });
    ms.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
    bytes = response.body.length;
  }
  return { p50: Math.round(quantile(ms, 0.5) * 10) / 10, max: Math.round(Math.max(...ms) * 10) / 10, kB: Math.round(bytes / 1024) };
}
const pages: Record<string, unknown> = {};
try {
  for (const path of [`/consultations/${giantSlug}/dashboard`, `/consultations/${giantSlug}/phases/1/dashboard`, `/api/v1/consultations/${giantSlug}/dashboard`]) {
    // A first request outside the samples: the templates and the route's first run.
    await app.inject({ method: 'GET', url: path });
    pages[path] = { uncached: await time(path, true), cached: await time(path, false) };
  }
} finally {
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ contributions: total, samples, jobMs: job, pagesMs: pages, rssEndMB: Math.round(process.memoryUsage().rss / 1024 / 1024) }, null, 2));
