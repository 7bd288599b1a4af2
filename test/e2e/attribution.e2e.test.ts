// Issue 15 item 10 in a real browser (JavaScript on and off, axe on every page): who a contribution reads as from.
// Typed on the site, it is its author and the one organization they chose on /account/speaking-for, or their name
// alone; a new choice holds for the next contributions, not the ones already written. Entered after a workshop, it is
// from the workshop, said by the participant and entered by the animator, whose organization is not the speaker. The
// page, the phase's list and the API say the same.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { demoPassword } from '../../src/modules/accounts/demo.ts';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { consultations } from '../../src/modules/consultations/schema.ts';
import { eventFixture } from '../../src/modules/events/fixture.ts';
import { findEvent } from '../../src/modules/events/service.ts';
import { memberships, organizations } from '../../src/modules/organizations/schema.ts';
import { strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, sharedSite, signIn, visit } from '../support/browser.ts';

const skip = browserSkip();
// Phase 1 (closed, needs) is the one a workshop feeds; phase 2 (open, ideas) takes contributions typed on the site.
const current = 'rafraichir-nos-villes';
const karim = { email: 'animateur@avitem.example', name: 'Karim Benali', organization: 'AVITEM' };
const speakerLabel = 'Vous vous exprimez au nom de';

const pathOf = (page: Page) => new URL(page.url()).pathname;

function contributionId(page: Page): number {
  const match = /^\/contributions\/(\d+)$/.exec(pathOf(page));
  assert.ok(match, `a contribution page, not ${page.url()}`);
  return Number(match[1]);
}

/** The line under the contribution's title (arguments and comments further down name their own authors). */
async function byLine(page: Page): Promise<string> {
  return (await page.locator('article > header .attribution').innerText()).trim();
}

interface ApiContribution {
  author: string;
  organization: { slug: string; name: string } | null;
  workshop: { title: string; url: string; saidBy: string | null } | null;
}

/** Through the page's own request context: what a client of the API reads, with the same cookies as the page. */
async function fromApi(page: Page, id: number): Promise<ApiContribution> {
  const response = await page.request.get(`/api/v1/contributions/${id}`);
  assert.equal(response.status(), 200);
  return (await response.json()) as ApiContribution;
}

describe('attribution that reads right, in a browser (issue 15, item 10)', () => {
  const site = sharedSite({ demo: true });

  for (const js of [true, false]) {
    const suffix = js ? 'on' : 'off';

    test(`a member of two organizations speaks for the one chosen, or for themselves; a new choice holds for new contributions (${jsLabel(js)})`, { skip }, async () => {
      const db = site.t.app.ctx.db;
      const name = `Inès Deuxcasquettes ${suffix}`;
      const email = `e2e-attribution-${suffix}@example.org`;
      const user = await createUserDirect(db, { email, password: strongPassword, displayName: name });
      const belongs = await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.slug, ['mobilcity', 'metropole-de-lyon']));
      // Not marked as spoken for: a person who joins organizations speaks for themselves until they choose.
      await db.insert(memberships).values(belongs.map((o) => ({ organizationId: o.id, userId: user.id, role: 'member' as const, status: 'active' as const })));
      const page = await newPage(site, { js });
      await journey(page, `attribution-typed-${suffix}`, async () => {
        await signIn(page, email, strongPassword);
        const write = async (title: string, startsFrom: string) => {
          await visit(page, `/consultations/${current}/phases/2/contribute`);
          assert.equal((await page.getByLabel(speakerLabel).locator('option:checked').innerText()).trim(), startsFrom, 'the form starts from the kept choice');
          await page.getByLabel('Titre', { exact: true }).fill(title);
          await page.getByLabel('Votre contribution', { exact: true }).fill(`Des arbres et de l'ombre, pour que la rue reste vivable l'été (${suffix}).`);
          await follow(page, page.getByRole('button', { name: 'Publier', exact: true }));
          assert.match(await page.locator('.flash').innerText(), /Votre contribution est publiée/);
          assert.equal(await heading(page), title);
          await checkPage(page);
          return { id: contributionId(page), by: await byLine(page) };
        };
        const choose = async (organization: string) => {
          await checkPage(page);
          assert.equal(pathOf(page), '/account/speaking-for');
          const field = page.getByLabel(speakerLabel);
          assert.deepEqual((await field.locator('option').allInnerTexts()).map((o) => o.trim()).sort(), ['Moi-même', 'MobilCity', 'Métropole de Lyon'].sort(), 'themselves, or one of the organizations they belong to');
          await field.selectOption({ label: organization });
          await follow(page, page.locator('main form').getByRole('button', { name: 'Enregistrer', exact: true }));
          assert.match(await page.locator('.flash').innerText(), /Votre choix est enregistré/);
          await checkPage(page);
          assert.equal((await page.getByLabel(speakerLabel).locator('option:checked').innerText()).trim(), organization, 'the choice is kept');
        };

        const mine = await write(`Des préaux végétalisés (${suffix})`, 'Moi-même');
        assert.equal(mine.by, name, 'the name alone, for themselves');

        await visit(page, '/account');
        await follow(page, page.locator('main').getByRole('link', { name: "Au nom de qui je m'exprime", exact: true }));
        await choose('MobilCity');
        const mobil = await write(`Des capteurs de chaleur dans les cours (${suffix})`, 'MobilCity');
        assert.equal(mobil.by, `${name} — MobilCity`, 'the chosen organization, and that one only');

        // Changed from the contribution form's own link: the next contribution speaks for the new choice.
        await visit(page, `/consultations/${current}/phases/2/contribute`);
        await follow(page, page.getByRole('link', { name: 'Changer mon choix par défaut', exact: true }));
        await choose('Métropole de Lyon');
        const lyon = await write(`Des fontaines dans les parcs (${suffix})`, 'Métropole de Lyon');
        assert.equal(lyon.by, `${name} — Métropole de Lyon`);

        await visit(page, `/contributions/${mobil.id}`);
        assert.equal(await byLine(page), `${name} — MobilCity`, 'a contribution keeps the choice made when it was written');

        // Newest first: the three are at the head of the phase's list, each with the line of its page.
        await visit(page, `/consultations/${current}/phases/2`);
        for (const c of [mine, mobil, lyon]) {
          const card = page.locator('main li article', { has: page.locator(`h3 a[href="/contributions/${c.id}"]`) });
          assert.equal((await card.locator('.attribution').innerText()).trim(), c.by, `the card of #${c.id}`);
        }

        const api = await Promise.all([mine, mobil, lyon].map((c) => fromApi(page, c.id)));
        assert.deepEqual(
          api.map((c) => [c.author, c.organization?.slug ?? null, c.organization?.name ?? null, c.workshop]),
          [
            [name, null, null, null],
            [name, 'mobilcity', 'MobilCity', null],
            [name, 'metropole-de-lyon', 'Métropole de Lyon', null],
          ],
        );
      });
    });

    test(`room input reads from the workshop, said by the participant, entered by the animator, never as the animator's organization (${jsLabel(js)})`, { skip }, async () => {
      const db = site.t.app.ctx.db;
      const [consultation] = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, current));
      const workshop = `Atelier des cours d'école ${suffix}`;
      // Karim speaks for AVITEM when he types his own contributions: the room's input must not take that voice.
      const { eventId } = await eventFixture(site.t.app, 'avitem', { consultationId: consultation!.id, title: workshop, startsInDays: -2 });
      const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format((await findEvent(db, eventId)).startsAt);
      const label = `${workshop} (${day})`;
      const participant = `Nadia Saïdi ${suffix}`;
      const named = `La cour d'école sans ombre à midi (${suffix})`;
      const anonymous = `Le goudron qui brûle les pieds (${suffix})`;
      const page = await newPage(site, { js });
      await journey(page, `attribution-room-${suffix}`, async () => {
        await signIn(page, karim.email, demoPassword);
        await visit(page, `/events/${eventId}`);
        await follow(page, page.getByRole('link', { name: 'Saisir des contributions de la salle', exact: true }));
        assert.equal(pathOf(page), `/events/${eventId}/contributions/new`);
        await checkPage(page);
        for (const [title, who] of [[named, participant], [anonymous, '']] as const) {
          await page.getByLabel('Titre de la contribution', { exact: true }).fill(title);
          await page.getByLabel('Texte de la contribution', { exact: true }).fill(`Dit pendant l'atelier, noté sur un post-it : ${title}.`);
          await page.getByLabel(/^Participant·e nommé·e/).fill(who);
          await follow(page, page.getByRole('button', { name: 'Ajouter la contribution', exact: true }));
          assert.match(await page.locator('.flash').innerText(), /La contribution est ajoutée à la phase/);
          await checkPage(page);
        }

        const open = async (title: string) => {
          await visit(page, `/events/${eventId}`);
          await follow(page, page.locator('section[aria-labelledby="contributions-title"]').getByRole('link', { name: title, exact: true }));
          assert.equal(await heading(page), title);
          await checkPage(page);
          return contributionId(page);
        };
        const namedId = await open(named);
        const by = await byLine(page);
        assert.equal(by, `Depuis l'atelier ${label} · dit par ${participant} (qui a accepté d'être nommé·e) · saisi par ${karim.name}`);
        assert.ok(!by.includes(karim.organization), `not spoken for ${karim.organization}: ${by}`);
        assert.ok(!(await page.locator('main').innerText()).includes(`${karim.name} — ${karim.organization}`));
        const link = page.locator('article > header .attribution a');
        assert.equal(await link.getAttribute('href'), `/events/${eventId}`);
        assert.equal((await link.innerText()).trim(), label);

        const apiNamed = await fromApi(page, namedId);
        assert.equal(apiNamed.author, karim.name, 'the author is who entered it');
        assert.equal(apiNamed.organization, null, 'no organization speaks for the room');
        assert.deepEqual(apiNamed.workshop, { title: label, url: `${site.t.app.ctx.config.publicUrl}/events/${eventId}`, saidBy: participant });

        // A participant who did not agree to be named is not: the line goes from the workshop to who entered it.
        const anonymousId = await open(anonymous);
        assert.equal(await byLine(page), `Depuis l'atelier ${label} · saisi par ${karim.name}`);
        const apiAnonymous = await fromApi(page, anonymousId);
        assert.equal(apiAnonymous.organization, null);
        assert.equal(apiAnonymous.workshop?.saidBy, null);

        await follow(page, page.locator('article > header .attribution').getByRole('link', { name: label, exact: true }));
        assert.equal(pathOf(page), `/events/${eventId}`);
        assert.equal(await heading(page), workshop);
        await checkPage(page);
      });
    });
  }
});
