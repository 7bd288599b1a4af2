// The territory field in a browser, JavaScript on and off: a name typed in the agenda filter is read, an ambiguous
// one offers its choices as links with the rest of the filter kept, the picked one shows by name; with JavaScript
// the field suggests territories as one types. Every page checked by axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkip, checkPage, follow, jsLabel, journey, newPage, visit, sharedSite } from '../support/browser.ts';

const skip = browserSkip();

describe('the territory field in a browser', () => {
  const site = sharedSite();

  for (const js of [true, false]) {
    test(`a name typed in a filter, an ambiguous one picked from its choices (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `territory-filter-${js}`, async () => {
        await visit(page, '/projects?state=open');
        const field = page.locator('#filter-territory');
        if (js) {
          await field.pressSequentially('Villeur', { delay: 30 });
          await page.locator('#filter-territory-options option[value="Villeurbanne (commune, 69266)"]').waitFor({ state: 'attached' });
        }
        await field.fill('Paris');
        await follow(page, page.getByRole('button', { name: 'Filtrer', exact: true }));
        assert.match(await page.locator('main').innerText(), /2 territoires correspondent/);
        await checkPage(page);
        await follow(page, page.getByRole('link', { name: 'Paris (commune, 75056)', exact: true }));
        assert.equal(await page.locator('#filter-territory').inputValue(), 'Paris (commune, 75056)');
        assert.match(page.url(), /state=open/);
        await checkPage(page);
        await visit(page, '/events?territory=bouches%20du%20rhone');
        assert.equal(await page.locator('#field-territory').inputValue(), 'Bouches-du-Rhône (département, 13)');
        await checkPage(page);
      });
    });
  }
});
