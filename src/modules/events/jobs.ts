// The events module's background work: the reminder scan. The platform's job runner has no schedule of its own yet,
// so when the workers start, this process queues a scan every ten minutes; several processes may each queue one,
// which is harmless since a reminder is recorded once (see reminders.ts).
import type { FastifyInstance } from 'fastify';
import { remindersQueue, sendDueReminders } from './reminders.ts';

export const reminderIntervalMs = 10 * 60_000;

export async function eventJobs(app: FastifyInstance): Promise<void> {
  const { jobs, db } = app.ctx;
  await jobs.declare(remindersQueue);
  jobs.handle(remindersQueue, async () => void (await sendDueReminders(app.ctx)));
  let timer: NodeJS.Timeout | undefined;
  const startWorkers = jobs.startWorkers.bind(jobs);
  jobs.startWorkers = async () => {
    await startWorkers();
    timer = setInterval(() => void db.transaction((tx) => jobs.send(tx, remindersQueue, {})).catch((error) => app.log.error({ err: error }, 'reminder scan not queued')), reminderIntervalMs);
    timer.unref();
  };
  app.addHook('onClose', async () => clearInterval(timer));
}
