// The projects module's background work: alerts when a project opens. Opening a project now records a notification
// event (service.ts, changeState) and the alerts reach people as notifications; this queue serves the jobs queued
// before that change.
import type { FastifyInstance } from 'fastify';
import { sendAlerts } from './alerts.ts';
import { alertsQueue } from './service.ts';

export async function projectJobs(app: FastifyInstance): Promise<void> {
  await app.ctx.jobs.declare(alertsQueue);
  app.ctx.jobs.handle<{ projectId: number }>(alertsQueue, async (data) => void (await sendAlerts(app.ctx, data.projectId)));
}
