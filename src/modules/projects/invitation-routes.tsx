// HTML pages of a restricted project's invitations, for whoever manages the project: the list and the search, an
// invitation (from the search or from a matching suggestion), and revoking one after a confirmation page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { parse } from '../../platform/validation.ts';
import { ConfirmPage, isConfirmed } from '../../platform/views/confirm.tsx';
import type { FormState } from '../../platform/views/form.tsx';
import { loadProject } from './http.ts';
import { findCandidates, InvitationParams, InviteInput, inviteOrganization, listInvitations, revokeInvitation, searchLimits } from './invitations.ts';
import type { Project } from './service.ts';
import { InvitationsPage } from './views/invitations.tsx';

const rule = 'project.manage';

function searchOf(values: Record<string, unknown>): string {
  return typeof values.q === 'string' ? values.q.trim().slice(0, searchLimits.max) : '';
}

export function invitationRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function page(req: FastifyRequest, reply: FastifyReply, project: Project, form: FormState, status = 200) {
    const q = searchOf(form.values);
    const candidates = q.length >= searchLimits.min ? await findCandidates(env.db, project, q) : undefined;
    return reply.page(InvitationsPage({ ctx: req.view(), project, invitations: await listInvitations(env.db, project.id), form, candidates }), status);
  }

  app.get('/projects/:id/invitations', { config: { rule } }, async (req, reply) => {
    const project = await loadProject(env.db, req, rule);
    const q = searchOf(formValues(req.query));
    const tooShort = q.length > 0 && q.length < searchLimits.min;
    // A search too short is a refused form: said beside the field, and first in the title.
    return page(req, reply, project, { values: { q }, errors: tooShort ? { q: { key: 'tooShort', values: { min: searchLimits.min } } } : {} }, tooShort ? 422 : 200);
  });

  app.post('/projects/:id/invitations', { config: { rule } }, async (req, reply) => {
    const project = await loadProject(env.db, req, rule);
    const values = formValues(req.body);
    try {
      const { organization } = parse(InviteInput, values);
      const { name } = await inviteOrganization(env.db, req.actor, project, organization);
      const back = values.back === 'matches' ? `/projects/${project.id}/matches` : `/projects/${project.id}/invitations`;
      return reply.flash({ kind: 'success', key: 'projects:flash.invited', vars: { name } }).redirect(back, 303);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      // Every refusal is said beside the search field, the one field of the page, with the search kept.
      const first = Object.values(error.fields)[0]!;
      return page(req, reply, project, { values: { q: searchOf(values) }, errors: { q: first } }, 422);
    }
  });

  app.get('/projects/:id/invitations/:organizationId/revoke', { config: { rule } }, async (req, reply) => {
    const project = await loadProject(env.db, req, rule);
    const { organizationId } = parse(InvitationParams, req.params);
    const invitation = (await listInvitations(env.db, project.id)).find((i) => i.organization.id === organizationId);
    if (!invitation) return reply.redirect(`/projects/${project.id}/invitations`, 303);
    const ctx = req.view();
    const organization = invitation.organization.name;
    return reply.page(
      ConfirmPage({
        ctx,
        title: ctx.ta('projects:invitations.revokeTitle', { organization }),
        consequence: ctx.ta('projects:invitations.revokeConsequence', { organization, title: project.title }),
        items: [organization],
        action: `/projects/${project.id}/invitations/${organizationId}/revoke`,
        back: `/projects/${project.id}/invitations`,
        submit: ctx.ta('projects:invitations.revoke'),
      }),
    );
  });

  app.post('/projects/:id/invitations/:organizationId/revoke', { config: { rule } }, async (req, reply) => {
    const project = await loadProject(env.db, req, rule);
    const { organizationId } = parse(InvitationParams, req.params);
    if (!isConfirmed(req.body)) return reply.redirect(`/projects/${project.id}/invitations/${organizationId}/revoke`, 303);
    await revokeInvitation(env.db, project, organizationId);
    return reply.flash({ kind: 'success', key: 'projects:flash.revoked' }).redirect(`/projects/${project.id}/invitations`, 303);
  });
}
