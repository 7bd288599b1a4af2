// A visitor becomes a member in a real browser, with JavaScript on and off, and every page passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkIn, strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

// Without Chromium each journey is reported as skipped, with why (or fails in CI).
const skip = browserSkip();

describe('accounts in a browser', () => {
  const site = sharedSite();

  for (const js of [true, false]) {
    test(`register, confirm, sign in, edit the profile, switch language, sign out (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      const email = `ana-${js ? 'js' : 'nojs'}@example.org`;
      await journey(page, `accounts-${js}`, async () => {
        await visit(page, '/');
        await follow(page, page.locator('header a[href="/register"]'));
        assert.equal(new URL(page.url()).pathname, '/register');
        await checkPage(page);

        // An empty form comes back with a summary at the top, which JavaScript moves the focus to.
        const submit = page.getByRole('button', { name: 'Créer mon compte', exact: true });
        await follow(page, submit);
        const summary = page.locator('#error-summary');
        assert.ok(await summary.isVisible(), 'the error summary is shown');
        assert.match(await summary.innerText(), /erreurs?/);
        if (js) await page.locator('#error-summary:focus').waitFor();
        await checkPage(page);

        // What was typed stays; the summary links to the field in error.
        await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
        await page.getByLabel('Nom affiché').fill('Ana Lopes');
        await follow(page, submit);
        assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), 'pas-une-adresse');
        assert.equal(await page.getByLabel('Nom affiché').inputValue(), 'Ana Lopes');
        assert.equal(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid'), 'true');
        assert.match(await page.locator('#error-email').innerText(), /adresse e-mail valide/);
        await checkPage(page);

        await page.getByLabel('Adresse e-mail').fill(email);
        await page.getByLabel('Mot de passe').fill(strongPassword);
        await page.getByLabel(/J'ai lu et j'accepte/).check();
        await follow(page, submit);
        assert.equal(await heading(page), 'Consultez votre messagerie');
        await checkPage(page);

        const mail = (await site.t.deliverMail()).find((m) => m.to === email);
        await visit(page, linkIn(mail));
        await follow(page, page.getByRole('button', { name: 'Confirmer mon adresse', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/login');
        assert.match(await page.locator('.flash').innerText(), /Votre adresse est confirmée/);
        await checkPage(page);

        // A page for members sends a visitor to sign in, then back to it.
        await page.goto('/account');
        assert.equal(new URL(page.url()).pathname, '/login');
        await signIn(page, email, strongPassword);
        assert.equal(new URL(page.url()).pathname, '/account');
        assert.equal(await heading(page), 'Mon compte');
        await checkPage(page);

        const profile = page.locator('form[action="/account"]');
        await profile.getByLabel('Nom affiché').fill('Ana L.');
        await follow(page, profile.getByRole('button', { name: 'Enregistrer', exact: true }));
        assert.match(await page.locator('.flash').innerText(), /Votre profil est enregistré/);
        assert.equal(await page.locator('header .account-menu > summary').innerText().then((s) => s.trim()), 'Ana L.');
        await checkPage(page);

        await follow(page, page.locator('header').getByRole('button', { name: 'English', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/account');
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
        assert.equal(await heading(page), 'My account');
        await checkPage(page);

        // Signing out is in the account menu, under the person's name.
        await page.locator('header .account-menu > summary').click();
        await follow(page, page.locator('header').getByRole('button', { name: 'Sign out', exact: true }));
        assert.equal(new URL(page.url()).pathname, '/');
        assert.match(await page.locator('.flash').innerText(), /You are signed out/);
        assert.ok(await page.locator('header').getByRole('link', { name: 'Sign in', exact: true }).isVisible());
        await checkPage(page);
      });
    });

    test(`the skip link is the first stop of the keyboard and leads to the content (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `skip-link-${js}`, async () => {
        await visit(page, '/');
        await page.keyboard.press('Tab');
        const focused = page.locator(':focus');
        assert.equal(await focused.getAttribute('class'), 'skip-link');
        assert.equal(await focused.getAttribute('href'), '#main');
        const box = await focused.boundingBox();
        const viewport = page.viewportSize();
        assert.ok(box && viewport, 'the skip link has a box on screen');
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `the focused skip link is inside the viewport: ${JSON.stringify(box)}`);
        assert.ok(await focused.isVisible());
        await page.keyboard.press('Enter');
        await page.waitForURL(/#main$/);
        await page.locator('main#main:focus').waitFor();
      });
    });
  }
});
