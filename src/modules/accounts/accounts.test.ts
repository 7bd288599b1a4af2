import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, linkIn, strongPassword, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';

for (const kind of testDatabases()) {
  describe(`accounts on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
    });
    after(() => t.close());

    async function registered(email: string, browser = new Browser(t.app)) {
      const response = await browser.post('/register', { email, displayName: 'Marie Dupont', password: strongPassword, charter: '1' });
      assert.equal(response.statusCode, 200);
      const [mail] = await t.deliverMail();
      return { browser, mail };
    }

    test('register, verify by mail, then sign in and out', async () => {
      const { browser, mail } = await registered('marie@example.org');
      assert.equal(mail?.to, 'marie@example.org');
      const link = linkIn(mail);
      const confirm = await browser.get(link);
      assert.equal(confirm.statusCode, 200);
      const token = new URLSearchParams(link.split('?')[1]).get('token')!;
      const verified = await browser.post('/verify', { token }, { csrfFrom: link });
      assert.equal(verified.statusCode, 303);
      const login = await browser.post('/login', { email: 'MARIE@example.org ', password: strongPassword, next: '/account' });
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, '/account');
      const account = await browser.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /marie@example\.org/);
      const logout = await browser.post('/logout', {}, { csrfFrom: '/account' });
      assert.equal(logout.statusCode, 303);
      assert.equal((await browser.get('/account')).statusCode, 303);
    });

    test('registration answers the same for a known address, and mails its owner instead', async () => {
      await registered('known@example.org');
      const again = await new Browser(t.app).post('/register', { email: 'known@example.org', displayName: 'Intrus', password: strongPassword, charter: '1' });
      const fresh = await new Browser(t.app).post('/register', { email: 'new@example.org', displayName: 'Nouveau', password: strongPassword, charter: '1' });
      assert.equal(again.statusCode, fresh.statusCode);
      const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/csrf-token&#34;:&#34;[^&]+/g, '');
      assert.equal(strip(again.body), strip(fresh.body));
      const mails = await t.deliverMail();
      assert.match(mails.find((m) => m.to === 'known@example.org')!.subject, /Tentative/);
    });

    test('bad registration input is shown beside each field and the input is kept', async () => {
      const browser = new Browser(t.app);
      const response = await browser.post('/register', { email: 'pas-une-adresse', displayName: '<b>X</b>', password: 'court' });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-email"/);
      assert.match(response.body, /id="error-password"/);
      assert.match(response.body, /id="error-charter"/);
      assert.match(response.body, /value="pas-une-adresse"/);
      assert.match(response.body, /value="&lt;b>X&lt;\/b>"|value="<b>X<\/b>"/);
      assert.doesNotMatch(response.body, /value="court"/);
    });

    test('a form without its CSRF token is refused', async () => {
      const browser = new Browser(t.app);
      await browser.get('/login');
      const response = await browser.post('/login', { email: 'a@b.fr', password: 'x' }, { csrf: null });
      assert.equal(response.statusCode, 403);
    });
  });
}
