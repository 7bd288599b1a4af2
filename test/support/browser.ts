// Browser journeys: the real app listening on a free port, driven by Debian's Chromium, checked by axe.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { after, before } from 'node:test';
import { seedDemo } from '../../src/modules/demo.ts';
import { testApp, type TestApp } from './app.ts';

export const chromiumPath = '/usr/bin/chromium';
export const artifactsDir = join(tmpdir(), 'parvis-e2e-artifacts');

/**
 * The `skip` option for a browser suite: false when Chromium is there. Without it a developer's run says
 * plainly what was skipped and why, while CI fails, since a skipped journey there would hide a regression.
 */
export function browserSkip(): string | false {
  if (existsSync(chromiumPath)) return false;
  const reason = `Chromium not found at ${chromiumPath}: apt-get install chromium`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: browser journeys may not be skipped)`);
  return reason;
}

export interface Site {
  t: TestApp;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** One app and one browser for a whole test file; every journey opens its own context (cookies, JS setting). */
export async function startSite(): Promise<Site> {
  const t = await testApp('pglite');
  let browser: Browser | undefined;
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const opened = browser;
    return {
      t,
      base: `http://127.0.0.1:${port}`,
      browser: opened,
      async close() {
        await opened.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await t.close();
    throw error;
  }
}

/**
 * The site a describe block's journeys share: started before them (with the demo data when asked) and closed after.
 * The object is filled in once started; without Chromium nothing starts and the journeys are skipped.
 */
export function sharedSite({ demo = false }: { demo?: boolean } = {}): Site {
  const site = {} as Site;
  before(async () => {
    if (browserSkip()) return;
    Object.assign(site, await startSite());
    if (demo) await seedDemo(site.t.app.ctx);
  });
  after(async () => {
    await site.close?.();
  });
  return site;
}

/**
 * A page in a fresh context. axe needs a page from a context (not browser.newPage()). The locale is French,
 * the platform's first language, unless a journey says otherwise.
 */
export async function newPage(site: Site, { js, locale = 'fr-FR' }: { js: boolean; locale?: string }): Promise<Page> {
  const context = await site.browser.newContext({ javaScriptEnabled: js, locale, baseURL: site.base, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (!js) scriptless.add(page);
  return page;
}

const scriptless = new WeakSet<Page>();

const inspectors = new WeakMap<Browser, Promise<BrowserContext>>();

/** One scripted context per browser for the copies, made once rather than for every analysis. */
function inspector(browser: Browser): Promise<BrowserContext> {
  let context = inspectors.get(browser);
  if (!context) inspectors.set(browser, (context = browser.newContext()));
  return context;
}

/**
 * axe waits on timers, which never fire in a page whose scripts are disabled (and Chromium keeps them
 * disabled for the page whatever another DevTools session asks). So a scriptless page is analysed as a copy:
 * its document, served as is to a page of a scripted context where the site's own scripts are refused, with
 * the site's styles and images loaded as usual. axe then sees what a person without JavaScript gets.
 */
async function analysable<T>(page: Page, work: (target: Page) => Promise<T>): Promise<T> {
  if (!scriptless.has(page)) return work(page);
  const html = await page.content();
  const copy = await (await inspector(page.context().browser()!)).newPage();
  try {
    const viewport = page.viewportSize();
    if (viewport) await copy.setViewportSize(viewport);
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.frame() === copy.mainFrame()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await copy.goto(page.url(), { waitUntil: 'load' });
    return await work(copy);
  } finally {
    await copy.close();
  }
}

export const jsLabel = (js: boolean) => (js ? 'JavaScript on' : 'JavaScript off');

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}-${Date.now()}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  return file;
}

/** Runs a journey; when it fails, a screenshot of where it stood is kept and named in the error. */
export async function journey(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    const file = await screenshot(page, name);
    if (error instanceof Error) error.message = `${error.message}\n  at ${page.url()}\n  screenshot: ${file}`;
    throw error;
  } finally {
    await page.context().close();
  }
}

/** Zero axe violations against WCAG 2.1 A and AA; each violation is listed with the nodes at fault. */
export async function checkA11y(page: Page): Promise<void> {
  const results = await analysable(page, (target) => new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze());
  const report = results.violations.map((v) => {
    const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`);
    return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
  });
  assert.equal(results.violations.length, 0, `axe found ${results.violations.length} violation(s) on ${page.url()}:\n${report.join('\n')}`);
}

export async function expectOneH1(page: Page): Promise<void> {
  const headings = await page.locator('h1').allInnerTexts();
  assert.equal(headings.length, 1, `expected exactly one h1 on ${page.url()}, found ${JSON.stringify(headings)}`);
}

/** What every page must have: a language, a title, one h1, and no axe violation. */
export async function checkPage(page: Page): Promise<void> {
  assert.match((await page.locator('html').getAttribute('lang')) ?? '', /^(fr|en)$/, `lang attribute on ${page.url()}`);
  assert.ok((await page.title()).trim().length > 0, `a non-empty <title> on ${page.url()}`);
  await expectOneH1(page);
  await checkA11y(page);
}

/** Clicks something that loads a new document (a link, a form submission) and waits until it has loaded. */
export async function follow(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/** Visits a path and checks the page; returns the HTTP status. */
export async function visit(page: Page, path: string): Promise<number> {
  const response = await page.goto(path, { waitUntil: 'load' });
  await checkPage(page);
  return response?.status() ?? 0;
}

/** Signs in through the form, from wherever the page is (the form brings the person back where they were going). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await checkPage(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await follow(page, page.locator('main').getByRole('button', { name: 'Se connecter', exact: true }));
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}
