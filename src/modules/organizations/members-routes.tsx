// HTML routes for membership: managing members, invitations, requests to join, leaving.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { parse } from '../../platform/validation.ts';
import { ConfirmPage, isConfirmed } from '../../platform/views/confirm.tsx';
import type { Flash } from '../../platform/views/context.ts';
import type { FormState } from '../../platform/views/form.tsx';
import { InviteInput, MemberParams, MemberUpdate, TokenParams } from './inputs.ts';
import { acceptInvitation, changeRole, decideRequest, findInvitation, invite, leave, removeMember, requestToJoin } from './members.ts';
import { loadAuthorized } from './http.ts';
import './policy.ts';
import { listMembers, type Organization } from './service.ts';
import { InvitationInvalidPage, InvitationPage } from './views/invitation.tsx';
import { MembersPage } from './views/members.tsx';
import { OrganizationPage } from './views/organization.tsx';

export function memberRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  const loadFor = (req: FastifyRequest, rule: string) => loadAuthorized(env.db, req, rule);

  /** A refused change (the last admin) is shown on the page it came from, with why, rather than as an error page. */
  const refusal = (req: FastifyRequest, error: Conflict) => ({ ...req.view(), flash: { kind: 'error', key: `organizations:refused.${error.code}` } satisfies Flash });

  async function membersPage(req: FastifyRequest, reply: FastifyReply, org: Organization, options: { inviteForm?: FormState; refused?: Conflict } = {}) {
    const ctx = options.refused ? refusal(req, options.refused) : req.view();
    const html = MembersPage({ ctx, org, members: await listMembers(env.db, org.id), inviteForm: options.inviteForm });
    return reply.page(html, options.refused ? 409 : options.inviteForm ? 422 : 200);
  }

  const manage = { rule: 'organization.manageMembers' };

  app.get('/organizations/:slug/members', { config: manage }, async (req, reply) => membersPage(req, reply, await loadFor(req, manage.rule)));

  app.post('/organizations/:slug/invitations', { config: manage }, async (req, reply) => {
    const org = await loadFor(req, manage.rule);
    return submitForm(reply, req.body, InviteInput, async (input) => {
      await invite(env, req.actor, org, input, req.locale);
      return reply.flash({ kind: 'success', key: 'organizations:flash.invited', vars: { email: input.email } }).redirect(`/organizations/${org.slug}/members`, 303);
    }, async (inviteForm) => MembersPage({ ctx: req.view(), org, members: await listMembers(env.db, org.id), inviteForm }) as Promise<string>);
  });

  async function memberChange(req: FastifyRequest, reply: FastifyReply, change: (org: Organization, userId: number) => Promise<string>) {
    const org = await loadFor(req, manage.rule);
    const { userId } = parse(MemberParams, req.params);
    try {
      const key = await change(org, userId);
      return reply.flash({ kind: 'success', key: `organizations:flash.${key}` }).redirect(`/organizations/${org.slug}/members`, 303);
    } catch (error) {
      if (error instanceof Conflict) return membersPage(req, reply, org, { refused: error });
      throw error;
    }
  }

  app.post('/organizations/:slug/members/:userId', { config: manage }, async (req, reply) =>
    memberChange(req, reply, async (org, userId) => {
      const update = parse(MemberUpdate, req.body);
      if (update.action) {
        await decideRequest(env.db, org, userId, update.action === 'approve');
        return update.action === 'approve' ? 'approved' : 'declined';
      }
      if (!update.role) throw ValidationFailed.one('role', 'required');
      await changeRole(env.db, org, userId, update.role);
      return 'roleChanged';
    }),
  );

  app.get('/organizations/:slug/members/:userId/remove', { config: manage }, async (req, reply) => {
    const org = await loadFor(req, manage.rule);
    const { userId } = parse(MemberParams, req.params);
    const member = (await listMembers(env.db, org.id)).find((m) => m.userId === userId);
    if (!member) throw new NotFound('member');
    const ctx = req.view();
    return reply.page(
      ConfirmPage({
        ctx,
        title: ctx.ta('confirm.removeMember.title', { name: member.displayName, organization: org.name }),
        consequence: ctx.ta('confirm.removeMember.consequence'),
        action: `/organizations/${org.slug}/members/${userId}/remove`,
        back: `/organizations/${org.slug}/members`,
      }),
    );
  });

  app.post('/organizations/:slug/members/:userId/remove', { config: manage }, async (req, reply) => {
    if (!isConfirmed(req.body)) {
      const org = await loadFor(req, manage.rule);
      return reply.redirect(`/organizations/${org.slug}/members/${parse(MemberParams, req.params).userId}/remove`, 303);
    }
    return memberChange(req, reply, async (org, userId) => {
      await removeMember(env.db, org, userId);
      return 'removed';
    });
  });

  app.post('/organizations/:slug/join', { config: { rule: 'organization.join' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.join');
    const outcome = await requestToJoin(env.db, req.actor, org);
    const flash: Flash = outcome === 'requested' ? { kind: 'success', key: 'organizations:flash.requested' } : { kind: 'info', key: 'organizations:flash.alreadyMember' };
    return reply.flash(flash).redirect(`/organizations/${org.slug}`, 303);
  });

  app.post('/organizations/:slug/leave', { config: { rule: 'organization.leave' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.leave');
    try {
      await leave(env.db, req.actor, org);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      const members = await listMembers(env.db, org.id);
      const viewer = { membership: members.find((m) => m.userId === req.actor.user?.id), isPlatformAdmin: req.actor.isAdmin, signedIn: true, canManage: req.actor.isAdminOf(org.id) || req.actor.isAdmin };
      return reply.page(OrganizationPage({ ctx: refusal(req, error), org, members, viewer }), 409);
    }
    return reply.flash({ kind: 'success', key: 'organizations:flash.left' }).redirect(`/organizations/${org.slug}`, 303);
  });

  // A visitor opening the link is sent to sign in and brought back here (the rule asks for an account).
  app.get('/invitations/:token', { config: { rule: 'invitation.accept' } }, async (req, reply) => {
    const { token } = parse(TokenParams, req.params);
    const invitation = await findInvitation(env.db, token);
    if (!invitation) return reply.page(InvitationInvalidPage({ ctx: req.view() }), 410);
    return reply.header('referrer-policy', 'no-referrer').page(InvitationPage({ ctx: req.view(), token, invitation }));
  });

  app.post('/invitations/:token/accept', { config: { rule: 'invitation.accept' } }, async (req, reply) => {
    const { token } = parse(TokenParams, req.params);
    try {
      const { slug } = await acceptInvitation(env.db, req.actor, token);
      return reply.flash({ kind: 'success', key: 'organizations:flash.joined' }).redirect(`/organizations/${slug}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const reason = error.fields.token?.key;
      if (reason === 'tokenInvalid') return reply.page(InvitationInvalidPage({ ctx: req.view() }), 410);
      return reply.page(InvitationInvalidPage({ ctx: req.view(), reason }), 403);
    }
  });
}
