import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';

for (const kind of testDatabases()) {
  describe(`organizations on ${kind}`, () => {
    let t: TestApp;
    let marie: Browser;
    before(async () => {
      t = await testApp(kind);
      await makeUser(t.app, 'marie@lyon.example');
      marie = await signIn(t.app, 'marie@lyon.example', '10.1.0.1');
    });
    after(() => t.close());

    test('a signed-in person creates an organization and becomes its admin; its type is only claimed', async () => {
      const created = await marie.post('/organizations/new', {
        name: 'Métropole de Lyon',
        type: 'collectivite',
        description: 'La métropole.\n\nDeuxième paragraphe <script>alert(1)</script>',
        website: 'https://www.grandlyon.com',
        domains: ['mobilite', 'eau'],
        territory: 'epci:200046977',
        siret: '216 901 231 00011',
      }, { csrfFrom: '/organizations/new' });
      assert.equal(created.statusCode, 303);
      assert.equal(created.headers.location, '/organizations/metropole-de-lyon');
      const page = await marie.get('/organizations/metropole-de-lyon');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Métropole de Lyon<\/h1>/);
      assert.match(page.body, /déclarée/);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /&lt;script>|&lt;script&gt;/);
      assert.match(page.body, /rel="nofollow ugc noopener"/);
      assert.match(page.body, /Métropole de Lyon \(intercommunalité, 200046977\)/);
      assert.match(page.body, /Mobilité/);
      assert.match(page.body, /href="\/organizations\/metropole-de-lyon\/edit"/);
      assert.match(page.body, /administrateur·rice/);
      const again = await marie.post('/organizations/new', { name: 'Metropole de Lyon', type: 'collectivite' }, { csrfFrom: '/organizations/new' });
      assert.equal(again.headers.location, '/organizations/metropole-de-lyon-2');
    });

    test('a rejected form keeps the input and says what is wrong beside each field', async () => {
      const response = await marie.post('/organizations/new', {
        name: 'X',
        type: '<script>',
        website: 'http://insecure.example',
        siret: '12345678901234',
        territory: 'commune:99999',
      }, { csrfFrom: '/organizations/new' });
      assert.equal(response.statusCode, 422);
      for (const field of ['name', 'type']) assert.match(response.body, new RegExp(`id="error-${field}"`));
      assert.match(response.body, /value="http:\/\/insecure.example"/);
      const insecure = await marie.post('/organizations/new', { name: 'Bonne Asso', type: 'association', website: 'javascript:alert(1)' }, { csrfFrom: '/organizations/new' });
      assert.equal(insecure.statusCode, 422);
      assert.match(insecure.body, /id="error-website"/);
      const checksum = await marie.post('/organizations/new', { name: 'Bonne Asso', type: 'association', siret: '12345678901234' }, { csrfFrom: '/organizations/new' });
      assert.equal(checksum.statusCode, 422);
      assert.match(checksum.body, /id="error-siret"[^>]*>Ce numéro n&#39;est pas un SIRET valide|id="error-siret"[^>]*>Ce numéro n'est pas un SIRET valide/);
      const territory = await marie.post('/organizations/new', { name: 'Bonne Asso', type: 'association', territory: 'commune:99999' }, { csrfFrom: '/organizations/new' });
      assert.equal(territory.statusCode, 422);
      assert.match(territory.body, /id="error-territory"/);
    });

    test('the territory is typed by name without JavaScript: an ambiguous one asks, the pick is saved and shown by name', async () => {
      const ambiguous = await marie.post('/organizations/new', { name: 'Ville de Paris', type: 'collectivite', description: 'Gardée', territory: 'Paris' }, { csrfFrom: '/organizations/new' });
      assert.equal(ambiguous.statusCode, 422);
      assert.match(ambiguous.body, /type="radio" name="territoryChoice" value="commune:75056"/);
      assert.match(ambiguous.body, /value="Ville de Paris"/);
      assert.match(ambiguous.body, />Gardée<\/textarea>/);
      const saved = await marie.post('/organizations/new', { name: 'Ville de Marseille', type: 'collectivite', territory: 'marseille' }, { csrfFrom: '/organizations/new' });
      assert.equal(saved.statusCode, 303);
      const edit = await marie.get(`${saved.headers.location}/edit`);
      assert.match(edit.body, /name="territory" value="Marseille \(commune, 13055\)"/);
    });

    test('only the admin edits; editing keeps the slug and a new type is claimed again', async () => {
      await marie.post('/organizations/new', { name: 'Atelier Urbain', type: 'bureau_etudes' }, { csrfFrom: '/organizations/new' });
      const other = await signIn(t.app, (await makeUser(t.app, 'other@example.org'), 'other@example.org'), '10.1.0.2');
      const refused = await other.post('/organizations/atelier-urbain/edit', { name: 'Pris', type: 'startup' }, { csrfFrom: '/organizations' });
      assert.equal(refused.statusCode, 403);
      assert.equal((await other.get('/organizations/atelier-urbain/edit')).statusCode, 403);
      const visitor = new Browser(t.app, '10.1.0.3');
      const asVisitor = await visitor.get('/organizations/atelier-urbain/edit');
      assert.equal(asVisitor.statusCode, 303);
      assert.match(asVisitor.headers.location as string, /^\/login\?next=/);
      const saved = await marie.post('/organizations/atelier-urbain/edit', { name: 'Atelier Urbain Renommé', type: 'startup', domains: 'mobilite' }, { csrfFrom: '/organizations/atelier-urbain/edit' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/organizations/atelier-urbain');
      const page = await marie.get('/organizations/atelier-urbain');
      assert.match(page.body, /Atelier Urbain Renommé/);
      assert.match(page.body, /Startup/);
    });
  });
}
