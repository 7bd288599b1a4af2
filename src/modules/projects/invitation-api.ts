// The invitations of a restricted project in the JSON API, for whoever manages it: the same services as the pages
// (invitations.ts), the same rule; revoking acts at once here, as every API action does.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parse } from '../../platform/validation.ts';
import { loadProject } from './http.ts';
import { IdParams } from './inputs.ts';
import { InvitationParams, InviteInput, inviteOrganization, listInvitations, revokeInvitation } from './invitations.ts';

const rule = 'project.manage';
const tags = ['projects'];
const checkedInHandler = () => () => true;
const InvitationItem = Type.Object({
  organization: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
  invitedBy: Type.Union([Type.String(), Type.Null()], { description: 'display name of who invited, null if unknown' }),
  invitedAt: Type.String({ format: 'date-time' }),
});

export function invitationApi(app: FastifyInstance): void {
  const env = app.ctx;

  app.get(
    '/api/v1/projects/:id/invitations',
    { config: { rule }, schema: { tags, summary: 'The organizations a restricted project invites, newest first (owner team)', security: [{ token: [] }], params: IdParams, response: { 200: Type.Object({ items: Type.Array(InvitationItem) }) } } },
    async (req) => {
      const project = await loadProject(env.db, req, rule);
      const items = await listInvitations(env.db, project.id);
      return { items: items.map((i) => ({ organization: { id: i.organization.id, slug: i.organization.slug, name: i.organization.name }, invitedBy: i.invitedBy, invitedAt: i.invitedAt.toISOString() })) };
    },
  );

  app.post(
    '/api/v1/projects/:id/invitations',
    {
      config: { rule },
      validatorCompiler: checkedInHandler,
      schema: { tags, summary: "Invite an organization (by id) to a restricted project; its members are told once it is published", security: [{ token: [] }], params: IdParams, body: InviteInput, response: { 201: Type.Object({ organization: Type.Integer() }) } },
    },
    async (req, reply) => {
      const project = await loadProject(env.db, req, rule);
      const { organization } = parse(InviteInput, req.body);
      await inviteOrganization(env.db, req.actor, project, organization);
      return reply.code(201).send({ organization });
    },
  );

  app.post(
    '/api/v1/projects/:id/invitations/:organizationId/revoke',
    { config: { rule }, schema: { tags, summary: "Revoke an organization's invitation: its members no longer see the project", security: [{ token: [] }], params: InvitationParams, response: { 200: Type.Object({ revoked: Type.Boolean() }) } } },
    async (req) => {
      const project = await loadProject(env.db, req, rule);
      await revokeInvitation(env.db, project, parse(InvitationParams, req.params).organizationId);
      return { revoked: true };
    },
  );
}
