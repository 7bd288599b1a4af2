// HTML pages of matching: companies for a project, projects for a company, and the alert settings.
import type { FastifyInstance } from 'fastify';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { can } from '../../platform/policy.ts';
import { getAlert, saveAlert } from './alerts.ts';
import { loadProject } from './http.ts';
import { invitationApi } from './invitation-api.ts';
import { invitationRoutes } from './invitation-routes.tsx';
import { AlertInput, withLists } from './inputs.ts';
import { splitKeys, withTerritories } from '../territories/resolve.ts';
import { organizationsFor, projectsFor } from './matching.ts';
import { respondingMemberships } from './policy.ts';
import { projectRefs } from './service.ts';
import { AlertsPage, ForYouPage, MatchesPage } from './views/matching.tsx';

/** Territories come as the keys kept ticked and one typed by name or code, each read as its key. */
function alertForm(body: unknown): Record<string, unknown> {
  const values = withLists(body, 'domains');
  values.territories = splitKeys(values.territories);
  return withTerritories(withLists(values, 'territories'), 'territories');
}

export function matchRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  // Invitations are offered from the matching suggestions, so both are registered together.
  invitationRoutes(app);
  invitationApi(app);

  app.get('/projects/for-you', { config: { rule: 'project.forYou' } }, async (req, reply) => {
    const organizations = await projectRefs(env.db, respondingMemberships(req.actor).map((m) => m.organizationId));
    const wanted = Number((formValues(req.query).organization as string | undefined) ?? NaN);
    const current = organizations.find((o) => o.id === wanted) ?? organizations[0]!;
    return reply.page(ForYouPage({ ctx: req.view(), organizations, current, matches: await projectsFor(env.db, req.actor, current.id) }));
  });

  app.get('/projects/:id/matches', { config: { rule: 'project.evaluate' } }, async (req, reply) => {
    const project = await loadProject(env.db, req, 'project.evaluate');
    return reply.page(MatchesPage({ ctx: req.view(), project, matches: await organizationsFor(env.db, project), canInvite: can(req.actor, 'project.manage', project) }));
  });

  app.get('/projects/alerts', { config: { rule: 'project.alerts' } }, async (req, reply) => {
    const alert = await getAlert(env.db, req.actor.user!.id);
    return reply.page(AlertsPage({ ctx: req.view(), form: { values: { domains: alert.domains, territories: alert.territories }, errors: {} } }));
  });
  app.post('/projects/alerts', { config: { rule: 'project.alerts' } }, async (req, reply) =>
    submitForm(reply, alertForm(req.body), AlertInput, async (input) => {
      await saveAlert(env.db, req.actor.user!.id, input);
      return reply.flash({ kind: 'success', key: 'projects:flash.alertsSaved' }).redirect('/projects/alerts', 303);
    }, (form) => AlertsPage({ ctx: req.view(), form })),
  );
}
