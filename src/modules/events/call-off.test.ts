// Animators call an event off: only they may, only on purpose (a box to tick), the registered and waiting are told
// once, registration closes, calendars say CANCELLED, reminders are not sent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { eventFixture, quickUsers } from './fixture.ts';
import { register } from './registrations.ts';
import { sendDueReminders } from './reminders.ts';
import { findEvent } from './service.ts';
import { advanceClock, days, resetClock } from '../../platform/clock.ts';

for (const kind of testDatabases()) {
  describe(`calling an event off on ${kind}`, () => {
    let t: TestApp;
    let animator: Browser;
    let outsider: Browser;
    let eventId: number;
    before(async () => {
      t = await testApp(kind);
      const admin = await makeUser(t.app, 'co-animator@example.org');
      await makeUser(t.app, 'co-outsider@example.org');
      await makeOrganization(t.app, 'co-reseau', admin, 'association');
      ({ eventId } = await eventFixture(t.app, 'co-reseau', { capacity: 2, startsInDays: 3 }));
      const people = await quickUsers(t.app, 'co-person', 3);
      for (const person of people) await register(t.app.ctx, person, await findEvent(t.app.ctx.db, eventId), { answers: {} });
      await t.deliverMail();
      animator = await signIn(t.app, 'co-animator@example.org', '10.14.0.1');
      outsider = await signIn(t.app, 'co-outsider@example.org', '10.14.0.2');
    });
    after(async () => {
      resetClock();
      await t.close();
    });

    test('only the animators, only with the box ticked and a reason; what was typed is kept', async () => {
      const url = `/events/${eventId}/call-off`;
      assert.equal((await outsider.post(url, { reason: 'Je voudrais tout annuler.', confirm: '1' }, { csrfFrom: '/account' })).statusCode, 403);
      const unticked = await animator.post(url, { reason: 'La salle est indisponible ce jour-là.' });
      assert.equal(unticked.statusCode, 422);
      assert.match(unticked.body, /La salle est indisponible ce jour-là\./);
      assert.equal((await animator.post(url, { reason: 'court', confirm: '1' })).statusCode, 422);
      assert.equal((await findEvent(t.app.ctx.db, eventId)).cancelledAt, null);
    });

    test('called off: everyone registered or waiting told once, registration closed, marked on the pages and in the calendar, no reminder', async () => {
      const url = `/events/${eventId}/call-off`;
      assert.equal((await animator.post(url, { reason: 'La salle est indisponible : nous vous proposerons une autre date.', confirm: '1' })).statusCode, 303);
      assert.equal((await animator.post(url, { reason: 'Une seconde fois, pour voir.', confirm: '1' }, { csrfFrom: `/events/${eventId}` })).statusCode, 303);
      const mails = await t.deliverMail();
      assert.equal(mails.length, 3, 'two confirmed and one waiting, told once');
      assert.match(mails[0]!.text, /nous vous proposerons une autre date/);
      const page = await new Browser(t.app, '10.14.0.3').get(`/events/${eventId}`);
      assert.match(page.body, /Cet événement est annulé/);
      assert.ok(!page.body.includes(`action="/events/${eventId}/register"`), 'no registration form');
      const [late] = await quickUsers(t.app, 'co-late', 1);
      await assert.rejects(register(t.app.ctx, late!, await findEvent(t.app.ctx.db, eventId), { answers: {} }), { code: 'registration_closed' });
      assert.match((await outsider.get('/events')).body, /Annulé/);
      const ics = await outsider.get(`/events/${eventId}/calendar.ics`);
      const vevent = new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!;
      assert.equal(vevent.getFirstPropertyValue('status'), 'CANCELLED');
      advanceClock(days(2) + 3_600_000);
      assert.equal(await sendDueReminders(t.app.ctx), 0);
    });

    test('a hostile reason is shown inert', async () => {
      const { eventId: other } = await eventFixture(t.app, 'co-reseau', { title: 'Autre atelier' });
      const payload = xssPayloads().find((p) => p.includes('<script')) ?? '<script>alert(1)</script>';
      assert.equal((await animator.post(`/events/${other}/call-off`, { reason: `Raison : ${payload}`, confirm: '1' }, { csrfFrom: `/events/${other}` })).statusCode, 303);
      assert.deepEqual(activeContent((await new Browser(t.app, '10.14.0.4').get(`/events/${other}`)).body), []);
    });
  });
}
