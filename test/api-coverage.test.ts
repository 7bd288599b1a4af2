// Issue 13, "Public API completeness": every page's data is reachable through /api/v1. The app's route table is read
// (the routes as the app registers them, not a list kept by hand) and each HTML page must be declared below, with the
// /api/v1 routes that give its data or, when it has none of its own, the reason. A new page without a line here, a
// counterpart that is not a route, or a line for a page that no longer exists fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from './support/app.ts';

type Counterpart = { api: string[] } | { none: string };

// Why a page has no counterpart of its own, said once.
const form = (api?: string): Counterpart => (api ? { api: [api] } : { none: 'a form: what it edits is read through the API of the thing itself, and changed by the page only' });
const signIn: Counterpart = { none: 'signing in, registering, resetting a password: the API authenticates with bearer tokens instead' };
const file = (api?: string): Counterpart => (api ? { api: [api] } : { none: 'a file (image, attachment, archive, calendar): its bytes are the data, served as they are' });
const fragment = (api: string): Counterpart => ({ api: [api] });
const machine: Counterpart = { none: 'already for machines: JSON or metrics (health, metrics, OpenAPI, DCAT, Frictionless descriptor, one’s own data)' };
const forDevelopers: Counterpart = { none: 'documentation for people who build on or with Parvis: it describes, and holds no data of its own' };
/** Pages that by their nature hold no data of their own: not counted when weighing the exceptions. */
const reason = (c: Counterpart) => ('none' in c ? c.none : undefined);
const byNature = new Set([form(), signIn, file(), machine, forDevelopers].map(reason));

const pages: Record<string, Counterpart> = {
  '/': { api: ['GET /api/v1/consultations', 'GET /api/v1/events', 'GET /api/v1/projects'] },
  '/account': { api: ['GET /api/v1/me'] },
  '/account/data': machine,
  '/account/notifications': { api: ['GET /api/v1/notification-settings'] },
  '/account/speaking-for': { api: ['GET /api/v1/me/speaking-for'] },
  '/account/tokens': { none: 'API tokens are made and revoked in a signed-in browser only: a token cannot mint or list others' },
  '/admin': { none: "the administration's home for platform admins: the audit log and organizations awaiting verification, not in the API yet" },
  '/admin/charter': form(),
  '/admin/dashboard': { api: ['GET /api/v1/admin/dashboard'] },
  '/admin/events/animators': form(),
  '/admin/pages/:slug': form(),
  '/admin/users': { none: "the platform admins' list of accounts with their e-mails: personal data kept out of the API" },
  '/charter': form(),
  '/comments/:id/edit': form('GET /api/v1/contributions/:id/comments'),
  // Confirmation pages of what cannot be undone: the API acts at once, a page asks first (platform/views/confirm.tsx).
  '/comments/:id/delete': form(),
  '/contributions/:id/merge': form(),
  '/organizations/:slug/members/:userId/remove': form(),
  '/projects/:id/respond/withdraw': form(),
  '/admin/users/:id/block': form(),
  '/consultations': { api: ['GET /api/v1/consultations'] },
  '/consultations/:slug': { api: ['GET /api/v1/consultations/:slug'] },
  '/consultations/:slug/chain': { api: ['GET /api/v1/consultations/:slug/chain'] },
  '/consultations/:slug/cover': file(),
  '/consultations/:slug/dashboard': { api: ['GET /api/v1/consultations/:slug/dashboard'] },
  '/consultations/:slug/edit': form('GET /api/v1/consultations/:slug'),
  '/consultations/:slug/open-data': { api: ['GET /api/v1/open-data', 'GET /api/v1/open-data/contributions'] },
  '/consultations/:slug/open-data.zip': file('GET /api/v1/open-data'),
  '/consultations/:slug/open-data/status': fragment('GET /api/v1/open-data'),
  '/consultations/:slug/phases/:phase': { api: ['GET /api/v1/consultations/:slug', 'GET /api/v1/consultations/:slug/phases/:phase/contributions'] },
  '/consultations/:slug/phases/:phase/contribute': form('POST /api/v1/consultations/:slug/phases/:phase/contributions'),
  '/consultations/:slug/phases/:phase/dashboard': { api: ['GET /api/v1/consultations/:slug/phases/:phase/dashboard'] },
  '/consultations/:slug/phases/:phase/edit': form('GET /api/v1/consultations/:slug'),
  '/consultations/:slug/phases/:phase/opinions': { api: ['GET /api/v1/consultations/:slug/phases/:phase/opinions'] },
  '/consultations/:slug/phases/:phase/synthesis': { api: ['GET /api/v1/consultations/:slug/phases/:phase/synthesis'] },
  '/consultations/:slug/phases/:phase/topics': { api: ['GET /api/v1/consultations/:slug/phases/:phase/topics'] },
  '/consultations/:slug/phases/:phase/topics/:group': { api: ['GET /api/v1/consultations/:slug/phases/:phase/topics/:group'] },
  '/consultations/:slug/phases/new': form(),
  '/consultations/:slug/phases/:phase/delete': form(),
  '/consultations/:slug/publish': form(),
  '/consultations/:slug/themes/:theme/delete': form(),
  '/consultations/:slug/themes/:theme/edit': form(),
  '/consultations/:slug/similar': fragment('GET /api/v1/consultations/:slug/similar'),
  '/consultations/new': form(),
  '/contributions/:id': { api: ['GET /api/v1/contributions/:id', 'GET /api/v1/contributions/:id/arguments', 'GET /api/v1/contributions/:id/comments'] },
  '/contributions/:id/edit': form('GET /api/v1/contributions/:id'),
  '/contributions/:id/history': { none: 'the revisions of a contribution: not in the API yet (its current text is, in GET /api/v1/contributions/:id)' },
  '/events': { api: ['GET /api/v1/events'] },
  '/events/:id': { api: ['GET /api/v1/events/:id'] },
  '/events/:id/attendees': { none: "the attendees' names and e-mails for the event's organizers: personal data, kept to this page and its CSV" },
  '/events/:id/attendees.csv': file(),
  '/events/:id/calendar.ics': file('GET /api/v1/events/:id/calendar.ics'),
  '/events/:id/call-off': form(),
  '/events/:id/contributions/new': form(),
  '/events/:id/edit': form('GET /api/v1/events/:id'),
  '/events/:id/import': form(),
  '/events/:id/drafts': form(),
  '/events/:id/minutes': form('GET /api/v1/events/:id'),
  '/events/calendar/:kind/:code': file('GET /api/v1/events'),
  '/events/feeds/:token': file('GET /api/v1/events/registrations'),
  '/events/mine': { api: ['GET /api/v1/events/registrations'] },
  '/me': { none: "a person's own summary across modules: memberships and registrations are in GET /api/v1/me and GET /api/v1/events/registrations, but one's contributions, drafts, projects and responses are not listed by the API yet" },
  '/events/new': form(),
  '/following': { api: ['GET /api/v1/follows'] },
  '/healthz': machine,
  '/invitations/:token': form(),
  '/language': signIn,
  '/login': signIn,
  '/metrics': machine,
  '/moderation': { api: ['GET /api/v1/moderation/items'] },
  '/moderation/accounts/:id': { none: "an account's moderation history for moderators: not in the API yet (blocking is, POST /api/v1/moderation/accounts/:id/block)" },
  '/moderation/items/:id': { api: ['GET /api/v1/moderation/items/:id'] },
  '/notifications': { api: ['GET /api/v1/notifications'] },
  '/notifications/:id/open': { none: 'marks a notification read and redirects to what it is about' },
  '/notifications/bell': fragment('GET /api/v1/notifications'),
  '/open-data': { api: ['GET /api/v1/open-data'] },
  '/open-data/catalog.jsonld': machine,
  '/open-data/datapackage.json': machine,
  '/open-data/parvis-open-data.zip': file('GET /api/v1/open-data'),
  '/open-data/status': fragment('GET /api/v1/open-data'),
  '/openapi.json': machine,
  '/api': forDevelopers,
  '/styleguide': forDevelopers,
  '/organizations': { api: ['GET /api/v1/organizations'] },
  '/organizations/:slug': { api: ['GET /api/v1/organizations/:slug'] },
  '/organizations/:slug/edit': form('GET /api/v1/organizations/:slug'),
  '/organizations/:slug/logo': file(),
  '/organizations/:slug/members': { none: "an organization's members and invitations for its admins: personal data, not in the API" },
  '/organizations/new': form(),
  '/pages/:slug': { none: 'editorial pages (legal notice, accessibility, contact): text for people, not data' },
  '/password/forgot': signIn,
  '/password/reset': signIn,
  '/projects': { api: ['GET /api/v1/projects'] },
  '/projects/:id': { api: ['GET /api/v1/projects/:id', 'GET /api/v1/projects/:id/faq'] },
  '/projects/:id/attachments/:attachmentId': file(),
  '/projects/:id/criteria': { none: "a project's evaluation criteria for its evaluators: not in the API yet" },
  '/projects/:id/edit': form('GET /api/v1/projects/:id'),
  '/projects/:id/matches': { none: 'the organizations a project could interest, for its owners: not in the API yet' },
  '/projects/:id/invitations': { api: ['GET /api/v1/projects/:id/invitations'] },
  '/projects/:id/invitations/:organizationId/revoke': form(),
  '/projects/:id/questions': { api: ['GET /api/v1/projects/:id/questions'] },
  '/projects/:id/respond': form('GET /api/v1/projects/:id/responses/mine'),
  '/projects/:id/responses': { api: ['GET /api/v1/projects/:id/responses'] },
  '/projects/:id/responses/:responseId': { api: ['GET /api/v1/projects/:id/responses'] },
  '/projects/:id/responses/:responseId/attachments/:attachmentId': file(),
  '/projects/alerts': { none: "a person's alert settings for new projects: not in the API yet" },
  '/projects/for-you': { none: 'projects suggested to the signed-in person: not in the API yet (every project is, in GET /api/v1/projects)' },
  '/projects/new': form('POST /api/v1/projects'),
  '/register': signIn,
  '/reports/new': form('POST /api/v1/reports'),
  '/search': { api: ['GET /api/v1/search'] },
  '/territories': { api: ['GET /api/v1/territories'] },
  '/unsubscribe/:token': form(),
  '/verify': signIn,
};

describe('every page has its data in the API', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
  });
  after(() => t.close());

  const routes = () => new Set(t.app.routeRules.map((r) => `${r.method} ${r.url}`));
  const htmlPages = () => t.app.routeRules.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/')).map((r) => r.url);

  test('every HTML page is declared, with its API counterparts or the reason it has none', () => {
    const missing = htmlPages().filter((url) => !(url in pages));
    assert.deepEqual(missing, [], 'pages with no line in test/api-coverage.test.ts');
  });

  test('every counterpart named is a route of the API', () => {
    const known = routes();
    const wrong = Object.entries(pages).flatMap(([page, c]) => ('api' in c ? c.api.filter((r) => !r.includes(' /api/v1/') || !known.has(r)).map((r) => `${page} -> ${r}`) : []));
    assert.deepEqual(wrong, []);
  });

  test('no line for a page that is gone, and every exception gives its reason', () => {
    const present = new Set(htmlPages());
    assert.deepEqual(Object.keys(pages).filter((page) => !present.has(page)), [], 'lines for pages the app does not have');
    for (const [page, c] of Object.entries(pages)) if ('none' in c) assert.ok(c.none.length > 20, `${page}: a reason`);
  });

  test('most pages have a counterpart: the exceptions stay exceptions', () => {
    const showingData = Object.values(pages).filter((c) => !byNature.has(reason(c)) || 'api' in c);
    const withApi = showingData.filter((c) => 'api' in c).length;
    assert.ok(withApi / showingData.length > 0.75, `${withApi} of the ${showingData.length} pages that show data`);
  });
});
