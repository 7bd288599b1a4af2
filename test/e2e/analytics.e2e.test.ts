// Dashboards and open data in a browser, with JavaScript on and off (axe and HTML checks on every page): a visitor
// opens the demo consultation's dashboard, reads a chart and its table, the opinion groups and the topic groups, and
// the open-data page with its download.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../src/modules/demo.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, startSite, type Site } from '../support/browser.ts';

const skip = browserSkip();

describe('analytics and open data in a browser', () => {
  let site: Site;
  before(async () => {
    if (skip) return;
    site = await startSite();
    await seedDemo(site.t.app.ctx);
    await site.t.app.ctx.jobs.drainAll();
  });
  after(async () => {
    await site?.close();
  });

  for (const js of [true, false]) {
    test(`a visitor reads the dashboard, the opinion groups and takes the data away (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `analytics-${js}`, async () => {
        await page.goto('/consultations');
        await follow(page, page.locator('main a[href^="/consultations/"]').first());
        await follow(page, page.locator('main').getByRole('link', { name: 'Tableau de bord', exact: true }));
        await checkPage(page);
        assert.match(await heading(page), /^Tableau de bord/);
        const chart = page.locator('svg.chart-svg[role="img"]').first();
        assert.ok((await chart.count()) === 1, 'a chart');
        assert.ok((await chart.locator('title').textContent())?.length, 'the chart has a title');
        await page.locator('details summary', { hasText: 'Voir les données en tableau' }).first().click();
        assert.ok(await page.locator('details[open] table').first().isVisible(), 'its table opens');
        await follow(page, page.locator('main').getByRole('link', { name: 'Groupes d’opinion' }).first().or(page.locator('main').getByRole('link', { name: "Groupes d'opinion" }).first()));
        await checkPage(page);
        assert.match(await heading(page), /^Groupes d'opinion/);
        await page.goBack();
        await follow(page, page.locator('main').getByRole('link', { name: /Données ouvertes de la consultation/ }));
        await checkPage(page);
        assert.match(await heading(page), /^Données ouvertes/);
        const link = page.getByRole('link', { name: "Télécharger l'archive (.zip)" });
        assert.equal(await link.count(), 1, 'the archive is ready to download');
        const response = await page.request.get(new URL(String(await link.getAttribute('href')), page.url()).toString());
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-type'], 'application/zip');
      });
    });
  }
});
