// The job runner's promises that modules rely on: a job exists only if its transaction committed; a recurring job
// is queued while workers run and stops with them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabases, freshDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { startJobs, type Jobs } from './index.ts';

for (const kind of testDatabases()) {
  describe(`jobs on ${kind}`, () => {
    let fresh: TestDatabase;
    let jobs: Jobs;
    const seen: string[] = [];
    before(async () => {
      fresh = await freshDatabase(kind);
      jobs = await startJobs(fresh.database, fresh.url);
      await jobs.declare('test.once');
      await jobs.declare('test.every');
      jobs.handle<{ n: string }>('test.once', async (data) => void seen.push(data.n));
      jobs.handle('test.every', async () => void seen.push('tick'));
    });
    after(async () => {
      await jobs.stop();
      await fresh.drop();
    });

    test('a job sent in a transaction that rolls back never runs; one that commits runs once', async () => {
      await fresh.database.db.transaction((tx) => jobs.send(tx, 'test.once', { n: 'kept' }));
      await fresh.database.db.transaction(async (tx) => {
        await jobs.send(tx, 'test.once', { n: 'rolled back' });
        tx.rollback();
      }).catch(() => undefined);
      await jobs.drain('test.once');
      assert.deepEqual(seen.filter((s) => s !== 'tick'), ['kept']);
    });

    test('a recurring job is queued while workers run', async () => {
      jobs.every('test.every', 1000);
      await jobs.startWorkers();
      for (let i = 0; i < 50 && !seen.includes('tick'); i++) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(seen.includes('tick'), 'the recurring job ran within ten seconds');
    });
  });
}
