// A new consultation is a draft: its organizers and the platform admins see it, nobody else does anywhere (lists,
// home, search, API, open data, the pages under it), nobody contributes to it; publishing makes it appear everywhere.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { ConsultationDraft, assertPublished } from './drafts.ts';
import { parisLocal } from './phases.ts';
import { consultations, contributions, phases } from './schema.ts';

const day = 86_400_000;
const title = 'Zéphyrine des terrasses';
const slug = 'zephyrine-des-terrasses';

for (const kind of testDatabases()) {
  describe(`draft consultations on ${kind}`, () => {
    let t: TestApp;
    let b: Record<'visitor' | 'member' | 'organizer' | 'admin', Browser>;
    let orgId: number;
    let token: string;

    before(async () => {
      t = await testApp(kind);
      const organizer = await makeUser(t.app, 'd-organizer@example.org');
      await makeUser(t.app, 'd-member@example.org');
      await makeUser(t.app, 'd-admin@example.org', 'admin');
      orgId = await makeOrganization(t.app, 'd-ville', organizer);
      b = {
        visitor: new Browser(t.app, '10.9.0.1'),
        member: await signIn(t.app, 'd-member@example.org', '10.9.0.2'),
        organizer: await signIn(t.app, 'd-organizer@example.org', '10.9.0.3'),
        admin: await signIn(t.app, 'd-admin@example.org', '10.9.0.4'),
      };
      const created = await b.organizer.post('/account/tokens', { name: 'script' });
      token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)![1]!;
    });
    after(() => t.close());

    const phasePath = `/consultations/${slug}/phases/1`;
    // Everything a person could reach the consultation through, with what proves it is there.
    const hidingPlaces = [
      '/consultations',
      '/',
      `/search?q=${encodeURIComponent('Zéphyrine')}`,
      `/search?q=${encodeURIComponent('ornithorynque')}&type=contributions`,
      '/api/v1/consultations',
      `/api/v1/search?q=${encodeURIComponent('Zéphyrine')}`,
      `/api/v1/search?q=${encodeURIComponent('ornithorynque')}&type=contributions`,
      '/open-data',
      '/open-data/catalog.jsonld',
      '/api/v1/open-data',
      '/api/v1/open-data/contributions',
    ];
    const addresses = [`/consultations/${slug}`, phasePath, `${phasePath}/contribute`, `${phasePath}/synthesis`, `/consultations/${slug}/chain`, `/consultations/${slug}/open-data`, `/api/v1/consultations/${slug}`, `/api/v1${phasePath}/contributions`];

    test('an organizer creates a draft: the row has no publication date, and the page says it is a draft', async () => {
      const created = await b.organizer.post('/consultations/new', { title, description: 'Des terrasses plus fraîches pour les étés qui viennent.', organizers: String(orgId) });
      assert.equal(created.statusCode, 303);
      const at = Date.now();
      assert.equal((await b.organizer.post(`/consultations/${slug}/phases`, { title: 'Nos besoins', question: 'De quoi avez-vous besoin ?', startsAt: parisLocal(new Date(at - day)), endsAt: parisLocal(new Date(at + 30 * day)), kinds: ['need'] })).statusCode, 303);
      const [row] = await t.app.ctx.db.select().from(consultations).where(eq(consultations.slug, slug));
      assert.equal(row!.publishedAt, null);
      // Nothing can be contributed to it, so a contribution there is what a workshop import could leave: searched
      // and exported as the consultation's other content would be.
      const [phase] = await t.app.ctx.db.select().from(phases).where(eq(phases.consultationId, row!.id));
      await t.app.ctx.db.insert(contributions).values({ consultationId: row!.id, phaseId: phase!.id, kind: 'need', title: 'Un ornithorynque sur la terrasse', body: 'Le corps de cette contribution de brouillon.' });
      for (const who of ['organizer', 'admin'] as const) {
        const page = await b[who].get(`/consultations/${slug}`);
        assert.equal(page.statusCode, 200, who);
        assert.match(page.body, /id="draft-banner-title"/, who);
        assert.match(page.body, new RegExp(`href="/consultations/${slug}/publish"`), who);
        assert.doesNotMatch(page.body, /\/contribute"/, `${who}: no call to contribute on a draft`);
        assert.equal((await b[who].get(phasePath)).statusCode, 200, who);
        assert.match((await b[who].get('/consultations')).body, new RegExp(`${title}</a></h2><p class="meta">[^<]*(<span[^>]*>[^<]*</span> )*<span class="badge">Brouillon</span>`), `${who}: the draft's card says so`);
      }
    });

    for (const who of ['visitor', 'member'] as const) {
      test(`${who}: the draft is in no list, search, API or open data, and "not found" at every address of it`, async () => {
        for (const path of hidingPlaces) {
          const response = await b[who].get(path);
          assert.ok(response.statusCode < 400, `${path} -> ${response.statusCode}`);
          // The search pages repeat the words searched: what would give the draft away is its title, address or content.
          assert.ok(!response.body.includes(title) && !response.body.includes(slug) && !response.body.includes('sur la terrasse'), `${who} finds the draft at ${path}`);
        }
        for (const path of addresses) {
          const response = await b[who].get(path);
          // A visitor is sent to sign in before contributing, as at any address: that says nothing of the draft.
          const expected = who === 'visitor' && path.endsWith('/contribute') ? 303 : 404;
          assert.equal(response.statusCode, expected, `${who} ${path}`);
        }
      });
    }

    test('nobody contributes to a draft, its organizers included', async () => {
      const api = await t.app.inject({ method: 'POST', url: `/api/v1${phasePath}/contributions`, headers: { authorization: `Bearer ${token}` }, payload: { title: 'Un besoin précis', body: 'Un corps assez long pour être accepté.', kind: 'need' } });
      assert.equal(api.statusCode, 409);
      assert.equal(api.json().error.code, 'consultation_draft');
      assert.throws(() => assertPublished({ publishedAt: null }), ConsultationDraft);
      assert.doesNotThrow(() => assertPublished({ publishedAt: new Date() }));
    });

    test('publishing asks first, then shows the consultation to everyone, at once (cached pages included)', async () => {
      // The visitor's pages are in the cache from the test before: publishing must outdate them.
      const confirm = await b.organizer.get(`/consultations/${slug}/publish`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, new RegExp(`<form method="post" action="/consultations/${slug}/publish">`));
      assert.equal((await b.member.post(`/consultations/${slug}/publish`, {}, { csrfFrom: '/account' })).statusCode, 404, 'not even told it exists');
      assert.equal((await b.organizer.post(`/consultations/${slug}/publish`, {})).statusCode, 303);
      const [row] = await t.app.ctx.db.select().from(consultations).where(eq(consultations.slug, slug));
      assert.ok(row!.publishedAt instanceof Date);
      for (const path of ['/consultations', '/', `/search?q=${encodeURIComponent('Zéphyrine')}`, '/api/v1/consultations', '/open-data']) assert.ok((await b.visitor.get(path)).body.includes(slug), `visitor sees it at ${path}`);
      assert.ok((await b.visitor.get(`/search?q=${encodeURIComponent('ornithorynque')}&type=contributions`)).body.includes('sur la terrasse'));
      const page = await b.visitor.get(`/consultations/${slug}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /id="draft-banner-title"/);
      assert.match(page.body, /\/contribute"/);
      assert.equal((await b.member.get(`${phasePath}/contribute`)).statusCode, 200);
      assert.match((await b.organizer.get(`/consultations/${slug}/publish`)).body, /déjà publiée/);
    });

    test('consultations that existed before drafts, and rows written without the column, are published', async () => {
      const [row] = await t.app.ctx.db.insert(consultations).values({ slug: 'd-ancienne', title: 'Ancienne' }).returning();
      assert.ok(row!.publishedAt instanceof Date);
    });
  });
}
