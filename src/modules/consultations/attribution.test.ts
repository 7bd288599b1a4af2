// Attribution: a contribution typed on the site reads as its author and the one organization they chose to speak for
// (kept per person, refused for an organization they do not belong to); one entered after a workshop reads as from
// the workshop, said by a participant who agreed to be named, entered by an animator — on its page, in the phase's
// list and in the API alike.
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { Actor } from '../../platform/policy.ts';
import { eventFixture } from '../events/fixture.ts';
import { addRoomContribution } from '../events/offline.ts';
import { findEvent } from '../events/service.ts';
import { memberships } from '../organizations/schema.ts';
import { speakingFor } from '../organizations/speaking-for.ts';
import { contributions } from './schema.ts';

const refusal = /Vous ne pouvez vous exprimer qu(&#39;|'|’)au nom d(&#39;|'|’)une organisation dont vous êtes membre/;
const valid = { title: 'Des bancs à l’ombre', body: 'Des bancs sous les arbres, près des arrêts.', kind: 'need' };

for (const kind of testDatabases()) {
  describe(`attribution on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let author: Browser;
    let authorId: number;
    let first: number;
    let second: number;
    let elsewhere: number;

    before(async () => {
      t = await testApp(kind);
      authorId = await makeUser(t.app, 'attr-author@example.org');
      const outsider = await makeUser(t.app, 'attr-outsider@example.org');
      first = await makeOrganization(t.app, 'attr-ville', authorId);
      second = await makeOrganization(t.app, 'attr-reseau', authorId, 'reseau');
      elsewhere = await makeOrganization(t.app, 'attr-ailleurs', outsider);
      f = await consultationFixture(t.app, 'attr-ville', authorId, 'attr-consultation');
      author = await signIn(t.app, 'attr-author@example.org', '10.15.0.1');
    });
    after(() => t.close());

    const page = (id: number) => t.app.inject({ url: `/contributions/${id}` });
    const list = () => t.app.inject({ url: `/consultations/${f.slug}/phases/1` });
    const apiList = async () => (await t.app.inject({ url: `/api/v1/consultations/${f.slug}/phases/1/contributions` })).json().items as { id: number; author: string; organization: string | null; workshop: { title: string; url: string; saidBy: string | null } | null }[];

    test('the choice of whom one speaks for is kept per person and is where the contribution form starts', async () => {
      const form = await author.get('/account/speaking-for');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<option value="" selected>Moi-même<\/option>/);
      assert.match(form.body, /Organisation attr-reseau/);
      assert.doesNotMatch(form.body, /attr-ailleurs/);
      assert.match((await author.get('/account')).body, /href="\/account\/speaking-for"/);

      const saved = await author.post('/account/speaking-for', { organization: String(second) });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual((await speakingFor(t.app.ctx.db, authorId)).current, second);
      assert.match((await author.get('/account/speaking-for')).body, new RegExp(`<option value="${second}" selected>`));
      const contribute = await author.get(`/consultations/${f.slug}/phases/1/contribute`);
      assert.match(contribute.body, new RegExp(`<option value="${second}" selected>Organisation attr-reseau</option>`));
      assert.match(contribute.body, /href="\/account\/speaking-for"/);

      // Choosing another one moves the mark: one default at a time.
      await author.post('/account/speaking-for', { organization: String(first) });
      const marked = await t.app.ctx.db.select({ org: memberships.organizationId }).from(memberships).where(and(eq(memberships.userId, authorId), eq(memberships.speaksFor, true)));
      assert.deepEqual(marked.map((m) => m.org), [first]);

      await author.post('/account/speaking-for', { organization: '' });
      assert.equal((await speakingFor(t.app.ctx.db, authorId)).current, null);
      assert.match((await author.get(`/consultations/${f.slug}/phases/1/contribute`)).body, /<option value="" selected>Moi-même<\/option>/);
    });

    test('one may only speak for an organization one is a member of: refused with a message, the choice unchanged', async () => {
      await author.post('/account/speaking-for', { organization: String(first) });
      for (const organization of [String(elsewhere), '999999', 'abc']) {
        const refused = await author.post('/account/speaking-for', { organization });
        assert.equal(refused.statusCode, 422, organization);
        assert.match(refused.body, /<title>Erreur : /);
        assert.match(refused.body, organization === 'abc' ? /class="error-summary"|role="alert"/ : refusal);
      }
      assert.equal((await speakingFor(t.app.ctx.db, authorId)).current, first);
      const contribution = await author.post(`/consultations/${f.slug}/phases/1/contribute`, { ...valid, organization: String(elsewhere) });
      assert.equal(contribution.statusCode, 422);
      assert.match(contribution.body, refusal);
      assert.equal((await new Browser(t.app, '10.15.0.9').get('/account/speaking-for')).statusCode, 303, 'a visitor is sent to sign in');
    });

    test('leaving an organization takes the default with it', async () => {
      const leaver = await makeUser(t.app, 'attr-leaver@example.org');
      const org = await makeOrganization(t.app, 'attr-quitte', leaver);
      await t.app.ctx.db.update(memberships).set({ speaksFor: true }).where(and(eq(memberships.userId, leaver), eq(memberships.organizationId, org)));
      assert.equal((await speakingFor(t.app.ctx.db, leaver)).current, org);
      await t.app.ctx.db.delete(memberships).where(and(eq(memberships.userId, leaver), eq(memberships.organizationId, org)));
      assert.deepEqual(await speakingFor(t.app.ctx.db, leaver), { choices: [], current: null });
    });

    test('a contribution reads as its author and the organization chosen, the same on its page, in the list and the API', async () => {
      const posted = await author.post(`/consultations/${f.slug}/phases/1/contribute`, { ...valid, organization: String(second) });
      assert.equal(posted.statusCode, 303);
      const id = Number(/\/contributions\/(\d+)/.exec(posted.headers.location as string)![1]);
      const byLine = 'attr-author — Organisation attr-reseau';
      assert.match((await page(id)).body, new RegExp(`<span class="attribution">${byLine}</span>`));
      assert.match((await list()).body, new RegExp(`<span class="attribution">${byLine}</span>`));
      const item = (await apiList()).find((i) => i.id === id)!;
      assert.deepEqual([item.author, item.organization, item.workshop], ['attr-author', 'Organisation attr-reseau', null]);
      const detail = (await t.app.inject({ url: `/api/v1/contributions/${id}` })).json();
      assert.deepEqual([detail.organization?.slug, detail.workshop], ['attr-reseau', null]);

      const mine = await author.post(`/consultations/${f.slug}/phases/1/contribute`, { ...valid, title: 'En mon nom seulement', organization: '' });
      const own = Number(/\/contributions\/(\d+)/.exec(mine.headers.location as string)![1]);
      assert.match((await page(own)).body, /<span class="attribution">attr-author<\/span>/);
    });

    test('room input reads as from the workshop, said by who agreed to be named, entered by the animator', async () => {
      const animatorId = await makeUser(t.app, 'attr-animator@example.org');
      const animatorOrg = await makeOrganization(t.app, 'attr-animateurs', animatorId, 'reseau');
      const [consultation] = await t.app.ctx.db.select({ id: contributions.consultationId }).from(contributions).where(eq(contributions.id, f.contributionId));
      const { eventId } = await eventFixture(t.app, 'attr-animateurs', { consultationId: consultation!.id, title: 'Atelier des bancs' });
      const event = await findEvent(t.app.ctx.db, eventId);
      const actor = new Actor({ id: animatorId, email: 'attr-animator@example.org', displayName: 'attr-animator', locale: 'fr', platformRole: 'member', emailVerified: true }, [{ organizationId: animatorOrg, role: 'admin', organizationType: 'reseau', verified: false }]);
      const named = await addRoomContribution(t.app.ctx.db, actor, event, { title: 'Plus de fontaines', body: 'Sur chaque place.', participant: 'Nadia <Haddad>' });
      const anonymous = await addRoomContribution(t.app.ctx.db, actor, event, { title: 'Des toilettes publiques', body: 'Ouvertes la nuit.' });

      const [stored] = await t.app.ctx.db.select({ organizationId: contributions.organizationId }).from(contributions).where(eq(contributions.id, named));
      assert.equal(stored!.organizationId, null, 'the animating organization is not the voice of the room');

      const workshop = new RegExp(`Depuis l(&#39;|')atelier <a href="/events/${eventId}">Atelier des bancs \\(\\d\\d/\\d\\d/\\d{4}\\)</a>`);
      const said = /dit par Nadia &lt;Haddad(&gt;|>) \(qui a accepté d(&#39;|')être nommé·e\)/;
      for (const body of [(await page(named)).body, (await list()).body]) {
        assert.match(body, workshop);
        assert.match(body, said);
        assert.match(body, /saisi par attr-animator/);
        assert.doesNotMatch(body, /Nadia <Haddad>/, 'escaped');
        assert.doesNotMatch(body, /attr-animator — /);
      }
      const other = (await page(anonymous)).body;
      assert.match(other, workshop);
      assert.match(other, /saisi par attr-animator/);
      assert.doesNotMatch(other, /dit par/);

      const english = await t.app.inject({ url: `/contributions/${named}`, headers: { 'accept-language': 'en' } });
      assert.match(english.body, /From the workshop <a/);
      assert.match(english.body, /said by Nadia &lt;Haddad(&gt;|>) \(who agreed to be named\) · entered by attr-animator/);

      const items = await apiList();
      const room = items.find((i) => i.id === named)!;
      assert.deepEqual([room.author, room.organization, room.workshop?.saidBy], ['attr-animator', null, 'Nadia <Haddad>']);
      assert.match(room.workshop!.url, new RegExp(`/events/${eventId}$`));
      assert.match(room.workshop!.title, /^Atelier des bancs \(/);
      assert.equal(items.find((i) => i.id === anonymous)!.workshop?.saidBy, null);
      const detail = (await t.app.inject({ url: `/api/v1/contributions/${named}` })).json();
      assert.equal(detail.workshop.saidBy, 'Nadia <Haddad>');
    });
  });
}
