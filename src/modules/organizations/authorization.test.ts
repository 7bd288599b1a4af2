// Who may use each state-changing route of the organizations module: visitor, person without organization,
// admin of another organization, admin of this one, platform admin.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { auditLog } from '../../platform/audit/schema.ts';

const who = ['visitor', 'member', 'otherAdmin', 'orgAdmin', 'platformAdmin'] as const;
type Who = (typeof who)[number];
const signedIn: Who[] = ['member', 'otherAdmin', 'orgAdmin', 'platformAdmin'];
// Platform admins may manage any organization (audited), for support and moderation.
const managers: Who[] = ['orgAdmin', 'platformAdmin'];

interface Case {
  method: 'GET' | 'POST';
  path: string;
  allow: Who[];
  body?: Record<string, string>;
}

const cases: Case[] = [
  { method: 'GET', path: '/organizations', allow: [...who] },
  { method: 'GET', path: '/organizations/auth-ville', allow: [...who] },
  { method: 'GET', path: '/organizations/new', allow: signedIn },
  { method: 'POST', path: '/organizations/new', allow: signedIn, body: { name: '' } },
  { method: 'GET', path: '/organizations/auth-ville/edit', allow: managers },
  { method: 'POST', path: '/organizations/auth-ville/edit', allow: managers, body: { name: '' } },
  { method: 'POST', path: '/organizations/auth-ville/logo', allow: managers },
  { method: 'POST', path: '/organizations/auth-ville/siret/verify', allow: managers },
  { method: 'POST', path: '/admin/organizations/auth-ville/verify', allow: ['platformAdmin'] },
  { method: 'GET', path: '/organizations/auth-ville/members', allow: managers },
  { method: 'POST', path: '/organizations/auth-ville/invitations', allow: managers, body: { email: '' } },
  { method: 'POST', path: '/organizations/auth-ville/members/999999', allow: managers, body: { role: 'member' } },
  { method: 'POST', path: '/organizations/auth-ville/members/999999/remove', allow: managers },
  { method: 'POST', path: '/organizations/auth-ville/join', allow: signedIn },
  // Only a member may leave; here the org admin is the last admin, so the answer is a refusal with a reason (409).
  { method: 'POST', path: '/organizations/auth-ville/leave', allow: ['orgAdmin'] },
  { method: 'GET', path: '/invitations/unknown-token', allow: signedIn },
  { method: 'POST', path: '/invitations/unknown-token/accept', allow: signedIn },
  { method: 'GET', path: '/territories?q=lyon', allow: [...who] },
  { method: 'GET', path: '/api/v1/territories?q=lyon', allow: [...who] },
  { method: 'GET', path: '/api/v1/organizations', allow: [...who] },
  { method: 'GET', path: '/api/v1/organizations/auth-ville', allow: [...who] },
];

for (const kind of testDatabases()) {
  describe(`organization routes by role on ${kind}`, () => {
    let t: TestApp;
    let browsers: Record<Who, Browser>;
    before(async () => {
      t = await testApp(kind);
      const orgAdmin = await makeUser(t.app, 'auth-orgadmin@example.org');
      const otherAdmin = await makeUser(t.app, 'auth-otheradmin@example.org');
      await makeUser(t.app, 'auth-member@example.org');
      await makeUser(t.app, 'auth-platform@example.org', 'admin');
      await makeOrganization(t.app, 'auth-ville', orgAdmin);
      await makeOrganization(t.app, 'auth-autre', otherAdmin);
      browsers = {
        visitor: new Browser(t.app, '10.5.0.1'),
        member: await signIn(t.app, 'auth-member@example.org', '10.5.0.2'),
        otherAdmin: await signIn(t.app, 'auth-otheradmin@example.org', '10.5.0.3'),
        orgAdmin: await signIn(t.app, 'auth-orgadmin@example.org', '10.5.0.4'),
        platformAdmin: await signIn(t.app, 'auth-platform@example.org', '10.5.0.5'),
      };
    });
    after(() => t.close());

    for (const role of who) {
      test(`${role}: allowed routes answer, the others refuse`, async () => {
        const browser = browsers[role];
        for (const c of cases) {
          const response = c.method === 'GET' ? await browser.get(c.path) : await browser.post(c.path, c.body ?? {}, { csrfFrom: '/login' });
          const label = `${role} ${c.method} ${c.path} -> ${response.statusCode}`;
          assert.ok(response.statusCode < 500, label);
          const refused = response.statusCode === 401 || response.statusCode === 403 || (response.statusCode === 303 && String(response.headers.location).startsWith('/login'));
          assert.equal(refused, !c.allow.includes(role), label);
          if (refused && role === 'visitor' && c.method === 'POST') assert.equal(response.statusCode, 401, `${label}: a visitor is asked to sign in`);
        }
      });
    }

    test('a platform admin managing an organization they do not administer is audited', async () => {
      const rows = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.target, 'organization:auth-ville'));
      const actions = new Set(rows.map((r) => r.action));
      for (const action of ['organization.edit', 'organization.manageMembers', 'organization.verify']) assert.ok(actions.has(action), action);
    });
  });
}
