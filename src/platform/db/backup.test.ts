// A dump restored gives back the same data, and counts kept by triggers are rebuilt once, not doubled.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freshDatabase, testDatabases, type TestDatabase } from '../../../test/support/databases.ts';
import { consultations, contributions, phases } from '../../modules/consultations/schema.ts';
import { phaseCounts } from '../../modules/consultations/service.ts';
import { backup, restore } from './backup.ts';

for (const kind of testDatabases()) {
  describe(`backup and restore on ${kind}`, () => {
    let fresh: TestDatabase;
    before(async () => (fresh = await freshDatabase(kind)));
    after(() => fresh.drop());

    test('kept phase counts come back as they were', async () => {
      const db = fresh.database.db;
      const [c] = await db.insert(consultations).values({ slug: 'dump', title: 'Dump' }).returning();
      const [p] = await db.insert(phases).values({ consultationId: c!.id, position: 1, title: 'P', question: 'Q ?', startsAt: new Date(0), endsAt: new Date(86_400_000), kinds: ['need'] }).returning();
      await db.insert(contributions).values([1, 2, 3].map((n) => ({ consultationId: c!.id, phaseId: p!.id, kind: 'need' as const, title: `B ${n}`, body: 'x', state: n === 3 ? ('draft' as const) : ('published' as const) })));
      assert.deepEqual([...(await phaseCounts(db, c!.id)).values()], [2]);
      const file = join(mkdtempSync(join(tmpdir(), 'parvis-dump-')), 'dump.sql');
      await backup(db, file);
      await restore(db, file);
      assert.deepEqual([...(await phaseCounts(db, c!.id)).values()], [2]);
      assert.equal((await db.select().from(contributions)).length, 3);
    });
  });
}
