// Measurements that are not a steady load: the first request after a write (a cold page), 50 visitors on a page
// whose cache keeps being emptied (the stampede), and how long a write on one instance takes to show on another.
import type { Result } from 'autocannon';
import { run, statusSummary } from './load.ts';
import { sampleRss, type Server } from './servers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const browser = { 'accept-encoding': 'gzip, deflate, br' };

export interface Timed {
  ms: number;
  status: number;
  /** the server's x-page-cache header: hit when the page came from its cache */
  cache?: string;
  body: string;
}

export async function timedGet(url: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { ...browser, ...headers }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, cache: response.headers.get('x-page-cache') ?? undefined, body };
  } catch {
    return { ms: performance.now() - started, status: 0, body: '' };
  }
}

/** Waits until /healthz, then a read through the request pool (`poolPath`), answer 200 within a second: the previous
 *  load's backlog must not be counted against the next target. Returns how long that took (ms). */
export async function settle(server: Server, poolPath?: string, limitMs = 120_000): Promise<number> {
  const started = Date.now();
  for (const path of ['/healthz', ...(poolPath ? [poolPath] : [])]) {
    while (Date.now() - started < limitMs) {
      const probe = await timedGet(server.url + path, {}, 1000);
      if (probe.status === 200) break;
      await sleep(250);
    }
  }
  return Date.now() - started;
}

export interface ColdSamples {
  ms: number[];
  statuses: number[];
  /** how many of the first requests after a write the cache still answered */
  hits: number;
  /** how many were sent the previous version while it was rendered again behind them (a route that lags writes) */
  stale: number;
  /** for those, what rendering it costs: the same page at an address of its own, so not kept yet */
  renderMs: number[];
}

/** The first GET of a page right after a write that empties the cache, several times. */
export async function coldSamples(server: Server, path: string, write: () => Promise<void>, samples: number): Promise<ColdSamples> {
  const result: ColdSamples = { ms: [], statuses: [], hits: 0, stale: 0, renderMs: [] };
  for (let i = 0; i < samples; i++) {
    await write();
    // The cache is emptied once the write's response is sent (onResponse): leave it that moment.
    await sleep(100);
    const got = await timedGet(server.url + path);
    result.ms.push(got.ms);
    result.statuses.push(got.status);
    if (got.cache === 'hit') result.hits++;
    if (got.cache === 'stale') {
      result.stale++;
      result.renderMs.push((await timedGet(`${server.url}${path}${path.includes('?') ? '&' : '?'}bench-render=${Date.now()}`)).ms);
    }
  }
  return result;
}

export interface Stampede {
  path: string;
  seconds: number;
  writesEverySeconds: number;
  result: Result;
  summary: string;
  health: { probes: number; failed: number; maxMs: number };
  /** after the load stopped, until the page answered 200 within a second again */
  recoveryMs: number;
  rssMb?: number;
}

/** 50 visitors on a slow page from an empty cache, with a write every few seconds emptying it again (a live debate). */
export async function stampede(server: Server, path: string, connections: number, seconds: number, write: () => Promise<void>, writesEverySeconds = 5): Promise<Stampede> {
  await write();
  let running = true;
  const health = { probes: 0, failed: 0, maxMs: 0 };
  const probing = (async () => {
    while (running) {
      const probe = await timedGet(`${server.url}/healthz`, {}, 5000);
      health.probes++;
      if (probe.status !== 200) health.failed++;
      health.maxMs = Math.max(health.maxMs, probe.ms);
      await sleep(500);
    }
  })();
  const writing = (async () => {
    while (running) {
      await sleep(writesEverySeconds * 1000);
      if (running) await write().catch(() => {});
    }
  })();
  const stopSampling = sampleRss(server.pid);
  let rssMb: number | undefined;
  const result = await run(server.url + path, connections, seconds).finally(() => {
    running = false;
    rssMb = stopSampling();
  });
  await Promise.all([probing, writing]);
  const ended = Date.now();
  let recoveryMs = 0;
  for (;;) {
    const probe = await timedGet(server.url + path, {}, 1000);
    recoveryMs = Date.now() - ended;
    if ((probe.status === 200 && probe.ms < 1000) || recoveryMs > 120_000) break;
    await sleep(250);
  }
  return { path, seconds, writesEverySeconds, result, summary: statusSummary(result), health, recoveryMs, rssMb };
}

export interface Propagation {
  /** ms from the write's answer on A to the first GET on B that shows it; undefined: not within the limit */
  delays: (number | undefined)[];
  limitMs: number;
}

/** A visitor keeps reloading a page on B; a contribution written on A: how long until B's page shows it. */
export async function crossInstance(b: Server, path: string, writeOnA: (title: string) => Promise<void>, samples: number, limitMs = 30_000): Promise<Propagation> {
  const delays: (number | undefined)[] = [];
  for (let i = 0; i < samples; i++) {
    // B has the page in its cache, as it would on a busy site.
    await timedGet(b.url + path);
    await timedGet(b.url + path);
    const title = `Vue depuis la seconde instance ${Date.now().toString(36)} ${i}`;
    await writeOnA(title);
    const written = Date.now();
    let delay: number | undefined;
    while (Date.now() - written < limitMs) {
      const got = await timedGet(b.url + path, {}, 10_000);
      if (got.body.includes(title)) {
        delay = Date.now() - written;
        break;
      }
      await sleep(100);
    }
    delays.push(delay);
  }
  return { delays, limitMs };
}
