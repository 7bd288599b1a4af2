// Matching: territories compared commune, EPCI, département, région in that order; reasons shown; alerts fit by
// domain or territory; a confidential response never becomes a reason.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser } from '../../../test/support/roles.ts';
import { fits, saveAlert } from './alerts.ts';
import { anyWordsQuery, organizationsFor, sharedLevel, territoryChain } from './matching.ts';
import { changeState, projectById } from './service.ts';
import { makeOrg, makeProject, makeResponse } from './testing.ts';

describe('territory levels', () => {
  test('the closest shared level comes first: commune, then EPCI, département, région', () => {
    const lyon = territoryChain('commune', '69123');
    const villeurbanne = territoryChain('commune', '69266');
    const givors = territoryChain('commune', '69091');
    const marseille = territoryChain('commune', '13055');
    const aix = territoryChain('commune', '13001');
    const grenoble = territoryChain('commune', '38185');
    assert.equal(sharedLevel(lyon, lyon), 'commune');
    assert.equal(sharedLevel(lyon, villeurbanne), 'epci');
    assert.equal(sharedLevel(marseille, aix), 'epci');
    assert.equal(sharedLevel(lyon, territoryChain('departement', '69')), 'departement');
    assert.equal(sharedLevel(lyon, grenoble), 'region');
    assert.equal(sharedLevel(lyon, marseille), undefined);
    assert.ok(['epci', 'departement'].includes(sharedLevel(lyon, givors)!));
    assert.equal(sharedLevel(territoryChain(null, null), lyon), undefined);
  });

  test('alerts fit by a shared domain or by a territory that holds the project', () => {
    const project = { domains: ['eau'] as never[], territoryKind: 'commune' as const, territoryCode: '69266' };
    assert.ok(fits(project, { domains: ['eau'], territories: [] }));
    assert.ok(fits(project, { domains: [], territories: ['region:84'] }));
    assert.ok(fits(project, { domains: [], territories: ['departement:69'] }));
    assert.ok(fits(project, { domains: [], territories: ['commune:69266'] }));
    assert.ok(!fits(project, { domains: [], territories: ['commune:69123'] }));
    assert.ok(!fits(project, { domains: ['mobilite'], territories: ['departement:13', 'nonsense'] }));
  });

  test('the full-text query is made of plain words only', () => {
    assert.equal(anyWordsQuery("l'été & | ! ( ) : * <script>"), 'script');
    assert.equal(anyWordsQuery('a b c'), undefined);
    assert.match(anyWordsQuery('Logistique urbaine du dernier kilomètre')!, /^logistique \| urbaine \| dernier \| kilometre$/);
  });
});

for (const kind of testDatabases()) {
  describe(`organizations that could answer on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
    });
    after(() => t.close());

    test('an alert by territory mails once when a fitting project first opens, not again when it reopens', async () => {
      const db = t.app.ctx.db;
      const watcher = await makeUser(t.app, 'alert-watcher@example.org');
      await saveAlert(db, watcher, { territories: ['departement:69'] });
      const owner = await makeOrg(db, 'alert-ville', 'collectivite', [], { verifiedAt: new Date(), verifiedBy: 'admin' });
      const id = await makeProject(db, owner, { state: 'draft', title: 'Projet Foxtrot', domains: ['sante'], territory: ['commune', '69266'] });
      await changeState(t.app.ctx, (await projectById(db, id))!, 'open');
      assert.deepEqual((await t.deliverMail()).filter((m) => m.subject.includes('Foxtrot')).map((m) => m.to), ['alert-watcher@example.org']);
      await changeState(t.app.ctx, (await projectById(db, id))!, 'closed');
      await changeState(t.app.ctx, (await projectById(db, id))!, 'open');
      assert.deepEqual((await t.deliverMail()).filter((m) => m.subject.includes('Foxtrot')), []);
      const elsewhere = await makeProject(db, owner, { state: 'draft', title: 'Projet Golf', domains: ['sante'], territory: ['commune', '13055'] });
      await changeState(t.app.ctx, (await projectById(db, elsewhere))!, 'open');
      assert.deepEqual((await t.deliverMail()).filter((m) => m.subject.includes('Golf')), []);
    });

    test('ranked with their reasons; confidential responses are never a reason', async () => {
      const db = t.app.ctx.db;
      const owner = await makeOrg(db, 'match-ville', 'collectivite', [], { territoryKind: 'commune', territoryCode: '69123' });
      const near = await makeOrg(db, 'match-voisine', 'startup', [], { domains: ['logistique'], territoryKind: 'commune', territoryCode: '69266', description: 'Logistique urbaine et livraison en vélo-cargo du dernier kilomètre.' });
      const far = await makeOrg(db, 'match-lointaine', 'startup', [], { domains: ['logistique'], territoryKind: 'commune', territoryCode: '13055', description: 'Entrepôts.' });
      await makeOrg(db, 'match-hors-sujet', 'startup', [], { domains: ['sante'], territoryKind: 'commune', territoryCode: '29019', description: 'Téléconsultation.' });
      await makeOrg(db, 'match-autre-ville', 'collectivite', [], { domains: ['logistique'], territoryKind: 'commune', territoryCode: '69123' });
      const earlier = await makeProject(db, owner, { domains: ['logistique'] });
      await makeResponse(db, earlier, far, 'owner_only');
      const id = await makeProject(db, owner, { title: 'Logistique urbaine du dernier kilomètre', problem: 'Les livraisons en camionnette encombrent le centre : nous cherchons une logistique urbaine en vélo-cargo.', domains: ['logistique'], territory: ['commune', '69123'] });
      const matches = await organizationsFor(db, (await projectById(db, id))!);
      assert.deepEqual(matches.map((m) => m.item.slug), ['match-voisine', 'match-lointaine']);
      const reasons = matches[0]!.reasons.map((r) => (r.kind === 'territory' ? r.level : r.kind));
      assert.deepEqual(reasons, ['domain', 'epci', 'text']);
      assert.ok(!matches[1]!.reasons.some((r) => r.kind === 'responded'), 'a confidential response is no reason');
      await makeResponse(db, await makeProject(db, owner, { domains: ['logistique'] }), far, 'public');
      const again = await organizationsFor(db, (await projectById(db, id))!);
      assert.ok(again.find((m) => m.item.id === far)!.reasons.some((r) => r.kind === 'responded'));
      assert.ok(!again.some((m) => m.item.id === near && m.reasons.some((r) => r.kind === 'responded')));
    });
  });
}
