// Project maps in a real browser: with JavaScript the picker fills the latitude and longitude fields on a click and
// follows what is typed; without it the list of places is all there is, and every page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { makeOrg, makeProject } from '../../src/modules/projects/testing.ts';
import { strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, journey, newPage, signIn, startSite, type Site } from '../support/browser.ts';

const skip = browserSkip();

describe('project maps in a browser', () => {
  let site: Site;
  let projectId: number;
  before(async () => {
    if (skip) return;
    site = await startSite();
    const db = site.t.app.ctx.db;
    const owner = await createUserDirect(db, { email: 'carte-ville@example.org', password: strongPassword, displayName: 'Agathe Carte' });
    const org = await makeOrg(db, 'carte-ville', 'collectivite', [owner.id], { verifiedAt: new Date(), verifiedBy: 'admin' });
    projectId = await makeProject(db, org, { title: 'Logistique cartographiée', territory: ['commune', '69123'], point: [45.7605, 4.8583] });
    // Tiles from nowhere: the maps must still draw their markers, and the pages stay accessible.
    site.t.app.ctx.config.mapTileUrl = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
    site.t.app.pageCache.clear();
  });
  after(async () => {
    await site?.close();
  });

  test('the picker fills the fields on a click and its marker follows what is typed (JavaScript on)', { skip }, async () => {
    const page = await newPage(site, { js: true });
    await journey(page, 'projects-map-picker', async () => {
      await signIn(page, 'carte-ville@example.org', strongPassword);
      await page.goto(`/projects/${projectId}/edit`);
      const map = page.locator('#location-picker .projects-map');
      await page.locator('#location-picker .leaflet-marker-icon').waitFor();
      assert.ok(await page.locator('#location-picker').isVisible());
      await map.scrollIntoViewIfNeeded();
      const box = (await map.boundingBox())!;
      // Up and left of the marker, clear of the zoom buttons in the corner.
      await map.click({ position: { x: box.width / 4, y: box.height / 4 } });
      const latitude = await page.locator('#field-latitude').inputValue();
      const longitude = await page.locator('#field-longitude').inputValue();
      assert.match(latitude, /^\d+,\d+$/, `a French decimal latitude: ${latitude}`);
      assert.notEqual(latitude, '45,7605', 'the click moved the point');
      assert.ok(Number(latitude.replace(',', '.')) > 45.7605 && Number(longitude.replace(',', '.')) < 4.8583, 'up and left of the old point');
      const before = await page.locator('#location-picker .leaflet-marker-icon').boundingBox();
      await page.locator('#field-latitude').fill('45,7705');
      await page.locator('#field-longitude').fill('4,8583');
      await page.waitForTimeout(400);
      const afterTyping = await page.locator('#location-picker .leaflet-marker-icon').boundingBox();
      assert.notDeepEqual(afterTyping, before, 'the marker followed the fields');
      await checkPage(page);
      await page.goto('/projects');
      await page.locator('#projects-map .leaflet-marker-icon').first().waitFor();
      assert.equal(await page.locator('#projects-map .leaflet-marker-icon[alt="Logistique cartographiée"]').count(), 1);
      await checkPage(page);
    });
  });

  test('without JavaScript: no map, the places named by their commune, the fields still there (JavaScript off)', { skip }, async () => {
    const page = await newPage(site, { js: false });
    await journey(page, 'projects-map-nojs', async () => {
      await page.goto('/projects');
      assert.equal(await page.locator('#projects-map').isVisible(), false);
      assert.match(await page.locator('section[aria-labelledby="map-title"]').innerText(), /Logistique cartographiée — Lyon \(commune, 69123\)/);
      await checkPage(page);
      await signIn(page, 'carte-ville@example.org', strongPassword);
      await page.goto(`/projects/${projectId}/edit`);
      assert.equal(await page.locator('#location-picker').isVisible(), false);
      assert.equal(await page.getByLabel('Latitude').inputValue(), '45,7605');
      await checkPage(page);
    });
  });
});
