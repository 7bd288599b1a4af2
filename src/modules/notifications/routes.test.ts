// Every notifications route, HTML and API, for a visitor, the person whose notification it is and another member:
// visitors are sent to sign in (401 on the API), another member never reads or marks someone else's notification and
// is told it is not found (404, not 403: its existence is not theirs to know); and bad input on every form and
// endpoint is refused with a 4xx, never a 500, with nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { fanOut } from './fanout.ts';
import { recordEvent } from './record.ts';
import { follows, notifications, notificationSettings } from './schema.ts';

const signedInRoutes = [
  'GET /notifications',
  'GET /notifications/:id/open',
  'POST /notifications/:id/read',
  'POST /notifications/read-all',
  'GET /following',
  'POST /follow',
  'GET /account/notifications',
  'POST /account/notifications',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/read',
  'GET /api/v1/follows',
  'POST /api/v1/follows',
  'GET /api/v1/notification-settings',
  'POST /api/v1/notification-settings',
];

for (const kind of testDatabases()) {
  describe(`notifications routes: who may, and bad input, on ${kind}`, () => {
    let t: TestApp;
    let alice: Browser;
    let bruno: Browser;
    let ids: Record<'alice' | 'bruno', number>;
    let hers: number;
    before(async () => {
      t = await testApp(kind);
      ids = { alice: await makeUser(t.app, 'rt-alice@example.org'), bruno: await makeUser(t.app, 'rt-bruno@example.org') };
      await t.app.ctx.db.transaction((tx) => recordEvent(tx, 'moderation.decision', null, { recipients: [ids.alice], decision: 'restored', title: 'Un commentaire', href: '/consultations' }));
      await fanOut(t.app.ctx);
      hers = (await t.app.ctx.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, ids.alice)))[0]!.id;
      alice = await signIn(t.app, 'rt-alice@example.org', '10.31.0.1');
      bruno = await signIn(t.app, 'rt-bruno@example.org', '10.31.0.2');
    });
    after(() => t.close());

    const path = (route: string) => route.split(' ')[1]!.replace(':id', String(hers));
    const send = async (browser: Browser, route: string, payload: unknown = {}, headers: Record<string, string> = {}) => {
      const [method, url] = [route.split(' ')[0]!, path(route)];
      if (method === 'GET') return browser.get(url, headers);
      const api = url.startsWith('/api/');
      const csrf = await browser.csrf('/notifications').catch(() => browser.csrf('/login'));
      return api
        ? browser.request({ method: 'POST', url, payload: payload as object, headers: { 'csrf-token': csrf, ...headers } })
        : browser.post(url, payload as Record<string, string>, { csrf, ...headers });
    };
    /** What could change: her notification's read mark, anyone's follows and settings. */
    const state = async () => {
      const [row] = await t.app.ctx.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, hers));
      const [counted] = await t.app.ctx.db.execute(sql`select (select count(*) from follows) as follows, (select count(*) from notification_settings) as settings`).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
      return { read: row?.readAt !== null, follows: Number(counted!.follows), settings: Number(counted!.settings) };
    };
    const noCrash = (what: string, response: LightMyRequestResponse) => assert.ok(response.statusCode < 500, `${what} -> ${response.statusCode}: ${response.body.slice(0, 200)}`);

    test('a visitor is sent to sign in from every page and form, and gets 401 from the API; the bell is empty', async () => {
      const visitor = new Browser(t.app, '10.31.9.1');
      await visitor.get('/login');
      for (const route of signedInRoutes) {
        const response = await send(visitor, route);
        const toSignIn = response.statusCode === 401 || (response.statusCode === 303 && String(response.headers.location).startsWith('/login'));
        assert.ok(toSignIn, `${route} -> ${response.statusCode} ${response.headers.location ?? ''}`);
      }
      const bell = await visitor.get('/notifications/bell', { 'hx-request': 'true' });
      assert.equal(bell.statusCode, 200);
      assert.equal(bell.body, '');
      assert.deepEqual(await state(), { read: false, follows: 0, settings: 0 });
    });

    test('another member: her notification is not found to open or mark, by page, htmx or API; it stays unread', async () => {
      assert.equal((await send(bruno, 'GET /notifications/:id/open')).statusCode, 404);
      assert.equal((await send(bruno, 'POST /notifications/:id/read')).statusCode, 404);
      assert.equal((await send(bruno, 'POST /notifications/:id/read', {}, { 'hx-request': 'true' })).statusCode, 404);
      const api = await send(bruno, 'POST /api/v1/notifications/read', { ids: [hers] });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'not_found');
      // Marking all of his marks his, not hers; his lists show nothing of hers.
      assert.equal((await send(bruno, 'POST /api/v1/notifications/read', {})).json().marked, 0);
      assert.equal((await send(bruno, 'POST /notifications/read-all')).statusCode, 303);
      assert.deepEqual((await send(bruno, 'GET /api/v1/notifications')).json().items, []);
      assert.doesNotMatch((await send(bruno, 'GET /notifications')).body, new RegExp(`/notifications/${hers}/`));
      assert.equal((await state()).read, false);
    });

    test('the person: every route answers; her notification opens and is marked read', async () => {
      for (const route of signedInRoutes.filter((r) => r.startsWith('GET'))) assert.equal((await send(alice, route)).statusCode, route.endsWith('/open') ? 303 : 200, route);
      assert.equal((await send(alice, 'GET /notifications/:id/open')).headers.location, '/consultations');
      assert.equal((await state()).read, true);
      await t.app.ctx.db.update(notifications).set({ readAt: null }).where(eq(notifications.id, hers));
      assert.equal((await send(alice, 'POST /api/v1/notifications/read', { ids: [hers, hers] })).json().marked, 1);
      // Hers and someone else's at once: not found, and hers is not marked either.
      await t.app.ctx.db.update(notifications).set({ readAt: null }).where(eq(notifications.id, hers));
      assert.equal((await send(alice, 'POST /api/v1/notifications/read', { ids: [hers, hers + 1000] })).statusCode, 404);
      assert.equal((await state()).read, false);
    });

    test('bad input on every form and endpoint: a 4xx, never a 500, nothing written', async () => {
      const before = await state();
      const queries = ['before=abc', 'before=0', 'before=-3', 'before=99999999999', 'unread=maybe', 'limit=0', 'limit=101', 'limit=abc'];
      for (const q of queries) {
        const page = await alice.get(`/notifications?${q}`);
        noCrash(`page ?${q}`, page);
        if (!q.startsWith('limit')) assert.ok(page.statusCode >= 400, `page ?${q} -> ${page.statusCode}`);
        const api = await alice.get(`/api/v1/notifications?${q}`);
        assert.ok(api.statusCode >= 400 && api.statusCode < 500, `api ?${q} -> ${api.statusCode}`);
      }
      for (const id of ['abc', '0', '-1', '99999999999', '%00']) {
        for (const response of [await alice.get(`/notifications/${id}/open`), await alice.post(`/notifications/${id}/read`, {}, { csrfFrom: '/notifications' })]) {
          assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${id} -> ${response.statusCode}`);
        }
      }
      const forms: [string, Record<string, string | string[]>][] = [
        ['/follow', {}],
        ['/follow', { target: ['phase:1', 'phase:2'] }],
        ['/follow', { target: 'x'.repeat(61) }],
        ['/follow', { target: 'territory:departement:69', follow: 'maybe' }],
        ['/follow', { target: 'consultation:99999' }],
        ['/account/notifications', { reply: 'sometimes' }],
        ['/account/notifications', { nonsense: 'daily' }],
        ['/account/notifications', { reply: ['daily', 'weekly'] }],
      ];
      for (const [url, fields] of forms) {
        const response = await alice.post(url, fields, { csrfFrom: '/following' });
        noCrash(`${url} ${JSON.stringify(fields)}`, response);
        // The follow form sends people back with a message (303); the settings form shows the errors (422).
        assert.ok(response.statusCode === 303 || (response.statusCode >= 400 && response.statusCode < 500), `${url} ${JSON.stringify(fields)} -> ${response.statusCode}`);
      }
      const bodies: [string, unknown][] = [
        ['POST /api/v1/notifications/read', { ids: 'all' }],
        ['POST /api/v1/notifications/read', { ids: [0] }],
        ['POST /api/v1/notifications/read', { ids: Array.from({ length: 501 }, (_, i) => i + 1) }],
        ['POST /api/v1/notifications/read', [hers]],
        ['POST /api/v1/follows', {}],
        ['POST /api/v1/follows', { target: 5 }],
        ['POST /api/v1/follows', { target: 'phase:1', follow: 'maybe' }],
        ['POST /api/v1/follows', { target: 'organization:99999' }],
        ['POST /api/v1/follows', { target: "phase:1' or 1=1" }],
        ['POST /api/v1/notification-settings', { reply: 'sometimes' }],
        ['POST /api/v1/notification-settings', { reply: null }],
        ['POST /api/v1/notification-settings', ['reply']],
      ];
      for (const [route, payload] of bodies) {
        const response = await send(alice, route, payload);
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${route} ${JSON.stringify(payload).slice(0, 60)} -> ${response.statusCode}`);
        assert.ok(response.json().error.code, route);
      }
      // A field that is no kind is left out, as everywhere: nothing to change, nothing written.
      assert.equal((await send(alice, 'POST /api/v1/notification-settings', { nonsense: 'daily' })).json().reply, 'immediate');
      const malformed = await alice.request({ method: 'POST', url: '/api/v1/follows', payload: '{"target":', headers: { 'content-type': 'application/json', 'csrf-token': await alice.csrf('/following') } });
      assert.equal(malformed.statusCode, 400);
      assert.deepEqual(await state(), before, 'nothing marked, followed or set');
      assert.equal((await t.app.ctx.db.select().from(follows)).length + (await t.app.ctx.db.select().from(notificationSettings)).length, 0);
    });
  });
}
