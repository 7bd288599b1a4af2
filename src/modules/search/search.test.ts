// The site-wide search: French stemming without accents, only what may be seen, inert with hostile input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { consultationFixture, makeOrganization, makeUser } from '../../../test/support/roles.ts';
import { contributions } from '../consultations/schema.ts';

for (const kind of testDatabases()) {
  describe(`site-wide search on ${kind}`, () => {
    let t: TestApp;
    let visitor: Browser;
    before(async () => {
      t = await testApp(kind);
      const author = await makeUser(t.app, 's-author@example.org');
      await makeOrganization(t.app, 's-ville', author);
      const f = await consultationFixture(t.app, 's-ville', author);
      const [c] = await t.app.ctx.db.select().from(contributions).limit(1);
      await t.app.ctx.db.insert(contributions).values([
        { consultationId: c!.consultationId, phaseId: c!.phaseId, kind: 'need', title: 'Des arbres pour les cours d’écoles', body: 'Planter des arbres dans les écoles pour rafraîchir les enfants pendant les canicules.', authorId: author },
        { consultationId: c!.consultationId, phaseId: c!.phaseId, kind: 'need', title: 'Un brouillon sur les écoles', body: 'Un brouillon que personne ne doit trouver dans les écoles.', authorId: author, state: 'draft' },
        { consultationId: c!.consultationId, phaseId: c!.phaseId, kind: 'need', title: 'Un doublon sur les écoles', body: 'Un doublon fusionné, les écoles encore.', authorId: author, mergedIntoId: f.contributionId },
      ]);
      visitor = new Browser(t.app, '10.12.0.1');
    });
    after(() => t.close());

    test('finds words without their accents or plurals, marks them, and leaves drafts and merged duplicates out', async () => {
      const page = await visitor.get(`/search?q=${encodeURIComponent('ecole canicule')}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Des arbres pour les cours d’écoles/);
      assert.match(page.body, /<mark>canicules<\/mark>/);
      assert.match(page.body, /<mark>écoles<\/mark>/, "accented words are marked for a query typed without accents");
      assert.ok(!page.body.includes('Un brouillon sur les écoles') && !page.body.includes('Un doublon sur les écoles'));
      const api = await visitor.get('/api/v1/search?q=%C3%A9coles&type=contributions');
      assert.equal(api.statusCode, 200);
      const group = api.json().groups[0];
      assert.equal(group.type, 'contributions');
      assert.equal(group.total, 1);
      assert.ok(!/[\u0001\u0002]/.test(group.items[0].excerpt), 'plain text in the API');
      const organizations = await visitor.get('/search?q=organisation&type=organizations');
      assert.match(organizations.body, /Organisation s-ville/);
    });

    test('short, empty, malformed or hostile queries answer a page, never a 500, and stay inert', async () => {
      for (const query of ['', 'q=', 'q=a', 'q=%22%22', 'q=-', 'q=&type=nope&page=abc', 'q=ecole&page=999', 'q[]=x', 'q=(((', 'q=a%26b|c!d:*']) {
        const response = await visitor.get(`/search?${query}`);
        assert.equal(response.statusCode, 200, query);
      }
      for (const payload of xssPayloads()) {
        const response = await visitor.get(`/search?q=${encodeURIComponent(payload)}`);
        assert.ok(response.statusCode < 500, payload);
        assert.deepEqual(activeContent(response.body), [], payload);
      }
    });
  });
}
