// A crowd on a cold or outdated page costs one render; an expired page is served while one background request
// renders it again; a write on one instance outdates the pages of another within a second (LISTEN/NOTIFY).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { eq } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../db/client.ts';
import { users } from '../../modules/accounts/schema.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Statements sent while `work` runs: how many renders a crowd cost. */
async function queriesDuring(app: FastifyInstance, work: () => Promise<unknown>): Promise<number> {
  const before = app.ctx.database.queryCount();
  await work();
  return app.ctx.database.queryCount() - before;
}

for (const kind of testDatabases()) {
  describe(`serving visitors' pages on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind, { pageFreshMs: 300 });
      await makeUser(t.app, 'serving-admin@example.org', 'admin');
    });
    after(() => t.close());

    test('fifty visitors on an empty cache cost one render, and all get the page', async () => {
      const one = await queriesDuring(t.app, () => new Browser(t.app, '10.6.0.1').get('/consultations'));
      assert.ok(one > 0);
      t.app.pageCache.clear();
      const visitors = Array.from({ length: 50 }, (_, i) => new Browser(t.app, `10.6.1.${i}`));
      let pages: { statusCode: number; body: string }[] = [];
      const crowd = await queriesDuring(t.app, async () => (pages = await Promise.all(visitors.map((v) => v.get('/consultations')))));
      assert.equal(crowd, one, 'the same statements as one render');
      assert.ok(pages.every((p) => p.statusCode === 200 && p.body === pages[0]!.body));
    });

    test('after a write the next request renders, and those arriving meanwhile get the previous page', async () => {
      const visitor = new Browser(t.app, '10.6.2.1');
      await visitor.get('/pages/charter');
      const admin = await signIn(t.app, 'serving-admin@example.org', '10.6.2.2');
      assert.equal((await admin.post('/admin/pages/charter', { titleFr: 'Charte écrite', titleEn: 'Charter', bodyFr: 'Texte', bodyEn: 'Text' })).statusCode, 303);
      const one = await queriesDuring(t.app, () => new Browser(t.app, '10.6.2.3').get('/consultations'));
      assert.equal((await admin.post('/admin/pages/charter', { titleFr: 'Charte réécrite', titleEn: 'Charter', bodyFr: 'Texte', bodyEn: 'Text' })).statusCode, 303);
      let pages: { headers: Record<string, unknown>; body: string }[] = [];
      const crowd = await queriesDuring(t.app, async () => (pages = await Promise.all(Array.from({ length: 20 }, (_, i) => new Browser(t.app, `10.6.3.${i}`).get('/consultations')))));
      assert.equal(crowd, one);
      assert.equal(pages.filter((p) => p.headers['x-page-cache'] === undefined).length, 1, 'one request rendered');
      assert.ok(pages.every((p) => [undefined, 'stale'].includes(p.headers['x-page-cache'] as string | undefined)));
      const charter = await visitor.get('/pages/charter');
      assert.match(charter.body, /Charte réécrite/, 'a request after the write sees it');
    });

    test('an expired page is served at once while one background request renders it again', async () => {
      const visitor = new Browser(t.app, '10.6.4.1');
      await visitor.get('/organizations');
      assert.equal((await visitor.get('/organizations')).headers['x-page-cache'], 'hit');
      await sleep(400);
      const stale = await visitor.get('/organizations');
      assert.equal(stale.headers['x-page-cache'], 'stale');
      for (let i = 0; i < 50 && (await visitor.get('/organizations')).headers['x-page-cache'] !== 'hit'; i++) await sleep(20);
      assert.equal((await visitor.get('/organizations')).headers['x-page-cache'], 'hit', 'rendered again in the background');
    });

    test('on a route that lags writes (search), an addition leaves visitors the previous page while one background render replaces it', async () => {
      const visitor = new Browser(t.app, '10.6.5.1');
      const search = '/search?q=recyclerie';
      const owner = await makeUser(t.app, 'serving-recyclerie@example.org');
      await makeOrganization(t.app, 'serving-ville', owner);
      const { contributionId } = await consultationFixture(t.app, 'serving-ville', owner);
      const admin = await signIn(t.app, 'serving-admin@example.org', '10.6.5.2');
      assert.doesNotMatch((await visitor.get(search)).body, /Organisation recyclerie-du-parvis/);
      await makeOrganization(t.app, 'recyclerie-du-parvis', owner);
      const vote = (value: string) => admin.post(`/contributions/${contributionId}/vote`, { value });
      assert.equal((await vote('agree')).statusCode, 303);
      const previous = await visitor.get(search);
      assert.equal(previous.headers['x-page-cache'], 'stale', 'sent at once, without waiting for a render');
      assert.doesNotMatch(previous.body, /Organisation recyclerie-du-parvis/);
      let next = await visitor.get(search);
      for (let i = 0; i < 50 && next.headers['x-page-cache'] !== 'hit'; i++) next = (await sleep(20), await visitor.get(search));
      assert.equal(next.headers['x-page-cache'], 'hit', 'rendered again in the background');
      assert.match(next.body, /Organisation recyclerie-du-parvis/);
      // A signed-in person (who may be the writer) gets the page as it is now, never the previous one.
      assert.equal((await vote('mixed')).statusCode, 303);
      assert.notEqual((await admin.get(search)).headers['x-page-cache'], 'stale');
      // Any other write may have hidden or removed what the page shows: the next visitor waits for it.
      await visitor.get(search);
      assert.equal((await admin.post('/admin/pages/charter', { titleFr: 'Charte', titleEn: 'Charter', bodyFr: 'Texte', bodyEn: 'Text' })).statusCode, 303);
      assert.equal((await visitor.get(search)).headers['x-page-cache'], undefined, 'rendered for this request');
    });
  });
}

describe("signed-in people's pages kept per persona", () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
    const owner = await makeUser(t.app, 'persona-owner@example.org');
    await makeOrganization(t.app, 'persona-ville', owner);
    fixture = await consultationFixture(t.app, 'persona-ville', owner);
    for (const name of ['alice', 'bruno', 'chloe']) await makeUser(t.app, `${name}@example.org`);
    await makeOrganization(t.app, 'persona-asso', await makeUser(t.app, 'dora@example.org'), 'association');
  });
  after(() => t.close());
  let fixture: { slug: string };

  const names = (body: string) => /<span>([^<]*)<\/span>\s*<\/a>\s*<\/li>\s*<li>\s*<form method="post" action="\/logout"/.exec(body)?.[1];
  const tokens = (body: string) => [...body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);

  test('a browser taking gzip gets the copy compressed once with its own values put in: the same page', async () => {
    const page = `/consultations/${fixture.slug}/phases/1`;
    const chloe = await signIn(t.app, 'chloe@example.org', '10.8.0.4');
    await chloe.get(page);
    const plain = await chloe.get(page);
    const zipped = await chloe.get(page, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(zipped.headers['x-page-cache'], 'hit');
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    const body = gunzipSync(zipped.rawPayload).toString();
    assert.match(body, /chloe/);
    assert.doesNotMatch(body, /\uE000/, 'no marker left');
    const token = tokens(body)[0];
    assert.ok(token);
    assert.equal(body.replaceAll(token, 'T'), plain.body.replaceAll(tokens(plain.body)[0]!, 'T'), 'the page as sent uncompressed, its token aside');
    assert.equal((await chloe.post('/logout', {}, { csrf: token })).statusCode, 303, 'the token works');
  });

  test('two members share one copy, each seeing their own name and form token; others render their own', async () => {
    const page = `/consultations/${fixture.slug}/phases/1`;
    const alice = await signIn(t.app, 'alice@example.org', '10.8.0.1');
    const bruno = await signIn(t.app, 'bruno@example.org', '10.8.0.2');
    const first = await alice.get(page);
    assert.equal(first.statusCode, 200);
    const second = await bruno.get(page);
    assert.equal(second.headers['x-page-cache'], 'hit', 'the same persona: served from the copy');
    assert.equal(second.headers['cache-control'], 'private, no-store');
    assert.match(second.body, /bruno/);
    assert.doesNotMatch(second.body, /alice/);
    assert.doesNotMatch(second.body, /\uE000/, 'no marker left');
    const [token] = tokens(second.body);
    assert.ok(token && !tokens(first.body).includes(token), "bruno's token is not alice's");
    // The token works: bruno signs out with the page's form.
    assert.equal((await bruno.post('/logout', {}, { csrf: token })).statusCode, 303);
    const dora = await signIn(t.app, 'dora@example.org', '10.8.0.3');
    assert.notEqual((await dora.get(page)).headers['x-page-cache'], 'hit', 'a member of an organization is another persona');
  });

  test("a person's drafts fill the page's slot for them alone", async () => {
    const page = `/consultations/${fixture.slug}/phases/1`;
    const chloe = await signIn(t.app, 'chloe@example.org', '10.8.1.1');
    const saved = await chloe.post(`${page}/contribute`, { title: 'Mon brouillon de besoin', body: 'Un texte assez long pour être un brouillon.', kind: 'need', intent: 'draft' });
    assert.equal(saved.statusCode, 303, saved.body);
    // Signing in is a write: every kept page is outdated by it, so alice signs in first.
    const alice = await signIn(t.app, 'alice@example.org', '10.8.1.2');
    await chloe.get(page); // with the "saved" message: a page of its own
    const mine = await chloe.get(page);
    assert.match(mine.body, /Mon brouillon de besoin/);
    const theirs = await alice.get(page);
    assert.equal(theirs.headers['x-page-cache'], 'hit');
    assert.doesNotMatch(theirs.body, /Mon brouillon de besoin/);
    assert.doesNotMatch((await new Browser(t.app, '10.8.1.3').get(page)).body, /Mon brouillon de besoin/);
  });

  test("slots filled on every page (the header's bell, a follow button with its key): each person's own, with their own form token", async () => {
    const page = `/consultations/${fixture.slug}/phases/1`;
    const alice = await signIn(t.app, 'alice@example.org', '10.8.2.1');
    const bruno = await signIn(t.app, 'bruno@example.org', '10.8.2.2');
    const follow = (body: string) => /<form method="post" action="\/follow"[\s\S]*?<\/form>/.exec(body)?.[0] ?? '';
    const bell = (body: string) => /id="notification-bell"[\s\S]*?<\/a>/.exec(body)?.[0] ?? '';
    const target = /name="target" value="(phase:\d+)"/.exec(follow((await alice.get(page)).body))![1]!;
    assert.equal((await alice.post('/follow', { target, follow: '1', next: page }, { csrfFrom: page })).statusCode, 303);
    // Alice has an unread notification, Bruno none; then both ask for the page of their persona.
    const { notificationEvents, notifications } = await import('../../modules/notifications/schema.ts');
    const { users } = await import('../../modules/accounts/schema.ts');
    const { eq } = await import('drizzle-orm');
    const [aliceRow] = await t.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.email, 'alice@example.org'));
    const [event] = await t.app.ctx.db.insert(notificationEvents).values({ type: 'phase.opened', data: { phaseId: 1, phasePosition: 1, phaseTitle: 'x', consultationSlug: fixture.slug }, fannedOutAt: new Date() }).returning();
    await t.app.ctx.db.insert(notifications).values({ userId: aliceRow!.id, eventId: event!.id, kind: 'phase', channel: 'never', emailedAt: new Date() });
    await alice.get(page);
    const hers = await alice.get(page);
    const his = await bruno.get(page);
    assert.equal(his.headers['x-page-cache'], 'hit', 'one copy for both');
    assert.match(bell(hers.body), /class="bell-count"[^>]*>1</);
    assert.doesNotMatch(bell(his.body), /bell-count/);
    assert.match(follow(hers.body), /Ne plus suivre/);
    assert.match(follow(his.body), />\s*(<svg[\s\S]*?<\/svg>)?\s*Suivre</);
    assert.doesNotMatch(his.body, /\uE000/);
    // The follow form's token is bruno's own, and it works.
    const token = /name="_csrf" value="([^"]+)"/.exec(follow(his.body))![1]!;
    assert.ok(!tokens(hers.body).includes(token));
    assert.equal((await bruno.post('/follow', { target, follow: '1', next: page }, { csrf: token })).statusCode, 303);
    // A visitor's copy has a link to sign in, no bell, no token.
    const visitor = await new Browser(t.app, '10.8.2.3').get(page);
    assert.match(visitor.body, /Se connecter pour suivre/);
    assert.doesNotMatch(visitor.body, /notification-bell|name="_csrf"/);
  });

  test("a person's slots are read once while nothing is written, each person's own; a write has them read again", async () => {
    const page = `/consultations/${fixture.slug}/phases/1`;
    const other = `/consultations/${fixture.slug}`;
    const alice = await signIn(t.app, 'alice@example.org', '10.8.3.1');
    const bruno = await signIn(t.app, 'bruno@example.org', '10.8.3.2');
    for (const path of [page, other]) {
      await alice.get(path);
      await bruno.get(path);
    }
    const unread = (body: string) => Number(/class="bell-count"[^>]*>(\d+)</.exec(body)?.[1] ?? 0);
    let hers: { body: string };
    // Who the session stands for may be read again (signing in changed accounts a moment ago); nothing else is.
    const statements: string[] = [];
    t.app.ctx.database.onStatement((text) => statements.push(text));
    hers = await alice.get(page);
    assert.deepEqual(statements.filter((text) => !/ from "sessions" /.test(text)), [], 'the page and its slots, as kept');
    const before = unread(hers.body);
    assert.match(hers.body, /alice/);
    const his = await bruno.get(page);
    assert.match(his.body, /bruno/);
    assert.doesNotMatch(his.body, /alice/, "bruno's slots are his own");
    // A notification written outside any request (as the fan-out job does) shows once a request writes something.
    const { notificationEvents, notifications } = await import('../../modules/notifications/schema.ts');
    const [aliceRow] = await t.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.email, 'alice@example.org'));
    const [event] = await t.app.ctx.db.insert(notificationEvents).values({ type: 'phase.opened', data: { phaseId: 1, phasePosition: 1, phaseTitle: 'x', consultationSlug: fixture.slug }, fannedOutAt: new Date() }).returning();
    await t.app.ctx.db.insert(notifications).values({ userId: aliceRow!.id, eventId: event!.id, kind: 'phase', channel: 'never', emailedAt: new Date() });
    assert.equal(unread((await alice.get(page)).body), before, 'kept while nothing went through a request');
    const target = /name="target" value="(phase:\d+)"/.exec(his.body)![1]!;
    assert.equal((await bruno.post('/follow', { target, follow: '1', next: page }, { csrfFrom: page })).statusCode, 303);
    await alice.get(page); // the page itself is rendered again after the write
    assert.equal(unread((await alice.get(page)).body), before + 1, 'after a write, the bell is read again');
  });
});

if (testDatabases().includes('postgres')) {
  describe('two instances on one PostgreSQL', () => {
    let a: TestApp;
    let b: FastifyInstance;
    before(async () => {
      a = await testApp('postgres');
      await makeUser(a.app, 'instances-admin@example.org', 'admin');
      b = await buildApp({ ...a.config, dataDir: mkdtempSync(join(tmpdir(), 'parvis-b-')) }, { database: await openDatabase({ databaseUrl: a.config.databaseUrl }), logger: false });
    });
    after(async () => {
      await b.close();
      await b.ctx.database.close();
      await a.close();
    });

    test("a visitor on B sees a write made on A within a second", async () => {
      const visitor = new Browser(b, '10.7.0.1');
      await visitor.get('/pages/charter');
      assert.equal((await visitor.get('/pages/charter')).headers['x-page-cache'], 'hit');
      const admin = await signIn(a.app, 'instances-admin@example.org', '10.7.0.2');
      assert.equal((await admin.post('/admin/pages/charter', { titleFr: 'Charte de A', titleEn: 'Charter', bodyFr: 'Texte', bodyEn: 'Text' })).statusCode, 303);
      const written = Date.now();
      let seen = false;
      while (!seen && Date.now() - written < 1000) {
        seen = /Charte de A/.test((await visitor.get('/pages/charter')).body);
        if (!seen) await sleep(20);
      }
      assert.ok(seen, `B still served the old charter ${Date.now() - written} ms after the write`);
    });

    test('an account blocked through A is refused on B within a second, though B kept who its session stands for', async () => {
      const id = await makeUser(a.app, 'instances-member@example.org');
      const person = await signIn(b, 'instances-member@example.org', '10.7.0.3');
      assert.equal((await person.get('/account')).statusCode, 200);
      assert.equal((await person.get('/account')).statusCode, 200);
      await a.app.ctx.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, id));
      const blocked = Date.now();
      let refused = false;
      while (!refused && Date.now() - blocked < 1000) {
        refused = (await person.get('/account')).statusCode !== 200;
        if (!refused) await sleep(20);
      }
      assert.ok(refused, `B still took the session ${Date.now() - blocked} ms after the account was blocked`);
    });

    test("a sign-out through A ends the session on B within a second, and B keeps another person's session", async () => {
      await makeUser(a.app, 'instances-leaving@example.org');
      await makeUser(a.app, 'instances-staying@example.org');
      const leaving = await signIn(b, 'instances-leaving@example.org', '10.7.0.4');
      const staying = await signIn(b, 'instances-staying@example.org', '10.7.0.5');
      for (const person of [leaving, staying, leaving, staying]) assert.equal((await person.get('/account')).statusCode, 200);
      const onA = new Browser(a.app, '10.7.0.4');
      onA.cookies = new Map(leaving.cookies);
      assert.equal((await onA.post('/logout', {}, { csrfFrom: '/account' })).statusCode, 303);
      const signedOut = Date.now();
      let refused = false;
      while (!refused && Date.now() - signedOut < 1000) {
        refused = (await leaving.get('/account')).statusCode !== 200;
        if (!refused) await sleep(20);
      }
      assert.ok(refused, `B still took the session ${Date.now() - signedOut} ms after the sign-out`);
      assert.equal((await staying.get('/account')).statusCode, 200);
    });
  });
}
