// The accounts module's background work.
import type { FastifyInstance } from 'fastify';
import { passwordResetQueue, sendPasswordReset } from './service.ts';

export async function accountJobs(app: FastifyInstance): Promise<void> {
  await app.ctx.jobs.declare(passwordResetQueue);
  app.ctx.jobs.handle<{ email: string }>(passwordResetQueue, (data) => sendPasswordReset(app.ctx, data));
}
