import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { Browser, linkIn, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { eq } from 'drizzle-orm';
import { advanceClock, days, resetClock } from '../../platform/clock.ts';
import { memberships, organizations } from './schema.ts';

for (const kind of testDatabases()) {
  describe(`members and invitations on ${kind}`, () => {
    let t: TestApp;
    let admin: Browser;
    let ids: Record<string, number>;
    let ip = 0;
    const browser = async (email: string) => signIn(t.app, email, `10.3.0.${++ip}`);
    before(async () => {
      t = await testApp(kind);
      ids = {
        admin: await makeUser(t.app, 'admin@ville.example'),
        invitee: await makeUser(t.app, 'invitee@example.org'),
        joiner: await makeUser(t.app, 'joiner@example.org'),
        other: await makeUser(t.app, 'other@example.org'),
      };
      await makeOrganization(t.app, 'ville-test', ids.admin!);
      admin = await browser('admin@ville.example');
    });
    after(() => t.close());
    afterEach(() => resetClock());

    async function invite(email: string, role = 'member') {
      const response = await admin.post('/organizations/ville-test/invitations', { email, role }, { csrfFrom: '/organizations/ville-test/members' });
      assert.equal(response.statusCode, 303);
      const mails = await t.deliverMail();
      const mail = mails.find((m) => m.to === email);
      assert.ok(mail, 'an invitation mail is sent');
      return linkIn(mail);
    }

    test('an invitation mail leads a visitor to sign in, then to accept once', async () => {
      const link = await invite('invitee@example.org', 'admin');
      assert.match(link, /^\/invitations\/[\w-]+$/);
      const visitor = new Browser(t.app, '10.3.1.1');
      const asVisitor = await visitor.get(link);
      assert.equal(asVisitor.statusCode, 303);
      assert.equal(asVisitor.headers.location, `/login?next=${encodeURIComponent(link)}`);
      const invitee = await browser('invitee@example.org');
      const page = await invitee.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Organisation ville-test/);
      const accepted = await invitee.post(`${link}/accept`, {}, { csrfFrom: link });
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, '/organizations/ville-test');
      const org = await invitee.get('/organizations/ville-test');
      assert.match(org.body, /href="\/organizations\/ville-test\/members"/, 'the invited role (admin) is given');
      const again = await invitee.post(`${link}/accept`, {}, { csrfFrom: '/organizations/ville-test' });
      assert.equal(again.statusCode, 410, 'a link works once');
      assert.equal((await invitee.get(link)).statusCode, 410);
    });

    test('an invitation serves only the account of the invited address', async () => {
      await makeUser(t.app, 'addressee@example.org');
      await makeUser(t.app, 'forwarded-to@example.org');
      const link = await invite('addressee@example.org');
      const someoneElse = await browser('forwarded-to@example.org');
      const refused = await someoneElse.post(`${link}/accept`, {}, { csrfFrom: link });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /autre adresse/);
      const addressee = await browser('addressee@example.org');
      assert.equal((await addressee.post(`${link}/accept`, {}, { csrfFrom: link })).statusCode, 303, 'still usable by the invited person');
    });

    test('an admin who is removed leaves no usable invitation behind', async () => {
      const second = await makeUser(t.app, 'second-admin@ville.example');
      const outgoing = await makeUser(t.app, 'outgoing@ville.example');
      await makeOrganization(t.app, 'ville-revoke', second);
      const [org] = await t.app.ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, 'ville-revoke'));
      await t.app.ctx.db.insert(memberships).values({ organizationId: org!.id, userId: outgoing, role: 'admin' });
      const leaving = await browser('outgoing@ville.example');
      const sent = await leaving.post('/organizations/ville-revoke/invitations', { email: 'outgoing@ville.example', role: 'admin' }, { csrfFrom: '/organizations/ville-revoke/members' });
      assert.equal(sent.statusCode, 303);
      const link = linkIn((await t.deliverMail()).find((m) => m.to === 'outgoing@ville.example'));
      const remover = await browser('second-admin@ville.example');
      const removed = await remover.post(`/organizations/ville-revoke/members/${outgoing}/remove`, { confirmed: '1' }, { csrfFrom: '/organizations/ville-revoke/members' });
      assert.equal(removed.statusCode, 303);
      assert.equal((await leaving.post(`${link}/accept`, {}, { csrfFrom: '/organizations/ville-revoke' })).statusCode, 410);
      assert.equal((await leaving.get('/organizations/ville-revoke/members')).statusCode, 403);
    });

    test('an invitation expires after seven days', async () => {
      const link = await invite('other@example.org');
      const other = await browser('other@example.org');
      const token = await other.csrf('/organizations/ville-test');
      advanceClock(days(7) + 60_000);
      assert.equal((await other.get(link)).statusCode, 410);
      assert.equal((await other.post(`${link}/accept`, {}, { csrf: token })).statusCode, 410);
    });

    test('a bad invitation form is shown again with the errors', async () => {
      const response = await admin.post('/organizations/ville-test/invitations', { email: 'pas-une-adresse', role: 'chef' }, { csrfFrom: '/organizations/ville-test/members' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-email"/);
      assert.match(response.body, /value="pas-une-adresse"/);
    });

    test('a request to join is approved or declined by an admin', async () => {
      const joiner = await browser('joiner@example.org');
      const requested = await joiner.post('/organizations/ville-test/join', {}, { csrfFrom: '/organizations/ville-test' });
      assert.equal(requested.statusCode, 303);
      assert.match((await joiner.get('/organizations/ville-test')).body, /attend la réponse/);
      const members = await admin.get('/organizations/ville-test/members');
      assert.match(members.body, /name="action" value="approve"/);
      const approved = await admin.post(`/organizations/ville-test/members/${ids.joiner}`, { action: 'approve' }, { csrfFrom: '/organizations/ville-test/members' });
      assert.equal(approved.statusCode, 303);
      assert.match((await joiner.get('/organizations/ville-test')).body, /action="\/organizations\/ville-test\/leave"/);
      const left = await joiner.post('/organizations/ville-test/leave', {}, { csrfFrom: '/organizations/ville-test' });
      assert.equal(left.statusCode, 303);
      await joiner.post('/organizations/ville-test/join', {}, { csrfFrom: '/organizations/ville-test' });
      const declined = await admin.post(`/organizations/ville-test/members/${ids.joiner}`, { action: 'decline' }, { csrfFrom: '/organizations/ville-test/members' });
      assert.equal(declined.statusCode, 303);
      assert.match((await joiner.get('/organizations/ville-test')).body, /action="\/organizations\/ville-test\/join"/);
    });

    test('the last admin can be neither removed nor demoted nor leave; with another admin they can', async () => {
      const solo = await makeUser(t.app, 'solo@example.org');
      await makeOrganization(t.app, 'solo-org', solo);
      const soloBrowser = await browser('solo@example.org');
      const demote = await soloBrowser.post(`/organizations/solo-org/members/${solo}`, { role: 'member' }, { csrfFrom: '/organizations/solo-org/members' });
      assert.equal(demote.statusCode, 409);
      assert.match(demote.body, /doit garder au moins un administrateur/);
      const remove = await soloBrowser.post(`/organizations/solo-org/members/${solo}/remove`, { confirmed: '1' }, { csrfFrom: '/organizations/solo-org/members' });
      assert.equal(remove.statusCode, 409);
      const leave = await soloBrowser.post('/organizations/solo-org/leave', {}, { csrfFrom: '/organizations/solo-org' });
      assert.equal(leave.statusCode, 409);
      assert.match(leave.body, /doit garder au moins un administrateur/);

      const other = await browser('other@example.org');
      await other.post('/organizations/solo-org/join', {}, { csrfFrom: '/organizations/solo-org' });
      assert.equal((await soloBrowser.post(`/organizations/solo-org/members/${ids.other}`, { action: 'approve' }, { csrfFrom: '/organizations/solo-org/members' })).statusCode, 303);
      assert.equal((await soloBrowser.post(`/organizations/solo-org/members/${ids.other}`, { role: 'admin' }, { csrfFrom: '/organizations/solo-org/members' })).statusCode, 303);
      assert.equal((await soloBrowser.post(`/organizations/solo-org/members/${solo}`, { role: 'member' }, { csrfFrom: '/organizations/solo-org/members' })).statusCode, 303);
      assert.equal((await soloBrowser.get('/organizations/solo-org/members')).statusCode, 403, 'no longer an admin');
      const otherRemoves = await other.post(`/organizations/solo-org/members/${solo}/remove`, { confirmed: '1' }, { csrfFrom: '/organizations/solo-org/members' });
      assert.equal(otherRemoves.statusCode, 303);
      assert.doesNotMatch((await other.get('/organizations/solo-org')).body, /<span>solo<\/span>/);
    });

    test('unknown members and bad actions get a clear answer, not a 500', async () => {
      const missing = await admin.post('/organizations/ville-test/members/999999', { role: 'member' }, { csrfFrom: '/organizations/ville-test/members' });
      assert.equal(missing.statusCode, 404);
      const bad = await admin.post('/organizations/ville-test/members/abc', { role: 'member' }, { csrfFrom: '/organizations/ville-test/members' });
      assert.ok(bad.statusCode >= 400 && bad.statusCode < 500);
      const nothing = await admin.post(`/organizations/ville-test/members/${ids.admin}`, {}, { csrfFrom: '/organizations/ville-test/members' });
      assert.equal(nothing.statusCode, 422);
    });
  });
}
