// The platform's own promises: migrations, health, metrics, OpenAPI, security headers, errors, and no 500 on bad input.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'drizzle-orm';
import { rows } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { testApp, type TestApp } from './support/app.ts';
import { freshDatabase, testDatabases } from './support/databases.ts';
import { makeUser, signIn } from './support/roles.ts';

describe('error codes', () => {
  test('every code a service can answer has a title and a text in French and English', () => {
    const sources = readdirSync(new URL('../src', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
    const codes = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      for (const match of text.matchAll(/(?:new Conflict\(|super\()'([a-z_]+)'/g)) codes.add(match[1]!);
    }
    assert.ok(codes.has('phase_closed') && codes.has('registration_closed'), 'the scan finds the codes');
    for (const lang of ['fr', 'en']) {
      const catalogue = JSON.parse(readFileSync(new URL(`../src/locales/${lang}/errors.json`, import.meta.url), 'utf8'));
      for (const code of codes) assert.ok(catalogue[code]?.title && catalogue[code]?.body, `errors:${code} in ${lang}`);
    }
  });
});

for (const kind of testDatabases()) {
  describe(`platform on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
    });
    after(() => t.close());

    test('migrations apply on an empty database, twice without harm, with the extensions', async () => {
      const fresh = await freshDatabase(kind);
      try {
        await migrate(fresh.database);
        const extensions = await rows<{ extname: string }>(fresh.database.db, sql`select extname from pg_extension order by extname`);
        assert.ok(extensions.some((e) => e.extname === 'unaccent'));
        assert.ok(extensions.some((e) => e.extname === 'pg_trgm'));
        const [row] = await rows<{ v: string }>(fresh.database.db, sql`select immutable_unaccent('Métropole Île-de-France') as v`);
        assert.equal(row?.v, 'Metropole Ile-de-France');
      } finally {
        await fresh.drop();
      }
    });

    test('/healthz tells the database kind and reachability, /metrics speaks Prometheus', async () => {
      const health = await t.app.inject({ url: '/healthz' });
      assert.equal(health.statusCode, 200);
      assert.deepEqual(health.json(), { status: 'ok', database: { kind, reachable: true } });
      const metrics = await t.app.inject({ url: '/metrics' });
      assert.match(metrics.headers['content-type'] as string, /text\/plain/);
      assert.match(metrics.body, /parvis_http_request_duration_seconds_bucket/);
      assert.match(metrics.body, /parvis_process_resident_memory_bytes/);
      // Only from this machine, or with the token when one is set.
      assert.equal((await t.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '10.1.2.3' } })).statusCode, 403);
    });

    test('/metrics with PARVIS_METRICS_TOKEN: the bearer reads from anywhere, a wrong one is refused', async () => {
      const withToken = await testApp(kind, { metricsToken: 'un-jeton-de-supervision' });
      try {
        assert.equal((await withToken.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer un-jeton-de-supervision' } })).statusCode, 200);
        assert.equal((await withToken.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer faux' } })).statusCode, 403);
      } finally {
        await withToken.close();
      }
    });

    test('/openapi.json is a valid OpenAPI 3.1 document listing the API only', async () => {
      const response = await t.app.inject({ url: '/openapi.json' });
      const document = response.json();
      assert.equal(document.openapi, '3.1.0');
      const result = await new Validator().validate(document);
      assert.equal(result.valid, true, JSON.stringify(result.errors));
      assert.ok(document.paths['/api/v1/me']);
      assert.ok(Object.keys(document.paths).every((path: string) => path.startsWith('/api/v1/')));
    });

    test('pages carry a strict content security policy and the usual protections', async () => {
      const response = await t.app.inject({ url: '/' });
      const csp = response.headers['content-security-policy'] as string;
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.match(response.body, /<html lang="fr">/);
    });

    test('API errors are JSON with a stable code, in the asker\'s language', async () => {
      const missing = await t.app.inject({ url: '/api/v1/nothing-here' });
      assert.equal(missing.statusCode, 404);
      const postMissing = await t.app.inject({ method: 'POST', url: '/api/v1/nothing-here', payload: {} });
      assert.equal(postMissing.statusCode, 404, 'a missing route is not a CSRF failure');
      assert.equal(missing.json().error.code, 'not_found');
      const anonymous = await t.app.inject({ url: '/api/v1/me', headers: { 'accept-language': 'en' } });
      assert.equal(anonymous.statusCode, 401);
      assert.deepEqual(anonymous.json(), { error: { code: 'unauthenticated', message: 'Sign-in required' } });
      const badToken = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer pvs_nope' } });
      assert.equal(badToken.statusCode, 401);
    });

    test('a page that does not exist answers 404 with a page, and asks nothing of the database it should not', async () => {
      const response = await t.app.inject({ url: '/no/such/page' });
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /<h1>Page introuvable<\/h1>/);
    });

    test('no route answers 500 to hostile or malformed input', async () => {
      await makeUser(t.app, 'fuzz-admin@example.org', 'admin');
      const admin = await signIn(t.app, 'fuzz-admin@example.org', '10.7.0.1');
      const csrf = await admin.csrf('/login');
      const nasty = ['', ' ', 'x'.repeat(100_000), '-1', '0', '99999999999999999999', 'NaN', '<script>alert(1)</script>', "' OR '1'='1", '%00', '../../etc/passwd', '😀'.repeat(50)];
      const skip = new Set(['POST /logout', 'POST /account/password', 'POST /account/email', 'POST /admin/users/:id/block', 'POST /admin/users/:id/role']);
      for (const route of t.app.routeRules) {
        const key = `${route.method} ${route.url}`;
        if (skip.has(key)) continue;
        for (const value of nasty) {
          const path = route.url.replace(/:(\w+)/g, () => encodeURIComponent(value || 'x'));
          const fields = { email: value, password: value, token: value, name: value, displayName: value, locale: value, page: value, q: value, next: value, id: value };
          const response =
            route.method === 'GET'
              ? await admin.get(`${path}?${new URLSearchParams(fields)}`)
              : await admin.post(path, { ...fields, extra: [value, value] as unknown as string }, { csrf });
          assert.ok(response.statusCode < 500, `${key} with ${JSON.stringify(value.slice(0, 20))} -> ${response.statusCode}: ${response.body.slice(0, 200)}`);
        }
      }
      const json = await admin.request({ method: 'POST', url: '/register', payload: '{"email": [1,2', headers: { 'content-type': 'application/json' } });
      assert.ok(json.statusCode < 500);
    });
  });
}
