// Rate limits are counted in the database: two instances on one database count the same attempts, and a window
// that has run out starts again.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { freshDatabase, testDatabases, type TestDatabase } from '../../../test/support/databases.ts';
import { openDatabase } from '../db/client.ts';
import { databaseRateLimitStore } from './store.ts';

for (const kind of testDatabases()) {
  describe(`the rate-limit store on ${kind}`, () => {
    let fresh: TestDatabase;
    before(async () => (fresh = await freshDatabase(kind)));
    after(() => fresh.drop());

    const incr = (store: InstanceType<ReturnType<typeof databaseRateLimitStore>>, key: string, windowMs: number) =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs));

    test('counts within a window, per route and key, and starts again once the window has run out', async () => {
      const Store = databaseRateLimitStore(fresh.database.db);
      const login = new Store().child({ routeInfo: { method: 'POST', url: '/login' } });
      const register = new Store().child({ routeInfo: { method: 'POST', url: '/register' } });
      assert.deepEqual([(await incr(login, '10.0.0.1', 60_000)).current, (await incr(login, '10.0.0.1', 60_000)).current], [1, 2]);
      assert.equal((await incr(login, '10.0.0.2', 60_000)).current, 1, 'another client');
      assert.equal((await incr(register, '10.0.0.1', 60_000)).current, 1, 'another route');
      const third = await incr(login, '10.0.0.1', 60_000);
      assert.ok(third.current === 3 && third.ttl > 55_000 && third.ttl <= 60_000, JSON.stringify(third));
      await fresh.database.db.execute(sql`update rate_limits set reset_at = now() - interval '1 second'`);
      assert.equal((await incr(login, '10.0.0.1', 60_000)).current, 1);
    });
  });
}

if (testDatabases().includes('postgres')) {
  describe('rate limits across two instances', () => {
    let a: TestApp;
    let b: FastifyInstance;
    before(async () => {
      a = await testApp('postgres');
      b = await buildApp({ ...a.config, dataDir: mkdtempSync(join(tmpdir(), 'parvis-b-')) }, { database: await openDatabase({ databaseUrl: a.config.databaseUrl }), logger: false });
    });
    after(async () => {
      await b.close();
      await b.ctx.database.close();
      await a.close();
    });

    test('sign-in attempts on A and on B add up to one limit', async () => {
      const attempt = async (app: FastifyInstance) => (await new Browser(app, '10.9.0.1').post('/login', { email: 'nobody@example.org', password: 'pas le bon mot de passe' })).statusCode;
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push(await attempt(i % 2 ? b : a.app));
      assert.ok(statuses.slice(0, 10).every((s) => s !== 429), statuses.join());
      assert.equal(statuses[10], 429);
    });
  });
}
