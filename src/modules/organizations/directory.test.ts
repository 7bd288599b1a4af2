import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser } from '../../../test/support/roles.ts';
import { seedDemo } from '../demo.ts';
import { organizations } from './schema.ts';

/** Counts the statements the embedded database runs while `work` runs. */
/** Counts what a page asks of the database when it is rendered, not served from the visitors' page cache. */
async function countQueries(t: TestApp, work: () => Promise<unknown>): Promise<number> {
  t.app.pageCache.clear();
  const before = t.app.ctx.database.queryCount();
  await work();
  return t.app.ctx.database.queryCount() - before;
}

const cards = (body: string) => [...body.matchAll(/<h3><a href="\/organizations\/([^"]+)"/g)].map((m) => m[1]);

for (const kind of testDatabases()) {
  describe(`directory and API on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      await seedDemo(t.app.ctx);
    });
    after(() => t.close());

    test('the demo data loads once and attaches the demo people', async () => {
      const all = await t.app.ctx.db.select({ slug: organizations.slug }).from(organizations);
      assert.equal(new Set(all.map((o) => o.slug)).size, all.length);
      assert.ok(all.length >= 30);
      const lyon = await t.app.inject({ url: '/api/v1/organizations/metropole-de-lyon' });
      assert.deepEqual(lyon.json().members, [{ displayName: 'Marie Dupont', role: 'admin' }]);
      assert.equal(lyon.json().territory.name, 'Métropole de Lyon');
    });

    test('20 a page, with page links that work without JavaScript', async () => {
      const first = await t.app.inject({ url: '/organizations' });
      assert.equal(first.statusCode, 200);
      assert.equal(cards(first.body).length, 20);
      assert.match(first.body, /<nav class="pagination" aria-label="Pagination">/);
      assert.match(first.body, /href="\/organizations" aria-label="Page 1 sur 2" aria-current="page"/);
      assert.match(first.body, /href="\/organizations\?page=2" rel="next"/);
      const second = await t.app.inject({ url: '/organizations?page=2' });
      assert.ok(cards(second.body).length > 0);
      assert.equal(new Set([...cards(first.body), ...cards(second.body)]).size, cards(first.body).length + cards(second.body).length);
    });

    test('filters: accent-insensitive text, type, domain, territory with what lies within, verified', async () => {
      const text = cards((await t.app.inject({ url: '/organizations?q=metropole' })).body);
      assert.ok(text.includes('metropole-de-lyon') && text.includes('nantes-metropole'), 'metropole finds Métropole');
      assert.deepEqual(cards((await t.app.inject({ url: '/organizations?q=ILOTS%20DE%20FRAICHEUR' })).body), ['canopee-urbaine'], 'descriptions too');
      const type = cards((await t.app.inject({ url: '/organizations?type=amenageur' })).body);
      assert.deepEqual(type.sort(), ['euromediterranee', 'grand-paris-amenagement', 'spl-lyon-confluence']);
      const domain = cards((await t.app.inject({ url: '/organizations?domain=dechets' })).body);
      assert.ok(domain.includes('compost-and-co') && !domain.includes('civiq'));
      const bouches = cards((await t.app.inject({ url: '/organizations?territory=13' })).body);
      assert.ok(bouches.includes('avitem') && bouches.includes('ombre-fraiche-paysages') && !bouches.includes('cap-digital'), 'a département holds its communes');
      const byName = cards((await t.app.inject({ url: '/organizations?territory=Marseille' })).body);
      assert.ok(byName.includes('ville-de-marseille'));
      const verified = cards((await t.app.inject({ url: '/organizations?verified=1&type=collectivite' })).body);
      assert.ok(verified.includes('metropole-de-lyon') && !verified.includes('ville-de-marseille'));
    });

    test('bad filter and page values are ignored, never a 500', async () => {
      for (const query of ['page=-1', 'page=abc', 'page=99999999999', 'type=<script>', 'domain[]=x', 'territory=%00', 'q=%25%5F%5C', 'verified=yes', 'page=1&page=2', `q=${'x'.repeat(5000)}`]) {
        const response = await t.app.inject({ url: `/organizations?${query}` });
        assert.equal(response.statusCode, 200, query);
        assert.doesNotMatch(response.body, /<script>/);
      }
      const api = await t.app.inject({ url: '/api/v1/organizations?type=%3Cscript%3E&page=-1' });
      assert.equal(api.statusCode, 400);
      assert.equal(api.json().error.code, 'validation_failed');
    });

    test('the directory and an organization page run a bounded number of queries', async () => {
      const small = await countQueries(t, () => t.app.inject({ url: '/organizations?type=amenageur' }));
      const full = await countQueries(t, () => t.app.inject({ url: '/organizations' }));
      assert.ok(small > 0);
      assert.equal(full, small);
      const orgPage = await countQueries(t, () => t.app.inject({ url: '/organizations/cap-digital' }));
      // the organization, whether the moderators hid it, its members and their names
      assert.ok(orgPage <= 4, `${orgPage} queries`);
    });

    test('the API lists with the same filters and shows one organization with its members', async () => {
      const list = await t.app.inject({ url: '/api/v1/organizations?type=collectivite&page=1' });
      assert.equal(list.statusCode, 200);
      const body = list.json();
      assert.equal(body.page, 1);
      assert.equal(body.pageSize, 20);
      assert.ok(body.total >= 9);
      assert.ok(body.items.every((o: { type: string }) => o.type === 'collectivite'));
      const cap = (await t.app.inject({ url: '/api/v1/organizations/cap-digital' })).json();
      assert.deepEqual(cap.members, [{ displayName: 'Hélène Martin', role: 'admin' }], 'pending requests are not listed');
      assert.equal(cap.verified, true);
      assert.equal((await t.app.inject({ url: '/api/v1/organizations/nowhere' })).statusCode, 404);
      const openapi = (await t.app.inject({ url: '/openapi.json' })).json();
      for (const path of ['/api/v1/organizations', '/api/v1/organizations/{slug}', '/api/v1/territories']) assert.ok(openapi.paths[path]?.get, path);
      assert.deepEqual(openapi.paths['/api/v1/organizations'].get.tags, ['organizations']);
    });

    test('a signed-in person sees the create button; a visitor sees how to join', async () => {
      await makeUser(t.app, 'dir@example.org');
      const visitorPage = await t.app.inject({ url: '/organizations/cap-digital' });
      assert.match(visitorPage.body, /href="\/login\?next=%2Forganizations%2Fcap-digital"/);
      assert.doesNotMatch(visitorPage.body, /Thomas Petit/, 'a pending request is not shown publicly');
      assert.match(visitorPage.body, /Hélène Martin/);
    });
  });
}
