// The open-data jobs: a build per archive asked for, and a sweep every ten minutes (once across instances) that asks
// for the archives missing or stale. Builds run on a connection of their own, without the requests' statement timeout.
import type { FastifyInstance } from 'fastify';
import { buildArchive, buildQueue, sweepArchives } from './service.ts';

export const sweepQueue = 'opendata-sweep';
export const sweepIntervalMs = 10 * 60_000;

export async function openDataJobs(app: FastifyInstance): Promise<void> {
  const { jobs, database, config } = app.ctx;
  await jobs.declare(buildQueue);
  await jobs.declare(sweepQueue);
  jobs.handle<{ scope: string }>(buildQueue, async ({ scope }) => void (await database.unbounded((d) => buildArchive({ db: d.db, jobs, config }, scope))));
  jobs.handle(sweepQueue, async () => void (await sweepArchives(app.ctx)));
  jobs.every(sweepQueue, sweepIntervalMs);
}
