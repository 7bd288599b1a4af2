// What people type, in French, and what must come first: a corpus of queries over the demo data, asked as a visitor
// through the search API on both databases, then the ways rows get their searched words (services, not only the demo).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser } from '../../../test/support/roles.ts';
import { Actor } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { OrganizationInput } from '../organizations/inputs.ts';
import { ProjectInput } from '../projects/inputs.ts';
import { seedDemo } from '../demo.ts';
import { createOrganization, findOrganization, updateOrganization } from '../organizations/service.ts';
import { projectById, updateProject } from '../projects/service.ts';
import { makeOrg, makeProject } from '../projects/testing.ts';

interface Case {
  q: string;
  type: 'organizations' | 'projects' | 'events';
  /** the first result is one of these */
  first: string[];
  /** and these are among the first page */
  also?: string[];
  why: string;
}

const hub = 'Un hub logistique du dernier kilomètre à la Part-Dieu';
const schoolyard = "Rafraîchir la cour de l'école Anatole-France";
const energyDomain = ['Ministère de la Transition écologique', 'Nantes Métropole', "Région Sud Provence-Alpes-Côte d'Azur", 'SPL Lyon Confluence', 'Watt & Quartier', 'Constructions Hexagone'];

const corpus: Case[] = [
  { q: 'énergie', type: 'organizations', first: energyDomain, also: energyDomain, why: 'the Énergie domain, named in no description' },
  { q: 'energie', type: 'organizations', first: energyDomain, also: energyDomain, why: 'without its accent' },
  { q: 'énerg', type: 'organizations', first: energyDomain, also: energyDomain, why: 'the start of a word, while typing' },
  { q: 'Energy', type: 'organizations', first: energyDomain, also: energyDomain, why: 'the domain in English' },
  { q: 'Lyon', type: 'organizations', first: ['Métropole de Lyon', 'SPL Lyon Confluence'], also: ['MobilCity', 'Terre & Ville Ingénierie'], why: 'in the name first, then by territory' },
  { q: 'Lyon', type: 'projects', first: [hub], why: 'the Métropole de Lyon project, by its territory' },
  { q: 'Métropole de Lyon', type: 'projects', first: [hub], why: 'the territory name as a whole' },
  { q: 'vélo-cargo', type: 'projects', first: [hub], why: 'a hyphenated word in the expected results' },
  { q: 'velo cargo', type: 'projects', first: [hub], why: 'its parts, typed apart and without accents' },
  { q: 'vélo-cargo', type: 'organizations', first: ['Kilomètre Zéro Logistique'], why: 'a hyphenated word in a description' },
  { q: "l'îlot", type: 'projects', first: [schoolyard], why: 'an elided article' },
  { q: 'ilot', type: 'organizations', first: ['Canopée Urbaine'], why: 'a plural with a circumflex, typed without' },
  { q: 'l’îlot', type: 'events', first: ['Atelier îlots de fraîcheur à Montpellier'], why: 'a typographic apostrophe' },
  { q: 'Saint-Denis', type: 'projects', first: [schoolyard], why: 'a hyphenated commune, by territory' },
  { q: 'Bron', type: 'organizations', first: ['Cerema'], why: 'a commune named nowhere but in the territory' },
  { q: 'Gironde', type: 'organizations', first: ['Département de la Gironde'], why: 'a département' },
  { q: 'Provence', type: 'organizations', first: ["Région Sud Provence-Alpes-Côte d'Azur"], why: 'a part of a hyphenated name' },
  { q: 'Part-Dieu', type: 'projects', first: [hub], why: 'a hyphenated place in the title' },
  { q: 'logistiq', type: 'projects', first: [hub], why: 'typed past the stem ("logistique" is stemmed "logist")' },
  { q: 'désimperméabilisation', type: 'projects', first: [schoolyard], why: 'a word of the expected results' },
  { q: 'Mobility', type: 'projects', first: [hub], why: 'a domain in English' },
  { q: 'Villa Méditerranée', type: 'events', first: ['Atelier méditerranéen à Marseille'], why: 'the place of an event' },
  { q: 'place Zeus', type: 'events', first: ['Atelier îlots de fraîcheur à Montpellier'], why: 'a street of a venue' },
  { q: 'Lenche', type: 'events', first: ['Atelier « la rue fraîche » à Marseille'], why: 'a square named only in the venue' },
  { q: 'Parodi', type: 'events', first: ['Atelier Île-de-France : partageons nos besoins'], why: 'a street named only in the venue' },
  { q: 'Île-de-France', type: 'events', first: ['Atelier Île-de-France : partageons nos besoins', "Webinaire de lancement de la Place de l'innovation urbaine"], also: ["Webinaire de lancement de la Place de l'innovation urbaine"], why: 'a region, in the title or as territory' },
];

async function titles(browser: Browser, q: string, type: string): Promise<string[]> {
  const response = await browser.get(`/api/v1/search?q=${encodeURIComponent(q)}&type=${type}`);
  assert.equal(response.statusCode, 200, q);
  return (response.json().groups[0]?.items ?? []).map((i: { title: string }) => i.title);
}

for (const kind of testDatabases()) {
  describe(`search corpus on ${kind}`, () => {
    let t: TestApp;
    let visitor: Browser;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      visitor = new Browser(t.app, '10.15.0.1');
    });
    after(() => t.close());

    for (const c of corpus) {
      test(`${c.type}: « ${c.q} » — ${c.why}`, async () => {
        const found = await titles(visitor, c.q, c.type);
        assert.ok(c.first.includes(found[0] ?? ''), `first: ${found[0]} (all: ${found.join(' | ')})`);
        for (const title of c.also ?? []) assert.ok(found.includes(title), `${title} missing from ${found.join(' | ')}`);
      });
    }

    test('the restricted Marseille project stays out for a visitor, whatever its territory and domains', async () => {
      assert.ok(!(await titles(visitor, 'Marseille', 'projects')).some((title) => title.includes('ZAC Littorale')));
      assert.ok(!(await titles(visitor, 'ZAC Littorale', 'projects')).length);
    });

    test('every start of a word, as it is typed, finds what the whole word finds', async () => {
      for (const [word, type, expected] of [
        ['participation', 'organizations', 'Civiq'],
        ['logistique', 'projects', hub],
        ['désimperméabilisation', 'projects', schoolyard],
        ['Montpellier', 'events', 'Atelier îlots de fraîcheur à Montpellier'],
      ] as const) {
        for (let n = 3; n <= word.length; n++) {
          const found = await titles(visitor, word.slice(0, n), type);
          assert.ok(found.includes(expected), `« ${word.slice(0, n)} » misses ${expected}`);
        }
      }
    });

    test('an organization written by its service is found by SIRET, territory and domain, and moves with its territory', async () => {
      const userId = await makeUser(t.app, 'corpus-author@example.org');
      const actor = new Actor({ id: userId, email: 'corpus-author@example.org', displayName: 'Corpus', locale: 'fr', platformRole: 'member', emailVerified: true });
      const db = t.app.ctx.db;
      const created = await createOrganization(db, actor, parse(OrganizationInput, { name: 'Coopérative Alpha', type: 'association', siret: '21690123100011', territory: 'commune:63113', domains: ['dechets'] }));
      for (const q of ['21690123100011', 'Clermont-Ferrand']) assert.equal((await titles(visitor, q, 'organizations'))[0], 'Coopérative Alpha', q);
      for (const q of ['déchets', 'Waste']) assert.ok((await titles(visitor, q, 'organizations')).includes('Coopérative Alpha'), q);
      const org = await findOrganization(db, created.slug);
      await updateOrganization(db, org, parse(OrganizationInput, { name: org.name, type: org.type, territory: 'commune:21231', domains: ['sante'] }));
      assert.equal((await titles(visitor, 'Dijon', 'organizations'))[0], 'Coopérative Alpha');
      assert.ok((await titles(visitor, 'Santé', 'organizations')).includes('Coopérative Alpha'));
      assert.ok(!(await titles(visitor, 'Clermont-Ferrand', 'organizations')).includes('Coopérative Alpha'), 'the old territory is forgotten');
      assert.ok(!(await titles(visitor, '21690123100011', 'organizations')).includes('Coopérative Alpha'), 'the SIRET removed');
    });

    test('a project edited through its service is found by its new territory and domains', async () => {
      const db = t.app.ctx.db;
      const owner = await makeOrg(db, 'corpus-owner', 'collectivite');
      const id = await makeProject(db, owner, { title: 'Un projet à déplacer' });
      const project = (await projectById(db, id))!;
      await updateProject(db, project, parse(ProjectInput, { title: project.title, organization: owner, problem: project.problem, stage: project.stage, visibility: 'public', territory: 'departement:29', domains: ['eau'] }));
      assert.equal((await titles(visitor, 'Finistère', 'projects'))[0], 'Un projet à déplacer');
      assert.ok((await titles(visitor, 'Water', 'projects')).includes('Un projet à déplacer'));
    });
  });
}
