// Moderation: reporting, the queue and its decisions, accounts, the charter. The orgAdmin's organization organizes
// the consultation of the reported comment, so the orgAdmin works its report (not accounts, not the whole queue).
import { Actor } from '../../src/platform/policy.ts';
import { report } from '../../src/modules/moderation/service.ts';
import { consultationFixture } from '../support/roles.ts';
import { admins, moderators, signedIn, type RouteTable } from './table.ts';

let itemId = 0;
let commentId = 0;
const organizers = ['orgAdmin', 'moderator', 'admin'] as const;

export const moderationRoutes: RouteTable = {
  async setup(app, f) {
    const consultation = await consultationFixture(app, f.organizationSlug, f.userIds.orgAdmin, 'moderation-walk');
    commentId = consultation.commentId;
    const victim = new Actor({ id: f.victimId, email: 'victim@example.org', displayName: 'victim', locale: 'fr', platformRole: 'member', emailVerified: true });
    itemId = (await report(app.ctx, victim, { kind: 'comment', id: commentId, reason: 'spam' })).itemId;
  },
  routes: {
    // Everyone signed in reports (the orgAdmin, author of the comment, is told they cannot: 422, not a refusal).
    'GET /reports/new': { allow: signedIn, path: () => `/reports/new?kind=comment&id=${commentId}` },
    'POST /reports': { allow: signedIn },
    'POST /api/v1/reports': { allow: signedIn },
    // Moderators and admins see the whole queue; an organizer their consultations' share of it.
    'GET /moderation': { allow: organizers },
    'POST /moderation/bulk': { allow: organizers },
    'GET /moderation/items/:id': { allow: organizers, path: () => `/moderation/items/${itemId}` },
    'POST /moderation/items/:id/hide': { allow: organizers, path: () => `/moderation/items/${itemId}/hide` },
    'POST /moderation/items/:id/restore': { allow: organizers, path: () => `/moderation/items/${itemId}/restore` },
    'POST /moderation/items/:id/dismiss': { allow: organizers, path: () => `/moderation/items/${itemId}/dismiss` },
    'GET /api/v1/moderation/items': { allow: organizers },
    'POST /api/v1/moderation/bulk': { allow: organizers },
    'GET /api/v1/moderation/items/:id': { allow: organizers, path: () => `/api/v1/moderation/items/${itemId}` },
    'POST /api/v1/moderation/items/:id/hide': { allow: organizers, path: () => `/api/v1/moderation/items/${itemId}/hide` },
    'POST /api/v1/moderation/items/:id/restore': { allow: organizers, path: () => `/api/v1/moderation/items/${itemId}/restore` },
    'POST /api/v1/moderation/items/:id/dismiss': { allow: organizers, path: () => `/api/v1/moderation/items/${itemId}/dismiss` },
    // Accounts are the platform moderators' (the body is empty: nobody is blocked by the walk).
    'GET /moderation/accounts/:id': { allow: moderators, path: (f) => `/moderation/accounts/${f.victimId}` },
    'POST /moderation/accounts/:id/block': { allow: moderators, path: (f) => `/moderation/accounts/${f.victimId}/block` },
    'POST /moderation/accounts/:id/unblock': { allow: moderators, path: (f) => `/moderation/accounts/${f.victimId}/unblock` },
    'POST /api/v1/moderation/accounts/:id/block': { allow: moderators, path: (f) => `/api/v1/moderation/accounts/${f.victimId}/block` },
    'POST /api/v1/moderation/accounts/:id/unblock': { allow: moderators, path: (f) => `/api/v1/moderation/accounts/${f.victimId}/unblock` },
    'GET /charter': { allow: signedIn },
    'POST /charter': { allow: signedIn },
    'GET /admin/charter': { allow: admins },
    'POST /admin/charter': { allow: admins },
  },
};
