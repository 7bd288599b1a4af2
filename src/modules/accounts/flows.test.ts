import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { advanceClock, days, hours, resetClock } from '../../platform/clock.ts';
import { Browser, linkIn, strongPassword, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { memberships } from '../organizations/schema.ts';

for (const kind of testDatabases()) {
  describe(`account flows on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
    });
    after(async () => {
      resetClock();
      await t.close();
    });

    test('an unverified account cannot sign in and gets a new link', async () => {
      const browser = new Browser(t.app, '10.9.0.1');
      await browser.post('/register', { email: 'unverified@example.org', displayName: 'Pas Encore', password: strongPassword, charter: '1' });
      await t.deliverMail();
      const login = await browser.post('/login', { email: 'unverified@example.org', password: strongPassword });
      assert.equal(login.statusCode, 403);
      const [mail] = await t.deliverMail();
      assert.equal(mail?.to, 'unverified@example.org');
      assert.match(linkIn(mail), /^\/verify\?token=/);
    });

    test('wrong password and unknown address get the same answer', async () => {
      await makeUser(t.app, 'known-login@example.org');
      const browser = new Browser(t.app, '10.9.0.2');
      const wrong = await browser.post('/login', { email: 'known-login@example.org', password: 'not the password' });
      const unknown = await browser.post('/login', { email: 'nobody@example.org', password: 'not the password' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/csrf-token&#34;:&#34;[^&]+/g, '');
      assert.equal(strip(wrong.body), strip(unknown.body));
    });

    test('sign-in is rate limited per address', async () => {
      const browser = new Browser(t.app, '10.9.0.3');
      const csrf = await browser.csrf('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await browser.post('/login', { email: 'x@example.org', password: 'nope' }, { csrf })).statusCode);
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.equal(statuses[10], 429);
      const other = new Browser(t.app, '10.9.0.4');
      assert.equal((await other.post('/login', { email: 'x@example.org', password: 'nope' })).statusCode, 401);
    });

    test('forgotten password: same answer for unknown address, link works once and ends sessions', async () => {
      await makeUser(t.app, 'forgetful@example.org');
      const signedIn = await signIn(t.app, 'forgetful@example.org', '10.9.0.5');
      const browser = new Browser(t.app, '10.9.0.6');
      const known = await browser.post('/password/forgot', { email: 'forgetful@example.org' });
      const unknown = await browser.post('/password/forgot', { email: 'ghost@example.org' });
      assert.equal(known.statusCode, 200);
      assert.equal(unknown.statusCode, 200);
      const mails = await t.deliverMail();
      assert.deepEqual(mails.map((m) => m.to), ['forgetful@example.org']);
      const link = linkIn(mails[0]);
      const token = new URLSearchParams(link.split('?')[1]).get('token')!;
      const reset = await browser.post('/password/reset', { token, password: 'un tout nouveau secret' }, { csrfFrom: link });
      assert.equal(reset.statusCode, 303);
      assert.equal((await signedIn.get('/account')).statusCode, 303, 'old session ended');
      const again = await browser.post('/password/reset', { token, password: 'encore un autre secret' }, { csrfFrom: link });
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /plus valable/);
      const login = await browser.post('/login', { email: 'forgetful@example.org', password: 'un tout nouveau secret' });
      assert.equal(login.statusCode, 303);
    });

    test('a reset link expires after an hour', async () => {
      await makeUser(t.app, 'late@example.org');
      const browser = new Browser(t.app, '10.9.0.7');
      await browser.post('/password/forgot', { email: 'late@example.org' });
      const link = linkIn((await t.deliverMail())[0]);
      advanceClock(hours(1) + 1000);
      try {
        const token = new URLSearchParams(link.split('?')[1]).get('token')!;
        const reset = await browser.post('/password/reset', { token, password: 'un tout nouveau secret' }, { csrfFrom: link });
        assert.equal(reset.statusCode, 422);
      } finally {
        resetClock();
      }
    });

    test('sessions expire after 30 days', async () => {
      await makeUser(t.app, 'sleepy@example.org');
      const browser = await signIn(t.app, 'sleepy@example.org', '10.9.0.8');
      assert.equal((await browser.get('/account')).statusCode, 200);
      advanceClock(days(30) + 1000);
      try {
        assert.equal((await browser.get('/account')).statusCode, 303);
      } finally {
        resetClock();
      }
    });

    test('changing the password ends the other sessions but keeps this one', async () => {
      await makeUser(t.app, 'changer@example.org');
      const here = await signIn(t.app, 'changer@example.org', '10.9.0.9');
      const elsewhere = await signIn(t.app, 'changer@example.org', '10.9.0.10');
      const wrong = await here.post('/account/password', { currentPassword: 'mauvais', newPassword: 'un nouveau secret sûr' }, { csrfFrom: '/account' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /id="password-error-currentPassword"/);
      const changed = await here.post('/account/password', { currentPassword: strongPassword, newPassword: 'un nouveau secret sûr' }, { csrfFrom: '/account' });
      assert.equal(changed.statusCode, 303);
      assert.equal((await here.get('/account')).statusCode, 200);
      assert.equal((await elsewhere.get('/account')).statusCode, 303);
      assert.equal((await t.deliverMail()).at(-1)?.to, 'changer@example.org');
    });

    test('changing the e-mail address needs the new address to be proven', async () => {
      await makeUser(t.app, 'mover@example.org');
      const browser = await signIn(t.app, 'mover@example.org', '10.9.0.11');
      const asked = await browser.post('/account/email', { newEmail: 'moved@example.org', currentPassword: strongPassword }, { csrfFrom: '/account' });
      assert.equal(asked.statusCode, 200);
      const [mail] = await t.deliverMail();
      assert.equal(mail?.to, 'moved@example.org');
      assert.match((await browser.get('/account')).body, /mover@example\.org/);
      const link = linkIn(mail);
      const token = new URLSearchParams(link.split('?')[1]).get('token')!;
      const confirmed = await browser.post('/account/email/confirm', { token }, { csrfFrom: link });
      assert.equal(confirmed.statusCode, 303);
      assert.match((await browser.get('/account')).body, /moved@example\.org/);
      assert.equal((await t.deliverMail())[0]?.to, 'mover@example.org', 'the old address is told');
    });

    test('profile: bad input is refused beside the field and nothing is written', async () => {
      await makeUser(t.app, 'profile@example.org');
      const browser = await signIn(t.app, 'profile@example.org', '10.9.0.12');
      const bad = await browser.post('/account', { displayName: 'X', bio: 'Ma bio', locale: 'de' }, { csrfFrom: '/account' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-displayName"/);
      assert.match(bad.body, /id="error-locale"/);
      assert.match(bad.body, />Ma bio</);
      const page = await browser.get('/account');
      assert.doesNotMatch(page.body, />Ma bio</);
      const good = await browser.post('/account', { displayName: 'Nouveau Nom', bio: 'Ma bio', locale: 'en' }, { csrfFrom: '/account' });
      assert.equal(good.statusCode, 303);
      const english = await browser.get('/account');
      assert.match(english.body, /lang="en"/);
      assert.match(english.body, /My account/);
    });

    test('API tokens: shown once, work as Bearer without CSRF, revocable', async () => {
      await makeUser(t.app, 'robot@example.org');
      const browser = await signIn(t.app, 'robot@example.org', '10.9.0.13');
      const created = await browser.post('/account/tokens', { name: 'Mon script' });
      assert.equal(created.statusCode, 201);
      const token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)?.[1];
      assert.ok(token);
      const listing = await browser.get('/account/tokens');
      assert.doesNotMatch(listing.body, new RegExp(token));
      const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().email, 'robot@example.org');
      const id = /\/account\/tokens\/(\d+)\/revoke/.exec(listing.body)?.[1];
      assert.equal((await browser.post(`/account/tokens/${id}/revoke`, {}, { csrfFrom: '/account/tokens' })).statusCode, 303);
      const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(after.statusCode, 401);
      assert.equal(after.json().error.code, 'unauthenticated');
    });

    test('signing in starts a new CSRF secret: a token taken before sign-in no longer works', async () => {
      await makeUser(t.app, 'fixation@example.org');
      const browser = new Browser(t.app, '10.9.0.18');
      const planted = await browser.csrf('/login');
      assert.equal((await browser.post('/login', { email: 'fixation@example.org', password: strongPassword, next: '/' }, { csrf: planted })).statusCode, 303);
      assert.equal((await browser.post('/account', { displayName: 'Nouveau nom', locale: 'fr' }, { csrf: planted })).statusCode, 403);
      assert.equal((await browser.post('/account', { displayName: 'Nouveau nom', locale: 'fr' }, { csrfFrom: '/account' })).statusCode, 303);
    });

    test('a blocked account is signed out and cannot sign in', async () => {
      const id = await makeUser(t.app, 'spammer@example.org');
      const spammer = await signIn(t.app, 'spammer@example.org', '10.9.0.14');
      await makeUser(t.app, 'mod@example.org', 'moderator');
      const moderator = await signIn(t.app, 'mod@example.org', '10.9.0.15');
      const list = await moderator.get('/admin/users?q=spammer');
      assert.ok(list.body.includes('s•••@example.org') && !list.body.includes('spammer@example.org'), 'moderators see masked addresses');
      assert.equal((await moderator.post(`/admin/users/${id}/block`, { blocked: '1', confirmed: '1', reason: 'Publicité' }, { csrfFrom: '/admin/users' })).statusCode, 303);
      assert.ok((await t.deliverMail()).some((m) => m.to === 'spammer@example.org'), 'the person is told why');
      assert.equal((await spammer.get('/account')).statusCode, 303);
      const again = await new Browser(t.app, '10.9.0.16').post('/login', { email: 'spammer@example.org', password: strongPassword });
      assert.equal(again.statusCode, 401);
    });

    test('a person downloads their data, then deletes their account, which is anonymised', async () => {
      await makeUser(t.app, 'leaving@example.org');
      const browser = await signIn(t.app, 'leaving@example.org', '10.9.0.17');
      const data = await browser.get('/account/data');
      assert.equal(data.statusCode, 200);
      assert.match(data.headers['content-disposition'] as string, /attachment/);
      assert.equal(data.json().account.email, 'leaving@example.org');
      const refused = await browser.post('/account/delete', { currentPassword: strongPassword }, { csrfFrom: '/account' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /id="delete-error-confirm"/);
      const deleted = await browser.post('/account/delete', { currentPassword: strongPassword, confirm: '1' }, { csrfFrom: '/account' });
      assert.equal(deleted.statusCode, 303);
      assert.equal((await browser.get('/account')).statusCode, 303);
      const again = await new Browser(t.app, '10.9.0.18').post('/login', { email: 'leaving@example.org', password: strongPassword });
      assert.equal(again.statusCode, 401);
      // The address is free again for a new account.
      const fresh = await new Browser(t.app, '10.9.0.19').post('/register', { email: 'leaving@example.org', displayName: 'De retour', password: strongPassword, charter: '1' });
      assert.equal(fresh.statusCode, 200);
      assert.match((await t.deliverMail()).at(-1)!.subject, /Confirmez/);
    });

    test('a forged X-Forwarded-For does not dodge the sign-in limit', async () => {
      const browser = new Browser(t.app, '10.9.0.30');
      const csrf = await browser.csrf('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const params = new URLSearchParams({ _csrf: csrf, email: 'x@example.org', password: 'nope' });
        const response = await browser.request({ method: 'POST', url: '/login', payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i}` } });
        statuses.push(response.statusCode);
      }
      assert.equal(statuses[10], 429);
    });

    test('a personal API token opens the API only, never the forms of the site', async () => {
      await makeUser(t.app, 'token-scope@example.org');
      const browser = await signIn(t.app, 'token-scope@example.org', '10.9.0.31');
      const created = await browser.post('/account/tokens', { name: 'script' });
      const token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)![1]!;
      const mint = await t.app.inject({ method: 'POST', url: '/account/tokens', payload: 'name=second', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(mint.statusCode, 403);
      const page = await t.app.inject({ url: '/account', headers: { authorization: `Bearer ${token}` } });
      assert.equal(page.statusCode, 303);
    });

    test('odd redirect targets and control characters are refused cleanly', async () => {
      await makeUser(t.app, 'odd@example.org');
      const browser = new Browser(t.app, '10.9.0.32');
      const login = await browser.post('/login', { email: 'odd@example.org', password: strongPassword, next: '/\u0100' });
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, '/');
      assert.equal((await browser.get('/language?locale=en&next=/%C4%80')).headers.location, '/');
      const profile = await browser.post('/account', { displayName: 'Nom\u0000caché', locale: 'fr' }, { csrfFrom: '/account' });
      assert.equal(profile.statusCode, 422);
      assert.match(profile.body, /caractères invisibles/);
    });

    test('a flash message is cleared with the attributes of its cookie, and signed-in pages are not stored', async () => {
      await makeUser(t.app, 'flash@example.org');
      const browser = await signIn(t.app, 'flash@example.org', '10.9.0.33');
      await browser.post('/account', { displayName: 'Flash Gordon', locale: 'fr' }, { csrfFrom: '/account' });
      const shown = await browser.get('/account');
      assert.match(shown.body, /profil est enregistré/);
      const cleared = String(shown.headers['set-cookie'] ?? '');
      assert.match(cleared, /flash=;/);
      assert.match(cleared, /Secure/);
      assert.equal(shown.headers['cache-control'], 'private, no-store');
    });

    test('the only admin of an organization with other members cannot delete their account until they hand it over', async () => {
      const adminId = await makeUser(t.app, 'sole-admin@example.org');
      const memberId = await makeUser(t.app, 'sole-member@example.org');
      const orgId = await makeOrganization(t.app, 'sole-ville', adminId);
      await t.app.ctx.db.insert(memberships).values({ organizationId: orgId, userId: memberId, role: 'member' });
      const browser = await signIn(t.app, 'sole-admin@example.org', '10.9.0.40');
      const refused = await browser.post('/account/delete', { currentPassword: strongPassword, confirm: '1' }, { csrfFrom: '/account' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /seul administrateur de : Organisation sole-ville/);
      assert.equal((await browser.get('/account')).statusCode, 200, 'nothing was deleted');
    });
  });
}
