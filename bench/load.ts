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

function run(url: string, connections: number, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // As browsers ask: compressed pages are what visitors receive (the reference's short text goes uncompressed).
    const instance = autocannon({ url, connections, duration: seconds, timeout: 10, headers: { 'accept-encoding': 'gzip, deflate, br' } }, (error, result) => {
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

function statusSummary(result: Result): string {
  return Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${count} × ${code}`)
    .join(', ');
}

export async function measure(server: Server, path: string, settings: LoadSettings): Promise<Outcome> {
  const url = server.url + path;
  const probe = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'manual' }).then(
    (response) => response.status,
    (error: Error) => error.message,
  );
  if (probe === 404) return { status: 'missing' };
  if (typeof probe !== 'number' || probe < 200 || probe > 299) return { status: 'failed', reason: `probe answered ${probe}` };

  await run(url, settings.connections, settings.warmupSeconds);
  const stopSampling = sampleRss(server.pid);
  let rssMb: number | undefined;
  const result = await run(url, settings.connections, settings.durationSeconds).finally(() => (rssMb = stopSampling()));
  if (result.non2xx > 0 || result.errors > 0) {
    const errors = result.errors > 0 ? `, ${result.errors} connection errors (${result.timeouts} timeouts)` : '';
    return { status: 'failed', reason: `${statusSummary(result)}${errors}`, rssMb };
  }
  return { status: 'measured', requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, rssMb };
}
