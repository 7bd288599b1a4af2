// The events API: the agenda and an event for everyone (the online link only for the registered), registering and
// cancelling with a token, one's registrations, the calendar file, and bad input answered with stable codes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { eventFixture } from './fixture.ts';

for (const kind of testDatabases()) {
  describe(`events API on ${kind}`, () => {
    let t: TestApp;
    let token: string;
    let eventId: number;
    let pastId: number;
    let person: Browser;
    before(async () => {
      t = await testApp(kind);
      const adminId = await makeUser(t.app, 'a-animator@example.org');
      await makeOrganization(t.app, 'a-reseau', adminId, 'reseau');
      eventId = (await eventFixture(t.app, 'a-reseau', { capacity: 1, title: 'Atelier API', questions: [{ label: 'Consentement', required: true }] })).eventId;
      pastId = (await eventFixture(t.app, 'a-reseau', { capacity: 5, title: 'Atelier passé', startsInDays: -3 })).eventId;
      await makeUser(t.app, 'a-person@example.org');
      person = await signIn(t.app, 'a-person@example.org', '10.6.0.1');
      const created = await person.post('/account/tokens', { name: 'script' });
      token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)![1]!;
    });
    after(() => t.close());

    const api = (method: 'GET' | 'POST', url: string, body?: unknown, auth = true) =>
      t.app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : {}), headers: auth ? { authorization: `Bearer ${token}` } : {} });

    test('the agenda and an event, for everyone, without the online link', async () => {
      const list = await api('GET', '/api/v1/events', undefined, false);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json().items.map((i: { title: string }) => i.title), ['Atelier API']);
      assert.equal(list.json().items[0].seatsLeft, 1);
      const past = await api('GET', '/api/v1/events?when=past', undefined, false);
      assert.deepEqual(past.json().items.map((i: { id: number }) => i.id), [pastId]);
      assert.equal((await api('GET', '/api/v1/events?kind=concert', undefined, false)).statusCode, 400);
      // Near a territory: the event in Lyon shows for Lyon, the Rhône and its région (84), not for the Vaucluse (département 84) nor Marseille.
      const near = async (territory: string) => (await api('GET', `/api/v1/events?territory=${encodeURIComponent(territory)}`, undefined, false)).json().total;
      assert.deepEqual(await Promise.all(['commune:69123', 'Lyon', 'departement:69', 'region:84', 'departement:84', 'commune:13055', 'nulle part du tout'].map(near)), [1, 1, 1, 1, 0, 0, 0]);
      const item = await api('GET', `/api/v1/events/${eventId}`, undefined, false);
      assert.equal(item.statusCode, 200);
      assert.equal(item.json().onlineUrl, null);
      assert.equal(item.json().questions[0].label, 'Consentement');
      assert.equal((await api('GET', '/api/v1/events/999999', undefined, false)).json().error.code, 'not_found');
      assert.equal((await api('GET', '/api/v1/events/abc', undefined, false)).statusCode, 400);
    });

    test('registering with a token: bad answers are refused field by field, then the registration and its link', async () => {
      const item = (await api('GET', `/api/v1/events/${eventId}`)).json();
      const q = String(item.questions[0].id);
      const missing = await api('POST', `/api/v1/events/${eventId}/registration`, {});
      assert.equal(missing.statusCode, 422);
      assert.equal(missing.json().error.code, 'validation_failed');
      assert.ok(missing.json().error.fields[`q${q}`]);
      const wrong = await api('POST', `/api/v1/events/${eventId}/registration`, { organization: 'abc', answers: { [q]: 'oui' } });
      assert.equal(wrong.statusCode, 422);
      assert.ok(wrong.json().error.fields.organization);
      const tooLong = await api('POST', `/api/v1/events/${eventId}/registration`, { answers: { [q]: 'x'.repeat(600) } });
      assert.equal(tooLong.statusCode, 422);
      const ok = await api('POST', `/api/v1/events/${eventId}/registration`, { answers: { [q]: 'oui' } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().status, 'confirmed');
      const mine = await api('GET', '/api/v1/events/registrations');
      assert.deepEqual(mine.json().items.map((i: { event: number; status: string }) => [i.event, i.status]), [[eventId, 'confirmed']]);
      assert.equal((await api('GET', `/api/v1/events/${eventId}`)).json().onlineUrl, 'https://visio.example.org/atelier-secret');
      const ics = await api('GET', `/api/v1/events/${eventId}/calendar.ics`);
      assert.match(String(ics.headers['content-type']), /^text\/calendar/);
      const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!);
      assert.equal(ev.summary, 'Atelier API');
      assert.match(ev.description, /atelier-secret/);
      const cancelled = await api('POST', `/api/v1/events/${eventId}/registration/cancel`, {});
      assert.equal(cancelled.json().status, 'cancelled');
      assert.ok([401, 403].includes((await api('POST', `/api/v1/events/${eventId}/registration`, {}, false)).statusCode), 'no token, no cookie: refused');
    });

    test('registering for a past event answers 409 registration_closed; the page says registration is closed', async () => {
      const closed = await api('POST', `/api/v1/events/${pastId}/registration`, {});
      assert.equal(closed.statusCode, 409);
      assert.equal(closed.json().error.code, 'registration_closed');
      const page = await new Browser(t.app).get(`/events/${pastId}`);
      assert.match(page.body, /Les inscriptions sont closes/);
      const form = await person.post(`/events/${pastId}/register`, {}, { csrfFrom: `/events/${pastId}` });
      assert.equal(form.statusCode, 303);
      assert.match((await person.get(`/events/${pastId}`)).body, /class="flash flash-error"[^>]*>Les inscriptions sont closes/);
    });
  });
}
