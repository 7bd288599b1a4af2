// The demo events: the 2020 scenario with minutes and contributions from the room, upcoming events with free seats and
// one full with a waiting list, idempotent; every events page is valid HTML, inert, for a visitor, a member and an animator.
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from '../../../test/support/html-validator.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent } from '../../../test/support/inert.ts';
import { demoPassword } from '../accounts/demo.ts';
import { seedDemo } from '../demo.ts';
import { eventContributions, events } from './schema.ts';
import { findEvent } from './service.ts';

for (const kind of testDatabases()) {
  describe(`demo events on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      await seedDemo(t.app.ctx);
    });
    after(() => t.close());

    const bySlug = async (slug: string) => findEvent(t.app.ctx.db, (await t.app.ctx.db.select({ id: events.id }).from(events).where(eq(events.slug, slug)))[0]!.id);

    test('the 2020 scenario: launch webinar on 1 October, two workshops the same afternoon, AVITEM in the Mediterranean', async () => {
      const webinar = await bySlug('webinaire-de-lancement-place-de-l-innovation-urbaine');
      assert.equal(webinar.startsAt.toISOString(), '2020-10-01T08:00:00.000Z');
      const idf = await bySlug('atelier-ile-de-france-2020');
      const lyon = await bySlug('atelier-lyon-2020');
      assert.equal(idf.startsAt.toISOString(), lyon.startsAt.toISOString());
      const med = await bySlug('atelier-mediterranee-marseille-2020');
      assert.equal(med.animator?.slug, 'avitem');
      for (const e of [webinar, idf, lyon, med]) {
        assert.ok(e.minutesPublishedAt, `${e.slug} has minutes`);
        assert.equal(e.consultation?.slug, 'place-de-l-innovation-urbaine');
        const [n] = await t.app.ctx.db.select({ n: count() }).from(eventContributions).where(eq(eventContributions.eventId, e.id));
        assert.ok(Number(n!.n) >= 1, `${e.slug} has contributions from the room`);
      }
      const [all] = await t.app.ctx.db.select({ n: count() }).from(events);
      assert.equal(Number(all!.n), 8, 'seeded once though run twice');
    });

    test('upcoming events of the current consultation: free seats, and one full with a waiting list', async () => {
      const free = await bySlug('atelier-ilots-de-fraicheur-montpellier');
      assert.ok(free.startsAt > new Date() && free.confirmed < free.capacity!);
      const full = await bySlug('atelier-la-rue-fraiche-marseille');
      assert.equal(full.confirmed, full.capacity);
      assert.ok(full.waiting >= 1);
      const agenda = await new Browser(t.app).get('/events');
      assert.match(agenda.body, /Atelier îlots de fraîcheur à Montpellier/);
      assert.match(agenda.body, /Complet/);
      const past = await new Browser(t.app).get('/events?when=past');
      assert.match(past.body, /Webinaire de lancement/);
      const near = await new Browser(t.app).get('/events?when=past&territory=Lyon');
      assert.match(near.body, /Atelier Lyon/);
      assert.doesNotMatch(near.body, /Atelier Île-de-France/);
    });

    test('the agenda and an event page run a bounded number of queries, whatever the number of events or registrations', async () => {
      const queries = async (url: string) => {
        t.app.pageCache.clear();
        const before = t.app.ctx.database.queryCount();
        assert.equal((await t.app.inject({ url })).statusCode, 200, url);
        return t.app.ctx.database.queryCount() - before;
      };
      const past = await queries('/events?when=past');
      assert.ok(past <= 6, `${past} queries for the agenda`);
      assert.equal(await queries('/events?when=past&kind=in_person'), past);
      assert.ok((await queries('/events')) <= past);
      const webinar = await bySlug('webinaire-de-lancement-place-de-l-innovation-urbaine');
      const med = await bySlug('atelier-mediterranee-marseille-2020');
      const one = await queries(`/events/${webinar.id}`);
      assert.ok(one <= 8, `${one} queries for an event`);
      assert.equal(await queries(`/events/${med.id}`), one, 'the same whatever its registrations and contributions');
    });

    test('every events page is valid HTML, inert, with one h1, for a visitor, a member and an animator', async () => {
      const visitor = new Browser(t.app, '10.8.1.1');
      const marie = new Browser(t.app, '10.8.1.2');
      const karim = new Browser(t.app, '10.8.1.3');
      const admin = new Browser(t.app, '10.8.1.4');
      for (const [b, email] of [[marie, 'marie.dupont@lyon.example'], [karim, 'animateur@avitem.example'], [admin, 'admin@parvis.example']] as const) assert.equal((await b.post('/login', { email, password: demoPassword, next: '/' })).statusCode, 303);
      const med = await bySlug('atelier-mediterranee-marseille-2020');
      const free = await bySlug('atelier-ilots-de-fraicheur-montpellier');
      const full = await bySlug('atelier-la-rue-fraiche-marseille');
      const pages = ['/events', '/events?when=past', '/events?territory=Marseille&kind=in_person', `/events/${med.id}`, `/events/${free.id}`, `/events/${full.id}`];
      const member = [...pages, '/events/mine'];
      const animator = [...member, '/events/new', `/events/${med.id}/edit`, `/events/${med.id}/attendees`, `/events/${med.id}/minutes`, `/events/${med.id}/contributions/new`, `/events/${med.id}/import`, `/events/${full.id}/attendees`];
      for (const [browser, list] of [[visitor, pages], [marie, member], [karim, animator], [admin, ['/admin/events/animators']]] as const) {
        for (const url of list) {
          const response = await browser.get(url);
          assert.equal(response.statusCode, 200, url);
          assert.deepEqual(activeContent(response.body), [], url);
          assert.equal(response.body.match(/<h1[ >]/g)?.length, 1, `${url}: one h1`);
          const report = await validator.validateString(response.body);
          assert.ok(report.valid, `${url}: ${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)).join('; ')}`);
        }
      }
    });
  });
}
