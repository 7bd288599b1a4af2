// Dashboards and open data in a browser, with JavaScript on and off (axe and HTML checks on every page), issue 13's
// "Done when": a visitor opens the demo consultation's dashboard, reads a chart and its table, opens the opinion groups
// and the consensus list, and downloads the open-data archive (a zip with the expected files); an organizer renames a
// topic group and cites it in the phase's synthesis, which then links to the group under its new name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { demoPassword } from '../../src/modules/accounts/demo.ts';
import { seedDemo } from '../../src/modules/demo.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, startSite, type Site } from '../support/browser.ts';
import { unzip } from '../support/zip.ts';

const skip = browserSkip();
// The 2020 scenario: its closed phases have the votes of the demo panel (opinion groups) and enough contributions for topic groups.
const seed = { slug: 'place-de-l-innovation-urbaine', title: "Place de l'innovation urbaine" };
// Hélène Martin is an admin of Cap Digital, an organizer of the 2020 scenario.
const helene = 'organisatrice@capdigital.example';

const pathOf = (page: Page) => new URL(page.url()).pathname;

async function go(page: Page, link: Locator): Promise<void> {
  await follow(page, link);
  await checkPage(page);
}

async function openDashboard(page: Page): Promise<void> {
  await page.goto('/consultations');
  await checkPage(page);
  await go(page, page.locator('main h2 a', { hasText: seed.title }));
  assert.equal(pathOf(page), `/consultations/${seed.slug}`);
  await go(page, page.locator('main').getByRole('link', { name: 'Tableau de bord', exact: true }));
  assert.equal(pathOf(page), `/consultations/${seed.slug}/dashboard`);
}

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
    test(`a visitor reads the dashboard, the opinion groups and their consensus, and takes the data away (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `analytics-visitor-${js}`, async () => {
        await openDashboard(page);
        assert.equal(await heading(page), `Tableau de bord — ${seed.title}`);

        // A chart: an image with its title and description, and the same figures in a table.
        const chart = page.locator('section.chart').filter({ has: page.locator('svg.chart-svg[role="img"]') }).first();
        const svg = chart.locator('svg.chart-svg');
        assert.ok((await svg.locator('title').textContent())?.trim(), 'the chart has a title');
        assert.ok((await svg.locator('desc').textContent())?.trim(), 'the chart has a description');
        assert.ok(await svg.getAttribute('aria-labelledby'), 'the title and description name the image');
        const table = chart.locator('details table');
        assert.equal(await table.isVisible(), false, 'the table waits in its details');
        await chart.locator('details summary', { hasText: 'Voir les données en tableau' }).click();
        assert.ok(await table.isVisible(), 'its table opens');
        assert.ok((await table.locator('tbody tr').count()) > 0, 'the table has rows');
        assert.ok((await table.locator('caption').innerText()).trim(), 'the table has a caption');

        // The opinion groups of phase 1, and what every group agrees with.
        await go(page, page.locator(`main a[href="/consultations/${seed.slug}/phases/1/opinions"]`));
        assert.match(await heading(page), /^Groupes d'opinion de la phase 1/);
        assert.match(await page.locator('main').innerText(), /Comment ces groupes sont faits/);
        assert.match(await page.locator('h2#groups').innerText(), /^[2-5] groupes d'opinion$/);
        const map = page.locator('svg[role="img"]').first();
        assert.ok((await map.locator('desc').textContent())?.includes('Groupe A'), 'the map describes its groups');
        const consensus = page.locator('section[aria-labelledby="consensus"]');
        assert.equal(await consensus.locator('h2').innerText(), 'Ce qui fait consensus');
        const agreed = consensus.locator('ol.opinion-list > li');
        assert.ok((await agreed.count()) > 0, 'the consensus list names contributions');
        const first = agreed.first();
        const votesTable = first.locator('table.group-votes');
        assert.ok((await votesTable.locator('tbody tr').count()) >= 2, 'how each group voted');
        assert.ok((await page.locator('section[aria-labelledby="divisive"] ol.opinion-list > li').count()) > 0, 'and what divides them');
        const title = (await first.locator('a').innerText()).trim();
        await go(page, first.locator('a'));
        assert.equal(await heading(page), title);

        // The consultation's open data, and its archive.
        await openDashboard(page);
        await go(page, page.locator('main').getByRole('link', { name: /Données ouvertes de la consultation/ }));
        assert.match(await heading(page), /^Données ouvertes/);
        const link = page.getByRole('link', { name: "Télécharger l'archive (.zip)" });
        assert.equal(await link.count(), 1, 'the archive is ready to download');
        const href = String(await link.getAttribute('href'));
        // A download is no page: the browser's request (with the visitor's cookies) fetches it.
        const response = await page.request.get(new URL(href, page.url()).toString());
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-type'], 'application/zip');
        assert.match(response.headers()['content-disposition'] ?? '', /attachment/);
        const files = await unzip(await response.body());
        for (const name of ['README.md', 'datapackage.json', 'csv/consultations.csv', 'csv/contributions.csv', 'excel/contributions.csv', 'json/contributions.json', 'json/syntheses.json']) assert.ok(files.has(name), `${name} in the archive`);
        const contributions = JSON.parse(files.get('json/contributions.json')!.toString('utf8')) as { title: string }[];
        assert.ok(contributions.some((c) => c.title === title), 'the contribution read above is in the archive');
        assert.ok(files.get('excel/contributions.csv')!.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'the Excel variant starts with its BOM');
        const descriptor = JSON.parse(files.get('datapackage.json')!.toString('utf8')) as { resources: { path: string }[] };
        assert.ok(descriptor.resources.some((r) => r.path === 'csv/contributions.csv'), 'datapackage.json describes the files');
        assert.doesNotMatch([...files.values()].map((b) => b.toString('utf8')).join('\n'), /@[a-z0-9-]+\.example\b/, 'no e-mail address anywhere');
      });
    });

    test(`an organizer renames a topic group and cites it in the synthesis (${jsLabel(js)})`, { skip }, async () => {
      // Each run works on its own phase, so the two runs do not depend on each other.
      const position = js ? 2 : 3;
      const label = js ? 'Expérimenter en conditions réelles' : 'Ouvrir les données des villes';
      const page = await newPage(site, { js });
      await journey(page, `analytics-organizer-${js}`, async () => {
        await signIn(page, helene, demoPassword);
        await openDashboard(page);
        await go(page, page.locator(`main a[href="/consultations/${seed.slug}/phases/${position}/topics"]`));
        assert.match(await heading(page), new RegExp(`^Groupes thématiques de la phase ${position}`));
        const group = page.locator('ol.topic-list > li h2 a').first();
        const groupPath = String(await group.getAttribute('href'));
        await go(page, group);
        assert.equal(pathOf(page), groupPath);

        // Renaming: the group's page and the list of groups then carry the name.
        await page.getByRole('textbox', { name: /^Nom du groupe/ }).fill(label);
        await follow(page, page.getByRole('button', { name: 'Renommer', exact: true }));
        assert.equal(pathOf(page), groupPath);
        assert.match(await page.locator('.flash').innerText(), /Groupe renommé/);
        assert.equal(await heading(page), label);
        assert.match(await page.locator('main p.meta').first().innerText(), /^Mots caractéristiques : /, 'its words stay beside the name');
        await checkPage(page);

        // The citation to paste into the synthesis, then the synthesis itself.
        const citation = await page.getByLabel('Citer ce groupe dans la synthèse', { exact: true }).inputValue();
        assert.equal(citation, `[${label}](${groupPath})`);
        await go(page, page.getByRole('link', { name: 'Écrire la synthèse', exact: true }));
        assert.equal(pathOf(page), `/consultations/${seed.slug}/phases/${position}/synthesis`);
        const body = page.getByLabel('Texte de la synthèse', { exact: true });
        const before = await body.inputValue();
        await body.fill(`${before}\n\nUn thème revient souvent : ${citation}.`.trim());
        await follow(page, page.getByRole('button', { name: 'Publier la synthèse', exact: true }));
        assert.match(await page.locator('.flash').innerText(), /La synthèse est publiée/);
        await checkPage(page);
        const cited = page.locator(`article .prose a[href="${groupPath}"]`);
        assert.equal(await cited.innerText(), label);
      });

      // A visitor reads the synthesis and follows the citation to the group, named as the organizer named it.
      const visitor = await newPage(site, { js });
      await journey(visitor, `analytics-synthesis-visitor-${js}`, async () => {
        await visitor.goto(`/consultations/${seed.slug}/phases/${position}/synthesis`);
        await checkPage(visitor);
        await go(visitor, visitor.locator('article .prose a', { hasText: label }));
        assert.equal(await heading(visitor), label);
        await go(visitor, visitor.locator('nav.breadcrumb a', { hasText: 'Groupes thématiques' }));
        assert.equal(await visitor.locator('ol.topic-list > li h2 a', { hasText: label }).count(), 1, 'the list of groups shows the new name');
      });
    });
  }
});
