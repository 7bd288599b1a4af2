// The main pages at every common width, light and dark (issue 14): no page wider than the screen (WCAG 1.4.10
// reflow), nothing in the header or a filter bar spilling out of its box or over its neighbour, no header wrapping
// onto two lines on a desktop, and no axe violation. A screenshot of each is kept in test/e2e/screens/ to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { demoPassword } from '../../src/modules/accounts/demo.ts';
import { seedDemo } from '../../src/modules/demo.ts';
import { browserSkip, checkA11y, follow, newPage, signIn, startSite, type Site } from '../support/browser.ts';

// SCREENS_WIDTHS=390,1366 looks at some widths only, while a page is being worked on.
const widths = process.env.SCREENS_WIDTHS?.split(',').map(Number) ?? [320, 390, 768, 1366, 1920];
const schemes = ['light', 'dark'] as const;
const screensDir = join(import.meta.dirname, 'screens');
const consultation = '/consultations/place-de-l-innovation-urbaine';
/** the platform admin has the most links in the header */
const admin = 'admin@parvis.example';

interface Screen {
  name: string;
  path: string;
}

/** A rectangle as the page lays it out, with what it is for the messages. */
interface Box {
  what: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Pages whose address depends on the demo's ids are found by following the first link of their list. */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => pattern.test(h));
  assert.ok(href, `a link matching ${pattern} on ${path}`);
  return href;
}

async function visitorScreens(page: Page): Promise<Screen[]> {
  return [
    { name: 'home', path: '/' },
    { name: 'consultations', path: '/consultations' },
    { name: 'consultation', path: consultation },
    { name: 'phase-list', path: `${consultation}/phases/1` },
    { name: 'contribution', path: await firstLink(page, `${consultation}/phases/1`, /^\/contributions\/\d+$/) },
    { name: 'chain', path: `${consultation}/chain` },
    { name: 'synthesis', path: `${consultation}/phases/1/synthesis` },
    { name: 'agenda', path: '/events' },
    { name: 'event', path: await firstLink(page, '/events', /^\/events\/\d+$/) },
    { name: 'projects', path: '/projects' },
    { name: 'project', path: await firstLink(page, '/projects', /^\/projects\/\d+$/) },
    { name: 'directory', path: '/organizations' },
    { name: 'organization', path: await firstLink(page, '/organizations', /^\/organizations\/[\w-]+$/) },
    { name: 'search', path: '/search?q=v%C3%A9lo' },
  ];
}

const signedInScreens: Screen[] = [
  { name: 'home-signed-in', path: '/' },
  { name: 'projects-signed-in', path: '/projects' },
  { name: 'account', path: '/account' },
  { name: 'admin-users', path: '/admin/users' },
];

/**
 * The boxes of the header's items as laid out (brand, menu button, each link, button and form shown) and of each
 * filter bar's fields and actions. Written as the page's own script: tsx's helpers do not exist in the page.
 */
const measure = `(() => {
  const box = (e, what) => { const r = e.getBoundingClientRect(); return { what, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  const shown = (e) => e.checkVisibility() && e.getBoundingClientRect().width > 0;
  const name = (e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' «' + (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 30) + '»';
  const nav = document.querySelector('header.site-header nav');
  const header = { box: box(nav, 'header nav'), items: [...nav.querySelectorAll(':scope > .brand, .site-menu > summary, .site-menu-panel li')].filter(shown).map((e) => box(e, name(e))) };
  const bars = [...document.querySelectorAll('form.filters')].filter(shown).map((form) => {
    const grid = form.querySelector(':scope > .grid') || form;
    const fields = [...grid.children, ...form.querySelectorAll(':scope > button, :scope > a')].filter((e) => shown(e) && e.tagName !== 'INPUT');
    return {
      box: box(form, 'filter form'),
      items: [...new Set(fields)].map((e) => box(e, name(e))),
      selects: [...form.querySelectorAll('select')].map((s) => ({ what: name(s.closest('label, .field') || s), width: s.getBoundingClientRect().width })),
      buttons: [...form.querySelectorAll('button')].map((b) => ({ what: name(b), width: b.getBoundingClientRect().width, height: b.getBoundingClientRect().height })),
    };
  });
  return { header, bars, scrollWidth: document.documentElement.scrollWidth, innerWidth, rem: parseFloat(getComputedStyle(document.documentElement).fontSize) };
})()`;

interface Measures {
  header: { box: Box; items: Box[] };
  bars: { box: Box; items: Box[]; selects: { what: string; width: number }[]; buttons: { what: string; width: number; height: number }[] }[];
  scrollWidth: number;
  innerWidth: number;
  /** Pico's root font size, which grows with the screen */
  rem: number;
}

const within = (inner: Box, outer: Box) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
const overlap = (a: Box, b: Box) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

function layoutProblems(items: Box[], container: Box): string[] {
  const problems = items.filter((i) => !within(i, container)).map((i) => `${i.what} spills out of the ${container.what}`);
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (overlap(items[i]!, items[j]!)) problems.push(`${items[i]!.what} overlaps ${items[j]!.what}`);
  return problems;
}

/**
 * The full-page picture kept for people to look at. Headless Chromium now and then refuses to capture
 * one ("Unable to capture screenshot") when the machine is busy; the picture is not what the test
 * checks, so it is tried again and, failing that, the visible part is kept instead.
 */
async function keepPicture(page: Page, path: string): Promise<void> {
  for (const fullPage of [true, true, false]) {
    try {
      await page.screenshot({ path, fullPage });
      return;
    } catch (error) {
      if (!fullPage) throw error;
    }
  }
}

/** Everything the test asks of one page at one width; the problems found, not the first one only. */
async function check(page: Page, screen: Screen, width: number, scheme: string): Promise<string[]> {
  const response = await page.goto(screen.path, { waitUntil: 'load' });
  const where = `${screen.name} (${screen.path}) at ${width} px, ${scheme}`;
  const problems: string[] = [];
  if (response?.status() !== 200) problems.push(`answered ${response?.status()}`);
  await keepPicture(page, join(screensDir, `${screen.name}-${width}-${scheme}.png`));
  const { header, bars, scrollWidth, innerWidth, rem } = (await page.evaluate(measure)) as Measures;
  if (scrollWidth > innerWidth) problems.push(`the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
  problems.push(...layoutProblems(header.items, header.box));
  if (width >= 1024) {
    // One line: a horizontal band crosses every item.
    if (Math.max(...header.items.map((i) => i.top)) >= Math.min(...header.items.map((i) => i.bottom))) {
      problems.push(`the header wraps onto more than one line: ${header.items.map((i) => `${i.what} at y=${Math.round(i.top)}`).join(', ')}`);
    }
    if (header.items.some((i) => i.what.startsWith('summary'))) problems.push('a "Menu" button is shown on a wide screen');
  }
  for (const bar of bars) {
    problems.push(...layoutProblems(bar.items, bar.box));
    for (const s of bar.selects) if (s.width < 150) problems.push(`the select of ${s.what} is ${Math.round(s.width)} px wide, too narrow to read its choices`);
    for (const b of bar.buttons) if (b.height > 3.5 * rem || b.width > 16 * rem) problems.push(`${b.what} is ${Math.round(b.width)}×${Math.round(b.height)} px, not sized like a button`);
  }
  await checkA11y(page).catch((error: Error) => problems.push(error.message));
  return problems.map((p) => `${where}: ${p}`);
}

const skip = browserSkip();

describe('screens at every width, light and dark', () => {
  let site: Site;
  let visitor: Screen[];
  /** the admin's session, signed in once: the sign-in form's rate limit would refuse one sign-in per screen size */
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  before(async () => {
    if (skip) return;
    site = await startSite();
    await seedDemo(site.t.app.ctx);
    mkdirSync(screensDir, { recursive: true });
    const context = await site.browser.newContext({ baseURL: site.base, locale: 'fr-FR' });
    const page = await context.newPage();
    visitor = await visitorScreens(page);
    await signIn(page, admin, demoPassword);
    assert.ok(await page.locator('header .account-menu > summary').isVisible(), 'the admin is signed in');
    signedIn = await context.storageState();
    await context.close();
  });
  after(async () => {
    await site?.close();
  });

  for (const scheme of schemes) {
    for (const width of widths) {
      test(`${width} px, ${scheme}`, { skip, timeout: 180_000 }, async () => {
        const options = { baseURL: site.base, locale: 'fr-FR', colorScheme: scheme, viewport: { width, height: 800 } };
        const problems: string[] = [];
        for (const [screens, storageState] of [[visitor, undefined], [signedInScreens, signedIn]] as const) {
          const context = await site.browser.newContext({ ...options, storageState });
          try {
            const page = await context.newPage();
            for (const screen of screens) problems.push(...(await check(page, screen, width, scheme)));
          } finally {
            await context.close();
          }
        }
        assert.equal(problems.length, 0, `${problems.length} problem(s):\n${problems.join('\n')}`);
      });
    }
  }

  test('on a small screen the menu opens without JavaScript and every link of the header fits the screen', { skip, timeout: 60_000 }, async () => {
    // The helper's page, so that axe, while signing in, reads it as the page without scripts it is.
    const page = await newPage(site, { js: false });
    try {
      await page.setViewportSize({ width: 320, height: 800 });
      await signIn(page, admin, demoPassword);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      const menu = nav.getByText('Menu', { exact: true });
      assert.equal(await nav.getByRole('link', { name: 'Annuaire', exact: true }).isVisible(), false, 'the links wait behind the menu button');
      await menu.focus();
      await page.keyboard.press('Enter');
      for (const name of ['Consultations', 'Agenda', 'Projets', 'Annuaire', 'Rechercher', 'Administration']) {
        const link = nav.getByRole('link', { name, exact: true });
        assert.ok(await link.isVisible(), `${name} shown once the menu is open`);
        const box = (await link.boundingBox())!;
        assert.ok(box.x >= 0 && box.x + box.width <= 320, `${name} fits the screen`);
      }
      assert.ok(await nav.getByRole('button', { name: 'Se déconnecter', exact: true }).isVisible(), 'the account menu is in the menu');
      assert.ok(await nav.getByRole('button', { name: 'English', exact: true }).isVisible(), 'the language switch is in the menu');
      await keepPicture(page, join(screensDir, 'menu-open-320.png'));
    } finally {
      await page.context().close();
    }
  });

  test("from 1024 px the platform admin's header holds on one line, their own links behind their name", { skip, timeout: 60_000 }, async () => {
    const context = await site.browser.newContext({ baseURL: site.base, locale: 'fr-FR', storageState: signedIn });
    try {
      const page = await context.newPage();
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto('/consultations');
        const { header } = (await page.evaluate(measure)) as Measures;
        const problems = layoutProblems(header.items, header.box);
        if (Math.max(...header.items.map((i) => i.top)) >= Math.min(...header.items.map((i) => i.bottom))) problems.push(`wraps: ${header.items.map((i) => `${i.what} at y=${Math.round(i.top)}`).join(', ')}`);
        assert.deepEqual(problems, [], `at ${width} px`);
      }
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      assert.equal(await nav.getByRole('link', { name: 'Mon espace', exact: true }).isVisible(), false, 'closed until asked');
      await page.locator('.account-menu > summary').focus();
      await page.keyboard.press('Enter');
      for (const name of ['Mon espace', 'Mon compte', 'Administration']) assert.ok(await nav.getByRole('link', { name, exact: true }).isVisible(), `${name} in the account menu`);
      assert.ok(await nav.getByRole('button', { name: 'Se déconnecter', exact: true }).isVisible());
      await checkA11y(page);
      await page.screenshot({ path: join(screensDir, 'account-menu-open-1280.png') });
      await follow(page, nav.getByRole('link', { name: 'Mon espace', exact: true }));
      assert.equal(new URL(page.url()).pathname, '/me');
    } finally {
      await context.close();
    }
  });

  test('on a desktop the header links are there without JavaScript and with no menu button', { skip, timeout: 60_000 }, async () => {
    const page = await newPage(site, { js: false });
    try {
      await page.setViewportSize({ width: 1366, height: 800 });
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      assert.equal(await nav.getByText('Menu', { exact: true }).isVisible(), false);
      await page.keyboard.press('Tab'); // the skip link
      await page.keyboard.press('Tab'); // the brand
      await page.keyboard.press('Tab');
      assert.equal((await page.locator(':focus').textContent())?.trim(), 'Consultations', 'the first link is reached by the keyboard');
    } finally {
      await page.context().close();
    }
  });
});
