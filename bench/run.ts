// `npm run bench`: the reference, then Parvis on PGlite and on PostgreSQL, each target under load, figures beside budgets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type LoadSettings, type Outcome } from './load.ts';
import { createBenchDatabase, type BenchDatabase } from './postgres.ts';
import { seedVolume, volumeConsultation, volumePhase, volumeSize } from './volume.ts';
import { machine, textTable, writeResults, type DatabaseKind, type Row, type Run, type Section } from './report.ts';
import { lastLoggedError, rssMegabytes, startServer, stopAll } from './servers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const phaseList = `/consultations/${volumeConsultation}/phases/${volumePhase}`;
// The consultation and a phase list hold the 10,000 contributions of bench/volume.ts; a deep page of the most
// supported and the API list (not cached) show what a list costs when it is computed.
const targets = ['/', '/organizations', '/api/v1/organizations', `/consultations/${volumeConsultation}`, phaseList, `${phaseList}?order=supported&page=250`, `/api/v1/consultations/${volumeConsultation}/phases/${volumePhase}/contributions?order=supported`];
const startLimitMs = 90_000;

function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 1 || value > 600) throw new Error(`${name} must be a number of seconds from 1 to 600`);
  return value;
}

const settings: LoadSettings = { connections: 50, warmupSeconds: 2, durationSeconds: seconds('BENCH_DURATION', 10) };
const log = (message: string) => console.log(`[bench] ${message}`);

async function benchReference(): Promise<Outcome> {
  log('reference: bare Fastify');
  const server = await startServer({ name: 'reference', args: ['--import', 'tsx', join(root, 'bench/reference.ts')], env: {}, readyPath: '/healthz', startLimitMs });
  try {
    return await measure(server, '/', settings);
  } finally {
    await server.stop();
  }
}

async function benchParvis(database: DatabaseKind, databaseUrl?: string): Promise<Section> {
  // Measured next to each database's figures, so the ratio compares two runs under the same machine load.
  const reference = await benchReference();
  if (reference.status !== 'measured') throw new Error(`the reference could not be measured: ${JSON.stringify(reference)}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'parvis-bench-'));
  const env: Record<string, string> = { PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '1', LOG_LEVEL: 'warn', PARVIS_WORKERS: '0', NODE_ENV: 'production' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  log(`parvis on ${database}: demo and ${volumeSize} contributions in one phase`);
  await seedVolume(env);
  log(`parvis on ${database}: starting`);
  const server = await startServer({ name: `parvis (${database})`, args: [join(root, 'bin/parvis.js'), 'serve'], env, readyPath: '/healthz', startLimitMs });
  try {
    const idleRssMb = rssMegabytes(server.pid);
    const rows: Row[] = [];
    for (const target of targets) {
      log(`parvis on ${database}: ${target}`);
      const outcome = await measure(server, target, settings);
      if (outcome.status === 'failed') outcome.serverError = lastLoggedError(server.output());
      rows.push({ target, database, outcome });
    }
    return { database, reference, idleRssMb, rows };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const run: Run = { date: new Date().toISOString(), machine: machine(), settings, sections: [], notes: [] };
  if (run.machine.loadAverage > run.machine.cores) {
    run.notes.push(
      `The machine was busy when the run started (load average ${run.machine.loadAverage} on ${run.machine.cores} cores): absolute figures are low and noisy; the ratios, measured beside a reference under the same load, say more.`,
    );
  }
  run.sections.push(await benchParvis('pglite'));

  const baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1/test';
  let postgres: BenchDatabase | undefined;
  try {
    postgres = await createBenchDatabase(baseUrl);
  } catch (error) {
    const note = `PostgreSQL was not benched: ${new URL(baseUrl).host} is not reachable (${(error as Error).message}).`;
    log(note);
    run.notes.push(note);
  }
  if (postgres) {
    try {
      run.sections.push(await benchParvis('postgres', postgres.url));
    } finally {
      await postgres.drop();
    }
  }

  for (const row of run.sections.flatMap((section) => section.rows)) {
    if (row.outcome.status === 'missing') run.notes.push(`${row.target} answered 404 on ${row.database}: the route does not exist yet.`);
    if (row.outcome.status === 'failed' && row.outcome.serverError) run.notes.push(`${row.target} failed on ${row.database}; the server's last error: ${row.outcome.serverError}.`);
  }
  console.log(`\n${textTable(run)}\n`);
  for (const note of run.notes) console.log(`note: ${note}`);
  for (const file of writeResults(run)) log(`wrote ${relative(root, file)}`);
}

// Every server has its own limits; this bounds the whole run, whatever hangs.
const perServer = startLimitMs / 1000 + 15;
const perLoad = settings.warmupSeconds + settings.durationSeconds + 70;
const overallMs = (4 * perServer + 2 * (1 + targets.length) * perLoad + 60) * 1000;
const deadline = setTimeout(() => {
  console.error(`[bench] gave up after ${Math.round(overallMs / 1000)} s`);
  void stopAll().finally(() => process.exit(1));
}, overallMs);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

try {
  await main();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll();
  clearTimeout(deadline);
}
