// The territory field in every form and filter: a name or a code is read, an ambiguous one asks, the picked one is
// shown by name and stays picked after another field's error; the API still takes keys.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { testApp, type Browser, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { makeOrg, makeProject } from '../projects/testing.ts';
import { projects } from '../projects/schema.ts';
import { resolveTerritory, withTerritories, withTerritoryCodes } from './resolve.ts';

const villeurbanne = 'Villeurbanne (commune, 69266)';
const key = (q: string) => {
  const r = resolveTerritory(q);
  return r.territory ? `${r.territory.kind}:${r.territory.code}` : r.choices.map((t) => `${t.kind}:${t.code}`);
};

describe('reading what was typed in a territory field', () => {
  test('a name, a code, a key or the label shown, in either language, names one territory', () => {
    for (const typed of ['Villeurbanne', 'villeurbanne', '69266', 'commune:69266', villeurbanne, 'Villeurbanne (municipality, 69266)']) assert.equal(key(typed), 'commune:69266', typed);
    assert.equal(key('bouches du rhone'), 'departement:13');
    assert.equal(key('13'), 'departement:13');
  });
  test('an ambiguous name or code gives its choices; nothing matching gives none', () => {
    assert.deepEqual(new Set(key('Paris')), new Set(['departement:75', 'commune:75056']));
    assert.deepEqual(new Set(key('84')), new Set(['region:84', 'departement:84']));
    assert.ok((key('Saint-Denis') as string[]).length > 1);
    assert.deepEqual(key('zzzzq'), []);
  });
  test('a posted form: the choice made wins, lists read each entry, a consultation keeps codes', () => {
    assert.deepEqual(withTerritories({ territory: 'Paris', territoryChoice: 'commune:75056' }), { territory: 'commune:75056' });
    assert.deepEqual(withTerritories({ territory: 'Paris' }), { territory: 'Paris' });
    assert.deepEqual(withTerritories({ territories: ['region:93', 'Lyon'] }, 'territories'), { territories: ['region:93', 'commune:69123'] });
    assert.deepEqual(withTerritoryCodes({ territoryCodes: ['commune:69123', 'Auvergne-Rhône-Alpes (région, 84)', 'Bouches-du-Rhône'] }), { territoryCodes: '69123, region:84, 13' });
    assert.deepEqual(withTerritoryCodes({ territoryCodes: '69123, 13' }), { territoryCodes: '69123, 13' });
    assert.deepEqual(withTerritories({ territories: ['region:93'], territoriesAdd: 'Paris', territoriesAddChoice: 'commune:75056' }, 'territories'), { territories: ['region:93', 'commune:75056'] });
  });
});

for (const kind of testDatabases()) {
  describe(`the territory field in forms and filters on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser;
    let ownerOrg: number;

    before(async () => {
      t = await testApp(kind);
      const id = await makeUser(t.app, 'field-owner@example.org');
      ownerOrg = await makeOrg(t.app.ctx.db, 'field-ville', 'collectivite', [id], { verifiedAt: new Date(), verifiedBy: 'admin' });
      await makeProject(t.app.ctx.db, ownerOrg, { title: 'Projet à Villeurbanne', territory: ['commune', '69266'] });
      await makeProject(t.app.ctx.db, ownerOrg, { title: 'Projet à Marseille', territory: ['commune', '13055'] });
      owner = await signIn(t.app, 'field-owner@example.org', '10.71.0.1');
    });
    after(() => t.close());

    test('a picked territory stays picked, by its name, after another field is refused', async () => {
      const refused = await owner.post('/projects/new', { title: 'Non', organization: String(ownerOrg), problem: 'Un problème assez long pour passer.', stage: 'idea', visibility: 'public', territory: 'commune:69266', territoryQuery: 'Villeurbanne' });
      assert.equal(refused.statusCode, 422);
      assert.doesNotMatch(refused.body, /Aucun territoire ne correspond/);
      assert.match(refused.body, /name="territory" value="Villeurbanne \(commune, 69266\)"/);
      assert.doesNotMatch(refused.body, /id="error-territory"|field-territory-error/);
    });

    test('a name typed in a posted form is saved as its territory; an ambiguous one asks, the rest kept', async () => {
      const ambiguous = await owner.post('/projects/new', { title: 'Un projet à Paris', organization: String(ownerOrg), problem: 'Un problème assez long pour passer.', stage: 'idea', visibility: 'public', territory: 'Paris' });
      assert.equal(ambiguous.statusCode, 422);
      assert.match(ambiguous.body, /type="radio" name="territoryChoice" value="commune:75056"/);
      assert.match(ambiguous.body, /value="Un projet à Paris"/);
      const chosen = await owner.post('/projects/new', { title: 'Un projet à Paris', organization: String(ownerOrg), problem: 'Un problème assez long pour passer.', stage: 'idea', visibility: 'public', territory: 'Paris', territoryChoice: 'commune:75056' });
      assert.equal(chosen.statusCode, 303);
      const byName = await owner.post('/projects/new', { title: 'Un projet à Villeurbanne', organization: String(ownerOrg), problem: 'Un problème assez long pour passer.', stage: 'idea', visibility: 'public', territory: 'villeurbanne' });
      assert.equal(byName.statusCode, 303);
      const id = Number(String(byName.headers.location).split('/').pop());
      const [row] = await t.app.ctx.db.select({ kind: projects.territoryKind, code: projects.territoryCode }).from(projects).where(eq(projects.id, id));
      assert.deepEqual(row, { kind: 'commune', code: '69266' });
      const edit = await owner.get(`/projects/${id}/edit`);
      assert.match(edit.body, /value="Villeurbanne \(commune, 69266\)"/);
      assert.doesNotMatch(edit.body, /value="commune:69266"/);
    });

    test('GET filters take a name or a code, show it by name, and offer choices as links', async () => {
      for (const filter of ['Villeurbanne', '69266', 'commune:69266']) {
        const list = await owner.get(`/projects?territory=${encodeURIComponent(filter)}`);
        assert.match(list.body, /Projet à Villeurbanne/, filter);
        assert.doesNotMatch(list.body, /Projet à Marseille/, filter);
        assert.match(list.body, /id="filter-territory" name="territory" value="Villeurbanne \(commune, 69266\)"/, filter);
      }
      const ambiguous = await owner.get('/projects?territory=Paris&state=open');
      assert.match(ambiguous.body, /href="\/projects\?state=open&amp;territory=commune%3A75056"|href="\/projects\?state=open&territory=commune%3A75056"/);
      for (const [path, id] of [['/events', 'field-territory'], ['/organizations', 'filter-territory']] as const) {
        const page = await owner.get(`${path}?territory=lyon`);
        assert.equal(page.statusCode, 200, path);
        assert.match(page.body, new RegExp(`id="${id}" name="territory" value="Lyon \\(commune, 69123\\)"`), path);
        const choices = await owner.get(`${path}?territory=Paris`);
        assert.match(choices.body, /territory=commune%3A75056/, path);
      }
    });

    test('alerts take names, keep the picked ones as boxes, and still read keys', async () => {
      const saved = await owner.post('/projects/alerts', { territories: 'region:93', territoriesAdd: 'Villeurbanne' });
      assert.equal(saved.statusCode, 303);
      const page = await owner.get('/projects/alerts');
      assert.match(page.body, /type="checkbox" name="territories" value="commune:69266" checked/);
      assert.match(page.body, /Villeurbanne \(commune, 69266\)/);
      const ambiguous = await owner.post('/projects/alerts', { territories: 'region:93', territoriesAdd: 'Paris' });
      assert.match(ambiguous.body, /name="territoriesAdd" value="Paris"/);
      assert.equal(ambiguous.statusCode, 422);
      assert.match(ambiguous.body, /name="territoriesAddChoice" value="departement:75"/);
      assert.match(ambiguous.body, /value="region:93" checked/);
      assert.equal((await owner.post('/projects/alerts', { territories: 'region:93\ncommune:69123' })).statusCode, 303);
    });

    test('the htmx suggestions are datalist options; the API still takes and gives keys', async () => {
      const fragment = await t.app.inject({ url: '/territories?territory=villeur', headers: { 'hx-request': 'true' } });
      assert.match(fragment.body, /<option value="Villeurbanne \(commune, 69266\)">/);
      const api = await t.app.inject({ url: '/api/v1/projects?territory=commune:69266' });
      assert.equal(api.statusCode, 200);
      assert.match(api.body, /Projet à Villeurbanne/);
      assert.doesNotMatch(api.body, /Projet à Marseille/);
    });
  });
}
