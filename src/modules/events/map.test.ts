// The agenda's map: only when tiles are configured, with the tile server allowed by the CSP, Leaflet served from the
// app's own assets, the points of the in-person events, and the page valid without it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from '../../../test/support/html-validator.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser } from '../../../test/support/roles.ts';
import { loadConfig, ConfigError } from '../../config.ts';
import { eventFixture } from './fixture.ts';

test('MAP_TILE_URL must be an http(s) template with {z}, {x} and {y}', () => {
  const base = { PARVIS_DATA_DIR: '/tmp/parvis-map-config', SESSION_SECRET: 'x'.repeat(40) };
  assert.equal(loadConfig(base).mapTileUrl, undefined);
  assert.equal(loadConfig({ ...base, MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' }).mapTileUrl, 'https://{s}.tiles.example.org/{z}/{x}/{y}.png');
  assert.throws(() => loadConfig({ ...base, MAP_TILE_URL: 'https://tiles.example.org/map.png' }), ConfigError);
  assert.throws(() => loadConfig({ ...base, MAP_TILE_URL: 'javascript:alert(1)//{z}{x}{y}' }), ConfigError);
});

for (const kind of testDatabases()) {
  describe(`agenda map on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind, { mapTileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
      const adminId = await makeUser(t.app, 'map-animator@example.org');
      await makeOrganization(t.app, 'map-reseau', adminId, 'reseau');
      await eventFixture(t.app, 'map-reseau', { title: 'Atelier sur la carte' });
    });
    after(() => t.close());

    test('the agenda carries the map, hidden until the script draws it; the CSP lets the tiles in; Leaflet is served locally', async () => {
      const page = await new Browser(t.app).get('/events');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<section id="events-map" class="events-map" hidden/);
      const points = JSON.parse(/data-points="([^"]+)"/.exec(page.body)![1]!.replace(/&#34;|&quot;/g, '"'));
      assert.deepEqual(points.map((p: { title: string; lat: number }) => [p.title, p.lat]), [['Atelier sur la carte', 45.76]]);
      assert.match(String(page.headers['content-security-policy']), /img-src 'self' data: https:\/\/\*\.tiles\.example\.org/);
      const report = await validator.validateString(page.body);
      assert.ok(report.valid, report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('; '));
      for (const asset of ['/assets/leaflet.js', '/assets/leaflet.css', '/assets/images/marker-icon.png', '/assets/js/events-map.js', '/assets/css/events.css']) {
        assert.equal((await t.app.inject({ url: asset })).statusCode, 200, asset);
      }
    });
  });
}
