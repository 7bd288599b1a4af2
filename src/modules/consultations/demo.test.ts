// The demo consultations: the seed scenario exactly as PRODUCT.md tells it, a current one alive today, idempotent;
// and their pages are valid HTML for a visitor and for someone signed in.
import assert from 'node:assert/strict';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from '../../../test/support/html-validator.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent } from '../../../test/support/inert.ts';
import { demoPassword } from '../accounts/demo.ts';
import { seedDemo } from '../demo.ts';
import { contributionLinks, contributions, votes } from './schema.ts';
import { findConsultation } from './service.ts';
import { phaseStatus } from './phases.ts';


for (const kind of testDatabases()) {
  describe(`demo consultations on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      await seedDemo(t.app.ctx);
    });
    after(() => t.close());

    test('the seed scenario: three phases with the dates and questions of PRODUCT.md, organizers, 40 contributions and more', async () => {
      const c = await findConsultation(t.app.ctx.db, 'place-de-l-innovation-urbaine');
      assert.deepEqual(c.organizers.map((o) => o.slug).sort(), ['cap-digital', 'cerema', 'ministere-de-la-transition-ecologique']);
      assert.deepEqual(c.phases.map((p) => p.title), ['Partageons nos besoins', 'Imaginons des solutions', 'Construisons les outils']);
      assert.deepEqual(c.phases.map((p) => [p.startsAt.toISOString(), p.endsAt.toISOString()]), [
        ['2020-09-23T22:00:00.000Z', '2020-10-11T22:00:00.000Z'],
        ['2020-10-11T22:00:00.000Z', '2020-11-01T23:00:00.000Z'],
        ['2020-11-01T23:00:00.000Z', '2020-12-17T23:00:00.000Z'],
      ]);
      assert.match(c.phases[0]!.question, /^Exprimons les difficultés et les problématiques/);
      assert.deepEqual(c.phases.map((p) => p.kinds), [['need'], ['idea'], ['feature']]);
      const [all] = await t.app.ctx.db.select({ n: count() }).from(contributions);
      assert.ok(Number(all!.n) >= 40, 'at least 40 contributions, once though seeded twice');
      assert.ok(Number(all!.n) < 80);
      const [voted] = await t.app.ctx.db.select({ n: count() }).from(votes);
      assert.ok(Number(voted!.n) > 100);
      const [perPhase] = await t.app.ctx.db.select({ n: count() }).from(contributions).where(eq(contributions.phaseId, c.phases[2]!.id));
      assert.ok(Number(perPhase!.n) >= 10);
    });

    test('pages run a bounded number of queries, whatever the number of contributions shown', async () => {
      const queries = async (url: string) => {
        t.app.pageCache.clear();
        const before = t.app.ctx.database.queryCount();
        assert.equal((await t.app.inject({ url })).statusCode, 200, url);
        return t.app.ctx.database.queryCount() - before;
      };
      const base = '/consultations/place-de-l-innovation-urbaine/phases/1';
      const full = await queries(`${base}?order=supported`);
      assert.equal(await queries(`${base}?order=debated&theme=financement`), full);
      assert.ok((await queries(`${base}?kind=feature`)) <= full, 'an empty page asks no more');
      assert.ok(full <= 10, `${full} queries for a list`);
      const [first] = await t.app.ctx.db.select({ id: contributions.id }).from(contributions).limit(1);
      const page = await queries(`/contributions/${first!.id}`);
      // Votes, arguments, comments, links both ways, citations, co-authors, origin and the official answer: constant, whatever their number.
      assert.ok(page <= 22, `${page} queries for a contribution`);
      assert.ok((await queries('/consultations/place-de-l-innovation-urbaine')) <= 6);
    });

    test('the organizers’ work: links between phases, an official answer, a merged duplicate, a published synthesis of phase 1', async () => {
      const visitor = new Browser(t.app, '10.8.0.9');
      const db = t.app.ctx.db;
      const [links] = await db.select({ n: count() }).from(contributionLinks);
      assert.ok(Number(links!.n) >= 25, `${links!.n} links`);
      const chain = await visitor.get('/consultations/place-de-l-innovation-urbaine/chain');
      assert.match(chain.body, /\d+ besoins, dont \d+ sans réponse/);
      const [answered] = await db.select().from(contributions).where(isNotNull(contributions.answer));
      assert.match((await visitor.get(`/contributions/${answered!.id}`)).body, /Réponse officielle/);
      const [merged] = await db.select().from(contributions).where(isNotNull(contributions.mergedIntoId));
      assert.equal((await visitor.get(`/contributions/${merged!.id}`)).headers.location, `/contributions/${merged!.mergedIntoId}`);
      const synthesis = await visitor.get('/consultations/place-de-l-innovation-urbaine/phases/1/synthesis');
      assert.equal(synthesis.statusCode, 200);
      assert.match(synthesis.body, /Trouver des startups qui ont déjà testé leur solution ailleurs \(#\d+\)<\/a>/);
      assert.match((await visitor.get(`/contributions/${merged!.mergedIntoId}`)).body, /Citée dans la synthèse « Partageons nos besoins »/);
    });

    test('the list of consultations tells each one its own span and counts', async () => {
      const { listConsultations } = await import('./service.ts');
      const items = await listConsultations(t.app.ctx.db);
      const seed = items.find((c) => c.slug === 'place-de-l-innovation-urbaine')!;
      const current = items.find((c) => c.slug === 'rafraichir-nos-villes')!;
      assert.equal(seed.startsAt?.toISOString(), '2020-09-23T22:00:00.000Z');
      assert.equal(seed.endsAt?.toISOString(), '2020-12-17T23:00:00.000Z');
      assert.ok(current.endsAt! > new Date(), 'the current one ends in the future');
      for (const c of [seed, current]) {
        const found = await findConsultation(t.app.ctx.db, c.slug);
        const [visible] = await t.app.ctx.db.select({ n: count() }).from(contributions).where(and(eq(contributions.consultationId, found.id), eq(contributions.state, 'published'), isNull(contributions.mergedIntoId)));
        assert.equal(c.contributionCount, Number(visible!.n), c.slug);
        assert.equal(c.phaseCount, found.phases.length, c.slug);
      }
    });

    test('the current consultation has its second phase open today', async () => {
      const c = await findConsultation(t.app.ctx.db, 'rafraichir-nos-villes');
      assert.deepEqual(c.phases.map((p) => phaseStatus(p)), ['closed', 'open', 'upcoming']);
    });

    test('the pages are valid HTML, inert, with one h1, for a visitor and a signed-in person', async () => {
      const visitor = new Browser(t.app, '10.8.0.1');
      const marie = new Browser(t.app, '10.8.0.2');
      assert.equal((await marie.post('/login', { email: 'marie.dupont@lyon.example', password: demoPassword, next: '/' })).statusCode, 303);
      const [first] = await t.app.ctx.db.select({ id: contributions.id }).from(contributions).limit(1);
      const current = await findConsultation(t.app.ctx.db, 'rafraichir-nos-villes');
      const [open] = await t.app.ctx.db.select({ id: contributions.id }).from(contributions).where(eq(contributions.phaseId, current.phases[1]!.id)).limit(1);
      const pages = ['/consultations', '/consultations/place-de-l-innovation-urbaine', '/consultations/place-de-l-innovation-urbaine/chain', '/consultations/place-de-l-innovation-urbaine/phases/1/synthesis', '/consultations/place-de-l-innovation-urbaine/phases/1', '/consultations/place-de-l-innovation-urbaine/phases/2?order=supported&theme=financement', `/contributions/${first!.id}`, `/contributions/${first!.id}/history`, `/contributions/${open!.id}`, '/consultations/rafraichir-nos-villes'];
      const signedInPages = [...pages, '/consultations/rafraichir-nos-villes/phases/2/contribute', '/consultations/new'];
      for (const [browser, list] of [[visitor, pages], [marie, signedInPages]] as const) {
        for (const url of list) {
          const response = await browser.get(url);
          assert.equal(response.statusCode, 200, url);
          assert.deepEqual(activeContent(response.body), [], url);
          const report = await validator.validateString(response.body);
          assert.ok(report.valid, `${url}: ${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('; ')}`);
        }
      }
      const helene = new Browser(t.app, '10.8.0.3');
      await helene.post('/login', { email: 'organisatrice@capdigital.example', password: demoPassword, next: '/' });
      for (const url of ['/consultations/place-de-l-innovation-urbaine/edit', '/consultations/place-de-l-innovation-urbaine/phases/1/edit', '/consultations/place-de-l-innovation-urbaine/phases/new']) {
        const response = await helene.get(url);
        assert.equal(response.statusCode, 200, url);
        const report = await validator.validateString(response.body);
        assert.ok(report.valid, `${url}: ${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('; ')}`);
      }
      assert.equal((await marie.get('/consultations/place-de-l-innovation-urbaine/edit')).statusCode, 403, 'Métropole de Lyon does not organize it');
    });
  });
}
