// `npm run bench -- --scale`: every measurement on the Grand-Débat-sized database of `npm run bench:seed` (never
// dropped): visitor pages cold and warm, signed in, writes per second, memory, a stampede from an empty cache, and
// two instances on the one database. Each ratio is to a reference measured in the same run.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { contributionTraffic, demoMember, insertTokens, signIn, voteTraffic } from './accounts.ts';
import { measure, type LoadSettings, type Outcome } from './load.ts';
import { coldSamples, crossInstance, settle, stampede, type ColdSamples } from './probes.ts';
import { budgets, check, machine, p99, rss, type Row, type RowKind, type Run, type Table } from './report.ts';
import { assertLoopback, defaultScaleUrl, giantOpenPhase, giantSlug } from './scale-plan.ts';
import { benchLimits, lastLoggedError, rssMegabytes, runningWhat, serveArgs, startServer, type Server } from './servers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => console.log(`[bench --scale] ${message}`);
const giant = `/consultations/${giantSlug}`;
const coldSampleCount = 5;
/** an uncached read through the request pool: answered within a second, the server has caught up with a load */
const poolRead = `/api/v1/consultations/${giantSlug}`;

interface Fixtures {
  contributions: number;
  accounts: number;
  /** published contributions of the open phase, to vote on */
  voteIds: number[];
  /** the most supported contribution of the open phase: the contribution page everyone opens */
  popularId: number;
  projectId: number;
  writerIds: number[];
}

async function fixtures(url: string): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const one = async <T>(query: string, params: unknown[] = []) => (await client.query(query, params)).rows[0] as T;
  try {
    const loaded = await client.query('select finished_at from parvis_bench.load where finished_at is not null').catch(() => ({ rowCount: 0 }));
    if (!loaded.rowCount) throw new Error(`${new URL(url).pathname.slice(1)} holds no finished scale load: run \`npm run bench:seed\` first`);
    const phase = await one<{ id: number }>('select p.id from phases p join consultations c on c.id = p.consultation_id where c.slug = $1 and p.position = $2', [giantSlug, giantOpenPhase]);
    const visible = "state = 'published' and merged_into_id is null";
    const voteIds = (await client.query<{ id: number }>(`select id from contributions where phase_id = $1 and ${visible} order by random() limit 5000`, [phase.id])).rows.map((r) => r.id);
    const popular = await one<{ id: number }>('select contribution_id as id from contribution_tallies where phase_id = $1 and visible order by agree desc nulls last limit 1', [phase.id]);
    const project = await one<{ id: number }>("select id from projects where state = 'open' and visibility = 'public' order by id desc limit 1");
    const writers = (await client.query<{ id: number }>("select id from users where email like '%@exemple.fr' and email_verified_at is not null order by id limit 50")).rows.map((r) => r.id);
    const counts = await one<{ contributions: number; accounts: number }>('select (select count(*) from contributions)::int as contributions, (select count(*) from users)::int as accounts');
    return { ...counts, voteIds, popularId: popular.id, projectId: project.id, writerIds: writers };
  } finally {
    await client.end();
  }
}

const pages = (f: Fixtures): [string, RowKind][] => [
  ['/', 'page'], ['/consultations', 'page'], [giant, 'page'],
  [`${giant}/phases/1`, 'page'], [`${giant}/phases/1?order=supported`, 'page'], [`${giant}/phases/1?order=random`, 'page'], [`${giant}/phases/1?order=supported&page=5000`, 'page'],
  [`/contributions/${f.popularId}`, 'page'], ['/events', 'page'], ['/projects', 'page'], [`/projects/${f.projectId}`, 'page'], ['/organizations', 'page'],
  ['/api/v1/consultations', 'read'], [`/api/v1/consultations/${giantSlug}/phases/1/contributions?order=supported`, 'read'],
  // The two that computed over the whole table last: a saturated server must not spoil the figures before them.
  ['/search?q=pistes+cyclables', 'read'], [`/api/v1/consultations/${giantSlug}/similar?title=${encodeURIComponent('Développer les pistes cyclables')}`, 'read'],
];

const signedInPages = (f: Fixtures): string[] => ['/', giant, `${giant}/phases/${giantOpenPhase}`, `${giant}/phases/1?order=supported`, `/contributions/${f.popularId}`, '/events', '/search?q=pistes+cyclables'];

/**
 * What autovacuum does between runs on a production server, done here first when it is off on this PostgreSQL:
 * earlier runs' writes otherwise leave dead rows, unset visibility maps (an index-only count reads the table again)
 * and full GIN pending lists (every search scans them) that this run would pay for. Returns a note, or nothing.
 */
async function vacuumIfAutovacuumIsOff(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ autovacuum: string }>('show autovacuum');
    if (rows[0]?.autovacuum === 'on') return undefined;
    const started = Date.now();
    await client.query('vacuum (analyze)');
    return `autovacuum is off on this PostgreSQL: the database was vacuumed before the run, as autovacuum would have (${((Date.now() - started) / 1000).toFixed(1)} s).`;
  } finally {
    await client.end();
  }
}

function migrateFirst(env: Record<string, string>): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'bin/parvis.js'), 'migrate'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`migrate failed: ${result.stderr}`);
  return Date.now() - started;
}

const ms = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

function coldRow(path: string, samples: ColdSamples): string[] {
  const max = Math.max(...samples.ms);
  const statuses = [...new Set(samples.statuses)].map((s) => (s === 0 ? 'no answer' : String(s))).join(', ');
  const answered = [
    samples.hits ? `${samples.hits} of ${samples.ms.length} from the cache` : '',
    samples.stale ? `${samples.stale} of ${samples.ms.length} the previous version, rendered again behind (a render: p50 ${ms(samples.renderMs, 0.5).toFixed(0)}, slowest ${Math.max(...samples.renderMs).toFixed(0)} ms)` : '',
  ].filter(Boolean);
  return [path, String(samples.ms.length), ms(samples.ms, 0.5).toFixed(0), check(max, max < budgets.p99Ms, `< ${budgets.p99Ms}`, 0), statuses, answered.join('; ') || 'rendered'];
}

export async function runScale(settings: LoadSettings, benchReference: () => Promise<Outcome>): Promise<Run> {
  const url = process.env.BENCH_SCALE_DATABASE_URL || defaultScaleUrl;
  assertLoopback(url);
  const run: Run = { date: new Date().toISOString(), machine: machine(), settings, sections: [], tables: [], notes: [] };
  const f = await fixtures(url);
  const dataDir = mkdtempSync(join(tmpdir(), 'parvis-bench-scale-'));
  const env: Record<string, string> = {
    DATABASE_URL: url, PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '0', LOG_LEVEL: 'warn', PARVIS_WORKERS: '0', NODE_ENV: 'production', ...benchLimits,
    // Both instances sign cookies alike, as operators configure them.
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  log(`${f.contributions.toLocaleString('en')} contributions, ${f.accounts.toLocaleString('en')} accounts; pending migrations applied in ${migrateFirst(env)} ms`);
  const vacuumed = await vacuumIfAutovacuumIsOff(url);
  if (vacuumed) {
    log(vacuumed);
    run.notes.push(vacuumed);
  }
  const tokens = await insertTokens(url, f.writerIds);
  const writeContribution = (title: string) => (server: Server) =>
    fetch(`${server.url}/api/v1/consultations/${giantSlug}/phases/${giantOpenPhase}/contributions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'feature', title, body: 'Une contribution écrite par le banc d’essai pour vider le cache des pages.' }),
      signal: AbortSignal.timeout(30_000),
    }).then(async (r) => {
      if (r.status !== 201) throw new Error(`a write answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
    });
  let writes = 0;
  const invalidate = (server: Server) => () => writeContribution(`Contribution du banc d’essai ${Date.now().toString(36)}-${++writes}`)(server);

  log('reference: bare Fastify');
  const reference = await benchReference();
  if (reference.status !== 'measured') throw new Error(`the reference could not be measured: ${JSON.stringify(reference)}`);
  const started = Date.now();
  const a = await startServer({ name: 'parvis (scale A)', args: serveArgs(), env, readyPath: '/healthz', startLimitMs: 300_000 });
  log(`instance A ready in ${Date.now() - started} ms: ${runningWhat(a) ?? '?'}`);
  try {
    const idleRssMb = rssMegabytes(a.pid);
    const rows: Row[] = [];
    let groupReference: Outcome | undefined;
    const record = async (target: string, kind: RowKind, outcome: Outcome) => {
      if (outcome.status === 'failed') outcome.serverError = lastLoggedError(a.output());
      rows.push({ target, database: 'postgres', kind, outcome, reference: groupReference });
      const waited = await settle(a, poolRead);
      if (waited > 1000) run.notes.push(`After ${target} (${kind}) instance A needed ${(waited / 1000).toFixed(1)} s before /healthz answered within a second again.`);
    };

    const cold: string[][] = [];
    for (const [path] of pages(f)) {
      log(`cold: ${path}`);
      const samples = await coldSamples(a, path, invalidate(a), coldSampleCount);
      cold.push(coldRow(path, samples));
      await settle(a, poolRead);
    }
    run.tables.push({ title: 'Visitor pages, cold: the first request after a write', intro: `Each sample: a contribution written through the API (which empties the page cache), then one GET of the page alone; ${coldSampleCount} samples each. The budget is the latency one: every page within ${budgets.p99Ms} ms.`, header: ['target', 'samples', 'p50 ms', 'slowest ms', 'status', 'answered'], rows: cold });

    for (const [path, kind] of pages(f)) {
      log(`warm: ${path}`);
      await record(path, kind, await measure(a, path, settings));
    }
    // The machine's other work changes within minutes: the signed-in pages get a reference of their own.
    groupReference = await benchReference();
    log(`signing in as ${demoMember}`);
    const cookie = await signIn(a.url, demoMember).catch((error: Error) => error);
    for (const path of signedInPages(f)) {
      log(`signed in: ${path}`);
      await record(path, 'signed-in', typeof cookie === 'string' ? await measure(a, path, settings, { headers: { cookie } }) : { status: 'failed', reason: `could not sign in: ${cookie.message}` });
    }
    log('writes: votes');
    await record('POST /api/v1/contributions/:id/vote', 'votes', await measure(a, '/', settings, voteTraffic(tokens, f.voteIds)));
    log('writes: contributions');
    await record(`POST /api/v1/consultations/${giantSlug}/phases/${giantOpenPhase}/contributions`, 'contributions', await measure(a, '/', settings, contributionTraffic(tokens, giantSlug, giantOpenPhase, 'feature')));
    run.sections.push({ name: `scale — PostgreSQL, ${f.contributions.toLocaleString('en')} contributions, ${f.accounts.toLocaleString('en')} accounts`, database: 'postgres', reference, idleRssMb, runs: runningWhat(a), rows });

    // The slowest page when cold is the one a stampede hurts most.
    const slowest = [...cold].filter((row) => !row[0]!.startsWith('/api/')).sort((x, y) => Number(y[2]) - Number(x[2]))[0]![0]!;
    log(`stampede: ${settings.connections} connections on ${slowest} from an empty cache`);
    const s = await stampede(a, slowest, settings.connections, Math.max(20, settings.durationSeconds), invalidate(a));
    const answered = s.result.non2xx === 0 && s.result.errors === 0;
    run.tables.push({
      title: 'Cold cache under 50 connections',
      intro: `${settings.connections} connections for ${s.seconds} s on the slowest cold page, the cache emptied at the start and by a write every ${s.writesEverySeconds} s; 10 s per request before it counts as a timeout; /healthz probed every 500 ms meanwhile.`,
      header: ['target', 'answered every request', 'responses', 'errors (timeouts)', '2xx/s', 'p50 ms', 'p99 ms', '/healthz during', 'page answers again', 'RSS MB'],
      rows: [[s.path, answered ? 'yes' : 'NO (MISSED)', s.summary || 'none', `${s.result.errors} (${s.result.timeouts})`, (s.result['2xx'] / s.result.duration).toFixed(0), String(s.result.latency.p50), p99(s.result.latency.p99), `${s.health.failed} of ${s.health.probes} failed, slowest ${s.health.maxMs.toFixed(0)} ms`, `${(s.recoveryMs / 1000).toFixed(1)} s after`, rss(s.rssMb)]],
    });
    await settle(a, poolRead);

    log('two instances: a write on A, a visitor on B');
    const dataDirB = mkdtempSync(join(tmpdir(), 'parvis-bench-scale-b-'));
    const b = await startServer({ name: 'parvis (scale B)', args: serveArgs(), env: { ...env, PARVIS_DATA_DIR: dataDirB }, readyPath: '/healthz', startLimitMs: 300_000 });
    try {
      const list = `${giant}/phases/${giantOpenPhase}`;
      const p = await crossInstance(b, list, (title) => writeContribution(title)(a), 5);
      const seen = p.delays.filter((d): d is number => d !== undefined);
      const slowestMs = seen.length === p.delays.length ? Math.max(...seen) : undefined;
      run.tables.push({
        title: 'Two instances on one database',
        intro: `A contribution written through instance A's API, then a visitor reloading ${list} on instance B every 100 ms (B had the page cached): time until B shows it. Budget (issue 10): within a second.`,
        header: ['samples', 'seen on B after (ms)', 'slowest', 'not seen within'],
        rows: [[String(p.delays.length), p.delays.map((d) => (d === undefined ? '—' : d.toFixed(0))).join(', '), slowestMs === undefined ? 'MISSED' : check(slowestMs, slowestMs <= 1000, '≤ 1000', 0), `${p.delays.length - seen.length} (limit ${p.limitMs / 1000} s)`]],
      });
    } finally {
      await b.stop();
      rmSync(dataDirB, { recursive: true, force: true });
    }
    const peak = Math.max(...rows.map((r) => (r.outcome.status === 'missing' ? 0 : (r.outcome.rssMb ?? 0))), s.rssMb ?? 0);
    const stopped = await a.stop();
    run.tables.push({
      title: 'Instance A: memory, and SIGTERM at the end',
      header: ['RSS once ready', 'RSS peak under load (every load above)', 'exit after SIGTERM'],
      rows: [[`${Math.round(idleRssMb ?? 0)} MB`, rss(peak), stopped.killed ? `still running after ${stopped.ms} ms: killed (MISSED: 10 s)` : `${stopped.ms} ms`]],
    });
  } finally {
    await a.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return run;
}
