// Rows written before migration 0022 have no search words: filled at start, they are found by their territory's
// name and their domains, and rows with nothing to add are left alone.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { organizations } from '../organizations/schema.ts';
import { fillSearchTerms } from './terms.ts';

for (const kind of testDatabases()) {
  describe(`search words of older rows on ${kind}`, () => {
    let t: TestApp;
    before(async () => (t = await testApp(kind)));
    after(() => t.close());

    test('an organization from before gets its commune and domains, and is found by them', async () => {
      const db = t.app.ctx.db;
      const [older] = await db.insert(organizations).values({ slug: 'ancienne-asso', name: 'Ancienne association', type: 'association', territoryKind: 'commune', territoryCode: '69266', domains: ['energie'] }).returning();
      const [bare] = await db.insert(organizations).values({ slug: 'asso-sans-lieu', name: 'Association sans lieu', type: 'association' }).returning();
      const found = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` })).body.includes('ancienne-asso');
      assert.equal(await found('Villeurbanne'), false, 'not found by its commune before');
      assert.ok((await fillSearchTerms(db)) >= 1);
      const [row] = await db.select().from(organizations).where(eq(organizations.id, older!.id));
      assert.match(row!.searchTerms, /Villeurbanne/);
      assert.match(row!.searchTerms, /Énergie/);
      t.app.pageServing.outdate();
      assert.equal(await found('Villeurbanne'), true);
      assert.equal(await found('énergie'), true);
      const [untouched] = await db.select().from(organizations).where(eq(organizations.id, bare!.id));
      assert.equal(untouched!.searchTerms, '');
      assert.equal(await fillSearchTerms(db), 0, 'nothing left to fill');
    });
  });
}
