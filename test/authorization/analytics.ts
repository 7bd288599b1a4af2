// Analytics: dashboards, opinion and topic groups for everyone (a phase kept for organizers is tested in
// src/modules/analytics/analytics.test.ts); organizers (the orgAdmin's organization) change settings and topics;
// the platform dashboard is for platform admins.
import { admins, everyone, orgAdmins, type RouteTable } from './table.ts';

const slug = (f: { organizationSlug: string }) => `${f.organizationSlug}-consultation`;
const phase = (f: { organizationSlug: string }) => `/consultations/${slug(f)}/phases/1`;

export const analyticsRoutes: RouteTable = {
  routes: {
    'GET /consultations/:slug/dashboard': { allow: everyone, path: (f) => `/consultations/${slug(f)}/dashboard` },
    'GET /consultations/:slug/phases/:phase/dashboard': { allow: everyone, path: (f) => `${phase(f)}/dashboard` },
    // An empty form: the setting stays off, so the walk keeps the dashboard public.
    'POST /consultations/:slug/phases/:phase/dashboard/settings': { allow: orgAdmins, path: (f) => `${phase(f)}/dashboard/settings` },
    'GET /consultations/:slug/phases/:phase/opinions': { allow: everyone, path: (f) => `${phase(f)}/opinions` },
    'GET /consultations/:slug/phases/:phase/topics': { allow: everyone, path: (f) => `${phase(f)}/topics` },
    // No topic groups in the walk's phase: everyone gets the same 404, never a refusal.
    'GET /consultations/:slug/phases/:phase/topics/:group': { allow: everyone, path: (f) => `${phase(f)}/topics/2147483647` },
    'POST /consultations/:slug/phases/:phase/topics/:group/rename': { allow: orgAdmins, path: (f) => `${phase(f)}/topics/2147483647/rename`, body: { label: 'Nom' } },
    'POST /consultations/:slug/phases/:phase/topics/:group/move': { allow: orgAdmins, path: (f) => `${phase(f)}/topics/2147483647/move`, body: { contribution: 'x' } },
    'POST /consultations/:slug/phases/:phase/topics/recompute': { allow: orgAdmins, path: (f) => `${phase(f)}/topics/recompute` },
    'GET /admin/dashboard': { allow: admins },
    'GET /api/v1/consultations/:slug/dashboard': { allow: everyone, path: (f) => `/api/v1/consultations/${slug(f)}/dashboard` },
    'GET /api/v1/consultations/:slug/phases/:phase/dashboard': { allow: everyone, path: (f) => `/api/v1${phase(f)}/dashboard` },
    'GET /api/v1/consultations/:slug/phases/:phase/opinions': { allow: everyone, path: (f) => `/api/v1${phase(f)}/opinions` },
    'GET /api/v1/consultations/:slug/phases/:phase/topics': { allow: everyone, path: (f) => `/api/v1${phase(f)}/topics` },
    'GET /api/v1/consultations/:slug/phases/:phase/topics/:group': { allow: everyone, path: (f) => `/api/v1${phase(f)}/topics/2147483647` },
    'GET /api/v1/admin/dashboard': { allow: admins },
  },
};
