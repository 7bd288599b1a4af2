// Notifications in a real browser, JavaScript on and off, every page checked by axe (issue 12, "Done when"): a member
// follows a phase; another member contributes there; the first sees the bell's count and the notification and follows
// its link; sets the weekly digest; the clock moves a week and one digest arrives listing it; the unsubscribe link in
// that mail stops that kind of mail without signing in.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, afterEach, before, describe, test } from 'node:test';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { periodOf } from '../../src/modules/notifications/mailing.ts';
import { runNotifications } from '../../src/modules/notifications/jobs.ts';
import { getChannels } from '../../src/modules/notifications/settings.ts';
import { phases } from '../../src/modules/consultations/schema.ts';
import { days, resetClock, setClock } from '../../src/platform/clock.ts';
import { strongPassword } from '../support/app.ts';
import { consultationFixture, makeOrganization, signIn as injectSignIn } from '../support/roles.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, startSite, visit, type Site } from '../support/browser.ts';

const skip = browserSkip();

describe('notifications in a browser', () => {
  let site: Site;
  let slug: string;
  before(async () => {
    if (skip) return;
    site = await startSite();
    const owner = await createUserDirect(site.t.app.ctx.db, { email: 'e2e-n-owner@example.org', password: strongPassword, displayName: 'Olga Organisatrice' });
    await makeOrganization(site.t.app, 'e2e-n-ville', owner.id);
    ({ slug } = await consultationFixture(site.t.app, 'e2e-n-ville', owner.id, 'e2e-n-consultation'));
  });
  afterEach(() => resetClock());
  after(async () => {
    await site?.close();
  });

  for (const js of [true, false]) {
    test(`follow a phase, hear of a contribution, read the weekly digest, unsubscribe from it (${jsLabel(js)})`, { skip }, async () => {
      const suffix = js ? 'js' : 'nojs';
      const follower = await createUserDirect(site.t.app.ctx.db, { email: `e2e-n-follower-${suffix}@example.org`, password: strongPassword, displayName: `Fanny Suiveuse ${suffix}` });
      await createUserDirect(site.t.app.ctx.db, { email: `e2e-n-writer-${suffix}@example.org`, password: strongPassword, displayName: `Wassim Auteur ${suffix}` });
      const phasePath = `/consultations/${slug}/phases/1`;
      const page = await newPage(site, { js });
      await journey(page, `notifications-${suffix}`, async () => {
        await signIn(page, follower.email, strongPassword);
        await visit(page, phasePath);
        const followButton = page.locator('form.follow button');
        assert.equal((await followButton.innerText()).trim(), 'Suivre');
        if (js) {
          await followButton.click();
          await page.locator('form.follow button', { hasText: 'Ne plus suivre' }).waitFor();
        } else {
          await follow(page, followButton);
          assert.match(await page.locator('.flash').innerText(), /Vous suivez « Partageons nos besoins »/);
        }
        await checkPage(page);

        // Another member contributes there (through the same form, from their own browser).
        const title = `Des abris à vélos couverts (${suffix})`;
        const writer = await injectSignIn(site.t.app, `e2e-n-writer-${suffix}@example.org`, js ? '10.30.0.1' : '10.30.0.2');
        assert.equal((await writer.post(`${phasePath}/contribute`, { title, body: 'Un texte assez long pour être une contribution.', kind: 'need' })).statusCode, 303);
        await site.t.deliverMail();

        await visit(page, phasePath);
        const bell = page.locator('#notification-bell');
        assert.equal((await bell.locator('.bell-count').innerText()).trim(), '1');
        assert.match((await bell.innerText()).replace(/\s+/g, ' '), /Notifications : 1 non lue/);
        await follow(page, bell);
        await checkPage(page);
        assert.equal(await heading(page), 'Notifications');
        const item = page.locator('li.notification.unread a', { hasText: title });
        assert.match(await item.innerText(), new RegExp(`Wassim Auteur ${suffix} a contribué à « Partageons nos besoins »`));
        await follow(page, item);
        await checkPage(page);
        assert.equal(await heading(page), title);
        assert.equal(await page.locator('#notification-bell .bell-count').count(), 0, 'read once opened');

        // The weekly digest for new contributions (the default, chosen here again).
        await visit(page, '/account');
        await follow(page, page.locator('main a[href="/account/notifications"]'));
        await checkPage(page);
        await page.getByLabel('Nouvelles contributions').selectOption('weekly');
        await follow(page, page.locator('main form.notification-settings button[type="submit"]'));
        await checkPage(page);
        assert.match(await page.locator('.flash').innerText(), /Vos choix de notifications sont enregistrés/);

        // A week on: Monday, 08:05 in Paris. One digest, listing the contribution.
        setClock(new Date(periodOf('weekly').boundary.getTime() + days(7) + 5 * 60_000));
        const before = site.t.mails.length;
        await runNotifications(site.t.app.ctx, { digests: true });
        const digests = site.t.mails.slice(before).filter((m) => m.to === follower.email);
        assert.equal(digests.length, 1, digests.map((m) => m.subject).join(' | '));
        const digest = digests[0]!;
        assert.match(digest.subject, /Votre résumé de la semaine sur Parvis/);
        assert.ok(digest.text.includes(title));
        await runNotifications(site.t.app.ctx, { digests: true });
        assert.equal(site.t.mails.slice(before).filter((m) => m.to === follower.email).length, 1, 'once per period');

        // The unsubscribe link, opened by someone not signed in (a mail client on another device).
        const link = /Se désabonner en un clic : (\S+)/.exec(digest.text)![1]!;
        assert.equal(digest.headers!['List-Unsubscribe'], `<${link}>`);
        const elsewhere = await newPage(site, { js });
        await journey(elsewhere, `notifications-unsubscribe-${suffix}`, async () => {
          await visit(elsewhere, new URL(link).pathname);
          assert.equal(await heading(elsewhere), 'Se désabonner');
          assert.equal(await elsewhere.locator('#notification-bell').count(), 0, 'nobody signed in');
          await follow(elsewhere, elsewhere.getByRole('button', { name: 'Me désabonner' }));
          await checkPage(elsewhere);
          assert.match(await elsewhere.locator('main [role="status"]').innerText(), /vous ne recevrez plus par e-mail : le résumé hebdomadaire/);
        });
        const channels = await getChannels(site.t.app.ctx.db, follower.id);
        assert.equal(channels.new_contribution, 'never');
        assert.equal(channels.reply, 'immediate', 'only the kinds of that digest');
      });
    });
  }

  test('the bell refreshes itself with htmx, without a page load (JavaScript on)', { skip }, async () => {
    const person = await createUserDirect(site.t.app.ctx.db, { email: 'e2e-n-refresh@example.org', password: strongPassword, displayName: 'Rémi Rafraîchi' });
    const [phase] = await site.t.app.ctx.db.select({ id: phases.id }).from(phases).where(eq(phases.position, 1));
    const page = await newPage(site, { js: true });
    await journey(page, 'notifications-bell-refresh', async () => {
      await signIn(page, person.email, strongPassword);
      await visit(page, '/notifications');
      const token = await page.locator('input[name="_csrf"]').first().inputValue();
      const followed = await page.request.post('/api/v1/follows', { data: { target: `phase:${phase!.id}` }, headers: { 'csrf-token': token } });
      assert.equal(followed.status(), 200);
      const writer = await injectSignIn(site.t.app, 'e2e-n-writer-js@example.org', '10.30.1.2');
      assert.equal((await writer.post(`/consultations/${slug}/phases/1/contribute`, { title: 'Une contribution pendant la lecture', body: 'Un texte assez long pour être une contribution.', kind: 'need' })).statusCode, 303);
      await site.t.deliverMail();
      // The bell polls every minute; rather than wait, the page asks for the fragment as the poll does, and the count
      // appears without a page load.
      const loads: string[] = [];
      page.on('framenavigated', (frame) => loads.push(frame.url()));
      assert.equal(await page.locator('#notification-bell').getAttribute('data-hx-trigger'), 'every 60s');
      await page.evaluate("htmx.ajax('GET', '/notifications/bell', { target: '#notification-bell', swap: 'outerHTML' })");
      await page.locator('#notification-bell .bell-count', { hasText: '1' }).waitFor({ timeout: 5000 });
      assert.deepEqual(loads, [], 'no page load');
      await checkPage(page);
    });
  });
});
