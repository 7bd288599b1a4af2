// The home page shows what is going on now, and only what the person may see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { activeContent } from '../../../test/support/inert.ts';
import { demoPassword } from '../accounts/demo.ts';
import { seedDemo } from '../demo.ts';

describe('home page', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
    await seedDemo(t.app.ctx);
  });
  after(() => t.close());

  test('a visitor sees the open consultation, the next events and the open public projects', async () => {
    const page = await new Browser(t.app, '10.15.0.1').get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/consultations\/rafraichir-nos-villes"/);
    assert.ok(!page.body.includes('href="/consultations/place-de-l-innovation-urbaine"'), 'a finished consultation is not "now"');
    assert.match(page.body, /Atelier îlots de fraîcheur à Montpellier|Atelier « la rue fraîche » à Marseille/);
    assert.match(page.body, /Un hub logistique du dernier kilomètre à la Part-Dieu/);
    assert.ok(!page.body.includes('ZAC Littorale'), 'a project for invited organizations only stays hidden');
    assert.deepEqual(activeContent(page.body), []);
  });

  test('a member of an invited organization sees the restricted project there too', async () => {
    const lea = new Browser(t.app, '10.15.0.2');
    assert.equal((await lea.post('/login', { email: 'lea.moreau@mobilcity.example', password: demoPassword, next: '/' })).statusCode, 303);
    const page = await lea.get('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /ZAC Littorale/);
  });
});
