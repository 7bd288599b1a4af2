import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { startCompanyRegister, knownEstablishments, type FakeRegister } from '../../../test/support/company-register.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { lookupSiret } from './register.ts';
import { organizations, type OrganizationType } from './schema.ts';

function errorBeside(body: string): string {
  return /id="error-siret" class="field-error">([^<]*)</.exec(body)?.[1] ?? '';
}

describe('company register client', () => {
  let register: FakeRegister;
  before(async () => {
    register = await startCompanyRegister();
  });
  after(() => register.close());

  test('finds a known SIRET and only asks the configured address', async () => {
    const answer = await lookupSiret(`${register.url}/`, knownEstablishments.commune.siret);
    assert.deepEqual(answer, { status: 'found', legalName: 'COMMUNE DE LYON', legalCategory: '7210' });
    assert.equal(register.queries.at(-1), knownEstablishments.commune.siret);
    assert.deepEqual(await lookupSiret(register.url, '73282932000074'), { status: 'not_found' });
    assert.deepEqual(await lookupSiret(register.url, 'http://evil'), { status: 'not_found' });
  });

  test('a register that never answers times out; one that is down is unavailable', async () => {
    register.hang = true;
    try {
      assert.deepEqual(await lookupSiret(register.url, knownEstablishments.commune.siret, 200), { status: 'timeout' });
    } finally {
      register.hang = false;
    }
    assert.deepEqual(await lookupSiret('http://127.0.0.1:1', knownEstablishments.commune.siret), { status: 'unavailable' });
  });
});

for (const kind of testDatabases()) {
  describe(`SIRET verification on ${kind}`, () => {
    let t: TestApp;
    let register: FakeRegister;
    let adminId: number;
    before(async () => {
      register = await startCompanyRegister();
      t = await testApp(kind, { companyRegisterUrl: register.url });
      adminId = await makeUser(t.app, 'verif-admin@example.org');
    });
    after(async () => {
      await t.close();
      await register.close();
    });

    async function orgWith(slug: string, type: OrganizationType, siret: string | null) {
      const id = await makeOrganization(t.app, slug, adminId, type);
      await t.app.ctx.db.update(organizations).set({ siret }).where(eq(organizations.id, id));
      return id;
    }
    const row = async (slug: string) => (await t.app.ctx.db.select().from(organizations).where(eq(organizations.slug, slug)))[0]!;

    test('a commune claiming to be a collectivité passes the register, then waits for a platform admin', async () => {
      await orgWith('lyon-ville', 'collectivite', knownEstablishments.commune.siret);
      const admin = await signIn(t.app, 'verif-admin@example.org', '10.2.0.1');
      const response = await admin.post('/organizations/lyon-ville/siret/verify', {}, { csrfFrom: '/organizations/lyon-ville/edit' });
      assert.equal(response.statusCode, 303);
      let org = await row('lyon-ville');
      assert.equal(org.verifiedAt, null, 'the register proves the body exists, not that this person belongs to it');
      assert.equal(org.legalName, 'COMMUNE DE LYON');
      assert.equal(org.legalCategory, '7210');
      assert.match((await admin.get('/organizations/lyon-ville')).body, /déclarée/);
      await makeUser(t.app, 'platform-verifier@example.org', 'admin');
      const platform = await signIn(t.app, 'platform-verifier@example.org', '10.2.0.9');
      assert.match((await platform.get('/admin')).body, /lyon-ville/, 'the back office lists it as waiting');
      const confirmed = await platform.post('/admin/organizations/lyon-ville/verify', {}, { csrfFrom: '/admin' });
      assert.equal(confirmed.statusCode, 303);
      org = await row('lyon-ville');
      assert.ok(org.verifiedAt);
      assert.match((await admin.get('/organizations/lyon-ville')).body, /vérifiée/);
      // Later tests verify other organizations with the same test SIRET.
      await t.app.ctx.db.update(organizations).set({ verifiedAt: null, verifiedBy: null }).where(eq(organizations.slug, 'lyon-ville'));
    });

    test('nobody else can be verified with a SIRET an organization is already verified with', async () => {
      await orgWith('mobilcity-vraie', 'startup', knownEstablishments.company.siret);
      const admin = await signIn(t.app, 'verif-admin@example.org', '10.2.0.10');
      assert.equal((await admin.post('/organizations/mobilcity-vraie/siret/verify', {}, { csrfFrom: '/organizations/mobilcity-vraie/edit' })).statusCode, 303);
      assert.ok((await row('mobilcity-vraie')).verifiedAt, 'a company is verified by the register alone');
      await orgWith('mobilcity-copie', 'startup', knownEstablishments.company.siret);
      const copy = await admin.post('/organizations/mobilcity-copie/siret/verify', {}, { csrfFrom: '/organizations/mobilcity-copie/edit' });
      assert.equal(copy.statusCode, 422);
      assert.match(errorBeside(copy.body), /déjà celui d&#39;une organisation vérifiée|déjà celui d'une organisation vérifiée/);
      assert.equal((await row('mobilcity-copie')).verifiedAt, null);
      // Later tests verify other organizations with the same test SIRET.
      await t.app.ctx.db.update(organizations).set({ verifiedAt: null, verifiedBy: null }).where(eq(organizations.slug, 'mobilcity-vraie'));
    });

    test('a company claiming to be a collectivité is refused beside the SIRET field', async () => {
      await orgWith('fausse-ville', 'collectivite', knownEstablishments.company.siret);
      const admin = await signIn(t.app, 'verif-admin@example.org', '10.2.0.2');
      const response = await admin.post('/organizations/fausse-ville/siret/verify', {}, { csrfFrom: '/organizations/fausse-ville/edit' });
      assert.equal(response.statusCode, 422);
      assert.match(errorBeside(response.body), /Nul ne peut se faire passer pour une collectivité/);
      assert.match(errorBeside(response.body), /MOBILCITY, catégorie juridique 5710/);
      const org = await row('fausse-ville');
      assert.equal(org.verifiedAt, null);
      assert.equal(org.legalCategory, '5710');
    });

    test('a company claiming to be a startup is verified; an association claiming a State service is not', async () => {
      await orgWith('mobilcity-test', 'startup', knownEstablishments.company.siret);
      await orgWith('faux-ministere', 'service_etat', knownEstablishments.association.siret);
      const admin = await signIn(t.app, 'verif-admin@example.org', '10.2.0.3');
      assert.equal((await admin.post('/organizations/mobilcity-test/siret/verify', {}, { csrfFrom: '/organizations/mobilcity-test/edit' })).statusCode, 303);
      assert.equal((await row('mobilcity-test')).verifiedBy, 'siret');
      assert.equal((await admin.post('/organizations/faux-ministere/siret/verify', {}, { csrfFrom: '/organizations/faux-ministere/edit' })).statusCode, 422);
    });

    test('an unknown SIRET, a missing SIRET and a register that times out each get a clear message, never a 500', async () => {
      await orgWith('inconnue', 'startup', '73282932000074');
      await orgWith('sans-siret', 'startup', null);
      await orgWith('lente', 'collectivite', knownEstablishments.commune.siret);
      const admin = await signIn(t.app, 'verif-admin@example.org', '10.2.0.4');
      const unknown = await admin.post('/organizations/inconnue/siret/verify', {}, { csrfFrom: '/organizations/inconnue/edit' });
      assert.equal(unknown.statusCode, 422);
      assert.match(errorBeside(unknown.body), /introuvable/);
      const missing = await admin.post('/organizations/sans-siret/siret/verify', {}, { csrfFrom: '/organizations/sans-siret/edit' });
      assert.equal(missing.statusCode, 422);
      assert.match(errorBeside(missing.body), /Indiquez d&#39;abord|Indiquez d'abord/);
      register.hang = true;
      try {
        const slow = await admin.post('/organizations/lente/siret/verify', {}, { csrfFrom: '/organizations/lente/edit' });
        assert.equal(slow.statusCode, 422);
        assert.match(errorBeside(slow.body), /pas répondu à temps/);
      } finally {
        register.hang = false;
      }
      assert.equal((await row('lente')).verifiedAt, null);
    });

    test('changing the type or the SIRET makes a verified organization claimed again', async () => {
      const admin = await signIn(t.app, 'verif-admin@example.org', '10.2.0.5');
      await admin.post('/organizations/mobilcity-test/edit', { name: 'MobilCity test', type: 'pme_eti' }, { csrfFrom: '/organizations/mobilcity-test/edit' });
      const org = await row('mobilcity-test');
      assert.equal(org.verifiedAt, null);
      assert.equal(org.siret, null);
      assert.equal(org.legalName, null);
    });
  });

  describe(`verification without a register on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
    });
    after(() => t.close());

    test('the edit page explains; a platform admin verifies by hand, and it is audited', async () => {
      const adminId = await makeUser(t.app, 'org-admin@example.org');
      await makeUser(t.app, 'platform@example.org', 'admin');
      const id = await makeOrganization(t.app, 'sans-registre', adminId, 'collectivite');
      await t.app.ctx.db.update(organizations).set({ siret: knownEstablishments.commune.siret }).where(eq(organizations.id, id));
      const orgAdmin = await signIn(t.app, 'org-admin@example.org', '10.2.1.1');
      const edit = await orgAdmin.get('/organizations/sans-registre/edit');
      assert.match(edit.body, /un administrateur ou une administratrice de la plateforme peut vérifier/i);
      assert.doesNotMatch(edit.body, /action="\/organizations\/sans-registre\/siret\/verify"/);
      const tried = await orgAdmin.post('/organizations/sans-registre/siret/verify', {}, { csrfFrom: '/organizations/sans-registre/edit' });
      assert.equal(tried.statusCode, 422);
      assert.match(errorBeside(tried.body), /n&#39;est pas disponible|n'est pas disponible/);
      assert.equal((await orgAdmin.post('/admin/organizations/sans-registre/verify', {}, { csrfFrom: '/organizations/sans-registre' })).statusCode, 403);
      const platform = await signIn(t.app, 'platform@example.org', '10.2.1.2');
      const page = await platform.get('/organizations/sans-registre');
      assert.match(page.body, /action="\/admin\/organizations\/sans-registre\/verify"/);
      const verified = await platform.post('/admin/organizations/sans-registre/verify', {}, { csrfFrom: '/organizations/sans-registre' });
      assert.equal(verified.statusCode, 303);
      const [org] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, id));
      assert.equal(org!.verifiedBy, 'admin');
      const audit = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'organization.verify'));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.target, 'organization:sans-registre');
    });
  });
}
