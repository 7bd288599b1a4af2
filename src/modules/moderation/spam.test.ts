// The spam defences, each on its own: the honeypot, the minimum fill time, posts a minute (HTML and API), links and
// posts an hour for new accounts, the same text again; each refusal with a clear message (and Retry-After when
// waiting helps). Invisible characters that hide or reverse text are stripped. The defended routes exist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { users } from '../accounts/schema.ts';
import { comments } from '../consultations/schema.ts';
import { fillStamp, postingRoutes, trappedRoutes } from './spam.ts';

for (const kind of testDatabases()) {
  describe(`spam defences on ${kind}`, () => {
    let t: TestApp;
    let c: ConsultationFixture;
    let seq = 0;
    const person = async (established: boolean): Promise<{ browser: Browser; id: number }> => {
      seq++;
      const id = await makeUser(t.app, `spam-${seq}@example.org`);
      // An established account: older than a day, with a few posts behind it.
      if (established) await t.app.ctx.db.update(users).set({ createdAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(users.id, id));
      return { browser: await signIn(t.app, `spam-${seq}@example.org`, `10.12.0.${seq}`), id };
    };
    const comment = (b: Browser, body: string, extra: Record<string, string> = {}) => b.post(`/contributions/${c.contributionId}/comments`, { body, ...extra }, { csrfFrom: `/contributions/${c.contributionId}` });

    before(async () => {
      t = await testApp(kind, { postsPerMinute: 12, minFillMs: 3000 });
      const adminId = await makeUser(t.app, 'spam-admin@example.org');
      await makeOrganization(t.app, 'spam-ville', adminId);
      c = await consultationFixture(t.app, 'spam-ville', adminId);
    });
    after(() => t.close());

    test('every defended route exists', () => {
      const known = new Set(t.app.routeRules.filter((r) => r.method === 'POST').map((r) => r.url));
      for (const url of [...postingRoutes.map((r) => r.url), ...trappedRoutes]) assert.ok(known.has(url), url);
    });

    test('the honeypot and a form sent sooner than a person could are refused, with what was typed shown back', async () => {
      const { browser } = await person(true);
      const trapped = await comment(browser, 'Un avis tout à fait honnête sur la question.', { homepage: 'http://spam.example' });
      assert.equal(trapped.statusCode, 422);
      assert.match(trapped.body, /robot/);
      assert.match(trapped.body, /Un avis tout à fait honnête/);
      const fast = await comment(browser, 'Un autre avis, envoyé bien trop vite.', { _ft: fillStamp() });
      assert.equal(fast.statusCode, 422);
      assert.ok(Number(fast.headers['retry-after']) >= 1);
      assert.match(fast.body, /trop vite/);
      // A forged stamp is not ours: it proves nothing either way, and a stamp old enough passes.
      assert.equal((await comment(browser, 'Un avis écrit posément, en prenant le temps.', { _ft: fillStamp(Date.now() - 10_000) })).statusCode, 303);
      const register = await new Browser(t.app, '10.12.9.1').post('/register', { email: 'robot@example.org', displayName: 'Robot', password: 'une phrase de passe solide', charter: '1', homepage: 'x' });
      assert.equal(register.statusCode, 422);
      assert.equal((await t.app.ctx.db.select().from(users).where(eq(users.email, 'robot@example.org'))).length, 0);
    });

    test('every account is limited in posts a minute, on the pages and through the API, with Retry-After', async () => {
      const { browser } = await person(true);
      const created = await browser.post('/account/tokens', { name: 'script' });
      const token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)![1]!;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await comment(browser, `Commentaire numéro ${i} avec assez de texte pour compter.`)).statusCode);
      let last;
      for (let i = 0; i < 6; i++) {
        last = await t.app.inject({ method: 'POST', url: `/api/v1/contributions/${c.contributionId}/comments`, headers: { authorization: `Bearer ${token}` }, payload: { body: `Commentaire par l'API numéro ${i}, assez long.` } });
        statuses.push(last.statusCode);
      }
      assert.deepEqual(statuses.slice(0, 12), Array(8).fill(303).concat(Array(4).fill(201)));
      assert.deepEqual(statuses.slice(12), [429, 429]);
      assert.equal(last!.json().error.code, 'posting_too_fast');
      assert.ok(Number(last!.headers['retry-after']) >= 1);
      const page = await comment(browser, 'Encore un commentaire, celui de trop.');
      assert.equal(page.statusCode, 429);
      assert.match(page.body, /12 fois en une minute/);
    });

    test('new accounts: few links a post, few posts an hour', async () => {
      const fresh = await person(false);
      const links = await comment(fresh.browser, 'Voyez https://a.example https://b.example https://c.example');
      assert.equal(links.statusCode, 422);
      assert.match(links.body, /trop de liens/);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await comment(fresh.browser, `Nouveau compte, message ${i}, différent des autres.`)).statusCode);
      assert.deepEqual(statuses, Array(10).fill(303).concat([429]));
    });

    test('the same text again and again is refused', async () => {
      const { browser } = await person(true);
      assert.equal((await comment(browser, 'Achetez nos montres de luxe à prix cassés !')).statusCode, 303);
      const again = await comment(browser, 'ACHETEZ nos montres   de luxe, à prix cassés…');
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /déjà été publié/);
      // Short replies may well be said twice.
      assert.equal((await comment(browser, 'Merci !')).statusCode, 303);
      assert.equal((await comment(browser, 'Merci !')).statusCode, 303);
    });

    test('characters that hide or reverse text are stripped from what is published', async () => {
      const { browser } = await person(true);
      assert.equal((await comment(browser, 'Texte\u202e inversé\u200b\u200b caché\u2066 isolé\u2069 fin')).statusCode, 303);
      const rows = await t.app.ctx.db.select({ body: comments.body }).from(comments);
      assert.ok(rows.some((r) => r.body === 'Texte inversé caché isolé fin'));
      assert.ok(rows.every((r) => !/[\u202a-\u202e\u2066-\u2069\u200b]/.test(r.body)));
    });
  });
}
