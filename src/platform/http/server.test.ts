// The front door (server.ts): a visitor's fresh page is answered before Fastify, byte for byte and header for header
// what Fastify would send; every other request still goes through Fastify's hooks. Over a real socket, since
// `inject` calls Fastify's handler directly.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { cookieName } from './cookies.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { 'accept-encoding': 'br', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const text = (answer: Answer) => (answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.body) : answer.body).toString('utf8');

for (const kind of testDatabases()) {
  describe(`the front door on ${kind}`, () => {
    let t: TestApp;
    let port: number;
    /** pages answered before Fastify so far, read from the metrics */
    const frontDoorHits = async () => Number(/^parvis_page_cache_front_door_hits_total (\d+)/m.exec(text(await send(port, '/metrics')))?.[1]);

    before(async () => {
      // Fresh long enough that nothing expires during a test.
      t = await testApp(kind, { pageFreshMs: 60_000 });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
    });
    after(() => t.close());

    test("a visitor's second visit is answered before routing, with the page and headers Fastify sent", async () => {
      t.app.pageServing.outdate();
      const hits = await frontDoorHits();
      const rendered = await send(port, '/consultations');
      assert.equal(rendered.status, 200);
      assert.equal(rendered.headers['x-page-cache'], undefined, 'the first visit renders');
      const kept = await send(port, '/consultations');
      assert.equal(kept.status, 200);
      assert.equal(kept.headers['x-page-cache'], 'hit');
      assert.equal(await frontDoorHits(), hits + 1, 'answered by the front door');
      assert.equal(text(kept), text(rendered));
      assert.equal(Number(kept.headers['content-length']), kept.body.length, 'a length, not chunks');
      for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'content-type', 'content-encoding', 'vary']) {
        assert.ok(rendered.headers[name], `${name} is sent`);
        assert.equal(kept.headers[name], rendered.headers[name], name);
      }
      const plain = await send(port, '/consultations', { 'accept-encoding': 'identity' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body.toString('utf8'), text(rendered), 'uncompressed for a client that takes no compression');
    });

    test('signed-in people, API tokens, flash messages, other methods and other languages go through Fastify', async () => {
      await send(port, '/consultations');
      const hits = await frontDoorHits();
      const session = `${cookieName(t.config, 'session')}=not-a-session`;
      const flash = `${cookieName(t.config, 'flash')}=a-message`;
      const others = [
        await send(port, '/consultations', { cookie: session }),
        await send(port, '/consultations', { cookie: flash }),
        await send(port, '/consultations', { authorization: 'Bearer not-a-token' }),
        await send(port, '/consultations', {}, 'HEAD'),
        await send(port, '/consultations', { cookie: 'parvis-lang=en' }),
        await send(port, '/consultations', { 'hx-request': 'true' }),
      ];
      assert.equal(await frontDoorHits(), hits, 'none answered by the front door');
      assert.ok(others.every((answer) => answer.status === 200));
      assert.match(text(others[4]!), /<html lang="en"/, 'English is kept apart from French');
    });

    test('after a write the page is rendered again, then kept', async () => {
      await send(port, '/consultations');
      t.app.pageServing.outdate();
      const hits = await frontDoorHits();
      const after = await send(port, '/consultations');
      assert.notEqual(after.headers['x-page-cache'], 'hit');
      assert.equal(await frontDoorHits(), hits, 'an outdated page is not answered by the front door');
      await send(port, '/consultations');
      assert.equal(await frontDoorHits(), hits + 1);
    });
  });
}
