// A member registers an organization, finds it in the directory and invites a colleague, who joins through the
// e-mailed link: in a real browser, with JavaScript on and off, every page checked by axe.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { linkIn, strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

const marseille = 'Marseille (commune, 13055)';

/** The territory field takes the name as typed (with JavaScript, its suggestions give the same label). */
async function chooseTerritory(page: Page, js: boolean) {
  await page.getByLabel(/^Territoire/).fill(js ? marseille : 'Marseille');
}

// Without Chromium each journey is reported as skipped, with why (or fails in CI).
const skip = browserSkip();

describe('organizations in a browser', () => {
  const site = sharedSite();

  for (const js of [true, false]) {
    test(`register an organization, find it, invite a member who joins (${jsLabel(js)})`, { skip }, async () => {
      const suffix = js ? 'js' : 'nojs';
      const name = `Atelier Vélo ${js ? 'Nord' : 'Sud'}`;
      const owner = { email: `olga-${suffix}@example.org`, password: strongPassword, displayName: `Olga ${suffix}` };
      const invitee = { email: `ivan-${suffix}@example.org`, password: strongPassword, displayName: `Ivan ${suffix}` };
      await createUserDirect(site.t.app.ctx.db, owner);
      await createUserDirect(site.t.app.ctx.db, invitee);

      const page = await newPage(site, { js });
      let slug = '';
      let invitation = '';
      await journey(page, `organizations-owner-${js}`, async () => {
        await signIn(page, owner.email, owner.password);
        await visit(page, '/organizations');
        await follow(page, page.locator('main a[href="/organizations/new"]'));
        assert.equal(new URL(page.url()).pathname, '/organizations/new');
        await checkPage(page);

        await page.getByLabel('Nom', { exact: true }).fill(name);
        await page.getByLabel("Type d'organisation").selectOption('association');
        await page.getByLabel('Présentation').fill('Un atelier associatif de réparation de vélos.');
        const domains = page.locator('fieldset#field-domains');
        await domains.getByLabel('Mobilité', { exact: true }).check();
        await domains.getByLabel('Économie circulaire', { exact: true }).check();
        await chooseTerritory(page, js);
        // Searching without JavaScript posted the form: nothing typed or ticked may be lost on the way.
        assert.equal(await page.getByLabel('Nom', { exact: true }).inputValue(), name);
        assert.equal(await page.getByLabel("Type d'organisation").inputValue(), 'association');
        assert.ok(await domains.getByLabel('Mobilité', { exact: true }).isChecked());
        await checkPage(page);

        await follow(page, page.getByRole('button', { name: "Inscrire l'organisation", exact: true }));
        slug = new URL(page.url()).pathname.replace(/^\/organizations\//, '');
        assert.match(slug, /^atelier-velo-(nord|sud)/);
        assert.equal(await heading(page), name);
        assert.match(await page.locator('.flash').innerText(), /Votre organisation est inscrite/);
        assert.match(await page.locator('main').innerText(), /Marseille/);
        await checkPage(page);

        // The directory's filter form is a plain GET: its address can be shared.
        await page.goto('/organizations');
        await page.getByLabel('Nom ou mots-clés').fill(name);
        await follow(page, page.getByRole('button', { name: 'Filtrer', exact: true }));
        assert.equal(new URL(page.url()).searchParams.get('q'), name);
        await checkPage(page);
        await follow(page, page.locator(`main a[href="/organizations/${slug}"]`).first());
        assert.equal(await heading(page), name);

        await follow(page, page.locator(`main a[href="/organizations/${slug}/members"]`));
        assert.equal(new URL(page.url()).pathname, `/organizations/${slug}/members`);
        await checkPage(page);
        await page.getByLabel('Adresse e-mail').fill(invitee.email);
        await follow(page, page.getByRole('button', { name: "Envoyer l'invitation", exact: true }));
        assert.match(await page.locator('.flash').innerText(), new RegExp(`L'invitation est envoyée à ${invitee.email}`));
        await checkPage(page);

        invitation = linkIn((await site.t.deliverMail()).find((m) => m.to === invitee.email));
        assert.match(invitation, /^\/invitations\//);
      });

      // The colleague, in a browser of their own, follows the link, signs in and is brought back to accept.
      const other = await newPage(site, { js });
      await journey(other, `organizations-invitee-${js}`, async () => {
        await other.goto(invitation);
        assert.equal(new URL(other.url()).pathname, '/login');
        await signIn(other, invitee.email, invitee.password);
        assert.equal(new URL(other.url()).pathname, invitation);
        assert.match(await heading(other), new RegExp(name));
        await checkPage(other);
        await follow(other, other.getByRole('button', { name: "Accepter l'invitation", exact: true }));
        assert.equal(new URL(other.url()).pathname, `/organizations/${slug}`);
        assert.match(await other.locator('.flash').innerText(), /vous faites maintenant partie/);
        const members = other.locator('section[aria-labelledby="members-title"]');
        assert.match(await members.innerText(), new RegExp(`${invitee.displayName} \\(membre\\)`));
        assert.match(await members.innerText(), new RegExp(owner.displayName));
        await checkPage(other);
      });

      // The owner now sees them on the members page, too.
      const again = await newPage(site, { js });
      await journey(again, `organizations-owner-after-${js}`, async () => {
        await signIn(again, owner.email, owner.password);
        await visit(again, `/organizations/${slug}/members`);
        assert.ok(await again.getByRole('rowheader', { name: invitee.displayName, exact: true }).isVisible());
      });
    });
  }
});
