// Notifications: each person's own list, follows and e-mail choices; the unsubscribe link works for whoever holds it
// (the signed token names one person and one kind — here the victim's, which nobody else could make).
import { unsubscribeToken } from '../../src/modules/notifications/settings.ts';
import { everyone, signedIn, type RouteTable } from './table.ts';

let secret = '';

export const notificationRoutes: RouteTable = {
  async setup(app) {
    secret = app.ctx.config.sessionSecret;
  },
  routes: {
    'GET /notifications': { allow: signedIn },
    // The header asks for it on every page: a visitor gets an empty answer, not a refusal.
    'GET /notifications/bell': { allow: everyone },
    // Nobody's notification 999999: 404 for the signed in, a sign-in for visitors.
    'GET /notifications/:id/open': { allow: signedIn, path: () => '/notifications/999999/open' },
    'POST /notifications/:id/read': { allow: signedIn, path: () => '/notifications/999999/read' },
    'POST /notifications/read-all': { allow: signedIn },
    'GET /following': { allow: signedIn },
    'POST /follow': { allow: signedIn, body: { target: 'nope' } },
    'GET /account/notifications': { allow: signedIn },
    'POST /account/notifications': { allow: signedIn },
    'GET /unsubscribe/:token': { allow: everyone, path: (f) => `/unsubscribe/${unsubscribeToken(secret, f.victimId, 'reply')}` },
    'POST /unsubscribe/:token': { allow: everyone, path: (f) => `/unsubscribe/${unsubscribeToken(secret, f.victimId, 'reply')}` },
    'GET /api/v1/notifications': { allow: signedIn },
    'POST /api/v1/notifications/read': { allow: signedIn },
    'GET /api/v1/follows': { allow: signedIn },
    'POST /api/v1/follows': { allow: signedIn, body: { target: 'nope' } },
    'GET /api/v1/notification-settings': { allow: signedIn },
    'POST /api/v1/notification-settings': { allow: signedIn },
  },
};
