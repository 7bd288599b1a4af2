// `parvis serve` as a child process, as an operator runs it: started on a free loopback port, awaited, signalled,
// and always stopped by the test that started it (by its own pid).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../bench/servers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = `${root}bin/parvis.js`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Child {
  url: string;
  process: ChildProcess;
  /** everything the process wrote so far */
  output(): string;
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running; for cleanup */
  kill(): Promise<void>;
}

/** Runs a `parvis` command (seed, token:create…) to completion and returns what it printed. */
export function parvis(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`parvis ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export async function startServe(env: Record<string, string>, readyLimitMs = 60_000): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const server: Child = {
    url,
    process: child,
    output: () => output,
    exited,
    async kill() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + readyLimitMs;
  while (Date.now() < deadline && !gone) {
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status === 200) return server;
    await sleep(200);
  }
  await server.kill();
  throw new Error(`parvis serve did not become ready:\n${output.slice(-4000)}`);
}
