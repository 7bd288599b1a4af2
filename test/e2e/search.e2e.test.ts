// The site-wide search in a browser, with JavaScript on and off: from the navigation, a query without accents finds
// accented contributions, the words found are marked, "more" leads to one kind with pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, sharedSite } from '../support/browser.ts';

const skip = browserSkip();

describe('search in a browser', () => {
  const site = sharedSite({ demo: true });

  for (const js of [true, false]) {
    test(`a visitor searches from the navigation and narrows to contributions (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `search-${js}`, async () => {
        await page.goto('/');
        await follow(page, page.locator('header nav').getByRole('link', { name: 'Rechercher', exact: true }));
        await checkPage(page);
        assert.equal(await heading(page), 'Rechercher');
        await page.getByLabel('Mots à chercher').fill('experimentation');
        await follow(page, page.locator('main').getByRole('button', { name: 'Rechercher', exact: true }));
        await checkPage(page);
        const contributions = page.locator('section[aria-labelledby="results-contributions"]');
        assert.ok((await contributions.locator('li').count()) > 0, 'contributions found without the accent');
        assert.ok((await contributions.locator('mark').count()) > 0, 'the words found are marked');
        const more = contributions.getByRole('link', { name: /Voir les \d+ résultats/ });
        if ((await more.count()) > 0) {
          await follow(page, more);
          await checkPage(page);
          assert.equal(new URL(page.url()).searchParams.get('type'), 'contributions');
        }
        await follow(page, page.locator('.search-results a').first());
        await checkPage(page);
        assert.match(new URL(page.url()).pathname, /^\/contributions\/\d+$/);
      });
    });
  }
});
