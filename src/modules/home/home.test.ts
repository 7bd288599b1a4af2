// The home page shows what is going on now, and only what the person may see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { activeContent } from '../../../test/support/inert.ts';
import { demoPassword } from '../accounts/demo.ts';
import { refreshPlatform } from '../analytics/compute.ts';
import { seedDemo } from '../demo.ts';

describe('home page', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
    await seedDemo(t.app.ctx);
    // The figures read the accounts from the analytics job's platform figures.
    await refreshPlatform(t.app.ctx.db);
  });
  after(() => t.close());

  test('a visitor sees the open consultation, the next events and the open public projects', async () => {
    const page = await new Browser(t.app, '10.15.0.1').get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/consultations\/rafraichir-nos-villes"/);
    const now = page.body.slice(page.body.indexOf('id="now-consultations"'), page.body.indexOf('id="showcase-title"'));
    assert.ok(!now.includes('href="/consultations/place-de-l-innovation-urbaine"'), 'a finished consultation is not "now"');
    assert.match(page.body, /Atelier îlots de fraîcheur à Montpellier|Atelier « la rue fraîche » à Marseille/);
    assert.match(page.body, /Un hub logistique du dernier kilomètre à la Part-Dieu/);
    assert.ok(!page.body.includes('ZAC Littorale'), 'a project for invited organizations only stays hidden');
    assert.deepEqual(activeContent(page.body), []);
  });

  test('the figures, what is open with its deadline, the finished showcase with its syntheses, how it works', async () => {
    const body = (await new Browser(t.app, '10.15.0.3').get('/')).body;
    const figure = (label: string) => new RegExp(`<dt>${label}</dt><dd>[0-9\u202f\u00a0 ]+</dd>`);
    for (const label of ['participants', 'contributions', 'organisations', 'ateliers']) assert.match(body, figure(label), label);
    assert.match(body, /Ouverte maintenant :<\/strong> <a href="\/consultations\/rafraichir-nos-villes\/phases\/2">[^<]+<\/a> · <time datetime="[^"]+">(jusqu&#39;au \d+ \p{L}+|plus que \d+ jours|dernier jour)<\/time>/u);
    assert.match(body, /Terminée — lire les synthèses/);
    assert.match(body, /href="\/consultations\/place-de-l-innovation-urbaine\/phases\/1\/synthesis"/);
    assert.match(body, /Comment ça marche/);
    assert.match(body, /<img src="\/assets\/images\/covers\/park\.svg\?v=[^"]+" alt="Illustration : un parc[^"]+"/);
  });

  test('the list of consultations shows cards with cover, status and phase; project cards their illustration', async () => {
    const visitor = new Browser(t.app, '10.15.0.4');
    const list = (await visitor.get('/consultations')).body;
    assert.match(list, /<img src="\/assets\/images\/covers\/neighbourhood\.svg\?v=[^"]+" alt="Illustration : un quartier[^"]+"/);
    assert.match(list, /class="badge badge-open"/);
    assert.match(list, /class="badge badge-closed"/);
    assert.match(list, /Ouverte maintenant :/);
    const page = (await visitor.get('/consultations/rafraichir-nos-villes')).body;
    assert.match(page, /alt="Illustration : un parc/);
    const projects = (await visitor.get('/projects')).body;
    assert.match(projects, /<img src="\/assets\/images\/covers\/streets\.svg\?v=[^"]+" alt="Illustration : une rue/);
    const english = (await visitor.get('/consultations', { 'accept-language': 'en' })).body;
    assert.match(english, /alt="Illustration: a neighbourhood/);
  });

  test('a member of an invited organization sees the restricted project there too', async () => {
    const lea = new Browser(t.app, '10.15.0.2');
    assert.equal((await lea.post('/login', { email: 'lea.moreau@mobilcity.example', password: demoPassword, next: '/' })).statusCode, 303);
    const page = await lea.get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /ZAC Littorale/);
  });
});
