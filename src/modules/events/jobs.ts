// The events module's background work: the reminder scan, queued every ten minutes while workers run (once across
// instances); a reminder is recorded once whatever runs the scan (see reminders.ts).
import type { FastifyInstance } from 'fastify';
import { remindersQueue, sendDueReminders } from './reminders.ts';

export const reminderIntervalMs = 10 * 60_000;

export async function eventJobs(app: FastifyInstance): Promise<void> {
  const { jobs } = app.ctx;
  await jobs.declare(remindersQueue);
  jobs.handle(remindersQueue, async () => void (await sendDueReminders(app.ctx)));
  jobs.every(remindersQueue, reminderIntervalMs);
}
