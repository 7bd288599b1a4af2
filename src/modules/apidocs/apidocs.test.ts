// /api: the OpenAPI document the app serves, as a page for people, in French and English; every path of the document
// is on it with its method, authentication, parameters and an example; what the document says is escaped. The page
// reads no database, so one engine is enough.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseHTML } from 'linkedom';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { describeType, readApiDocs, type OpenApiDocument } from './model.ts';
import { ApiDocsPage } from './views.tsx';

const documentOf = (html: string) => parseHTML(html).document;

describe('the API documentation page', () => {
  let t: TestApp;
  let openapi: OpenApiDocument;
  before(async () => {
    t = await testApp('pglite');
    openapi = (await t.app.inject({ url: '/openapi.json' })).json();
  });
  after(() => t.close());

  test('renders in French by default and in English when asked, from the document the app serves', async () => {
    const fr = await t.app.inject({ url: '/api' });
    assert.equal(fr.statusCode, 200);
    assert.match(String(fr.headers['content-type']), /text\/html/);
    const page = documentOf(fr.body);
    assert.equal(page.documentElement.getAttribute('lang'), 'fr');
    assert.equal(page.querySelector('h1')?.textContent, "Documentation de l'API");
    assert.equal(page.querySelector('title')?.textContent, "Documentation de l'API · Parvis");
    assert.ok(page.querySelector('a[href="/openapi.json"]'), 'the raw document stays linked');
    assert.ok(page.querySelector('a[href="/account/tokens"]'), 'says where tokens are made');
    assert.match(fr.body, /parvis token:create --email/);
    assert.ok(page.querySelector('p[lang="en"]'), "the document's English summaries are marked as English");

    const en = await t.app.inject({ url: '/api', headers: { 'accept-language': 'en' } });
    const english = documentOf(en.body);
    assert.equal(english.documentElement.getAttribute('lang'), 'en');
    assert.equal(english.querySelector('h1')?.textContent, 'API documentation');
    assert.equal(english.querySelector('p[lang="en"]'), null);
    assert.match(en.body, /Getting a token/);
  });

  test('lists every operation of the document, in the contents and as a section with its method and path', async () => {
    const page = documentOf((await t.app.inject({ url: '/api' })).body);
    const docs = readApiDocs(openapi);
    const paths = Object.keys(openapi.paths ?? {});
    assert.ok(paths.length > 40, `${paths.length} paths`);
    assert.deepEqual(docs.paths, paths);
    const headings = new Set([...page.querySelectorAll('.api-operation h4')].map((h) => h.textContent?.replace(/\s+/g, ' ').trim()));
    const contents = new Set([...page.querySelectorAll('.api-toc a')].map((a) => a.getAttribute('href')));
    for (const [path, item] of Object.entries(openapi.paths ?? {})) {
      for (const method of Object.keys(item)) {
        assert.ok(headings.has(`${method.toUpperCase()} ${path}`), `${method} ${path} has a section`);
        const op = docs.tags.flatMap((tag) => tag.operations).find((o) => o.method === method.toUpperCase() && o.path === path)!;
        assert.ok(contents.has(`#${op.id}`), `${method} ${path} is in the contents`);
        const section = page.getElementById(op.id)!;
        assert.ok(section.querySelector('pre code')?.textContent?.startsWith('curl'), `${method} ${path} has a curl example`);
        assert.equal(section.querySelector('.api-auth-token') !== null, (item[method]!.security ?? []).length > 0, `${method} ${path}: token or not`);
      }
    }
    const ids = [...page.querySelectorAll('[id]')].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'anchors are unique');
  });

  test('shows parameters, body fields and responses, with a curl that sends the token and a body', async () => {
    const page = documentOf((await t.app.inject({ url: '/api' })).body);
    const post = page.getElementById('op-post-api-v1-consultations-slug-phases-phase-contributions')!;
    const rows = [...post.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    assert.deepEqual(rows[0], ['slug', 'chemin', 'string (minLength 1, maxLength 80)', 'oui', '']);
    assert.ok(rows.some((r) => r[0] === 'kind' && r[1] === 'corps' && r[2] === 'need | idea | feature' && r[3] === 'oui'));
    assert.match(post.textContent ?? '', /409 Conflit — the phase is not open/);
    const curl = post.querySelector('pre code')!.textContent!;
    assert.match(curl, /-H "Authorization: Bearer \$PARVIS_TOKEN"/);
    assert.match(curl, /-d '\{"title":"text","body":"text","kind":"need"\}'/);
    assert.match(curl, /"http:\/\/localhost:3000\/api\/v1\/consultations\/\$SLUG\/phases\/1\/contributions"$/);
    const search = page.getElementById('op-get-api-v1-territories')!.querySelector('pre code')!.textContent!;
    assert.doesNotMatch(search, /Authorization/);
  });

  test('the footer links to the page', async () => {
    const home = documentOf((await t.app.inject({ url: '/pages/charter' })).body);
    assert.ok(home.querySelector('footer a[href="/api"]'));
    assert.equal(home.querySelector('footer a[href="/openapi.json"]'), null);
  });

  test('everything the document says is escaped', () => {
    const hostile = '<script>alert(1)</script>';
    const doc: OpenApiDocument = {
      info: { version: `1${hostile}` },
      servers: [{ url: `https://x.example/"${hostile}` }],
      paths: {
        [`/api/v1/x/{id}/${hostile}`]: {
          post: {
            summary: hostile,
            description: hostile,
            tags: [hostile],
            security: [{ token: [] }],
            parameters: [{ name: hostile, in: 'query', required: true, description: hostile, schema: { type: 'string', pattern: hostile } }],
            requestBody: { content: { 'application/json': { schema: { type: 'object', required: [hostile], properties: { [hostile]: { type: 'string', description: hostile, enum: [hostile] } } } } } },
            responses: { [hostile]: { description: hostile } },
          },
        },
      },
    };
    const ctx: ViewContext = { ...translator('fr'), csrfToken: '', path: '/api', assetVersion: 'test', proconnect: false, signOutAction: '/logout' };
    const html = ApiDocsPage({ ctx, docs: readApiDocs(doc), postsPerMinute: 6 }) as string;
    assert.doesNotMatch(html, /<script>alert/);
    const page = documentOf(html);
    assert.equal(page.querySelectorAll('script:not([src])').length, 0);
    assert.equal(page.querySelector('.api-operation h4 code')?.textContent, `/api/v1/x/{id}/${hostile}`);
    assert.equal(page.querySelector('.api-operation p[lang="en"]')?.textContent, hostile);
  });

  test('types read as a person would write them', () => {
    assert.equal(describeType({ type: 'integer', minimum: 1, maximum: 50 }), 'integer (1–50)');
    assert.equal(describeType({ anyOf: [{ type: 'string', enum: ['a'] }, { type: 'string', enum: ['b'] }] }), 'a | b');
    assert.equal(describeType({ anyOf: [{ type: 'string' }, { type: 'null' }] }), 'string | null');
    assert.equal(describeType({ type: 'array', items: { type: 'integer' }, maxItems: 3 }), 'integer[] (maxItems 3)');
    assert.equal(describeType({ type: 'integer', default: 1, minimum: 1 }), 'integer (≥ 1, default 1)');
  });
});
