// Project maps are maps or nothing: with tiles configured, Leaflet's container (hidden until drawn) carries the points
// and the form a location picker beside its fields; without tiles there is no box at all, only the places in words —
// the territory's name, never coordinates written out as text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from '../../../test/support/html-validator.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { makeOrg, makeProject } from './testing.ts';

const tiles = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';
const unquote = (text: string) => text.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const attribute = (body: string, id: string, name: string) => {
  const tag = new RegExp(`<[a-z]+ id="${id}"[^>]*>`).exec(body)?.[0];
  const value = tag && new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined || value === null ? undefined : unquote(value);
};
/** Latitude and longitude as people read them, in either language: what the pages must not print. */
const coordinatesAsText = /latitude\s*[-\d]|\b45[.,]76\d*|\b4[.,]858\d*|\b43[.,]312\d*/i;
/** The page's text, without tags and attributes (data attributes may carry the figures, for the script). */
const textOf = (body: string) => body.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');

async function valid(body: string) {
  const report = await validator.validateString(body);
  assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('; '));
}

for (const kind of testDatabases()) {
  describe(`project maps on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser;
    let lyon: number, marseille: number;

    before(async () => {
      t = await testApp(kind, { mapTileUrl: tiles });
      const db = t.app.ctx.db;
      const ownerId = await makeUser(t.app, 'map-owner@example.org');
      const org = await makeOrg(db, 'map-ville', 'collectivite', [ownerId], { verifiedAt: new Date(), verifiedBy: 'admin' });
      lyon = await makeProject(db, org, { title: 'Logistique à la Part-Dieu', territory: ['commune', '69123'], point: [45.7605, 4.8583] });
      marseille = await makeProject(db, org, { title: 'Ombrières du Vieux-Port', territory: ['commune', '13055'], point: [43.3128, 5.3669] });
      await makeProject(db, org, { title: 'Un projet sans lieu précis', territory: ['departement', '13'] });
      owner = await signIn(t.app, 'map-owner@example.org', '10.9.4.1');
    });
    after(() => t.close());

    const withoutTiles = async <T,>(run: () => Promise<T>) => {
      t.app.ctx.config.mapTileUrl = undefined;
      t.app.pageCache.clear();
      try {
        return await run();
      } finally {
        t.app.ctx.config.mapTileUrl = tiles;
        t.app.pageCache.clear();
      }
    };

    test('Leaflet, its marker images and the script are served from the app; the CSP lets the tiles in', async () => {
      for (const asset of ['/assets/leaflet.js', '/assets/leaflet.css', '/assets/images/marker-icon.png', '/assets/js/projects-map.js']) {
        assert.equal((await t.app.inject({ url: asset })).statusCode, 200, asset);
      }
      const page = await new Browser(t.app).get('/projects');
      assert.match(String(page.headers['content-security-policy']), /img-src 'self' data: https:\/\/\*\.tiles\.example\.org/);
      assert.doesNotMatch(String(page.headers['content-security-policy']), /script-src[^;]*unsafe-inline/);
    });

    test('the list carries the map of its located projects, hidden until drawn, and their places in words', async () => {
      const page = await new Browser(t.app).get('/projects');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<section id="projects-map" class="projects-map" hidden aria-label="Carte des projets localisés de cette page"/);
      assert.equal(attribute(page.body, 'projects-map', 'data-tiles'), tiles);
      assert.equal(attribute(page.body, 'projects-map', 'data-attribution'), 'Fond de carte : {s}.tiles.example.org');
      const points = JSON.parse(attribute(page.body, 'projects-map', 'data-points')!) as { title: string; url: string; lat: number; lng: number }[];
      assert.deepEqual(
        points.map((p) => [p.title, p.url, p.lat, p.lng]).sort(),
        [
          ['Logistique à la Part-Dieu', `/projects/${lyon}`, 45.7605, 4.8583],
          ['Ombrières du Vieux-Port', `/projects/${marseille}`, 43.3128, 5.3669],
        ],
      );
      assert.match(page.body, /<script src="\/assets\/leaflet\.js\?v=[^"]+" defer><\/script>/);
      assert.match(page.body, /<script src="\/assets\/js\/projects-map\.js\?v=[^"]+" defer><\/script>/);
      assert.match(page.body, new RegExp(`<a href="/projects/${lyon}">Logistique à la Part-Dieu</a> — <span>Lyon \\(commune, 69123\\)</span>`));
      assert.ok(!page.body.includes('map.svg'), 'no drawing of dots any more');
      assert.doesNotMatch(textOf(page.body), coordinatesAsText);
      await valid(page.body);
    });

    test('without tiles: no map box and no Leaflet, the places named by their commune, no coordinates', async () => {
      await withoutTiles(async () => {
        for (const visitor of [new Browser(t.app), owner]) {
          const page = await visitor.get('/projects');
          assert.equal(page.statusCode, 200);
          assert.ok(!page.body.includes('projects-map') && !page.body.includes('leaflet'), 'no map at all');
          const places = /<section aria-labelledby="map-title">([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? '';
          assert.match(places, /Lieux des projets de cette page/);
          assert.match(places, /Logistique à la Part-Dieu<\/a> — <span>Lyon \(commune, 69123\)<\/span>/);
          assert.match(places, /Ombrières du Vieux-Port<\/a> — <span>Marseille \(commune, 13055\)<\/span>/);
          assert.ok(!places.includes('Un projet sans lieu précis'), 'only projects with a point are places');
          assert.doesNotMatch(textOf(page.body), coordinatesAsText);
          await valid(page.body);
        }
        const english = await new Browser(t.app).get('/projects', { 'accept-language': 'en' });
        assert.match(english.body, /Places of the projects on this page/);
        assert.doesNotMatch(textOf(english.body), coordinatesAsText);
      });
    });

    test("a project's page names its place and, with tiles, carries its own map", async () => {
      const page = await new Browser(t.app).get(`/projects/${lyon}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /point précis, Lyon \(commune, 69123\)/);
      assert.match(page.body, /<section id="projects-map" class="projects-map" hidden aria-label="Carte du lieu du projet « Logistique à la Part-Dieu »"/);
      assert.deepEqual(JSON.parse(attribute(page.body, 'projects-map', 'data-points')!), [{ lat: 45.7605, lng: 4.8583, title: 'Logistique à la Part-Dieu', url: `/projects/${lyon}` }]);
      assert.doesNotMatch(textOf(page.body), coordinatesAsText);
      await valid(page.body);
      await withoutTiles(async () => {
        const plain = await new Browser(t.app).get(`/projects/${lyon}`);
        assert.match(plain.body, /point précis, Lyon \(commune, 69123\)/);
        assert.ok(!plain.body.includes('projects-map') && !plain.body.includes('leaflet'));
        assert.doesNotMatch(textOf(plain.body), coordinatesAsText);
      });
    });

    test('the form keeps labelled latitude and longitude fields, with a picker beside them only when tiles are configured', async () => {
      const edit = await owner.get(`/projects/${lyon}/edit`);
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /<label for="field-latitude"/);
      assert.match(edit.body, /<label for="field-longitude"/);
      assert.match(edit.body, /id="field-latitude"[^>]*value="45,7605"/, 'the fields hold the point, in French');
      assert.match(edit.body, /<div id="location-picker" class="location-picker" hidden/);
      assert.equal(attribute(edit.body, 'location-picker', 'data-latitude'), 'field-latitude');
      assert.equal(attribute(edit.body, 'location-picker', 'data-longitude'), 'field-longitude');
      assert.equal(attribute(edit.body, 'location-picker', 'data-tiles'), tiles);
      assert.ok(edit.body.indexOf('id="field-longitude"') < edit.body.indexOf('id="location-picker"'), 'the fields come first: keyboard users reach them before the map');
      await valid(edit.body);
      await withoutTiles(async () => {
        const plain = await owner.get('/projects/new');
        assert.match(plain.body, /<label for="field-latitude"/);
        assert.ok(!plain.body.includes('location-picker') && !plain.body.includes('leaflet'));
      });
    });
  });
}
