// Moderation in a real browser, JavaScript on and off, every page checked by axe (issue 11, "Done when"): a member
// reports a comment; the moderator finds it in the queue and hides it with a reason; its author gets the e-mail and
// sees why on the page; the moderator restores it; the moderator blocks a spam account and hides all it wrote at once;
// three members report one contribution and it leaves the phase list until a moderator decides.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Browser as Injected } from '../support/app.ts';
import { consultationFixture, makeOrganization, makeUser, signIn as injectSignIn } from '../support/roles.ts';
import { strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, startSite, visit, type Site } from '../support/browser.ts';

const skip = browserSkip();
const reason = 'Hors sujet : ce fil parle des pistes cyclables (point 2 de la charte)';

/** Opens the report form of the item this link reports, in place (htmx) or as a page, and sends it. */
async function report(page: Page, link: ReturnType<Page['locator']>, js: boolean, details: string): Promise<void> {
  if (js) {
    await link.click();
    const form = page.locator('form.report-form');
    await form.waitFor();
    await checkPage(page);
    await form.getByLabel('Hors sujet').check();
    await form.getByLabel('Précisions').fill(details);
    await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.locator('.report-sent', { hasText: 'Merci : votre signalement est transmis' }).waitFor();
  } else {
    await follow(page, link);
    await checkPage(page);
    assert.equal(await heading(page), 'Signaler un contenu');
    await page.getByLabel('Hors sujet').check();
    await page.getByLabel('Précisions').fill(details);
    await follow(page, page.getByRole('button', { name: 'Envoyer le signalement' }));
    assert.match(await page.locator('.flash').innerText(), /Merci : votre signalement est transmis/);
  }
  await checkPage(page);
}

describe('moderation in a browser', () => {
  let site: Site;
  before(async () => {
    if (skip) return;
    site = await startSite();
  });
  after(async () => {
    await site?.close();
  });

  for (const js of [true, false]) {
    test(`report, hide with a reason, tell the author, restore, block a spammer, hide by three reports (${jsLabel(js)})`, { skip }, async () => {
      const suffix = js ? 'js' : 'nojs';
      const ownerId = await makeUser(site.t.app, `e2e-m-owner-${suffix}@example.org`);
      await makeOrganization(site.t.app, `e2e-m-ville-${suffix}`, ownerId);
      const authorEmail = `e2e-m-author-${suffix}@example.org`;
      const authorId = await makeUser(site.t.app, authorEmail);
      const { slug, contributionId, commentId } = await consultationFixture(site.t.app, `e2e-m-ville-${suffix}`, authorId, `e2e-m-consultation-${suffix}`);
      const reporterEmail = `e2e-m-reporter-${suffix}@example.org`;
      await makeUser(site.t.app, reporterEmail);
      const moderatorEmail = `e2e-m-moderator-${suffix}@example.org`;
      await makeUser(site.t.app, moderatorEmail, 'moderator');
      const spamId = await makeUser(site.t.app, `e2e-m-spam-${suffix}@example.org`);
      const net = js ? 1 : 2;
      // The spam account writes through the same forms as anyone.
      const spammer = await injectSignIn(site.t.app, `e2e-m-spam-${suffix}@example.org`, `10.50.${net}.1`);
      const spamText = `Gagnez 500 euros par jour sans rien faire (${suffix})`;
      assert.equal((await spammer.post(`/contributions/${contributionId}/comments`, { body: spamText })).statusCode, 303);
      const phasePath = `/consultations/${slug}/phases/1`;
      const spamTitle = `Crédit rapide sans justificatif (${suffix})`;
      assert.equal((await spammer.post(`${phasePath}/contribute`, { title: spamTitle, body: `${spamText}, cliquez vite sur le lien de mon profil.`, kind: 'need' })).statusCode, 303);
      const contributionPath = `/contributions/${contributionId}`;
      const visitor = new Injected(site.t.app, `10.50.${net}.2`);

      // Each person signs in once: the browser has one address, and signing in is rate-limited by address.
      const member = await newPage(site, { js });
      const moderator = await newPage(site, { js });
      await journey(member, `moderation-member-${suffix}`, async () => {
        // A member reports the author's comment.
        await signIn(member, reporterEmail, strongPassword);
        await visit(member, contributionPath);
        await report(member, member.locator(`#comment-${commentId}-item`).getByRole('link', { name: 'Signaler ce commentaire' }), js, 'Rien à voir avec la question posée.');

        await journey(moderator, `moderation-moderator-${suffix}`, async () => {
          // The moderator finds it in the queue and hides it with a reason.
          await signIn(moderator, moderatorEmail, strongPassword);
          await visit(moderator, '/moderation');
          assert.equal(await heading(moderator), 'Modération');
          await follow(moderator, moderator.locator('article', { hasText: 'Un commentaire.' }).getByRole('link', { name: 'Examiner' }));
          await checkPage(moderator);
          assert.match(await moderator.locator('main').innerText(), /Rien à voir avec la question posée/);
          await moderator.getByLabel('Motif', { exact: true }).fill(reason);
          await follow(moderator, moderator.getByRole('button', { name: 'Masquer', exact: true }));
          await checkPage(moderator);
          assert.match(await moderator.locator('.flash').innerText(), /Le contenu est masqué ; son auteur en est informé/);
          assert.ok(!(await visitor.get(contributionPath)).body.includes('Un commentaire.'), 'the comment is hidden');

          // Its author gets the e-mail (their other mail tells of the spammer's comment), and sees why in place.
          const mails = (await site.t.deliverMail()).filter((m) => m.to === authorEmail && m.subject === 'Un de vos contenus a été masqué sur Parvis');
          assert.equal(mails.length, 1);
          assert.ok(mails[0]!.text.includes(reason));
          const author = await newPage(site, { js });
          await journey(author, `moderation-author-${suffix}`, async () => {
            await signIn(author, authorEmail, strongPassword);
            await visit(author, contributionPath);
            const notice = author.locator(`#comment-${commentId}-item .hidden-notice`);
            assert.ok((await notice.innerText()).includes(reason));
            assert.match(await notice.innerText(), /Vous seul et l'équipe de modération le voyez encore/);
            assert.match(await author.locator(`#comment-${commentId}-item`).innerText(), /Un commentaire\./);
          });

          // The moderator restores it.
          await visit(moderator, '/moderation?tab=hidden');
          await follow(moderator, moderator.locator('article', { hasText: 'Un commentaire.' }).getByRole('link', { name: 'Examiner' }));
          await checkPage(moderator);
          await follow(moderator, moderator.getByRole('button', { name: 'Rétablir' }));
          await checkPage(moderator);
          assert.match(await moderator.locator('.flash').innerText(), /Le contenu est rétabli/);
          assert.ok((await visitor.get(contributionPath)).body.includes('Un commentaire.'), 'visible again');

          // The moderator blocks the spam account and hides all it wrote in the same action.
          await visit(moderator, `/moderation/accounts/${spamId}`);
          await moderator.getByLabel('Motif du blocage').fill('Publicité répétée pour un crédit (point 4 de la charte)');
          await moderator.getByLabel(/Masquer aussi tout ce qu'elle a écrit dans les débats \(2 contenus visibles\)/).check();
          await follow(moderator, moderator.getByRole('button', { name: 'Bloquer le compte' }));
          await checkPage(moderator);
          assert.match(await moderator.locator('.flash').innerText(), /Le compte est bloqué ; 2 contenus masqués/);
          assert.ok(!(await visitor.get(contributionPath)).body.includes(spamText), "the spammer's comment is hidden");
          assert.ok(!(await visitor.get(phasePath)).body.includes(spamTitle), "the spammer's contribution left the phase");
          assert.equal((await spammer.get('/account')).statusCode, 303, 'its session ends at once');

          // Three members report the author's contribution: it leaves the phase list until a moderator decides.
          const title = 'Un besoin de test';
          for (const n of [1, 2]) {
            await makeUser(site.t.app, `e2e-m-crowd${n}-${suffix}@example.org`);
            const crowd = await injectSignIn(site.t.app, `e2e-m-crowd${n}-${suffix}@example.org`, `10.50.${net}.${10 + n}`);
            assert.equal((await crowd.post('/reports', { kind: 'contribution', id: String(contributionId), reason: 'off_topic' }, { csrfFrom: contributionPath })).statusCode, 303);
          }
          await visit(member, phasePath);
          assert.ok((await member.locator('main').innerText()).includes(title), 'listed before');
          await visit(member, contributionPath);
          await report(member, member.getByRole('link', { name: 'Signaler cette contribution' }), js, 'Déjà proposé dans la phase précédente.');
          await visit(member, phasePath);
          assert.ok(!(await member.locator('main').innerText()).includes(title), 'gone from the phase list');
          assert.ok(!(await visitor.get(phasePath)).body.includes(title), 'gone for visitors too');

          await visit(moderator, '/moderation');
          await follow(moderator, moderator.locator('article', { hasText: title }).getByRole('link', { name: 'Examiner' }));
          await checkPage(moderator);
          await follow(moderator, moderator.getByRole('button', { name: 'Classer les signalements' }));
          await checkPage(moderator);
          await visit(moderator, phasePath);
          assert.ok((await moderator.locator('main').innerText()).includes(title), 'back in the phase list after the decision');
        });
      });
    });
  }
});
