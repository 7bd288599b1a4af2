import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PageCache, preferredEncoding } from './page-cache.ts';

describe('page cache', () => {
  test('an entry is fresh, then expired, and outdated by a write; the least recently used goes first when full', () => {
    const cache = new PageCache({ freshMs: 1000, keepMs: 5000, maxBytes: 30 });
    cache.set('a', 'AAAA', 0);
    cache.set('b', 'BBBB', 0);
    assert.equal(cache.lookup('a', undefined, 10)?.freshness, 'fresh');
    assert.equal(cache.lookup('a', undefined, 2000)?.freshness, 'expired');
    cache.invalidate();
    assert.equal(cache.lookup('a', undefined, 10)?.freshness, 'outdated');
    cache.set('a', 'AAAA', 20);
    assert.equal(cache.lookup('a', undefined, 30)?.freshness, 'fresh');
    assert.equal(cache.lookup('b', undefined, 6000), undefined, 'past keepMs it is gone');
    cache.set('b', 'BBBB', 30);
    cache.lookup('a', undefined, 31);
    // 8 bytes an entry (two a character): the fourth pushes out b, used least recently.
    cache.set('c', 'CCCC', 40);
    cache.set('d', 'DDDD', 40);
    assert.equal(cache.get('b'), undefined);
    assert.deepEqual(['a', 'c', 'd'].map((k) => cache.get(k)), ['AAAA', 'CCCC', 'DDDD']);
    assert.ok(cache.heldBytes <= 30);
  });

  test('an entry outdated by additions only says so, until a write takes something back', () => {
    const cache = new PageCache();
    cache.set('page', 'before');
    cache.invalidate(true);
    assert.deepEqual([cache.lookup('page', undefined)?.freshness, cache.lookup('page', undefined)?.byAdditions], ['outdated', true]);
    cache.invalidate();
    assert.equal(cache.lookup('page', undefined)?.byAdditions, false, 'something may have been hidden since');
    cache.set('page', 'after');
    cache.invalidate(true);
    assert.equal(cache.lookup('page', undefined)?.byAdditions, true, 'stored after that write: only additions since');
  });

  test('what was read before a write, stored after it, is outdated at once', () => {
    const cache = new PageCache();
    const since = cache.current;
    cache.invalidate();
    cache.set('read-before', 'old', Date.now(), undefined, since);
    assert.equal(cache.lookup('read-before', undefined)?.freshness, 'outdated');
    cache.set('read-after', 'new', Date.now(), undefined, cache.current);
    assert.equal(cache.lookup('read-after', undefined)?.freshness, 'fresh');
  });

  test('a page is compressed once per encoding and kept; small pages go as they are', () => {
    const cache = new PageCache();
    const html = `<p>${'Une page assez longue pour être compressée. '.repeat(100)}</p>`;
    cache.set('page', html);
    const br = cache.lookup('page', 'br')!;
    assert.equal(br.encoding, 'br');
    assert.equal(brotliDecompressSync(br.body as Buffer).toString(), html);
    assert.equal(cache.lookup('page', 'br')!.body, br.body, 'the same bytes, not compressed again');
    assert.equal((br.body as Buffer).buffer.byteLength, (br.body as Buffer).length, 'kept at its size, not as a slice of a larger buffer');
    assert.equal(gunzipSync(cache.lookup('page', 'gzip')!.body as Buffer).toString(), html);
    assert.equal(cache.lookup('page', undefined)!.body, html);
    cache.set('small', '<p>court</p>');
    assert.deepEqual(cache.lookup('small', 'br'), { body: '<p>court</p>', type: 'text/html; charset=utf-8', freshness: 'fresh', byAdditions: false });
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

    test('a visitor page sets no cookie, is served from the cache, per language, and rendered again after any write', async () => {
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
      assert.equal((await visitor.get('/pages/charter')).headers['x-page-cache'], 'hit');
    });
  });
});
