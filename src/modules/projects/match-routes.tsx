// HTML pages of matching: companies for a project, projects for a company, and the alert settings.
import type { FastifyInstance } from 'fastify';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { getAlert, saveAlert } from './alerts.ts';
import { loadProject } from './http.ts';
import { AlertInput, withLists } from './inputs.ts';
import { organizationsFor, projectsFor } from './matching.ts';
import { respondingMemberships } from './policy.ts';
import { projectRefs } from './service.ts';
import { AlertsPage, ForYouPage, MatchesPage } from './views/matching.tsx';

/** Territories are typed as "kind:code", one per line or separated by commas. */
function alertForm(body: unknown): Record<string, unknown> {
  const values = withLists(body, 'domains');
  if (typeof values.territories === 'string') values.territories = values.territories.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  return values;
}

export function matchRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  app.get('/projects/for-you', { config: { rule: 'project.forYou' } }, async (req, reply) => {
    const organizations = await projectRefs(env.db, respondingMemberships(req.actor).map((m) => m.organizationId));
    const wanted = Number((formValues(req.query).organization as string | undefined) ?? NaN);
    const current = organizations.find((o) => o.id === wanted) ?? organizations[0]!;
    return reply.page(ForYouPage({ ctx: req.view(), organizations, current, matches: await projectsFor(env.db, req.actor, current.id) }));
  });

  app.get('/projects/:id/matches', { config: { rule: 'project.evaluate' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.evaluate');
    return reply.page(MatchesPage({ ctx: req.view(), project, matches: await organizationsFor(env.db, project) }));
  });

  app.get('/projects/alerts', { config: { rule: 'project.alerts' } }, async (req, reply) => {
    const alert = await getAlert(env.db, req.actor.user!.id);
    return reply.page(AlertsPage({ ctx: req.view(), form: { values: { domains: alert.domains, territories: alert.territories.join('\n') }, errors: {} } }));
  });
  app.post('/projects/alerts', { config: { rule: 'project.alerts' } }, async (req, reply) =>
    submitForm(reply, alertForm(req.body), AlertInput, async (input) => {
      await saveAlert(env.db, req.actor.user!.id, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.alertsSaved' }).redirect('/projects/alerts', 303);
    }, (form) => AlertsPage({ ctx: req.view(), form: { ...form, values: { ...form.values, territories: Array.isArray(form.values.territories) ? form.values.territories.join('\n') : form.values.territories } } })),
  );
}
