// Workshops in a real browser, JavaScript on and off, every page checked by axe: a person finds a workshop near them,
// registers, gets the calendar file and cancels; a waiting person is promoted and told; an animator imports 30 post-its
// (two bad rows reported, nothing imported until fixed), publishes the minutes and exports the attendee list.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { contributions } from '../../src/modules/consultations/schema.ts';
import { eventFixture } from '../../src/modules/events/fixture.ts';
import { cancel, register } from '../../src/modules/events/registrations.ts';
import { eventContributions } from '../../src/modules/events/schema.ts';
import { findEvent } from '../../src/modules/events/service.ts';
import { Actor } from '../../src/platform/policy.ts';
import { strongPassword } from '../support/app.ts';
import { consultationFixture, makeOrganization } from '../support/roles.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, startSite, type Site } from '../support/browser.ts';

const skip = browserSkip();

async function person(site: Site, email: string) {
  const user = await createUserDirect(site.t.app.ctx.db, { email, password: strongPassword, displayName: email.split('@')[0] });
  return { id: user.id, email };
}

function actorOf(user: { id: number; email: string }) {
  return new Actor({ id: user.id, email: user.email, displayName: user.email, locale: 'fr', platformRole: 'member', emailVerified: true });
}

describe('events in a browser', () => {
  let site: Site;
  let consultationId: number;
  let animatorEmail: string;
  before(async () => {
    if (skip) return;
    site = await startSite();
    const animator = await person(site, 'e2e-animator@example.org');
    animatorEmail = animator.email;
    await makeOrganization(site.t.app, 'e2e-reseau', animator.id, 'reseau');
    const f = await consultationFixture(site.t.app, 'e2e-reseau', animator.id, 'e2e-consultation');
    consultationId = (await site.t.app.ctx.db.select({ id: contributions.consultationId }).from(contributions).where(eq(contributions.id, f.contributionId)))[0]!.id;
  });
  after(async () => {
    await site?.close();
  });

  for (const js of [true, false]) {
    test(`the agenda's map: drawn by Leaflet with a marker per venue, or hidden beside the list of venues (${jsLabel(js)})`, { skip }, async () => {
      const title = `Atelier cartographié ${js ? 'js' : 'nojs'}`;
      await eventFixture(site.t.app, 'e2e-reseau', { capacity: 10, consultationId, title, startsInDays: 40 });
      // Tiles from nowhere: the map must still draw its markers, and the page stay accessible.
      site.t.app.ctx.config.mapTileUrl = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
      // The event was written behind the app's back: the visitors' page cache does not know it.
      site.t.app.pageCache.clear();
      const page = await newPage(site, { js });
      try {
        await journey(page, `events-map-${js}`, async () => {
          await page.goto('/events');
          const places = page.locator('section[aria-labelledby="places-title"]');
          assert.match(await places.innerText(), new RegExp(title));
          if (js) {
            await page.locator('#events-map .leaflet-marker-icon').first().waitFor();
            assert.ok(await page.locator('#events-map').isVisible());
            assert.ok((await page.locator(`#events-map .leaflet-marker-icon[alt="${title}"]`).count()) === 1);
          } else {
            assert.equal(await page.locator('#events-map').isVisible(), false);
          }
          await checkPage(page);
        });
      } finally {
        site.t.app.ctx.config.mapTileUrl = undefined;
        site.t.app.pageCache.clear();
      }
    });
  }

  test('times are in Paris time, and also in the reader’s zone when it differs (JavaScript on)', { skip }, async () => {
    const { eventId } = await eventFixture(site.t.app, 'e2e-reseau', { capacity: 10, consultationId, title: 'Atelier transatlantique' });
    const event = await findEvent(site.t.app.ctx.db, eventId);
    const context = await site.browser.newContext({ javaScriptEnabled: true, locale: 'fr-FR', timezoneId: 'Asia/Tokyo', baseURL: site.base });
    const page = await context.newPage();
    await journey(page, 'events-time-zone', async () => {
      await page.goto(`/events/${eventId}`);
      const note = await page.locator('main .event-local-time').first().innerText();
      const tokyo = new Intl.DateTimeFormat('fr', { timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(event.startsAt);
      assert.match(note, /dans votre fuseau \(Asia\/Tokyo\)/);
      assert.ok(note.includes(tokyo), `${note} shows ${tokyo}`);
      await checkPage(page);
    });
    const paris = await (await site.browser.newContext({ javaScriptEnabled: true, locale: 'fr-FR', timezoneId: 'Europe/Paris', baseURL: site.base })).newPage();
    await journey(paris, 'events-time-paris', async () => {
      await paris.goto(`/events/${eventId}`);
      assert.equal(await paris.locator('.event-local-time').count(), 0);
    });
  });

  for (const js of [true, false]) {
    const suffix = js ? 'js' : 'nojs';

    test(`find a workshop near me, register, get the calendar file, cancel (${jsLabel(js)})`, { skip }, async () => {
      const title = `Atelier lyonnais ${suffix}`;
      const { eventId } = await eventFixture(site.t.app, 'e2e-reseau', { capacity: 10, consultationId, title, questions: [{ label: "J'accepte d'être nommé·e", required: true }] });
      const me = await person(site, `e2e-lucie-${suffix}@example.org`);
      const page = await newPage(site, { js });
      await journey(page, `events-register-${suffix}`, async () => {
        await signIn(page, me.email, strongPassword);
        await page.goto('/events');
        await checkPage(page);
        await page.getByLabel('Près de').fill('Lyon');
        await follow(page, page.getByRole('button', { name: 'Filtrer', exact: true }));
        await checkPage(page);
        await follow(page, page.locator('main').getByRole('link', { name: title, exact: true }).first());
        assert.equal(await heading(page), title);
        await checkPage(page);
        // A required question left empty: the error is beside it and nothing is written.
        await follow(page, page.getByRole('button', { name: "M'inscrire", exact: true }));
        assert.match(await page.locator('.error-summary').innerText(), /J'accepte d'être nommé·e/);
        await checkPage(page);
        await page.getByLabel("J'accepte d'être nommé·e").fill('oui');
        await follow(page, page.getByRole('button', { name: "M'inscrire", exact: true }));
        assert.match(await page.locator('.flash').innerText(), /Vous êtes inscrit·e/);
        assert.match(await page.locator('main').innerText(), /visio\.example\.org\/atelier-secret/);
        await checkPage(page);
        const href = await page.getByRole('link', { name: /Ajouter à mon agenda/ }).getAttribute('href');
        const ics = await page.request.get(href!);
        assert.equal(ics.status(), 200);
        const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!);
        assert.equal(ev.summary, title);
        assert.match(ev.description, /atelier-secret/);
        await follow(page, page.getByRole('button', { name: 'Annuler mon inscription', exact: true }));
        assert.match(await page.locator('.flash').innerText(), /Votre inscription est annulée/);
        assert.equal((await findEvent(site.t.app.ctx.db, eventId)).confirmed, 0);
        await checkPage(page);
      });
    });

    test(`a waiting person is promoted when a seat is freed, and told by e-mail (${jsLabel(js)})`, { skip }, async () => {
      const title = `Atelier complet ${suffix}`;
      const { eventId } = await eventFixture(site.t.app, 'e2e-reseau', { capacity: 1, consultationId, title });
      const holder = await person(site, `e2e-holder-${suffix}@example.org`);
      const waiter = await person(site, `e2e-waiter-${suffix}@example.org`);
      await register(site.t.app.ctx, actorOf(holder), await findEvent(site.t.app.ctx.db, eventId), { answers: {} });
      const page = await newPage(site, { js });
      await journey(page, `events-waiting-${suffix}`, async () => {
        await signIn(page, waiter.email, strongPassword);
        await page.goto(`/events/${eventId}`);
        assert.match(await page.locator('main').innerText(), /complet/);
        await checkPage(page);
        await follow(page, page.getByRole('button', { name: "Rejoindre la liste d'attente", exact: true }));
        assert.match(await page.locator('main').innerText(), /liste d'attente, en position 1/);
        assert.doesNotMatch(await page.locator('main').innerText(), /atelier-secret/);
        await checkPage(page);
        await site.t.deliverMail();
        await cancel(site.t.app.ctx, actorOf(holder), eventId);
        const mails = await site.t.deliverMail();
        const told = mails.find((m) => m.to === waiter.email);
        assert.ok(told, 'the promoted person gets a mail');
        assert.match(told.subject, new RegExp(`Une place s'est libérée : ${title}`));
        const link = new URL(/https?:\/\/\S+\/events\/\d+/.exec(told.text)![0]).pathname;
        await page.goto(link);
        assert.match(await page.locator('main').innerText(), /Vous êtes inscrit·e à cet événement/);
        await checkPage(page);
      });
    });

    test(`an animator imports 30 post-its (two bad rows reported, nothing imported until fixed), publishes the minutes, exports the list (${jsLabel(js)})`, { skip }, async () => {
      const title = `Atelier post-it ${suffix}`;
      const { eventId } = await eventFixture(site.t.app, 'e2e-reseau', { capacity: 20, consultationId, title });
      const attendee = await person(site, `e2e-attendee-${suffix}@example.org`);
      await register(site.t.app.ctx, actorOf(attendee), await findEvent(site.t.app.ctx.db, eventId), { answers: {} });
      const rows = Array.from({ length: 30 }, (_, i) => `Post-it ${i + 1};Une idée du tableau blanc numéro ${i + 1};`);
      const bad = [...rows];
      bad[4] = ';Sans titre;';
      bad[16] = `${'T'.repeat(160)};Trop long;`;
      const csv = (lines: string[]) => Buffer.from(`\uFEFFTitre;Texte;Participant\r\n${lines.join('\r\n')}\r\n`, 'utf8');
      const imported = async () => (await site.t.app.ctx.db.select().from(eventContributions).where(eq(eventContributions.eventId, eventId))).length;
      const page = await newPage(site, { js });
      await journey(page, `events-animator-${suffix}`, async () => {
        await signIn(page, animatorEmail, strongPassword);
        await page.goto(`/events/${eventId}`);
        await checkPage(page);
        await follow(page, page.getByRole('link', { name: 'Importer des contributions (CSV)', exact: true }));
        await checkPage(page);
        await page.getByLabel('Fichier CSV').setInputFiles({ name: 'tableau-blanc.csv', mimeType: 'text/csv', buffer: csv(bad) });
        await follow(page, page.getByRole('button', { name: "Voir l'aperçu", exact: true }));
        const errors = await page.locator('.error-summary').innerText();
        assert.match(errors, /2 lignes à corriger/);
        assert.match(errors, /Ligne 6/);
        assert.match(errors, /Ligne 18/);
        await checkPage(page);
        await follow(page, page.getByRole('button', { name: 'Importer les 30 contributions', exact: true }));
        assert.match(await page.locator('.error-summary').innerText(), /Rien n'a été importé/);
        assert.equal(await imported(), 0);
        await follow(page, page.getByRole('link', { name: 'Importer un autre fichier', exact: true }));
        await page.getByLabel('Fichier CSV').setInputFiles({ name: 'tableau-blanc.csv', mimeType: 'text/csv', buffer: csv(rows) });
        await follow(page, page.getByRole('button', { name: "Voir l'aperçu", exact: true }));
        assert.match(await page.locator('main').innerText(), /30 contributions prêtes à importer/);
        await checkPage(page);
        await follow(page, page.getByRole('button', { name: 'Importer les 30 contributions', exact: true }));
        // Drafts by default: the animator reads them over, drops one, then publishes the rest in one action.
        assert.match(await page.locator('.flash').innerText(), /30 contributions importées en brouillon/);
        assert.equal(await imported(), 30);
        assert.equal(await heading(page), `Brouillons de la salle — ${title}`);
        await checkPage(page);
        await follow(page, page.getByRole('button', { name: `Retirer le brouillon « Post-it 1 »`, exact: true }));
        assert.match(await page.locator('.flash').innerText(), /Le brouillon est retiré/);
        assert.equal(await imported(), 29);
        await follow(page, page.getByRole('button', { name: 'Publier les 29 contributions', exact: true }));
        assert.match(await page.locator('.flash').innerText(), /29 contributions publiées dans la phase/);
        assert.match(await page.locator('main').innerText(), /29 contributions issues de cet événement/);
        await checkPage(page);

        await follow(page, page.getByRole('link', { name: 'Compte rendu', exact: true }));
        await checkPage(page);
        await page.getByLabel('Compte rendu').fill('Trente post-its, trois grandes idées : **des bancs**, de l’ombre et de l’eau.');
        await follow(page, page.getByRole('button', { name: 'Publier', exact: true }));
        assert.match(await page.locator('.flash').innerText(), /Le compte rendu est publié/);
        assert.match(await page.locator('main').innerText(), /Trente post-its, trois grandes idées/);
        await checkPage(page);

        await follow(page, page.getByRole('link', { name: 'Inscrits et présences', exact: true }));
        await checkPage(page);
        await page.getByLabel(/était présent·e/).check();
        await follow(page, page.getByRole('button', { name: 'Enregistrer les présences', exact: true }));
        await checkPage(page);
        const href = await page.getByRole('link', { name: /Télécharger la liste pour Excel/ }).getAttribute('href');
        const excel = await page.request.get(href!);
        assert.equal(excel.status(), 200);
        const body = await excel.body();
        assert.ok(body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
        assert.match(body.toString('utf8'), new RegExp(`${attendee.email};;Inscrit·e;oui`));
      });
    });
  }
});
