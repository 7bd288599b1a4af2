// On PostgreSQL each parameterized statement is prepared once per connection, by name; statements without values
// (migrations, a dump's rows) are not kept on the server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { freshDatabase, testDatabases, type TestDatabase } from '../../../test/support/databases.ts';
import { openDatabase, rows, type Database } from './client.ts';

if (testDatabases().includes('postgres')) {
  describe('prepared statements on postgres', () => {
    let fresh: TestDatabase;
    let one: Database;
    before(async () => {
      fresh = await freshDatabase('postgres');
      one = await openDatabase({ databaseUrl: fresh.url, poolSize: 1 });
    });
    after(async () => {
      await one.close();
      await fresh.drop();
    });

    test('a statement with values is prepared once on the connection and reused; one without is not kept', async () => {
      for (let i = 0; i < 3; i++) await rows(one.db, sql`select ${i}::int + 1 as n`);
      await rows(one.db, sql.raw('select 42 as unnamed_statement'));
      const prepared = await rows<{ name: string; statement: string }>(one.db, sql`select name, statement from pg_prepared_statements where name like ${'parvis_%'}`);
      const adding = prepared.filter((p) => p.statement.includes('::int + 1'));
      assert.equal(adding.length, 1, JSON.stringify(prepared));
      assert.ok(!prepared.some((p) => p.statement.includes('unnamed_statement')));
      assert.deepEqual(await rows(one.db, sql`select ${5}::int + 1 as n`), [{ n: 6 }]);
    });
  });
}
