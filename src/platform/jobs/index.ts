// Background jobs on pg-boss: a job is sent inside the transaction that causes it, so it exists iff the change committed.
import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite } from 'pg-boss';
import type { Database, Tx } from '../db/client.ts';

export type Handler<T> = (data: T) => Promise<void>;

export interface Jobs {
  /** Create a queue; done at start, since PGlite's one connection cannot create it while a transaction is open. */
  declare(queue: string): Promise<void>;
  /** Queue a job as part of the caller's transaction. */
  send<T extends object>(tx: Tx, queue: string, data: T): Promise<void>;
  /** Register the handler of a queue; it runs in the background when workers are started. */
  handle<T extends object>(queue: string, handler: Handler<T>): void;
  /**
   * While workers run, queue a job in this queue every `intervalMs` (e.g. a scan for reminders to send). With several
   * instances, pg-boss keeps one such job per interval (a singleton), so the work is queued once, not once each.
   * `drain`: `drainAll` also runs it once each round, for work that follows every write (the fan-out of
   * notifications), so that tests and the CLI see its effects as soon as they drain.
   */
  every(queue: string, intervalMs: number, options?: { drain?: boolean }): void;
  /** Start polling every queue that has a handler (serve does this; tests call drain instead). */
  startWorkers(): Promise<void>;
  /** Run every job waiting in a queue now, in this call; returns how many ran. For tests and the CLI. */
  drain(queue: string): Promise<number>;
  /** Drain every queue that has a handler until none has work left (a job may queue another, e.g. a mail); recurring
   * queues marked `drain` run once each round first. */
  drainAll(): Promise<number>;
  /** Stop polling; a job under way gets up to `timeoutMs` to finish (one cut short is retried later). */
  stop(timeoutMs?: number): Promise<void>;
}

/** pg-boss reports what fails in the background (a poll while the database restarts): one warning line each. */
function warn(error: unknown, queue?: string): void {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, msg: 'background jobs error', queue, err: { code, message: message ?? String(error) } })}\n`);
}

const queueOptions = { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 };

export async function startJobs(database: Database, databaseUrl?: string): Promise<Jobs> {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schedule: false, supervise: false })
      : new PgBoss({ connectionString: databaseUrl, max: 4, schedule: false });
  const handlers = new Map<string, Handler<object>>();
  const recurring = new Map<string, number>();
  const drained = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  const created = new Set<string>();
  // Without a listener pg-boss's errors would end the process. Its workers and its pool carry on by themselves: a poll
  // that fails while the database is away is tried again at the next interval, on a new connection.
  boss.on('error', (error) => warn(error));
  await boss.start();

  async function ensureQueue(queue: string) {
    if (created.has(queue)) return;
    await boss.createQueue(queue, queueOptions);
    created.add(queue);
  }

  async function drain(queue: string): Promise<number> {
    await ensureQueue(queue);
    const handler = handlers.get(queue);
    if (!handler) throw new Error(`no handler for queue ${queue}`);
    let count = 0;
    for (;;) {
      const jobs = await boss.fetch<object>(queue, { batchSize: 20 });
      if (jobs.length === 0) return count;
      for (const job of jobs) {
        try {
          await handler(job.data);
          await boss.complete(queue, job.id);
        } catch (error) {
          await boss.fail(queue, job.id, { message: String(error) });
        }
        count++;
      }
    }
  }

  return {
    declare: ensureQueue,
    async send(tx, queue, data) {
      if (!created.has(queue)) throw new Error(`queue ${queue} was not declared at start`);
      await boss.send(queue, data, { db: fromDrizzle(tx as never, sql) });
    },
    handle(queue, handler) {
      handlers.set(queue, handler as Handler<object>);
    },
    every(queue, intervalMs, options = {}) {
      recurring.set(queue, intervalMs);
      if (options.drain) drained.add(queue);
    },
    async startWorkers() {
      for (const [queue, handler] of handlers) {
        await ensureQueue(queue);
        await boss.work<object>(queue, { pollingIntervalSeconds: 2, batchSize: 5 }, async (jobs) => {
          for (const job of jobs) await handler(job.data);
        });
      }
      for (const [queue, intervalMs] of recurring) {
        await ensureQueue(queue);
        const tick = () => boss.send(queue, {}, { singletonKey: `every:${queue}`, singletonSeconds: Math.max(1, Math.floor(intervalMs / 1000)) }).catch((error) => warn(error, queue));
        const timer = setInterval(tick, intervalMs);
        timer.unref();
        timers.push(timer);
      }
    },
    drain,
    async drainAll() {
      let total = 0;
      for (let ran = -1; ran !== 0; ) {
        ran = 0;
        for (const queue of drained) await handlers.get(queue)?.({});
        for (const queue of handlers.keys()) ran += await drain(queue);
        total += ran;
      }
      return total;
    },
    async stop(timeoutMs = 5000) {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await boss.stop({ graceful: true, timeout: timeoutMs });
    },
  };
}
