// `npm run bench`: the reference, then Parvis on PGlite and on PostgreSQL, each target under load, figures beside budgets.
// `npm run bench -- --scale`: every measurement on the Grand-Débat-sized database of `npm run bench:seed` (scale-run.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliTokens, contributionTraffic, demoMember, signIn, voteTraffic } from './accounts.ts';
import { measure, type LoadSettings, type Outcome } from './load.ts';
import { createBenchDatabase, type BenchDatabase } from './postgres.ts';
import { seedVolume, volumeConsultation, volumePhase, volumeSize } from './volume.ts';
import { machine, missedBudgets, missedInTables, referenceSpread, textTable, writeResults, type DatabaseKind, type Row, type RowKind, type Run, type Section } from './report.ts';
import { runScale } from './scale-run.ts';
import { benchFanout } from './fanout.ts';
import { pageWeightTable } from './weight.ts';
import { benchLimits, lastLoggedError, rssMegabytes, runningWhat, serveArgs, startServer, stopAll, type Server } from './servers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({ options: { scale: { type: 'boolean' } } });
const phaseList = `/consultations/${volumeConsultation}/phases/${volumePhase}`;
// The consultation and a phase list hold the 10,000 contributions of bench/volume.ts; a deep page of the most
// supported and the API list show what a list costs.
const targets: [string, RowKind][] = [
  ['/', 'page'], ['/organizations', 'page'], ['/api/v1/organizations', 'read'], [`/consultations/${volumeConsultation}`, 'page'], [phaseList, 'page'],
  [`${phaseList}?order=supported&page=250`, 'page'], [`/api/v1/consultations/${volumeConsultation}/phases/${volumePhase}/contributions?order=supported`, 'read'],
];
const signedInTargets = ['/', `/consultations/${volumeConsultation}`, phaseList];
/** demo accounts that write through the API (personal tokens made with `token:create`) */
const writers = [demoMember, 'marie.dupont@lyon.example', 'lea.moreau@mobilcity.example', 'julien.roux@grandparisamenagement.example'];
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

/** Ids of the large phase's contributions, read through the public API (PGlite admits no second process). */
async function volumeIds(server: Server): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page <= 10; page++) {
    const response = await fetch(`${server.url}/api/v1/consultations/${volumeConsultation}/phases/${volumePhase}/contributions?page=${page * 37}`);
    if (!response.ok) throw new Error(`the phase's list answered ${response.status}`);
    ids.push(...((await response.json()) as { items: { id: number }[] }).items.map((i) => i.id));
  }
  return ids;
}

async function benchParvis(database: DatabaseKind, databaseUrl?: string, tables?: Run['tables']): Promise<Section> {
  // Measured next to each database's figures, so the ratio compares two runs under the same machine load.
  const reference = await benchReference();
  if (reference.status !== 'measured') throw new Error(`the reference could not be measured: ${JSON.stringify(reference)}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'parvis-bench-'));
  const env: Record<string, string> = { PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '1', LOG_LEVEL: 'warn', PARVIS_WORKERS: '0', NODE_ENV: 'production', ...benchLimits };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  log(`parvis on ${database}: demo and ${volumeSize} contributions in one phase`);
  await seedVolume(env);
  const tokens = cliTokens(env, writers);
  log(`parvis on ${database}: starting`);
  const server = await startServer({ name: `parvis (${database})`, args: serveArgs(), env, readyPath: '/healthz', startLimitMs });
  log(`parvis on ${database}: ${runningWhat(server) ?? 'started'}`);
  try {
    const idleRssMb = rssMegabytes(server.pid);
    const rows: Row[] = [];
    const record = (target: string, kind: RowKind, outcome: Outcome) => {
      if (outcome.status === 'failed') outcome.serverError = lastLoggedError(server.output());
      rows.push({ target, database, kind, outcome });
    };
    for (const [target, kind] of targets) {
      log(`parvis on ${database}: ${target}`);
      record(target, kind, await measure(server, target, settings));
    }
    const cookie = await signIn(server.url, demoMember).catch((error: Error) => error);
    for (const target of signedInTargets) {
      log(`parvis on ${database}: ${target} signed in`);
      record(target, 'signed-in', typeof cookie === 'string' ? await measure(server, target, settings, { headers: { cookie } }) : { status: 'failed', reason: `could not sign in: ${cookie.message}` });
    }
    log(`parvis on ${database}: writes`);
    const votesTarget = 'POST /api/v1/contributions/:id/vote';
    const ids = await volumeIds(server).catch((error: Error) => error);
    if (ids instanceof Error) record(votesTarget, 'votes', { status: 'failed', reason: `no contribution to vote on: ${ids.message} (server process ${server.ended() ?? 'still running'})` });
    else record(votesTarget, 'votes', await measure(server, '/', settings, voteTraffic(tokens, ids)));
    record(`POST /api/v1/consultations/${volumeConsultation}/phases/${volumePhase}/contributions`, 'contributions', await measure(server, '/', settings, contributionTraffic(tokens, volumeConsultation, volumePhase, 'idea')));
    if (tables) {
      log(`parvis on ${database}: page weight`);
      const contribution = ids instanceof Error ? [] : [`/contributions/${ids[0]}`];
      tables.push(await pageWeightTable(server.url, ['/', `/consultations/${volumeConsultation}`, phaseList, ...contribution, '/events', '/projects', '/projects/1', '/organizations', '/search?q=mobilit%C3%A9']));
    }
    return { name: database, database, reference, idleRssMb, runs: runningWhat(server), rows };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchBothDatabases(run: Run): Promise<void> {
  run.sections.push(await benchParvis('pglite', undefined, run.tables));
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
  if (postgres) {
    log('notifications: fan-out to 10,000 followers');
    run.tables.push(await benchFanout(baseUrl));
  }
}

async function main(): Promise<void> {
  const run: Run = flags.scale ? await runScale(settings, benchReference) : { date: new Date().toISOString(), machine: machine(), settings, sections: [], tables: [], notes: [] };
  if (run.machine.loadAverage > run.machine.cores) {
    run.notes.unshift(
      `The machine was busy when the run started (load average ${run.machine.loadAverage} on ${run.machine.cores} cores): absolute figures are low and noisy; the ratios, measured beside a reference under the same load, say more.`,
    );
  }
  if (!flags.scale) await benchBothDatabases(run);

  for (const section of run.sections) {
    for (const row of section.rows) {
      if (row.outcome.status === 'missing') run.notes.push(`${row.target} answered 404 on ${section.name}: the route does not exist yet.`);
      if (row.outcome.status === 'failed' && row.outcome.serverError) run.notes.push(`${row.target} (${row.kind}) failed on ${section.name}; the server's last error: ${row.outcome.serverError}.`);
    }
  }
  run.notes.push(...run.sections.flatMap(referenceSpread), ...run.sections.flatMap(missedBudgets), ...missedInTables(run.tables));
  console.log(`\n${textTable(run)}\n`);
  for (const note of run.notes) console.log(`note: ${note}`);
  for (const file of writeResults(run, flags.scale ? 'latest-scale' : 'latest')) log(`wrote ${relative(root, file)}`);
}

// Every server has its own limits; this bounds the whole run, whatever hangs.
const perServer = startLimitMs / 1000 + 15;
const perLoad = settings.warmupSeconds + settings.durationSeconds + 70;
const loads = targets.length + signedInTargets.length + 2;
const overallMs = flags.scale ? 90 * 60_000 : (4 * perServer + 2 * (1 + loads) * perLoad + 120) * 1000;
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
