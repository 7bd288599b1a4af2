// The servers under test as child processes: started on a free loopback port, awaited, and always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';


/**
 * The servers measured take writes from a few bench accounts as fast as they come: the per-account posting limit (a
 * spam defence, 6 a minute) would measure that limit, not what the platform can write.
 */
export const benchLimits = { PARVIS_POSTS_PER_MINUTE: '0' } as const;
export interface Server {
  name: string;
  url: string;
  pid: number;
  /** the last lines the process wrote, for error messages */
  output(): string;
  /** how the process ended, if it has: 'code 1', 'SIGKILL' */
  ended(): string | undefined;
  stop(): Promise<Stopped>;
}

const running = new Set<Server>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const root = fileURLToPath(new URL('..', import.meta.url));

/** What `npm start` runs (its node flags, then bin/parvis.js serve): the bench measures the server operators start. */
export function serveArgs(): string[] {
  const start = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts?: Record<string, string> }).scripts?.start ?? '';
  const words = start.split(/\s+/).filter(Boolean);
  const bin = words.findIndex((w) => w.endsWith('parvis.js'));
  const flags = words[0] === 'node' && bin > 0 ? words.slice(1, bin).filter((w) => w.startsWith('--')) : [];
  return [...flags, `${root}bin/parvis.js`, 'serve'];
}

/** The line `serve` writes on stderr saying whether it runs dist/ or src/ through tsx. */
export function runningWhat(server: Server): string | undefined {
  return /parvis: running [^\n]*/.exec(server.output())?.[0].replace(/^parvis: /, '');
}

/** Asks the system for a free port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** How a server went: how long after SIGTERM, and whether it had to be killed. */
export interface Stopped {
  ms: number;
  killed: boolean;
}

/** SIGTERM first so the server releases its lock and closes its pool; SIGKILL if it has not gone within the limit. */
async function terminate(child: ChildProcess, limitMs: number): Promise<Stopped> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return { ms: 0, killed: false };
  child.kill('SIGTERM');
  const gone = await Promise.race([exited(child).then(() => true), sleep(limitMs).then(() => false)]);
  if (!gone) {
    child.kill('SIGKILL');
    await Promise.race([exited(child), sleep(2000)]);
  }
  return { ms: Date.now() - started, killed: !gone };
}

export interface StartOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** the path that answers 200 once the server is ready */
  readyPath: string;
  startLimitMs: number;
}

export async function startServer(options: StartOptions): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-16_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const server: Server = {
    name: options.name,
    url,
    pid: child.pid ?? -1,
    output: () => tail,
    ended: () => (child.exitCode !== null ? `code ${child.exitCode}` : (child.signalCode ?? undefined)),
    stop: async () => {
      running.delete(server);
      return terminate(child, 10_000);
    },
  };
  running.add(server);

  const deadline = Date.now() + options.startLimitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(server);
      throw new Error(`${options.name} exited before it was ready (code ${child.exitCode ?? child.signalCode}):\n${tail}`);
    }
    const status = await fetch(url + options.readyPath, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return server;
    await sleep(200);
  }
  await server.stop();
  throw new Error(`${options.name} did not answer 200 on ${options.readyPath} within ${options.startLimitMs / 1000} s:\n${tail}`);
}

/** The last error the server logged (pino JSON at level error or above), to say why a target failed. */
export function lastLoggedError(output: string): string | undefined {
  for (const line of output.split('\n').reverse()) {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; code?: string } };
      if ((entry.level ?? 0) >= 50) return [entry.msg, entry.err?.code, entry.err?.message].filter(Boolean).join(': ');
    } catch {
      // not a log line (start-up banner, partial line)
    }
  }
  return undefined;
}

/** Stops every server still running; called at the end of the run, on error and on interruption. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

export function rssMegabytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the process's resident memory every 250 ms until stopped; returns the highest value seen (MB). */
export function sampleRss(pid: number): () => number | undefined {
  let peak: number | undefined;
  const read = () => {
    const now = rssMegabytes(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  read();
  const timer = setInterval(read, 250);
  return () => {
    clearInterval(timer);
    read();
    return peak;
  };
}
