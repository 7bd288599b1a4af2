// Walks every route of the app for every role and checks who gets in. A new route without a line in
// test/authorization/<module>.ts fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from './support/app.ts';
import { testDatabases } from './support/databases.ts';
import { makeUser, roleFixture, roles } from './support/roles.ts';
import { tables } from './authorization/index.ts';
import type { Expectation, WalkFixture } from './authorization/table.ts';

const table: Record<string, Expectation> = Object.assign({}, ...tables.map((t) => t.routes));

function refused(status: number, location: string | undefined): boolean {
  return status === 401 || status === 403 || (status === 303 && (location ?? '').startsWith('/login'));
}

for (const kind of testDatabases()) {
  describe(`authorization of every route on ${kind}`, () => {
    let t: TestApp;
    let fixture: WalkFixture;
    before(async () => {
      t = await testApp(kind);
      fixture = { ...(await roleFixture(t.app)), victimId: await makeUser(t.app, 'victim@example.org') };
      for (const module of tables) await module.setup?.(t.app, fixture);
    });
    after(() => t.close());

    test('every route names a rule and has an expectation here', () => {
      const missing = t.app.routeRules.map((r) => `${r.method} ${r.url}`).filter((key) => !table[key]);
      assert.deepEqual(missing, [], 'routes without an authorization expectation');
    });

    // Logging out changes who the browser is, so it goes last.
    const keys = Object.keys(table).sort((a, b) => Number(a === 'POST /logout') - Number(b === 'POST /logout'));
    for (const role of roles) {
      test(`${role}: allowed routes answer, the others refuse`, async () => {
        const browser = fixture.browsers[role];
        const csrf = await browser.csrf('/login');
        for (const key of keys) {
          const expectation = table[key]!;
          const [method, pattern] = key.split(' ') as [string, string];
          const path = expectation.path?.(fixture) ?? pattern;
          const response =
            method === 'GET'
              ? await browser.get(path)
              : await browser.post(path, expectation.body ?? {}, { csrf });
          const allowed = expectation.allow.includes(role);
          const wasRefused = refused(response.statusCode, response.headers.location as string | undefined);
          assert.equal(wasRefused, !allowed, `${role} ${key} -> ${response.statusCode} ${response.headers.location ?? ''}`);
          assert.ok(response.statusCode < 500, `${role} ${key} -> ${response.statusCode}`);
          if (!allowed && role !== 'visitor') assert.equal(response.statusCode, 403, `${role} ${key}`);
        }
      });
    }
  });
}
