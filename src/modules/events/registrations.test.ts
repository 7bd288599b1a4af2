// Registration under concurrency (the capacity is never exceeded), the waiting list and its promotion with a mail,
// reminders delivered once by racing scans, and the calendar files parsed back by an iCalendar parser.
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { after, afterEach, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { days, hours, resetClock, setClock } from '../../platform/clock.ts';
import { calendar } from './calendar.ts';
import { eventFixture, quickUsers } from './fixture.ts';
import { cancel, register } from './registrations.ts';
import { sendDueReminders } from './reminders.ts';
import { eventRegistrations, eventReminders } from './schema.ts';
import { findEvent, updateEvent } from './service.ts';
import type { EventInput } from './inputs.ts';
import { Actor } from '../../platform/policy.ts';
import { parisLocal } from '../consultations/phases.ts';

for (const kind of testDatabases()) {
  describe(`event registrations on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
      const adminId = await makeUser(t.app, 'r-animator@example.org');
      await makeOrganization(t.app, 'r-reseau', adminId, 'reseau');
    });
    afterEach(() => resetClock());
    after(() => t.close());

    const statuses = async (eventId: number) => {
      const rows = await t.app.ctx.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));
      return { confirmed: rows.filter((r) => r.status === 'confirmed').length, waiting: rows.filter((r) => r.status === 'waiting').length, rows };
    };

    test('50 concurrent registrations for 10 seats: exactly 10 confirmed and 40 waiting, in a strict order', async () => {
      const { eventId } = await eventFixture(t.app, 'r-reseau', { capacity: 10, title: 'Atelier des 50' });
      const people = await quickUsers(t.app, 'crowd', 50);
      const event = await findEvent(t.app.ctx.db, eventId);
      const results = await Promise.all(people.map((actor) => register(t.app.ctx, actor, event, { answers: {} })));
      assert.equal(results.filter((s) => s === 'confirmed').length, 10);
      assert.equal(results.filter((s) => s === 'waiting').length, 40);
      const { confirmed, waiting, rows } = await statuses(eventId);
      assert.deepEqual({ confirmed, waiting }, { confirmed: 10, waiting: 40 });
      assert.equal(new Set(rows.map((r) => r.position)).size, 50, 'every position is distinct');
      // Registering again (a double click) changes nothing.
      await Promise.all(people.slice(0, 5).map((actor) => register(t.app.ctx, actor, event, { answers: {} })));
      assert.deepEqual((({ confirmed, waiting }) => ({ confirmed, waiting }))(await statuses(eventId)), { confirmed: 10, waiting: 40 });
      const mails = await t.deliverMail();
      assert.equal(mails.filter((m) => m.subject.startsWith('Inscription confirmée')).length, 10);
      assert.equal(mails.filter((m) => m.subject.startsWith("Liste d'attente")).length, 40);
    });

    test('a cancellation gives the seat to the first waiting person, who is told by mail; concurrent cancellations never overfill', async () => {
      const { eventId } = await eventFixture(t.app, 'r-reseau', { capacity: 2, title: 'Petit atelier' });
      const people = await quickUsers(t.app, 'small', 6);
      const event = await findEvent(t.app.ctx.db, eventId);
      for (const actor of people) await register(t.app.ctx, actor, event, { answers: {} });
      await t.deliverMail();
      await cancel(t.app.ctx, people[0]!, eventId);
      const after1 = await statuses(eventId);
      assert.equal(after1.confirmed, 2);
      const promoted = after1.rows.find((r) => r.userId === people[2]!.user!.id)!;
      assert.equal(promoted.status, 'confirmed', 'the first in line (third to register) got the seat');
      const mails = await t.deliverMail();
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.to, people[2]!.user!.email);
      assert.match(mails[0]!.subject, /Une place s'est libérée : Petit atelier/);
      assert.match(mails[0]!.text, new RegExp(`/events/${eventId}`));
      // Two confirmed people and one waiting cancel at once while others wait: still never more than two confirmed.
      await Promise.all([cancel(t.app.ctx, people[1]!, eventId), cancel(t.app.ctx, people[2]!, eventId), cancel(t.app.ctx, people[3]!, eventId), register(t.app.ctx, people[0]!, event, { answers: {} })]);
      const after2 = await statuses(eventId);
      assert.equal(after2.confirmed, 2);
      assert.deepEqual(after2.rows.filter((r) => r.status === 'confirmed').map((r) => r.userId).sort(), [people[4]!.user!.id, people[5]!.user!.id].sort());
      // A waiting person cancelling frees nothing and tells nobody.
      await t.deliverMail();
      await cancel(t.app.ctx, people[0]!, eventId);
      assert.equal((await t.deliverMail()).length, 0);
    });

    test('raising the capacity gives the new seats to the waiting list in order, each told by mail', async () => {
      const { eventId, animatorId } = await eventFixture(t.app, 'r-reseau', { capacity: 2, title: 'Atelier agrandi' });
      const people = await quickUsers(t.app, 'grow', 5);
      let event = await findEvent(t.app.ctx.db, eventId);
      for (const actor of people) await register(t.app.ctx, actor, event, { answers: {} });
      await t.deliverMail();
      const [admin] = await quickUsers(t.app, 'grow-admin', 1);
      const actor = new Actor({ ...admin!.user!, platformRole: 'admin' });
      const input: EventInput = { title: event.title, kind: event.kind, description: event.description, startsAt: parisLocal(event.startsAt), endsAt: parisLocal(event.endsAt), venue: event.venue!, capacity: '4', animator: String(animatorId) };
      await assert.rejects(updateEvent(t.app.ctx, actor, event, { ...input, capacity: '1' }), /invalid: capacity/);
      await updateEvent(t.app.ctx, actor, event, input);
      event = await findEvent(t.app.ctx.db, eventId);
      assert.deepEqual([event.confirmed, event.waiting], [4, 1]);
      const { rows } = await statuses(eventId);
      assert.equal(rows.find((r) => r.userId === people[4]!.user!.id)!.status, 'waiting', 'the last to register still waits');
      const mails = await t.deliverMail();
      assert.deepEqual(mails.map((m) => m.to).sort(), [people[2]!.user!.email, people[3]!.user!.email].sort());
      assert.ok(mails.every((m) => m.subject === "Une place s'est libérée : Atelier agrandi"));
    });

    test('an unlimited event confirms everyone; registration closes at the deadline', async () => {
      const { eventId } = await eventFixture(t.app, 'r-reseau', { capacity: null, title: 'Webinaire ouvert' });
      const people = await quickUsers(t.app, 'open', 12);
      const event = await findEvent(t.app.ctx.db, eventId);
      await Promise.all(people.map((actor) => register(t.app.ctx, actor, event, { answers: {} })));
      assert.equal((await statuses(eventId)).confirmed, 12);
      setClock(new Date(event.startsAt.getTime() + 60_000));
      const [late] = await quickUsers(t.app, 'late', 1);
      await assert.rejects(register(t.app.ctx, late!, event, { answers: {} }), /registration for this event is closed/);
    });

    test('reminders the day before go out once, even when two scans race, and only to confirmed people', async () => {
      const { eventId } = await eventFixture(t.app, 'r-reseau', { capacity: 3, title: 'Atelier de demain', startsInDays: 3 });
      const people = await quickUsers(t.app, 'remind', 5);
      const event = await findEvent(t.app.ctx.db, eventId);
      for (const actor of people) await register(t.app.ctx, actor, event, { answers: {} });
      await t.deliverMail();
      // Two days before: nothing yet.
      setClock(new Date(event.startsAt.getTime() - days(2)));
      assert.equal(await sendDueReminders(t.app.ctx), 0);
      // The day before: two workers scan at the same moment.
      setClock(new Date(event.startsAt.getTime() - hours(20)));
      const [a, b] = await Promise.all([sendDueReminders(t.app.ctx), sendDueReminders(t.app.ctx)]);
      assert.equal(a + b, 3);
      assert.equal(await sendDueReminders(t.app.ctx), 0);
      const mails = (await t.deliverMail()).filter((m) => m.subject === 'Demain : Atelier de demain');
      assert.equal(mails.length, 3);
      assert.equal(new Set(mails.map((m) => m.to)).size, 3);
      assert.deepEqual(mails.map((m) => m.to).sort(), people.slice(0, 3).map((p) => p.user!.email).sort());
      const recorded = await t.app.ctx.db.select().from(eventReminders).where(eq(eventReminders.eventId, eventId));
      assert.equal(recorded.length, 3);
      // The reminder job itself (as the scheduled scan runs it) finds nothing left to send.
      await t.app.ctx.db.transaction((tx) => t.app.ctx.jobs.send(tx, 'events.reminders', {}));
      await t.app.ctx.jobs.drain('events.reminders');
      assert.equal((await t.deliverMail()).length, 0);
    });

    test('the calendar file parses back with an iCalendar parser, with escaped text and folded lines', async () => {
      const start = new Date('2020-10-01T12:00:00Z');
      const entries = [
        { id: 7, slug: 'atelier', title: 'Atelier ; virgules, et \\ barres — très long titre pour forcer le pliage des lignes au-delà de soixante-quinze octets ✓', description: 'Ligne 1\nLigne 2', startsAt: start, endsAt: new Date(start.getTime() + hours(3)), venue: '20 rue du Lac, Lyon', latitude: 45.76, longitude: 4.85, updatedAt: start, onlineUrl: null },
      ];
      const text = calendar('Parvis', entries, 'https://parvis.example');
      assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines are folded at 75 octets');
      const component = new ICAL.Component(ICAL.parse(text));
      const vevent = component.getFirstSubcomponent('vevent')!;
      const ev = new ICAL.Event(vevent);
      assert.equal(ev.summary, entries[0]!.title);
      assert.equal(ev.description.startsWith('Ligne 1\nLigne 2'), true);
      assert.equal(ev.location, '20 rue du Lac, Lyon');
      assert.equal(ev.startDate.toJSDate().toISOString(), start.toISOString());
      assert.equal(ev.uid, 'event-7@parvis.example');
    });

    test('the .ics of an event and the personal and territory feeds are valid calendars; the online link only for the registered', async () => {
      const { eventId } = await eventFixture(t.app, 'r-reseau', { capacity: 5, title: 'Atelier calendrier' });
      await makeUser(t.app, 'r-cal@example.org');
      const person = await signIn(t.app, 'r-cal@example.org', '10.8.0.1');
      const visitor = new Browser(t.app, '10.8.0.2');
      const parse = (body: string) => new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const anonymous = await visitor.get(`/events/${eventId}/calendar.ics`);
      assert.equal(anonymous.statusCode, 200);
      assert.match(String(anonymous.headers['content-type']), /^text\/calendar/);
      assert.equal(parse(anonymous.body)[0]!.summary, 'Atelier calendrier');
      assert.doesNotMatch(anonymous.body, /atelier-secret/);
      assert.equal((await person.post(`/events/${eventId}/register`, {})).statusCode, 303);
      const mine = await person.get(`/events/${eventId}/calendar.ics`);
      assert.match(mine.body.replace(/\r\n /g, ''), /atelier-secret/);
      const page = await person.get('/events/mine');
      assert.match(page.body, /Atelier calendrier/);
      const created = await person.post('/events/mine/feed', {});
      const url = /<code>[^<]*(\/events\/feeds\/cal_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)![1]!;
      const feed = await visitor.get(url);
      assert.equal(feed.statusCode, 200);
      assert.deepEqual(parse(feed.body).map((e) => e.summary), ['Atelier calendrier']);
      // A new address disables the old one.
      await person.post('/events/mine/feed', {});
      assert.equal((await visitor.get(url)).statusCode, 404);
      assert.equal((await visitor.get('/events/feeds/cal_nope')).statusCode, 404);
      const territory = await visitor.get('/events/calendar/departement/69');
      assert.equal(territory.statusCode, 200);
      assert.ok(parse(territory.body).some((e) => e.summary === 'Atelier calendrier'));
      assert.doesNotMatch(territory.body, /atelier-secret/);
      assert.equal((await visitor.get('/events/calendar/region/00')).statusCode, 404);
      const registered = await t.app.ctx.db.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId)));
      assert.equal(registered.length, 1);
    });
  });
}
