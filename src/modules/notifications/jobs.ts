// The notifications module's background work, each once across instances (pg-boss singletons): the fan-out of
// recorded events every few seconds, the immediate mails it queues, the digests (the job runs every five minutes and
// sends each period once, after its boundary), and the clock's events with the clean-up every ten minutes.
import type { FastifyInstance } from 'fastify';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { fanOut, fanoutQueue, immediateQueue } from './fanout.ts';
import { digestsQueue, sendDueDigests, sendImmediate } from './mailing.ts';
import { scan, scanQueue } from './scan.ts';

export const fanoutIntervalMs = 3000;
export const digestIntervalMs = 5 * 60_000;
export const scanIntervalMs = 10 * 60_000;

export async function notificationJobs(app: FastifyInstance): Promise<void> {
  const { jobs } = app.ctx;
  for (const queue of [fanoutQueue, immediateQueue, digestsQueue, scanQueue]) await jobs.declare(queue);
  jobs.handle(fanoutQueue, async () => void (await fanOut(app.ctx)));
  jobs.handle<{ userIds: number[] }>(immediateQueue, async ({ userIds }) => void (await sendImmediate(app.ctx, userIds)));
  jobs.handle(digestsQueue, async () => void (await sendDueDigests(app.ctx)));
  jobs.handle(scanQueue, async () => void (await scan(app.ctx)));
  // Drained with the rest: whoever drains the queues (tests, the CLI) sees the notifications of what was written.
  jobs.every(fanoutQueue, fanoutIntervalMs, { drain: true });
  jobs.every(digestsQueue, digestIntervalMs);
  jobs.every(scanQueue, scanIntervalMs);
}

/**
 * What the recurring jobs would do by now, at once: the clock's events, the digests due, the fan-out, the immediate
 * mails and every mail queued (tests, the demo and the CLI; workers do it on their own).
 */
export async function runNotifications(env: ServiceEnv, options: { digests?: boolean } = {}): Promise<void> {
  await scan(env);
  await env.jobs.drainAll();
  if (options.digests) {
    await sendDueDigests(env);
    await env.jobs.drainAll();
  }
}
