// Every kind the site-wide search looks in reads its matches from an index, never the whole table: the plans, with
// sequential scans off, start each read of the table from an index condition (test/support/explain.ts). Contributions
// are proved on a realistic table in src/modules/consultations/bounded.test.ts; consultations are few.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, testDatabases, type TestDatabase } from '../../../test/support/databases.ts';
import { plansOf, unboundedScans } from '../../../test/support/explain.ts';
import { Actor } from '../../platform/policy.ts';
import { eventSearch } from '../events/search.ts';
import { organizationSearch } from '../organizations/search.ts';
import { projectSearch } from '../projects/search.ts';

const cases = [
  { provider: eventSearch, table: 'events' },
  { provider: organizationSearch, table: 'organizations' },
  { provider: projectSearch, table: 'projects' },
];

for (const kind of testDatabases()) {
  describe(`site-wide search plans on ${kind}`, () => {
    let fresh: TestDatabase;
    before(async () => (fresh = await freshDatabase(kind)));
    after(() => fresh.drop());

    for (const { provider, table } of cases) {
      test(`${provider.type}: the text index, whoever asks, for whole words, a word being typed and hyphenated words`, async () => {
        const member = new Actor({ id: 1, email: 'a@example.org', displayName: 'A', locale: 'fr', platformRole: 'member', emailVerified: true });
        for (const actor of [Actor.visitor, member]) {
          for (const query of ['pistes cyclables', 'énerg', "l'îlot vélo-cargo", 'par']) {
            const explained = await plansOf(fresh.database, (db) => provider.search(db, actor, query, 5, 0));
            assert.ok(explained.length > 0);
            assert.deepEqual(unboundedScans(explained, table), [], query);
          }
        }
      });
    }
  });
}
