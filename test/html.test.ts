// Crawls the demo platform as a visitor and as a platform admin and validates every page's HTML.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from './support/html-validator.ts';
import { parseHTML } from 'linkedom';
import { seedDemo } from '../src/modules/demo.ts';
import { demoPassword } from '../src/modules/accounts/demo.ts';
import { Browser, testApp, type TestApp } from './support/app.ts';

/** Same-site pages linked from a page, without query strings that only re-sort or change language. */
function links(html: string): string[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll('a[href]')]
    .map((a) => a.getAttribute('href') ?? '')
    .filter((href) => href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/language') && !href.startsWith('/auth/') && !href.startsWith('/assets/') && href !== '/openapi.json' && !href.endsWith('/data'))
    .map((href) => href.split('#')[0]!);
}

async function crawl(browser: Browser, start: string[], limit: number): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = [...start];
  while (queue.length > 0 && seen.size < limit) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const response = await browser.get(url);
    if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) {
      seen.set(url, '');
      continue;
    }
    seen.set(url, response.body);
    for (const link of links(response.body)) if (!seen.has(link)) queue.push(link);
  }
  return seen;
}

describe('HTML validity of every page reached by following links', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
    await seedDemo(t.app.ctx);
  });
  after(() => t.close());

  for (const who of ['visitor', 'admin'] as const) {
    test(`as ${who}`, async () => {
      const browser = new Browser(t.app, who === 'admin' ? '10.8.0.2' : '10.8.0.1');
      if (who === 'admin') assert.equal((await browser.post('/login', { email: 'admin@parvis.example', password: demoPassword, next: '/' })).statusCode, 303);
      const extra = ['/register', '/login', '/password/forgot', '/password/reset?token=x', '/verify?token=x', '/no-such-page'];
      const pages = await crawl(browser, ['/', ...extra], 80);
      assert.ok(pages.size > 10, `only ${pages.size} pages reached`);
      const problems: string[] = [];
      for (const [url, html] of pages) {
        if (!html) continue;
        const report = await validator.validateString(html);
        for (const message of report.results.flatMap((r) => r.messages)) problems.push(`${url}: ${message.ruleId}: ${message.message} (${message.selector ?? ''})`);
      }
      assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems`);
    });
  }
});
