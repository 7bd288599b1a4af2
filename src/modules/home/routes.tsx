// The home page: what Parvis is, and what is going on now — open consultations, the next events, projects waiting
// for answers (only those the person may see).
import type { FastifyInstance } from 'fastify';
import { now } from '../../platform/clock.ts';
import { phaseStatus } from '../consultations/phases.ts';
import { listConsultations } from '../consultations/service.ts';
import { showcase } from '../consultations/showcase.ts';
import { listAgenda } from '../events/service.ts';
import type { ListQuery } from '../projects/inputs.ts';
import { listProjects } from '../projects/service.ts';
import { homeFigures } from './figures.ts';
import { HomePage } from './views/home.tsx';

const shown = 3;
// The schema's literal union is widened by TypeBox's static type; the value is one of the states.
const openProjects = { state: 'open' } as unknown as ListQuery;

export function homeRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  app.get('/', { config: { rule: 'public', cache: 'signed-in' } }, async (req, reply) => {
    const at = now();
    const [consultations, agenda, projects, figures] = await Promise.all([listConsultations(env.db), listAgenda(env.db, { when: 'upcoming' }), listProjects(env.db, req.actor, openProjects, shown), homeFigures(env.db)]);
    // Open now first, then what opens next.
    const rank = (c: (typeof consultations)[number]) => (c.current && phaseStatus({ ...c.current, commentsOpenUntil: null }, at) === 'open' ? 0 : 1);
    const live = consultations.filter((c) => c.endsAt && c.endsAt > at).sort((a, b) => rank(a) - rank(b)).slice(0, shown);
    const shownCase = await showcase(env.db, consultations);
    return reply.page(HomePage({ ctx: req.view(), figures, consultations: live, showcase: shownCase, events: agenda.items.slice(0, shown), projects: projects.items }));
  });
}
