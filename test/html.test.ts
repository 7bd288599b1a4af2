// Crawls the demo platform signed in as every role of the demo and checks every page's HTML with html-validate and
// the W3C Nu checker, and that each page's title says which page it is.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from './support/html-validator.ts';
import { nuErrors } from './support/nu-checker.ts';
import { parseHTML } from 'linkedom';
import { crawl, listIdentity, routePatterns } from './support/crawl.ts';
import { seedDemo } from '../src/modules/demo.ts';
import { demoPassword } from '../src/modules/accounts/demo.ts';
import { Browser, testApp, type TestApp } from './support/app.ts';
import { testDatabases } from './support/databases.ts';

/** The demo's people, one per role (the visitor is signed out), and the pages of theirs no menu links to. */
const roles: Record<string, { email?: string; start?: string[] }> = {
  visitor: {},
  member: { email: 'thomas.petit@example.org' },
  organizer: { email: 'organisatrice@capdigital.example' },
  company: { email: 'lea.moreau@mobilcity.example' },
  collectivite: { email: 'marie.dupont@lyon.example' },
  moderator: { email: 'moderation@parvis.example', start: ['/moderation'] },
  admin: { email: 'admin@parvis.example', start: ['/moderation'] },
};

/** Pages no link leads to from the home page: forms reached from mails, and the not-found page. */
const unlinked = ['/register', '/login', '/password/forgot', '/password/reset?token=x', '/verify?token=x', '/no-such-page'];
const pagesPerRole = 80;

/** A page's HTML less what changes with each session (CSRF tokens), so pages alike across roles are checked once. */
const sameness = (html: string) => html.replace(/(name="_csrf" value=|data-hx-headers=)"[^"]*"/g, '$1""');

const titleOf = (html: string) => parseHTML(html).document.querySelector('title')?.textContent?.trim() ?? '';

/** html-validate's and the Nu checker's findings, keyed by a page's sameness: a page alike on both databases is checked once. */
const findings = new Map<string, string[]>();

async function check(pages: Iterable<string>): Promise<void> {
  const unchecked = new Map<string, string>();
  for (const html of pages) if (html && !findings.has(sameness(html))) unchecked.set(sameness(html), html);
  for (const [key, html] of unchecked) {
    const report = await validator.validateString(html);
    findings.set(key, report.results.flatMap((r) => r.messages).map((m) => `html-validate ${m.ruleId}: ${m.message} (${m.selector ?? ''})`));
  }
  for (const error of await nuErrors(unchecked)) findings.get(error.page)!.push(`Nu: ${error.message} (line ${error.line}: ${error.extract ?? ''})`);
}

for (const kind of testDatabases()) describe(`HTML validity of every page reached by following links, for every role (${kind})`, () => {
  let t: TestApp;
  const crawled = new Map<string, Map<string, string>>();

  before(async () => {
    t = await testApp(kind);
    await seedDemo(t.app.ctx);
    const routes = routePatterns(t.app);
    for (const [n, [role, { email, start = [] }]] of Object.entries(roles).entries()) {
      const browser = new Browser(t.app, `10.8.0.${n + 1}`);
      if (email) assert.equal((await browser.post('/login', { email, password: demoPassword, next: '/' })).statusCode, 303, `sign-in of ${role}`);
      crawled.set(role, await crawl(browser, routes, ['/', ...start, ...unlinked], pagesPerRole));
    }
    await check([...crawled.values()].flatMap((pages) => [...pages.values()]));
  });
  after(() => t?.close());

  for (const role of Object.keys(roles)) {
    test(`as ${role}: no errors from html-validate or the Nu checker`, () => {
      const pages = crawled.get(role)!;
      assert.ok(pages.size > 10, `only ${pages.size} pages reached`);
      const problems = [...pages].flatMap(([url, html]) => (html ? findings.get(sameness(html))!.map((f) => `${url}: ${f}`) : []));
      assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems`);
    });

    test(`as ${role}: every page has its own title`, () => {
      const urlsOfTitle = new Map<string, Set<string>>();
      for (const [url, html] of crawled.get(role)!) {
        if (!html) continue;
        const title = titleOf(html);
        urlsOfTitle.set(title, (urlsOfTitle.get(title) ?? new Set()).add(listIdentity(url)));
      }
      const shared = [...urlsOfTitle].filter(([, urls]) => urls.size > 1).map(([title, urls]) => `${title}: ${[...urls].join(', ')}`);
      assert.deepEqual(shared, []);
    });

    test(`as ${role}: Enter in a form's fields runs its main action, not a search met on the way`, () => {
      const wrong: string[] = [];
      let searching = 0;
      for (const [url, html] of crawled.get(role)!) {
        for (const form of html ? parseHTML(html).document.querySelectorAll('form') : []) {
          if (!form.querySelector('button[name="_search"]')) continue;
          searching++;
          // HTML's default button, the one Enter presses: the form's first submit button.
          const first = form.querySelector('button:not([type]), button[type="submit"], input[type="submit"]');
          if (first?.getAttribute('name') === '_search') wrong.push(`${url}: ${form.getAttribute('action')}`);
        }
      }
      assert.deepEqual(wrong, []);
      if (role !== 'visitor') assert.ok(searching > 0, 'the crawl reached forms with a search in them');
    });
  }
});

for (const kind of testDatabases()) describe(`pages that say what they are (${kind})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp(kind);
  });
  after(() => t?.close());

  test(`a rejected form's page title starts with "Erreur :" (fr) or "Error:" (en); the form's own page does not`, async () => {
    const fr = new Browser(t.app, '10.9.0.1');
    const rejected = await fr.post('/register', { email: 'not-an-address', displayName: '', password: 'x' }, { csrfFrom: '/register' });
    assert.equal(rejected.statusCode, 422);
    assert.match(titleOf(rejected.body), /^Erreur : Créer un compte/);
    assert.doesNotMatch(titleOf((await fr.get('/register')).body), /Erreur/);
    const failedSignIn = await fr.post('/login', { email: 'nobody@example.org', password: 'wrong password here' });
    assert.equal(failedSignIn.statusCode, 401);
    assert.match(titleOf(failedSignIn.body), /^Erreur : /);

    const en = new Browser(t.app, '10.9.0.2');
    const english = await en.request({ method: 'POST', url: '/register', payload: new URLSearchParams({ _csrf: await en.csrf('/register'), email: 'x' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' } });
    assert.equal(english.statusCode, 422);
    assert.match(titleOf(english.body), /^Error: /);
  });

  test('/territories opened directly is a page with its title and language; htmx gets the fragment', async () => {
    const page = await t.app.inject({ url: '/territories?q=lyon' });
    assert.equal(page.statusCode, 200);
    const { document } = parseHTML(page.body);
    assert.equal(document.documentElement.getAttribute('lang'), 'fr');
    assert.match(titleOf(page.body), /lyon/i);
    assert.match(document.querySelector('section[aria-labelledby="territory-matches"] ul')?.textContent ?? '', /Lyon/);
    const fragment = await t.app.inject({ url: '/territories?territory=lyon', headers: { 'hx-request': 'true' } });
    assert.doesNotMatch(fragment.body, /<html|<title/);
    assert.match(fragment.body, /<option value="Lyon \(commune, 69123\)">/);
    assert.match(String(fragment.headers.vary), /hx-request/);
  });

  test('other fragments opened directly send to the page they belong to', async () => {
    await seedDemo(t.app.ctx);
    const member = new Browser(t.app, '10.9.0.3');
    assert.equal((await member.post('/login', { email: 'thomas.petit@example.org', password: demoPassword, next: '/' })).statusCode, 303);
    const slug = 'rafraichir-nos-villes';
    for (const [fragment, page] of [
      ['/notifications/bell', '/notifications'],
      ['/open-data/status', '/open-data'],
      [`/consultations/${slug}/open-data/status`, `/consultations/${slug}/open-data`],
      [`/consultations/${slug}/similar?title=ombre`, `/consultations/${slug}`],
    ]) {
      const direct = await member.get(fragment!);
      assert.equal(direct.statusCode, 303, fragment);
      assert.equal(direct.headers.location, page, fragment);
      const htmx = await member.get(fragment!, { 'hx-request': 'true' });
      assert.equal(htmx.statusCode, 200, fragment);
      assert.doesNotMatch(htmx.body, /<title/, fragment);
    }
  });
});
