import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { multipart, tinyPng } from '../../../test/support/files.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { detectImage } from './logo.ts';

describe('image detection', () => {
  test('recognises PNG, JPEG and WebP by their bytes, and nothing else', () => {
    assert.equal(detectImage(tinyPng())?.contentType, 'image/png');
    assert.equal(detectImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.contentType, 'image/jpeg');
    assert.equal(detectImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))?.contentType, 'image/webp');
    assert.equal(detectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), undefined);
    assert.equal(detectImage(Buffer.from('<html><script>alert(1)</script></html>')), undefined);
  });
});

for (const kind of testDatabases()) {
  describe(`logo upload on ${kind}`, () => {
    let t: TestApp;
    let admin: Browser;
    before(async () => {
      t = await testApp(kind);
      await makeOrganization(t.app, 'logo-org', await makeUser(t.app, 'logo@example.org'));
      await makeUser(t.app, 'intrus@example.org');
      admin = await signIn(t.app, 'logo@example.org', '10.4.0.1');
    });
    after(() => t.close());

    async function upload(browser: Browser, file: { name: string; type: string; data: Buffer }) {
      const csrf = await browser.csrf('/organizations/logo-org');
      return browser.request({ method: 'POST', url: '/organizations/logo-org/logo', ...multipart(csrf, file) });
    }

    test('HTML named like a PNG is refused beside the field', async () => {
      const response = await upload(admin, { name: 'logo.png', type: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-logo" class="field-error">Ce fichier n&#39;est pas une image|id="error-logo" class="field-error">Ce fichier n'est pas une image/);
    });

    test('a file over 1 MB is refused', async () => {
      const data = Buffer.concat([tinyPng(), Buffer.alloc(1024 * 1024)]);
      const response = await upload(admin, { name: 'logo.png', type: 'image/png', data });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /id="error-logo"/);
    });

    test('someone who is not the admin cannot upload', async () => {
      const intruder = await signIn(t.app, 'intrus@example.org', '10.4.0.2');
      const response = await upload(intruder, { name: 'logo.png', type: 'image/png', data: tinyPng() });
      assert.equal(response.statusCode, 403);
    });

    test('a PNG is stored and served as a PNG, never sniffed, cached by file id', async () => {
      const response = await upload(admin, { name: 'mon logo.svg', type: 'text/html', data: tinyPng() });
      assert.equal(response.statusCode, 303);
      const page = await admin.get('/organizations/logo-org');
      const src = /<img src="(\/organizations\/logo-org\/logo\?v=[0-9a-f-]+)"/.exec(page.body)?.[1];
      assert.ok(src, 'the page shows the logo');
      const logo = await t.app.inject({ url: src });
      assert.equal(logo.statusCode, 200);
      assert.equal(logo.headers['content-type'], 'image/png');
      assert.equal(logo.headers['x-content-type-options'], 'nosniff');
      assert.equal(logo.headers['content-disposition'], 'inline; filename="logo.png"');
      assert.match(logo.headers['cache-control'] as string, /max-age=31536000, immutable/);
      assert.deepEqual(logo.rawPayload, tinyPng());
      const unversioned = await t.app.inject({ url: '/organizations/logo-org/logo' });
      assert.doesNotMatch(unversioned.headers['cache-control'] as string, /immutable/);
      assert.equal((await t.app.inject({ url: '/organizations/nowhere/logo' })).statusCode, 404);
    });
  });
}
