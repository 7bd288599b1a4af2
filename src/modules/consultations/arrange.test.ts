// Organizers rearrange a consultation: phases move up and down and are deleted only while they hold no contribution;
// themes are renamed (their address stays) and deleted (off the contributions that carried them, after saying how many).
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { consultations, consultationThemes, contributions, contributionThemes, phases } from './schema.ts';

const newPhase = { title: 'Troisième phase', question: 'Et ensuite ?', startsAt: '2031-01-10T09:00', endsAt: '2031-02-10T18:00', kinds: ['idea'] };

for (const kind of testDatabases()) {
  describe(`rearranging a consultation on ${kind}`, () => {
    let t: TestApp;
    let organizer: Browser;
    let member: Browser;
    let f: ConsultationFixture;
    let consultationId: number;
    const slug = 'a-ville-consultation';
    const base = `/consultations/${slug}`;

    before(async () => {
      t = await testApp(kind);
      const founder = await makeUser(t.app, 'a-founder@example.org');
      await makeUser(t.app, 'a-member@example.org');
      await makeOrganization(t.app, 'a-ville', founder);
      f = await consultationFixture(t.app, 'a-ville', founder, slug);
      consultationId = (await t.app.ctx.db.select().from(consultations).where(eq(consultations.slug, slug)))[0]!.id;
      organizer = await signIn(t.app, 'a-founder@example.org', '10.10.0.1');
      member = await signIn(t.app, 'a-member@example.org', '10.10.0.2');
    });
    after(() => t.close());

    const order = async () => (await t.app.ctx.db.select({ title: phases.title, position: phases.position }).from(phases).where(eq(phases.consultationId, consultationId)).orderBy(asc(phases.position))).map((p) => `${p.position}:${p.title}`);

    test('phases move up and down with plain forms; at either end nothing moves', async () => {
      assert.equal((await organizer.post(`${base}/phases`, newPhase)).statusCode, 303);
      assert.deepEqual(await order(), ['1:Partageons nos besoins', '2:Phase passée', '3:Troisième phase']);
      const edit = await organizer.get(`${base}/edit?tab=phases`);
      assert.match(edit.body, new RegExp(`<form method="post" action="${base}/phases/3/move" class="inline">`));
      assert.doesNotMatch(edit.body, /aria-label="Monter la phase « Partageons nos besoins »"/, 'the first has no "up"');
      assert.equal((await organizer.post(`${base}/phases/3/move`, { direction: 'up' }, { csrfFrom: `${base}/edit` })).statusCode, 303);
      assert.deepEqual(await order(), ['1:Partageons nos besoins', '2:Troisième phase', '3:Phase passée']);
      assert.equal((await organizer.post(`${base}/phases/1/move`, { direction: 'up' }, { csrfFrom: `${base}/edit` })).statusCode, 303);
      assert.equal((await organizer.post(`${base}/phases/3/move`, { direction: 'down' }, { csrfFrom: `${base}/edit` })).statusCode, 303);
      assert.deepEqual(await order(), ['1:Partageons nos besoins', '2:Troisième phase', '3:Phase passée'], 'ends stay');
      assert.equal((await organizer.post(`${base}/phases/2/move`, { direction: 'sideways' }, { csrfFrom: `${base}/edit` })).statusCode, 422);
      assert.equal((await member.post(`${base}/phases/2/move`, { direction: 'up' }, { csrfFrom: '/account' })).statusCode, 403);
      assert.deepEqual(await order(), ['1:Partageons nos besoins', '2:Troisième phase', '3:Phase passée']);
    });

    test('a phase holding a contribution is not deleted, and the page says why; an empty one is, the next move up', async () => {
      const confirm = await organizer.get(`${base}/phases/1/delete`);
      assert.equal(confirm.statusCode, 200);
      const refused = await organizer.post(`${base}/phases/1/delete`, {}, { csrfFrom: `${base}/phases/1/delete` });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /contient des contributions/);
      assert.deepEqual(await order(), ['1:Partageons nos besoins', '2:Troisième phase', '3:Phase passée']);
      // A draft counts: deleting the phase would delete it.
      const [draftPhase] = await t.app.ctx.db.select().from(phases).where(eq(phases.title, 'Phase passée'));
      const [draft] = await t.app.ctx.db.insert(contributions).values({ consultationId, phaseId: draftPhase!.id, kind: 'idea', title: 'Un brouillon', body: 'Un brouillon gardé.', state: 'draft' }).returning();
      assert.equal((await organizer.post(`${base}/phases/3/delete`, {}, { csrfFrom: `${base}/phases/3/delete` })).statusCode, 409);
      await t.app.ctx.db.delete(contributions).where(eq(contributions.id, draft!.id));
      assert.equal((await member.post(`${base}/phases/2/delete`, {}, { csrfFrom: '/account' })).statusCode, 403);
      const deleted = await organizer.post(`${base}/phases/2/delete`, {}, { csrfFrom: `${base}/phases/2/delete` });
      assert.equal(deleted.statusCode, 303);
      assert.deepEqual(await order(), ['1:Partageons nos besoins', '2:Phase passée'], 'positions stay contiguous: they are addresses');
      assert.equal((await organizer.get(`${base}/phases/2`)).statusCode, 200);
    });

    test('a theme is renamed, its address kept; a name already taken is refused beside the field with the input kept', async () => {
      assert.equal((await organizer.post(`${base}/themes`, { label: 'Énergie' }, { csrfFrom: `${base}/edit` })).statusCode, 303);
      const form = await organizer.get(`${base}/themes/mobilite/edit`);
      assert.match(form.body, /value="Mobilité"/);
      assert.match(form.body, new RegExp(`href="${base}/edit\\?tab=themes">Annuler`), 'cancel goes back to the themes tab');
      assert.equal((await organizer.post(`${base}/themes/mobilite/edit`, { label: 'Mobilités douces' })).statusCode, 303);
      const themes = await t.app.ctx.db.select().from(consultationThemes).where(eq(consultationThemes.consultationId, consultationId)).orderBy(asc(consultationThemes.id));
      assert.deepEqual(themes.map((th) => [th.slug, th.label]), [['mobilite', 'Mobilités douces'], ['energie', 'Énergie']]);
      const taken = await organizer.post(`${base}/themes/mobilite/edit`, { label: 'energie' });
      assert.equal(taken.statusCode, 422);
      assert.match(taken.body, /id="error-label"/);
      assert.match(taken.body, /value="energie"/);
      assert.equal((await member.post(`${base}/themes/mobilite/edit`, { label: 'Autre' }, { csrfFrom: '/account' })).statusCode, 403);
      assert.equal((await organizer.get(`${base}/themes/inconnu/edit`)).statusCode, 404);
    });

    test('deleting a theme says how many contributions carry it, then takes it off them and keeps them', async () => {
      const [theme] = await t.app.ctx.db.select().from(consultationThemes).where(eq(consultationThemes.slug, 'mobilite'));
      await t.app.ctx.db.insert(contributionThemes).values({ contributionId: f.contributionId, themeId: theme!.id });
      const confirm = await organizer.get(`${base}/themes/mobilite/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /1 contribution porte ce thème/);
      assert.match(confirm.body, new RegExp(`href="${base}/edit\\?tab=themes">Annuler`));
      assert.match((await organizer.get(`${base}/themes/energie/delete`)).body, /Aucune contribution ne porte ce thème/);
      assert.equal((await member.post(`${base}/themes/mobilite/delete`, {}, { csrfFrom: '/account' })).statusCode, 403);
      assert.equal((await organizer.post(`${base}/themes/mobilite/delete`, {}, { csrfFrom: `${base}/themes/mobilite/delete` })).statusCode, 303);
      assert.deepEqual((await t.app.ctx.db.select().from(consultationThemes).where(eq(consultationThemes.consultationId, consultationId))).map((th) => th.slug), ['energie']);
      assert.deepEqual(await t.app.ctx.db.select().from(contributionThemes).where(eq(contributionThemes.contributionId, f.contributionId)), []);
      assert.equal((await t.app.ctx.db.select().from(contributions).where(eq(contributions.id, f.contributionId))).length, 1, 'the contribution stays');
    });
  });
}
