// One measurement: probe the target, warm it up, then load it with autocannon while sampling the server's memory.
import autocannon, { type Result } from 'autocannon';
import { sampleRss, type Server } from './servers.ts';

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export type Outcome =
  | { status: 'measured'; requestsPerSecond: number; p50: number; p99: number; rssMb?: number }
  /** the route does not exist yet (404) */
  | { status: 'missing' }
  /** the route answered errors: its speed means nothing */
  | { status: 'failed'; reason: string; rssMb?: number; serverError?: string };

export interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What the load sends: the same GET every time (with these headers), or a new request each time (writes). */
export interface Traffic {
  headers?: Record<string, string>;
  next?: () => Request;
}

// As browsers ask: compressed pages are what visitors receive (the reference's short text goes uncompressed).
const browserHeaders = { 'accept-encoding': 'gzip, deflate, br' };

/** autocannon for `seconds` on `url`; `timeoutSeconds` is how long one request may take before it counts as a timeout. */
export function run(url: string, connections: number, seconds: number, traffic: Traffic = {}, timeoutSeconds = 10): Promise<Result> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const headers = { ...browserHeaders, ...traffic.headers };
    const next = traffic.next;
    const requests = next ? [{ setupRequest: () => { const r = next(); return { ...r, headers: { ...headers, ...r.headers } }; } }] : undefined;
    const instance = autocannon({ url, connections, duration: seconds, timeout: timeoutSeconds, headers, requests }, (error, result) => {
      settled = true;
      clearTimeout(guard);
      if (error) reject(error);
      else resolve(result);
    });
    // autocannon stops by itself after `duration`; this only guards against a hang.
    const guard = setTimeout(() => {
      if (settled) return;
      instance.stop();
      reject(new Error(`load on ${url} did not finish within ${seconds + 30} s`));
    }, (seconds + 30) * 1000);
  });
}

export function statusSummary(result: Result): string {
  return Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${count} × ${code}`)
    .join(', ');
}

async function probe(server: Server, path: string, traffic: Traffic): Promise<number | string> {
  const request: Request = traffic.next?.() ?? { method: 'GET', path };
  const response = await fetch(server.url + request.path, {
    method: request.method,
    headers: { ...traffic.headers, ...request.headers },
    body: request.body,
    signal: AbortSignal.timeout(15_000),
    redirect: 'manual',
  }).then(
    async (r) => ({ status: r.status, text: await r.text() }),
    (error: Error) => ({ status: error.message, text: '' }),
  );
  if (typeof response.status === 'number' && (response.status < 200 || response.status > 299)) return `${response.status} ${response.text.slice(0, 200)}`;
  return response.status;
}

export async function measure(server: Server, path: string, settings: LoadSettings, traffic: Traffic = {}): Promise<Outcome> {
  const url = server.url + path;
  // A server still shedding the previous target's backlog (503) is given half a minute before this one is judged.
  let probed = await probe(server, path, traffic);
  for (let wait = 0; typeof probed === 'string' && probed.startsWith('503 ') && wait < 30; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    probed = await probe(server, path, traffic);
  }
  if (typeof probed === 'string' && probed.startsWith('404 ')) return { status: 'missing' };
  if (typeof probed !== 'number') return { status: 'failed', reason: `probe answered ${probed}` };

  await run(url, settings.connections, settings.warmupSeconds, traffic);
  const stopSampling = sampleRss(server.pid);
  let rssMb: number | undefined;
  const result = await run(url, settings.connections, settings.durationSeconds, traffic).finally(() => (rssMb = stopSampling()));
  if (result['2xx'] === 0 && result.non2xx === 0 && result.errors === 0) {
    return { status: 'failed', reason: `no answer within the ${settings.durationSeconds} s run (every request took longer)`, rssMb };
  }
  if (result.non2xx > 0 || result.errors > 0) {
    const errors = result.errors > 0 ? `, ${result.errors} connection errors (${result.timeouts} timeouts)` : '';
    const answered = `; ${Math.round(result['2xx'] / result.duration)} 2xx/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`;
    return { status: 'failed', reason: `${statusSummary(result)}${errors}${answered}`, rssMb };
  }
  return { status: 'measured', requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, rssMb };
}
