// Issue 15, item 3, in a real browser (JavaScript on and off, axe on every page): an organizer creates a consultation,
// which is a draft; they add a phase, preview it at its address under a "Brouillon" banner, and publish it after a
// confirmation. A visitor finds it nowhere before — not in the list, "not found" at its address — and sees it after.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoPassword } from '../../src/modules/accounts/demo.ts';
import { parisLocal } from '../../src/modules/consultations/phases.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

// Karim Benali administers AVITEM, so he may start a consultation in its name.
const karim = 'animateur@avitem.example';
const day = 86_400_000;
const skip = browserSkip();

const pathOf = (page: Page) => new URL(page.url()).pathname;

async function listed(page: Page, title: string): Promise<boolean> {
  await visit(page, '/consultations');
  return (await page.locator('main h2 a', { hasText: title }).count()) > 0;
}

describe('a draft consultation in a browser', () => {
  const site = sharedSite({ demo: true });

  for (const js of [true, false]) {
    test(`an organizer creates, previews and publishes a consultation; a visitor sees it only after (${jsLabel(js)})`, { skip }, async () => {
      const title = `Des places ombragées ${js ? 'partout' : 'pour tous'}`;
      const slug = js ? 'des-places-ombragees-partout' : 'des-places-ombragees-pour-tous';
      const organizer = await newPage(site, { js });
      const visitor = await newPage(site, { js });
      await journey(organizer, `consultation-draft-${js}`, async () => {
        await signIn(organizer, karim, demoPassword);
        await visit(organizer, '/consultations/new');
        await organizer.getByLabel('Titre', { exact: true }).fill(title);
        await organizer.getByLabel('Description', { exact: true }).fill('Planter, couvrir, rafraîchir : où manque-t-il de l’ombre en été ?');
        await organizer.getByLabel('AVITEM', { exact: true }).check();
        await follow(organizer, organizer.locator('main form').getByRole('button', { name: 'Enregistrer', exact: true }));
        assert.equal(pathOf(organizer), `/consultations/${slug}/edit`);
        assert.match(await organizer.locator('.flash').innerText(), /brouillon/);
        await checkPage(organizer);

        await follow(organizer, organizer.getByRole('link', { name: 'Ajouter une phase', exact: true }));
        await organizer.getByLabel('Titre de la phase', { exact: true }).fill('Où manque-t-il de l’ombre ?');
        await organizer.getByLabel('Question posée', { exact: true }).fill('Quelles places sont trop chaudes en été ?');
        const at = Date.now();
        await organizer.getByLabel('Ouverture', { exact: true }).fill(parisLocal(new Date(at - day)));
        await organizer.getByLabel('Clôture', { exact: true }).fill(parisLocal(new Date(at + 30 * day)));
        await organizer.getByLabel('Besoin', { exact: true }).check();
        await follow(organizer, organizer.locator('main form').getByRole('button', { name: 'Enregistrer', exact: true }));
        assert.equal(pathOf(organizer), `/consultations/${slug}/edit`);
        await checkPage(organizer);

        // The preview: the consultation's own page, as it will be, under the draft's banner and without "Contribuer".
        assert.equal(await visit(organizer, `/consultations/${slug}`), 200);
        assert.equal(await heading(organizer), title);
        assert.match(await organizer.locator('section.draft-banner').innerText(), /Brouillon/);
        assert.equal(await organizer.locator(`a[href="/consultations/${slug}/phases/1/contribute"]`).count(), 0);
        assert.ok(await listed(organizer, title), 'its organizer finds it in the list');

        // Meanwhile a visitor finds it nowhere.
        assert.ok(!(await listed(visitor, title)), 'a visitor does not see the draft in the list');
        assert.equal(await visit(visitor, `/consultations/${slug}`), 404);
        assert.equal(await visit(visitor, `/consultations/${slug}/phases/1`), 404);

        // Publishing asks first.
        await visit(organizer, `/consultations/${slug}`);
        await follow(organizer, organizer.locator('section.draft-banner').getByRole('link', { name: 'Publier', exact: true }));
        assert.equal(pathOf(organizer), `/consultations/${slug}/publish`);
        await checkPage(organizer);
        await follow(organizer, organizer.getByRole('button', { name: 'Publier la consultation', exact: true }));
        assert.equal(pathOf(organizer), `/consultations/${slug}`);
        assert.match(await organizer.locator('.flash').innerText(), /La consultation est publiée/);
        assert.equal(await organizer.locator('section.draft-banner').count(), 0);
        await checkPage(organizer);
      });
      await journey(visitor, `consultation-draft-visitor-${js}`, async () => {
        assert.ok(await listed(visitor, title), 'the visitor sees it once published');
        assert.equal(await visit(visitor, `/consultations/${slug}`), 200);
        assert.equal(await heading(visitor), title);
        assert.equal(await visitor.locator(`a[href="/consultations/${slug}/phases/1/contribute"]`).count(), 1, 'open to contributions now');
      });
    });
  }
});
