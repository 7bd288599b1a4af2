// The pages anyone can reach without an account, in both languages, with JavaScript on and off.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkip, follow, heading, jsLabel, journey, newPage, visit, sharedSite } from '../support/browser.ts';

const pages = ['/pages/legal-notice', '/pages/accessibility', '/pages/charter', '/pages/contact', '/login', '/password/forgot', '/register'];
const missing = ['/no-such-page', '/pages/no-such-page'];

// Without Chromium each journey is reported as skipped, with why (or fails in CI).
const skip = browserSkip();

describe('public pages in a browser', () => {
  const site = sharedSite();

  for (const js of [true, false]) {
    for (const [locale, lang] of [['fr-FR', 'fr'], ['en-GB', 'en']] as const) {
      test(`every public page is accessible, titled and in ${lang} (${jsLabel(js)})`, { skip }, async () => {
        const page = await newPage(site, { js, locale });
        await journey(page, `pages-${lang}-${js}`, async () => {
          for (const path of pages) {
            assert.equal(await visit(page, path), 200, path);
            assert.equal(await page.locator('html').getAttribute('lang'), lang, `lang of ${path}`);
            assert.match(await page.title(), / · Parvis$/, `title of ${path}`);
          }
          for (const path of missing) {
            assert.equal(await visit(page, path), 404, path);
            assert.equal(await page.locator('html').getAttribute('lang'), lang, `lang of ${path}`);
            assert.ok(await page.locator('main a[href="/"]').isVisible(), `a way home from ${path}`);
          }
        });
      });
    }

    test(`the footer leads to each static page (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `footer-${js}`, async () => {
        for (const path of pages.filter((p) => p.startsWith('/pages/'))) {
          await page.goto('/');
          await follow(page, page.locator(`footer a[href="${path}"]`));
          assert.equal(new URL(page.url()).pathname, path);
          assert.ok((await heading(page)).length > 0, `${path} has a heading`);
        }
      });
    });
  }
});
