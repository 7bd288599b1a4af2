// PostgreSQL goes away under a running server, and comes back: what clients see, how long until the server answers
// again by itself, and whether any acknowledged write was lost. On a fresh database of its own.
//
//   npx tsx bench/restart.ts                 # pg_terminate_backend of every connection (harmless to others)
//   npx tsx bench/restart.ts --restart       # a real restart of the cluster: every database on it is cut
//   npx tsx bench/restart.ts --restart --command 'pg_ctlcluster --skip-systemctl-redirect 15 main restart'
//
// BENCH_DATABASE_URL names the server (postgres://postgres@127.0.0.1/test by default).
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parvis, startServe, type Child } from '../test/support/child-server.ts';

const { values } = parseArgs({ options: { restart: { type: 'boolean' }, command: { type: 'string' }, seconds: { type: 'string' } } });
const command = values.command ?? 'pg_ctlcluster --skip-systemctl-redirect 15 main restart';
const baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1/test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const t0 = Date.now();
const at = () => Date.now() - t0;

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Sample {
  /** when the request was sent, and when its answer came (ms since the start) */
  at: number;
  end: number;
  status: number;
  code?: string;
}

function summary(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(s.status === 0 ? 'no answer' : `${s.status}${s.code ? ` ${s.code}` : ''}`, (counts.get(s.status === 0 ? 'no answer' : `${s.status}${s.code ? ` ${s.code}` : ''}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}

const name = `parvis_restart_${randomBytes(4).toString('hex')}`;
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'parvis-restart-'));
let child: Child | undefined;
await admin(baseUrl, (c) => c.query(`create database ${name}`));
try {
  const env = { DATABASE_URL: url.toString(), PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '0', LOG_LEVEL: 'warn' };
  parvis(['seed', '--demo'], env);
  const token = parvis(['token:create', '--email', 'thomas.petit@example.org'], env).trim();
  child = await startServe(env);
  const server = child;
  console.log(`server up on ${name} (pid ${server.process.pid}) at ${at()} ms`);

  let running = true;
  const health: Sample[] = [];
  const writes: Sample[] = [];
  const reads: Sample[] = [];
  const acknowledged = new Map<number, string>();
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> => {
    try {
      const response = await fetch(server.url + path, { ...init, signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: response.status, body };
    } catch {
      return { status: 0, body: undefined };
    }
  };
  const codeOf = (body: unknown) => (body as { error?: { code?: string } } | undefined)?.error?.code;
  const loops = [
    (async () => {
      while (running) {
        const start = at();
        const r = await call('/healthz');
        health.push({ at: start, end: at(), status: r.status });
        await sleep(100);
      }
    })(),
    ...Array.from({ length: 8 }, async (_, i) => {
      for (let n = 0; running; n++) {
        const title = `Écrite pendant le redémarrage ${i}-${n}`;
        const start = at();
        const r = await call('/api/v1/consultations/rafraichir-nos-villes/phases/2/contributions', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'idea', title, body: 'Une contribution écrite pendant que PostgreSQL redémarre.' }),
        });
        writes.push({ at: start, end: at(), status: r.status, code: codeOf(r.body) });
        if (r.status === 201) acknowledged.set((r.body as { id: number }).id, title);
        if (r.status !== 201) await sleep(50);
      }
    }),
    ...Array.from({ length: 4 }, async () => {
      while (running) {
        const start = at();
        const r = await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
        reads.push({ at: start, end: at(), status: r.status, code: codeOf(r.body) });
        if (r.status !== 200) await sleep(50);
      }
    }),
  ];

  await sleep(2000);
  const faultStart = at();
  if (values.restart) {
    console.log(`running "${command}" at ${faultStart} ms`);
    execSync(command, { stdio: 'inherit' });
  } else {
    const n = await admin(url.toString(), (c) => c.query('select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()'));
    console.log(`terminated ${n.rows[0].n} connections at ${faultStart} ms`);
  }
  const faultEnd = at();
  // PostgreSQL answers again: when a plain new connection first succeeds.
  let databaseBack = faultEnd;
  for (;;) {
    const ok = await admin(url.toString(), (c) => c.query('select 1')).then(() => true, () => false);
    if (ok) break;
    await sleep(20);
    databaseBack = at();
  }
  await sleep(Number(values.seconds ?? 5) * 1000);
  running = false;
  await Promise.all(loops);

  const after = (samples: Sample[], ok: number) => {
    // Requests still under way when the fault began count, as do those sent after.
    const failures = samples.filter((s) => s.end >= faultStart && s.status !== ok);
    const lastFailure = failures.length ? Math.max(...failures.map((s) => s.end)) : undefined;
    const firstOkAfter = samples.filter((s) => s.at >= (lastFailure ?? faultStart) && s.status === ok).reduce<number | undefined>((min, s) => Math.min(min ?? s.end, s.end), undefined);
    return { failures: failures.length, lastFailure, firstOkAfter };
  };
  const w = after(writes, 201);
  const r = after(reads, 200);
  const h = after(health, 200);
  const alive = server.process.exitCode === null && server.process.signalCode === null;
  const present = await admin(url.toString(), async (c) => {
    const ids = [...acknowledged.keys()];
    const found = await c.query('select id, title from contributions where id = any($1::int[])', [ids]);
    return found.rows.filter((row: { id: number; title: string }) => acknowledged.get(row.id) === row.title).length;
  });
  console.log(`
fault: ${values.restart ? `restart ("${command}")` : 'pg_terminate_backend of every connection'} from ${faultStart} to ${faultEnd} ms; PostgreSQL accepted connections again at ${databaseBack} ms
server process: ${alive ? 'still running (no restart)' : 'DIED'}
writes: ${summary(writes)}
reads:  ${summary(reads)}
health: ${summary(health)}
after the fault: writes failed ${w.failures} times, last at ${w.lastFailure ?? '-'} ms, 201 again at ${w.firstOkAfter ?? '-'} ms; reads 200 again at ${r.firstOkAfter ?? '-'} ms; /healthz 200 again at ${h.firstOkAfter ?? '-'} ms
recovery after PostgreSQL was back: writes ${w.firstOkAfter !== undefined ? Math.max(0, w.firstOkAfter - databaseBack) : '-'} ms, reads ${r.firstOkAfter !== undefined ? Math.max(0, r.firstOkAfter - databaseBack) : '-'} ms
acknowledged writes: ${acknowledged.size}, present in the database: ${present}
500s: ${[...writes, ...reads, ...health].filter((s) => s.status >= 500 && s.status !== 503).length}`);
  if (!alive || present !== acknowledged.size || [...writes, ...reads].some((s) => s.status >= 500 && s.status !== 503)) process.exitCode = 1;
} finally {
  if (child) {
    child.process.kill('SIGTERM');
    await Promise.race([child.exited, sleep(10_000)]);
    await child.kill();
  }
  rmSync(dataDir, { recursive: true, force: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    const dropped = await admin(baseUrl, (c) => c.query(`drop database if exists ${name}`)).then(() => true, () => false);
    if (dropped) break;
    await sleep(200);
  }
}
