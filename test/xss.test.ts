// Every payload of the shared corpus, wherever a person can type text, must come back inert.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { users } from '../src/modules/accounts/schema.ts';
import { renderMarkdown } from '../src/platform/markdown.ts';
import { testApp, type TestApp } from './support/app.ts';
import { testDatabases } from './support/databases.ts';
import { activeContent, xssPayloads } from './support/inert.ts';
import { makeUser, signIn } from './support/roles.ts';

const payloads = xssPayloads();

describe('markdown sanitizer', () => {
  test('every payload renders inert, links get rel="nofollow ugc"', () => {
    for (const payload of payloads) {
      const html = renderMarkdown(`Avant ${payload} après\n\n${payload}`);
      assert.deepEqual(activeContent(`<h1>x</h1>${html}`), [], payload);
    }
    assert.match(renderMarkdown('[site](https://example.org)'), /rel="nofollow ugc noopener"/);
    assert.doesNotMatch(renderMarkdown('[clic](javascript:alert(1))'), /href="javascript/);
  });
});

for (const kind of testDatabases()) {
  describe(`pages stay inert with hostile input on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
    });
    after(() => t.close());

    test('display names, search and pagination parameters, redirect targets', async () => {
      const adminId = await makeUser(t.app, 'xss-admin@example.org', 'admin');
      const admin = await signIn(t.app, 'xss-admin@example.org', '10.1.0.1');
      for (const [i, payload] of payloads.entries()) {
        await t.app.ctx.db.update(users).set({ displayName: payload }).where(eq(users.id, adminId));
        const q = encodeURIComponent(payload);
        for (const url of ['/account', `/admin/users?q=${q}`, `/admin/users?page=${q}`, `/login?next=${q}`, `/pages/${q}`, `/verify?token=${q}`]) {
          const response = await admin.get(url);
          assert.ok(response.statusCode < 500, `${url} -> ${response.statusCode}`);
          assert.deepEqual(activeContent(response.body), [], `payload ${i} on ${url}`);
        }
      }
    });

    test('a payload as redirect target never leaves the site', async () => {
      await makeUser(t.app, 'xss-next@example.org');
      for (const payload of payloads) {
        const browser = await signIn(t.app, 'xss-next@example.org', `10.2.0.${payloads.indexOf(payload) % 250}`).catch(() => undefined);
        if (!browser) continue;
        const response = await browser.post('/language', { locale: 'fr', next: payload }, { csrfFrom: '/account' });
        const location = String(response.headers.location ?? '');
        assert.ok(location.startsWith('/') && !location.startsWith('//') && !location.includes('\\'), `${payload} -> ${location}`);
      }
    });

    test('static page bodies written by an admin are sanitized', async () => {
      await makeUser(t.app, 'xss-pages@example.org', 'admin');
      const admin = await signIn(t.app, 'xss-pages@example.org', '10.3.0.1');
      const body = payloads.join('\n\n');
      const saved = await admin.post('/admin/pages/contact', { titleFr: payloads[0]!, titleEn: 'Contact', bodyFr: body, bodyEn: body });
      assert.equal(saved.statusCode, 303);
      const page = await admin.get('/pages/contact');
      assert.deepEqual(activeContent(page.body), []);
      const log = await admin.get('/admin');
      assert.deepEqual(activeContent(log.body), []);
    });
  });
}
