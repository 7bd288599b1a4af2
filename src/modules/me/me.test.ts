// "My space" shows a person what is theirs — their contributions and drafts, their organizations' projects and
// responses, their registrations and the events they animate, their organizations — and nothing of anyone else's.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { contributions } from '../consultations/schema.ts';
import { eventFixture } from '../events/fixture.ts';
import { eventRegistrations } from '../events/schema.ts';
import { makeProject, makeResponse } from '../projects/testing.ts';
import { projectResponses } from '../projects/schema.ts';
import { sectionSize } from './listing.ts';

/** The count shown beside a section's heading. */
function countOf(body: string, section: string): number {
  const match = new RegExp(`id="me-${section}">[^<]*<span class="badge">([^<]+)</span>`).exec(body);
  assert.ok(match, `section ${section} has a heading with its count`);
  return Number(match[1]!.replace(/\s/g, ''));
}

/** The items listed in a section. */
function itemsOf(body: string, section: string): string {
  const start = body.indexOf(`id="me-${section}"`);
  assert.ok(start > 0, `section ${section} is on the page`);
  return body.slice(start, body.indexOf('</section>', start));
}

for (const kind of testDatabases()) {
  describe(`my space on ${kind}`, () => {
    let t: TestApp;
    let alice: Browser;
    let bob: Browser;
    let contributionIds: number[];

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      const aliceId = await makeUser(t.app, 'me-alice@example.org');
      const bobId = await makeUser(t.app, 'me-bob@example.org');
      const aliceOrg = await makeOrganization(t.app, 'me-startup', aliceId, 'startup');
      const bobOrg = await makeOrganization(t.app, 'me-ville', bobId);

      const consultation = await consultationFixture(t.app, 'me-ville', aliceId, 'me-consultation');
      const [first] = await db.select().from(contributions).where(eq(contributions.id, consultation.contributionId));
      const more = await db
        .insert(contributions)
        .values(Array.from({ length: sectionSize + 2 }, (_, i) => ({ consultationId: first!.consultationId, phaseId: first!.phaseId, kind: 'idea' as const, title: `Idée numéro ${i + 1} d'Alice`, body: 'Un corps.', authorId: aliceId, createdAt: new Date(Date.now() + (i + 1) * 1000) })))
        .returning({ id: contributions.id });
      contributionIds = [consultation.contributionId, ...more.map((r) => r.id)];
      await db.insert(contributions).values({ consultationId: first!.consultationId, phaseId: first!.phaseId, kind: 'idea', title: 'Brouillon caché d’Alice', body: 'Pas encore prêt.', authorId: aliceId, state: 'draft' });
      await db.insert(contributions).values({ consultationId: first!.consultationId, phaseId: first!.phaseId, kind: 'idea', title: 'Idée de Bob seulement', body: 'À Bob.', authorId: bobId });

      const bobProject = await makeProject(db, bobOrg, { title: 'Navettes autonomes de Bob' });
      await makeProject(db, aliceOrg, { title: 'Projet pilote de la startup', state: 'draft' });
      const response = await makeResponse(db, bobProject, aliceOrg);
      await db.update(projectResponses).set({ status: 'shortlisted' }).where(eq(projectResponses.id, response));

      await eventFixture(t.app, 'me-startup', { title: 'Atelier animé par la startup' });
      const bobEvent = await eventFixture(t.app, 'me-ville', { title: 'Réunion publique de la ville' });
      await db.insert(eventRegistrations).values({ eventId: bobEvent.eventId, userId: aliceId, status: 'waiting', position: 1 });

      alice = await signIn(t.app, 'me-alice@example.org', '10.7.0.1');
      bob = await signIn(t.app, 'me-bob@example.org', '10.7.0.2');
    });
    after(() => t.close());

    test('a visitor is sent to sign in, and comes back to the page after', async () => {
      const response = await new Browser(t.app, '10.7.0.9').get('/me');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/login?next=%2Fme');
    });

    test('a member sees their drafts, contributions, responses with their status, projects, events and organizations', async () => {
      const page = await alice.get('/me');
      assert.equal(page.statusCode, 200);
      assert.match(itemsOf(page.body, 'drafts'), /Brouillon caché d’Alice<\/a> · Brouillon · /);
      assert.match(itemsOf(page.body, 'contributions'), new RegExp(`Idée numéro ${sectionSize + 2} d&#39;Alice</a> · Publiée · <a href="/consultations/me-consultation/phases/1">`));
      assert.match(itemsOf(page.body, 'responses'), /Navettes autonomes de Bob<\/a> · Présélectionnée · <span>Organisation me-startup<\/span>/);
      assert.match(itemsOf(page.body, 'projects'), /Projet pilote de la startup<\/a> · Brouillon/);
      assert.match(itemsOf(page.body, 'registrations'), /Réunion publique de la ville<\/a> · .* · En liste d'attente/);
      assert.match(itemsOf(page.body, 'registrations'), /href="\/events\/mine"/);
      assert.match(itemsOf(page.body, 'animated'), /Atelier animé par la startup/);
      assert.match(itemsOf(page.body, 'organizations'), /Organisation me-startup<\/a> · administrateur·rice/);
    });

    test('counts are totals, while a section lists only its newest items', async () => {
      const page = (await alice.get('/me')).body;
      assert.equal(countOf(page, 'drafts'), 1);
      assert.equal(countOf(page, 'contributions'), contributionIds.length);
      const listed = itemsOf(page, 'contributions').match(/href="\/contributions\/\d+"/g) ?? [];
      assert.equal(listed.length, sectionSize);
      assert.match(itemsOf(page, 'contributions'), new RegExp(`Idée numéro ${sectionSize + 2} d&#39;Alice`), 'the newest first');
      assert.doesNotMatch(page, /Un besoin de test/, 'the oldest falls beyond the newest twenty');
      assert.equal(countOf(page, 'responses'), 1);
      assert.equal(countOf(page, 'registrations'), 1);
      assert.equal(countOf(page, 'organizations'), 1);
    });

    test('nobody sees another person’s items', async () => {
      const aliceSpace = (await alice.get('/me')).body;
      assert.doesNotMatch(aliceSpace, /Idée de Bob seulement/);
      const bobSpace = (await bob.get('/me')).body;
      assert.doesNotMatch(bobSpace, /Brouillon caché d’Alice|Idée numéro|Projet pilote de la startup|Atelier animé par la startup/);
      assert.match(itemsOf(bobSpace, 'contributions'), /Idée de Bob seulement/);
      assert.equal(countOf(bobSpace, 'drafts'), 0);
      assert.equal(countOf(bobSpace, 'responses'), 0, 'the responses his project received are not his organization’s');
      assert.match(itemsOf(bobSpace, 'projects'), /Navettes autonomes de Bob/);
    });
  });
}
