// The accounts part of the JSON API.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { getProfile } from './service.ts';
import { activeMemberships } from '../organizations/actor.ts';

export const MeResponse = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  displayName: Type.String(),
  bio: Type.String(),
  locale: Type.String(),
  platformRole: Type.String(),
  memberships: Type.Array(Type.Object({ organizationId: Type.Integer(), role: Type.String() })),
});

export function accountApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/me',
    {
      config: { rule: 'account.manage' },
      schema: { tags: ['accounts'], summary: 'The account behind the token or session', security: [{ token: [] }], response: { 200: MeResponse } },
    },
    async (req) => {
      const profile = await getProfile(app.ctx.db, req.actor);
      const memberships = await activeMemberships(app.ctx.db, profile.id);
      return { ...profile, memberships: memberships.map(({ organizationId, role }) => ({ organizationId, role })) };
    },
  );
}
