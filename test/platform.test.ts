// The platform's own promises: migrations, health, metrics, OpenAPI, security headers, errors, and no 500 on bad input.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { rows } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { Browser, testApp, type TestApp } from './support/app.ts';
import { freshDatabase, testDatabases } from './support/databases.ts';
import { makeUser, signIn } from './support/roles.ts';
import { parse } from '../src/platform/validation.ts';
import { ValidationFailed } from '../src/platform/errors.ts';
import { Type } from 'typebox';

/** Bodies a broken or hostile client sends as multipart/form-data: each one fails inside the multipart parser. */
function malformedMultiparts(csrf: string): { name: string; payload: string; contentType: string }[] {
  const b = 'parvis-fuzz';
  const field = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const type = `multipart/form-data; boundary=${b}`;
  return [
    { name: 'no boundary', payload: field('_csrf', csrf), contentType: 'multipart/form-data' },
    { name: 'a boundary that never comes', payload: 'just some bytes', contentType: type },
    { name: 'cut in the middle of a part', payload: `${field('_csrf', csrf)}--${b}\r\nContent-Disposition: form-data; name="name"\r\n\r\nvalue`, contentType: type },
    { name: 'no closing boundary', payload: field('_csrf', csrf) + field('name', 'x'), contentType: type },
    { name: 'a header with no end', payload: `${field('_csrf', csrf)}--${b}\r\nContent-Disposition: form-data; name="name"`, contentType: type },
    { name: '__proto__ as a field name', payload: `${field('_csrf', csrf)}${field('__proto__', 'x')}--${b}--\r\n`, contentType: type },
  ];
}

const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('input depth', () => {
  test('parse refuses input nested deeper than 32 with tooDeep on the field that holds it, whatever the depth', () => {
    const schema = Type.Object({ a: Type.Optional(Type.Unknown()) });
    for (const depth of [40, 5000, 200_000]) {
      const error = (() => {
        try {
          parse(schema, JSON.parse(deepJson(depth)));
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof ValidationFailed, `depth ${depth}: ${String(error)}`);
      assert.equal(error.fields.a?.key, 'tooDeep');
    }
    const cycle: Record<string, unknown> = { name: 'x' };
    cycle.self = cycle;
    assert.throws(() => parse(schema, cycle), ValidationFailed);
    // Input within the bound still goes through.
    assert.ok(parse(schema, JSON.parse(deepJson(20))).a);
  });
});

describe('error codes', () => {
  test('every code a service can answer has a title and a text in French and English', () => {
    const sources = readdirSync(new URL('../src', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
    const codes = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      for (const match of text.matchAll(/(?:new Conflict\(|super\()'([a-z_]+)'/g)) codes.add(match[1]!);
    }
    // And every code the HTTP layer answers by itself (database away, malformed body, overload…).
    const http = readFileSync(new URL('../src/platform/http/errors.ts', import.meta.url), 'utf8');
    for (const match of http.matchAll(/code: '([a-z_]+)'/g)) codes.add(match[1]!);
    assert.ok(codes.has('database_unavailable') && codes.has('malformed_body'), 'the scan finds the HTTP codes');
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

    test('/healthz is not shed by the overload guard: while the event loop lags, pages answer 503 unavailable and /healthz 200', async () => {
      const guarded = await testApp(kind, { maxEventLoopDelayMs: 100 });
      try {
        let shed: { page: number; retryAfter: unknown; health: number } | undefined;
        for (let attempt = 0; attempt < 5 && !shed; attempt++) {
          // Busy for 1.2 s: the guard's next sample sees the lag.
          const until = Date.now() + 1200;
          while (Date.now() < until);
          await new Promise((resolve) => setTimeout(resolve, 20));
          const page = await guarded.app.inject({ url: '/api/v1/nothing' });
          if (page.statusCode === 503) shed = { page: page.statusCode, retryAfter: page.headers['retry-after'], health: (await guarded.app.inject({ url: '/healthz' })).statusCode };
        }
        assert.deepEqual(shed, { page: 503, retryAfter: '5', health: 200 });
      } finally {
        await guarded.close();
      }
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

    test('every POST route answers a malformed multipart body 400 and JSON nested 5,000 deep 422, signed in or not', async () => {
      await makeUser(t.app, 'fuzz-body@example.org', 'admin');
      const admin = await signIn(t.app, 'fuzz-body@example.org', '10.7.0.2');
      const csrf = await admin.csrf('/login');
      const posts = t.app.routeRules.filter((route) => route.method === 'POST');
      assert.ok(posts.length > 20, 'the walk finds the routes');
      // A new address for each request, so that the rate limits of sign-in and the like do not answer first.
      let n = 0;
      const address = () => `10.8.${Math.floor(++n / 250)}.${n % 250}`;
      for (const route of posts) {
        const path = route.url.replace(/:(\w+)/g, '1');
        for (const body of malformedMultiparts(csrf)) {
          for (const who of [admin, new Browser(t.app)]) {
            const response = await who.request({ method: 'POST', url: path, remoteAddress: address(), payload: body.payload, headers: { 'content-type': body.contentType, 'csrf-token': csrf } });
            assert.ok([400, 413].includes(response.statusCode), `${route.method} ${route.url}, ${body.name} -> ${response.statusCode}: ${response.body.slice(0, 200)}`);
          }
        }
        const deep = await admin.request({ method: 'POST', url: path, remoteAddress: address(), payload: deepJson(5000), headers: { 'content-type': 'application/json', 'csrf-token': csrf } });
        assert.equal(deep.statusCode, 422, `${route.url} deep JSON -> ${deep.statusCode}: ${deep.body.slice(0, 200)}`);
        const deepArray = await admin.request({ method: 'POST', url: path, remoteAddress: address(), payload: '['.repeat(5000) + ']'.repeat(5000), headers: { 'content-type': 'application/json', 'csrf-token': csrf } });
        assert.ok(deepArray.statusCode >= 400 && deepArray.statusCode < 500, `${route.url} deep JSON array -> ${deepArray.statusCode}`);
      }
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/projects', payload: deepJson(5000), headers: { 'content-type': 'application/json' } });
      assert.equal(api.statusCode, 422);
      assert.equal(api.json().error.fields.a.code, 'tooDeep');
      const multipartApi = await t.app.inject({ method: 'POST', url: '/api/v1/projects', payload: 'x', headers: { 'content-type': 'multipart/form-data; boundary=zz' } });
      assert.deepEqual([multipartApi.statusCode, multipartApi.json().error.code], [400, 'malformed_body']);
    });

    test('a multipart body cut or altered anywhere is refused with 4xx, never 500', async () => {
      const visitor = new Browser(t.app, '10.7.0.4');
      const csrf = await visitor.csrf('/login');
      const b = 'parvis-prop';
      const valid = Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="email"\r\n\r\nsomeone@example.org\r\n` +
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${b}--\r\n`,
      );
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: valid.length }), fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), async (cut, flips) => {
          const payload = Buffer.from(valid.subarray(0, cut));
          for (const [at, byte] of flips) if (at < payload.length) payload[at] = byte;
          const response = await visitor.request({ method: 'POST', url: '/login', remoteAddress: `10.9.${cut % 250}.${flips.length}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
          assert.ok(response.statusCode < 500, `cut at ${cut}, flips ${JSON.stringify(flips)} -> ${response.statusCode}`);
        }),
        { numRuns: 150 },
      );
    });
  });
}
