// Walks every route of the app for every role and checks who gets in. A new route without a line here fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from './support/app.ts';
import { testDatabases } from './support/databases.ts';
import { makeUser, roleFixture, roles, type Role, type RoleFixture } from './support/roles.ts';
import { consultationFixture, type ConsultationFixture } from './support/roles.ts';

type Allowed = readonly Role[];
const everyone: Allowed = roles;
const signedIn: Allowed = ['member', 'orgAdmin', 'moderator', 'admin'];
const moderators: Allowed = ['moderator', 'admin'];
const admins: Allowed = ['admin'];
// Platform admins may do everything an organization's admin may (PRODUCT.md, roles).
const orgAdmins: Allowed = ['orgAdmin', 'admin'];
// The orgAdmin's organization organizes the consultation of the walk, and the orgAdmin wrote its contribution.
let consultation: ConsultationFixture;
const contribution = { title: 'Une contribution de la tournée', body: 'Un corps assez long pour être accepté.', kind: 'need' };

interface Expectation {
  allow: Allowed;
  /** a concrete path for the route's pattern */
  path?: (f: RoleFixture & { victimId: number }) => string;
  body?: Record<string, string>;
}

const table: Record<string, Expectation> = {
  'GET /': { allow: everyone },
  'GET /healthz': { allow: everyone },
  'GET /metrics': { allow: everyone },
  'GET /openapi.json': { allow: everyone },
  'GET /register': { allow: everyone },
  'POST /register': { allow: everyone },
  'GET /verify': { allow: everyone },
  'POST /verify': { allow: everyone },
  'GET /login': { allow: everyone },
  'POST /login': { allow: everyone },
  'POST /logout': { allow: everyone },
  // Open to all; registered only when PROCONNECT_* is set, which this walk does not set (proconnect.test.ts does).
  'GET /auth/proconnect': { allow: everyone },
  'GET /auth/proconnect/callback': { allow: everyone },
  'POST /auth/proconnect/logout': { allow: everyone },
  'GET /password/forgot': { allow: everyone },
  'POST /password/forgot': { allow: everyone },
  'GET /password/reset': { allow: everyone },
  'POST /password/reset': { allow: everyone },
  'POST /language': { allow: everyone, body: { locale: 'fr', next: '/' } },
  'GET /language': { allow: everyone, path: () => '/language?locale=fr&next=/' },
  'GET /account': { allow: signedIn },
  'POST /account': { allow: signedIn },
  'POST /account/email': { allow: signedIn },
  'POST /account/email/confirm': { allow: everyone },
  'POST /account/password': { allow: signedIn },
  'GET /account/tokens': { allow: signedIn },
  'GET /account/data': { allow: signedIn },
  'POST /account/delete': { allow: signedIn },
  'POST /account/tokens': { allow: signedIn },
  'POST /account/tokens/:id/revoke': { allow: signedIn, path: () => '/account/tokens/999999/revoke' },
  'GET /api/v1/me': { allow: signedIn },
  'GET /pages/:slug': { allow: everyone, path: () => '/pages/charter' },
  'GET /admin/pages/:slug': { allow: admins, path: () => '/admin/pages/charter' },
  'POST /admin/pages/:slug': { allow: admins, path: () => '/admin/pages/charter' },
  'GET /admin': { allow: admins },
  'GET /admin/users': { allow: moderators },
  'POST /admin/users/:id/role': { allow: admins, path: (f) => `/admin/users/${f.victimId}/role`, body: { platformRole: 'not-a-role' } },
  'GET /organizations': { allow: everyone },
  'GET /organizations/new': { allow: signedIn },
  'POST /organizations/new': { allow: signedIn },
  'GET /organizations/:slug': { allow: everyone, path: (f) => `/organizations/${f.organizationSlug}` },
  'GET /organizations/:slug/logo': { allow: everyone, path: (f) => `/organizations/${f.organizationSlug}/logo` },
  'GET /organizations/:slug/edit': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/edit` },
  'POST /organizations/:slug/edit': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/edit` },
  'POST /organizations/:slug/logo': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/logo` },
  'POST /organizations/:slug/siret/verify': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/siret/verify` },
  'POST /admin/organizations/:slug/verify': { allow: admins, path: (f) => `/admin/organizations/${f.organizationSlug}/verify` },
  'GET /organizations/:slug/members': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/members` },
  'POST /organizations/:slug/invitations': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/invitations` },
  'POST /organizations/:slug/members/:userId': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/members/${f.victimId}`, body: { role: 'nope' } },
  'POST /organizations/:slug/members/:userId/remove': { allow: orgAdmins, path: (f) => `/organizations/${f.organizationSlug}/members/${f.victimId}/remove` },
  'POST /organizations/:slug/join': { allow: signedIn, path: (f) => `/organizations/${f.organizationSlug}/join` },
  // Only an active member may leave; the only admin is then refused by the last-admin rule, not by the policy.
  'POST /organizations/:slug/leave': { allow: ['orgAdmin'], path: (f) => `/organizations/${f.organizationSlug}/leave` },
  'GET /invitations/:token': { allow: signedIn, path: () => '/invitations/not-a-token' },
  'POST /invitations/:token/accept': { allow: signedIn, path: () => '/invitations/not-a-token/accept' },
  'GET /territories': { allow: everyone, path: () => '/territories?q=lyon' },
  'GET /api/v1/territories': { allow: everyone, path: () => '/api/v1/territories?q=lyon' },
  'GET /api/v1/organizations': { allow: everyone },
  'GET /api/v1/organizations/:slug': { allow: everyone, path: (f) => `/api/v1/organizations/${f.organizationSlug}` },
  'GET /consultations': { allow: everyone },
  'GET /consultations/new': { allow: orgAdmins },
  'POST /consultations/new': { allow: orgAdmins },
  'GET /consultations/:slug': { allow: everyone, path: () => `/consultations/${consultation.slug}` },
  'GET /consultations/:slug/phases/:phase': { allow: everyone, path: () => `/consultations/${consultation.slug}/phases/1` },
  'GET /consultations/:slug/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/edit` },
  'POST /consultations/:slug/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/edit` },
  'GET /consultations/:slug/phases/new': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/new` },
  'POST /consultations/:slug/phases': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases` },
  'GET /consultations/:slug/phases/:phase/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/edit` },
  'POST /consultations/:slug/phases/:phase/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/edit` },
  'POST /consultations/:slug/themes': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/themes` },
  'GET /consultations/:slug/phases/:phase/contribute': { allow: signedIn, path: () => `/consultations/${consultation.slug}/phases/1/contribute` },
  'POST /consultations/:slug/phases/:phase/contribute': { allow: signedIn, path: () => `/consultations/${consultation.slug}/phases/1/contribute` },
  'GET /contributions/:id': { allow: everyone, path: () => `/contributions/${consultation.contributionId}` },
  'GET /contributions/:id/history': { allow: everyone, path: () => `/contributions/${consultation.contributionId}/history` },
  // Only the author edits.
  'GET /contributions/:id/edit': { allow: ['orgAdmin'], path: () => `/contributions/${consultation.contributionId}/edit` },
  'POST /contributions/:id/edit': { allow: ['orgAdmin'], path: () => `/contributions/${consultation.contributionId}/edit` },
  'POST /contributions/:id/vote': { allow: signedIn, path: () => `/contributions/${consultation.contributionId}/vote`, body: { value: 'agree' } },
  'POST /contributions/:id/arguments': { allow: signedIn, path: () => `/contributions/${consultation.contributionId}/arguments`, body: { side: 'for', text: '' } },
  'POST /arguments/:id/support': { allow: signedIn, path: () => `/arguments/${consultation.argumentId}/support` },
  'POST /contributions/:id/comments': { allow: signedIn, path: () => `/contributions/${consultation.contributionId}/comments`, body: { body: '' } },
  // The author edits a comment; the author and moderators delete it.
  'GET /comments/:id/edit': { allow: ['orgAdmin'], path: () => `/comments/${consultation.commentId}/edit` },
  'POST /comments/:id/edit': { allow: ['orgAdmin'], path: () => `/comments/${consultation.commentId}/edit`, body: { body: '' } },
  'POST /comments/:id/delete': { allow: ['orgAdmin', 'moderator', 'admin'], path: () => `/comments/${consultation.commentId}/delete` },
  'GET /api/v1/consultations': { allow: everyone },
  'GET /api/v1/consultations/:slug': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}` },
  'GET /api/v1/consultations/:slug/phases/:phase/contributions': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}/phases/1/contributions` },
  'POST /api/v1/consultations/:slug/phases/:phase/contributions': { allow: signedIn, path: () => `/api/v1/consultations/${consultation.slug}/phases/1/contributions`, body: contribution },
  'GET /api/v1/contributions/:id': { allow: everyone, path: () => `/api/v1/contributions/${consultation.contributionId}` },
  'POST /api/v1/contributions/:id/vote': { allow: signedIn, path: () => `/api/v1/contributions/${consultation.contributionId}/vote`, body: { value: 'mixed' } },
  'POST /admin/users/:id/block': { allow: moderators, path: (f) => `/admin/users/${f.victimId}/block`, body: { blocked: '0' } },
};

function refused(status: number, location: string | undefined): boolean {
  return status === 401 || status === 403 || (status === 303 && (location ?? '').startsWith('/login'));
}

for (const kind of testDatabases()) {
  describe(`authorization of every route on ${kind}`, () => {
    let t: TestApp;
    let fixture: RoleFixture & { victimId: number };
    before(async () => {
      t = await testApp(kind);
      fixture = { ...(await roleFixture(t.app)), victimId: await makeUser(t.app, 'victim@example.org') };
      consultation = await consultationFixture(t.app, fixture.organizationSlug, fixture.userIds.orgAdmin);
    });
    after(() => t.close());

    test('every route names a rule and has an expectation here', () => {
      const missing = t.app.routeRules.map((r) => `${r.method} ${r.url}`).filter((key) => !table[key]);
      assert.deepEqual(missing, [], 'routes without an authorization expectation');
    });

    // Logging out changes who the browser is, so it goes last.
    const keys = Object.keys(table).sort((a, b) => Number(a === 'POST /logout') - Number(b === 'POST /logout'));
    for (const role of roles) {
      test(`${role}: allowed routes answer, the others refuse`, async () => {
        const browser = fixture.browsers[role];
        const csrf = await browser.csrf('/login');
        for (const key of keys) {
          const expectation = table[key]!;
          const [method, pattern] = key.split(' ') as [string, string];
          const path = expectation.path?.(fixture) ?? pattern;
          const response =
            method === 'GET'
              ? await browser.get(path)
              : await browser.post(path, expectation.body ?? {}, { csrf });
          const allowed = expectation.allow.includes(role);
          const wasRefused = refused(response.statusCode, response.headers.location as string | undefined);
          assert.equal(wasRefused, !allowed, `${role} ${key} -> ${response.statusCode} ${response.headers.location ?? ''}`);
          assert.ok(response.statusCode < 500, `${role} ${key} -> ${response.statusCode}`);
          if (!allowed && role !== 'visitor') assert.equal(response.statusCode, 403, `${role} ${key}`);
        }
      });
    }
  });
}
