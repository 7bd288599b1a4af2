// What happens by the clock rather than by a request — a phase opening or closing, a project's deadline three days
// away — found by a recurring scan and recorded once whatever runs it (a dedupe key per phase and date), then fanned
// out like the rest. The same job removes what is older than six months.
import { and, eq, gt, lte } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { consultations, phases } from '../consultations/schema.ts';
import { projects } from '../projects/schema.ts';
import { recordEvent } from './record.ts';
import { removeOld } from './service.ts';

export const scanQueue = 'notifications.scan';
/** How far back a scan looks: a platform stopped longer than this does not announce stale openings. */
export const lookBack = days(7);
/** Followers of a project hear of its deadline this long before. */
export const deadlineNotice = days(3);

export async function scanClock(env: ServiceEnv, at = now()): Promise<number> {
  const since = new Date(at.getTime() - lookBack);
  const columns = { id: phases.id, position: phases.position, title: phases.title, startsAt: phases.startsAt, endsAt: phases.endsAt, consultationId: consultations.id, slug: consultations.slug, consultation: consultations.title };
  const [opened, closed, deadlines] = await Promise.all([
    env.db.select(columns).from(phases).innerJoin(consultations, eq(consultations.id, phases.consultationId)).where(and(lte(phases.startsAt, at), gt(phases.startsAt, since))),
    env.db.select(columns).from(phases).innerJoin(consultations, eq(consultations.id, phases.consultationId)).where(and(lte(phases.endsAt, at), gt(phases.endsAt, since))),
    env.db
      .select({ id: projects.id, title: projects.title, deadline: projects.deadline })
      .from(projects)
      .where(and(eq(projects.state, 'open'), gt(projects.deadline, at), lte(projects.deadline, new Date(at.getTime() + deadlineNotice)))),
  ]);
  let recorded = 0;
  await env.db.transaction(async (tx) => {
    for (const p of opened) {
      const context = { consultationId: p.consultationId, consultationSlug: p.slug, consultationTitle: p.consultation };
      await recordEvent(tx, 'phase.opened', null, { ...context, phaseId: p.id, phasePosition: p.position, phaseTitle: p.title }, `phase.opened:${p.id}:${p.startsAt.toISOString()}`);
      recorded++;
    }
    for (const p of closed) {
      const context = { consultationId: p.consultationId, consultationSlug: p.slug, consultationTitle: p.consultation };
      await recordEvent(tx, 'phase.closed', null, { ...context, phaseId: p.id, phasePosition: p.position, phaseTitle: p.title }, `phase.closed:${p.id}:${p.endsAt.toISOString()}`);
      recorded++;
    }
    for (const p of deadlines) {
      await recordEvent(tx, 'project.deadline', null, { projectId: p.id, projectTitle: p.title, deadline: p.deadline!.toISOString() }, `project.deadline:${p.id}:${p.deadline!.toISOString()}`);
      recorded++;
    }
  });
  return recorded;
}

export async function scan(env: ServiceEnv, at = now()): Promise<void> {
  await scanClock(env, at);
  await removeOld(env.db);
}
