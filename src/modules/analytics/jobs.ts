// The analytics job: every minute while workers run (once across instances), the phases that changed are computed
// again — the debounce that turns a burst of votes into one computation. On PostgreSQL it runs on a connection of its
// own without the requests' statement timeout: grouping a phase of 600,000 contributions may take seconds.
import type { FastifyInstance } from 'fastify';
import { schedule, sweep } from './compute.ts';

export const analyticsQueue = 'analytics-sweep';

export async function analyticsJobs(app: FastifyInstance): Promise<void> {
  const { jobs, database } = app.ctx;
  await jobs.declare(analyticsQueue);
  jobs.handle(analyticsQueue, async () => void (await database.unbounded((d) => sweep(d.db))));
  jobs.every(analyticsQueue, schedule.intervalMs);
}
