import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PageCache, preferredEncoding } from './page-cache.ts';

describe('page cache', () => {
  test('entries expire and the oldest goes first when full', () => {
    const cache = new PageCache(1000, 2);
    cache.set('a', 'A', 0);
    cache.set('b', 'B', 0);
    cache.set('c', 'C', 0);
    assert.equal(cache.get('a', 10), undefined);
    assert.equal(cache.get('b', 10), 'B');
    assert.equal(cache.get('c', 2000), undefined);
  });

  test('a page is compressed once per encoding and kept; small pages go as they are', () => {
    const cache = new PageCache();
    const html = `<p>${'Une page assez longue pour être compressée. '.repeat(100)}</p>`;
    cache.set('page', html);
    const br = cache.getEncoded('page', 'br')!;
    assert.equal(br.encoding, 'br');
    assert.equal(brotliDecompressSync(br.body as Buffer).toString(), html);
    assert.equal(cache.getEncoded('page', 'br')!.body, br.body, 'the same bytes, not compressed again');
    assert.equal(gunzipSync(cache.getEncoded('page', 'gzip')!.body as Buffer).toString(), html);
    assert.equal(cache.getEncoded('page', undefined)!.body, html);
    cache.set('small', '<p>court</p>');
    assert.deepEqual(cache.getEncoded('small', 'br'), { body: '<p>court</p>', type: 'text/html; charset=utf-8' });
    assert.equal(preferredEncoding('gzip, deflate, br'), 'br');
    assert.equal(preferredEncoding('gzip'), 'gzip');
    assert.equal(preferredEncoding('identity'), undefined);
  });

  describe('through the app', () => {
    let t: TestApp;
    before(async () => {
      t = await testApp('pglite');
    });
    after(() => t.close());

    test('a visitor page sets no cookie, is served from the cache, per language, and dropped on any write', async () => {
      const visitor = new Browser(t.app, '10.5.0.1');
      const first = await visitor.get('/pages/charter');
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['set-cookie'], undefined);
      assert.equal(first.headers['x-page-cache'], undefined);
      const second = await visitor.get('/pages/charter');
      assert.equal(second.headers['x-page-cache'], 'hit');
      assert.equal(second.body, first.body);
      const compressed = await visitor.get('/pages/charter', { 'accept-encoding': 'gzip, br' });
      assert.equal(compressed.headers['content-encoding'], 'br');
      assert.match(String(compressed.headers.vary), /accept-encoding/i);
      assert.equal(brotliDecompressSync(compressed.rawPayload).toString(), first.body);
      const english = await visitor.get('/pages/charter', { 'accept-language': 'en' });
      assert.equal(english.headers['x-page-cache'], undefined);
      assert.match(english.body, /Moderation charter/);

      await makeUser(t.app, 'cache-admin@example.org', 'admin');
      const admin = await signIn(t.app, 'cache-admin@example.org', '10.5.0.2');
      const signedInPage = await admin.get('/pages/charter');
      assert.equal(signedInPage.headers['x-page-cache'], undefined, 'signed-in pages are never cached');
      const saved = await admin.post('/admin/pages/charter', { titleFr: 'Charte revue', titleEn: 'Charter', bodyFr: 'Nouveau texte', bodyEn: 'New text' });
      assert.equal(saved.statusCode, 303);
      const fresh = await visitor.get('/pages/charter');
      assert.equal(fresh.headers['x-page-cache'], undefined);
      assert.match(fresh.body, /Charte revue/);
    });
  });
});
