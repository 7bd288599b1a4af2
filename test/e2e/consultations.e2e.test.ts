// Consultations in a real browser, JavaScript on and off, every page checked by axe (issue 3, "Done when"):
// a visitor reads the 2020 consultation and follows the chain need → idea → feature and the synthesis' citations;
// a startup member answers a need with an idea (seeing similar ones while typing, or in the preview), votes, argues
// and comments; an organizer answers officially, merges two duplicates and publishes a synthesis whose citations work.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { demoPassword } from '../../src/modules/accounts/demo.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

const seed = { slug: 'place-de-l-innovation-urbaine', title: "Place de l'innovation urbaine" };
const current = { slug: 'rafraichir-nos-villes', title: 'Rafraîchir nos villes' };
// MobilCity (startup) admin; Karim is an admin of AVITEM, an organizer of the current consultation; Thomas has no organization.
const lea = 'lea.moreau@mobilcity.example';
const karim = 'animateur@avitem.example';
const thomas = 'thomas.petit@example.org';

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** The number of the contribution on screen, from its address. */
function contributionId(page: Page): number {
  const match = /^\/contributions\/(\d+)$/.exec(pathOf(page));
  assert.ok(match, `a contribution page, not ${page.url()}`);
  return Number(match[1]);
}

/** Follows a link and checks the page it leads to. */
async function go(page: Page, link: Locator): Promise<void> {
  await follow(page, link);
  await checkPage(page);
}

/** The links listed under a traceability heading ("Idées qui répondent à ce besoin", …). */
function linksUnder(page: Page, title: string): Locator {
  return page.locator('section[aria-labelledby="links-title"] h3', { hasText: title }).locator('xpath=following-sibling::ul[1]').getByRole('link');
}

/** The official answer is the first thing read after the title: above the contribution's text. */
async function answersFirst(page: Page): Promise<void> {
  const answer = await page.locator('section.official-answer').boundingBox();
  const body = await page.locator('article > .prose').boundingBox();
  assert.ok(answer && body && answer.y < body.y, 'the official answer shows before the contribution');
}

async function flash(page: Page): Promise<string> {
  return page.locator('.flash').innerText();
}

/** From anywhere: the consultation's page, then one of its phases. */
async function openPhase(page: Page, consultation: { slug: string; title: string }, position: number): Promise<void> {
  await visit(page, '/consultations');
  await go(page, page.locator('main h2 a', { hasText: consultation.title }));
  assert.equal(pathOf(page), `/consultations/${consultation.slug}`);
  await go(page, page.locator(`ol.stepper a[href="/consultations/${consultation.slug}/phases/${position}"]`));
}

/** From a phase's list, a contribution by its title. */
async function openContribution(page: Page, title: string): Promise<number> {
  await go(page, page.locator('main h3 a', { hasText: title }).first());
  assert.equal(await heading(page), title);
  return contributionId(page);
}

/** Fills the contribution form (title typed key by key, as a person would) and publishes it. */
async function writeAndPublish(page: Page, fields: { title: string; body: string; organization?: string }): Promise<number> {
  await fillContribution(page, fields);
  await follow(page, page.getByRole('button', { name: 'Publier', exact: true }));
  assert.match(await flash(page), /Votre contribution est publiée/);
  assert.equal(await heading(page), fields.title);
  await checkPage(page);
  return contributionId(page);
}

async function fillContribution(page: Page, { title, body, organization }: { title: string; body: string; organization?: string }): Promise<void> {
  const field = page.getByLabel('Titre', { exact: true });
  await field.fill('');
  await field.pressSequentially(title);
  await page.getByLabel('Votre contribution', { exact: true }).fill(body);
  if (organization) await page.getByLabel('Vous vous exprimez au nom de').selectOption({ label: organization });
}

/**
 * Submits a form that htmx enhances. With JavaScript the part updates in place: a marker set on the window before
 * the click must still be there once `updated` shows (no new document was loaded). Without, the browser follows the
 * redirect back to the page.
 */
async function submit(page: Page, js: boolean, button: Locator, updated: Locator): Promise<void> {
  if (!js) {
    await follow(page, button);
    return;
  }
  await page.evaluate('window.sameDocument = true');
  await button.click();
  await updated.waitFor();
  assert.equal(await page.evaluate('window.sameDocument'), true, 'updated in place, without loading a new page');
}

// Without Chromium each journey is reported as skipped, with why (or fails in CI).
const skip = browserSkip();

describe('consultations in a browser', () => {
  const site = sharedSite({ demo: true });

  for (const js of [true, false]) {
    const label = js ? 'JS activé' : 'JS désactivé';

    test(`a visitor reads the 2020 consultation, follows need → idea → feature and the synthesis' citations (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `consultations-visitor-${js}`, async () => {
        await visit(page, '/consultations');
        await go(page, page.locator('main h2 a', { hasText: seed.title }));
        assert.equal(pathOf(page), `/consultations/${seed.slug}`);
        const phases = page.locator('section[aria-labelledby="timeline-title"] ol.stepper > li');
        assert.equal(await phases.count(), 3, 'the three phases of the seed scenario');
        for (const phase of await phases.all()) assert.match(await phase.innerText(), /Terminée/);
        assert.match(await phases.nth(0).innerText(), /Partageons nos besoins/);
        assert.match(await phases.nth(2).innerText(), /Construisons les outils/);

        // The chain: a need, the idea answering it, the feature that comes from that idea.
        await go(page, page.getByRole('link', { name: "Suivre les besoins jusqu'aux outils", exact: true }));
        assert.equal(pathOf(page), `/consultations/${seed.slug}/chain`);
        assert.equal(await heading(page), 'Des besoins aux outils');
        await go(page, page.locator('ol.chain > li > p a', { hasText: 'Trouver des startups qui ont déjà testé leur solution ailleurs' }));
        assert.equal(await heading(page), 'Trouver des startups qui ont déjà testé leur solution ailleurs');
        const needId = contributionId(page);

        await go(page, linksUnder(page, 'Idées qui répondent à ce besoin').filter({ hasText: 'Un annuaire qualifié des solutions déjà déployées' }));
        assert.equal(await heading(page), 'Un annuaire qualifié des solutions déjà déployées');
        const ideaId = contributionId(page);
        assert.equal(await linksUnder(page, 'Besoins auxquels cette idée répond').and(page.locator(`a[href="/contributions/${needId}"]`)).count(), 1, 'the idea links back to the need');

        await go(page, linksUnder(page, 'Fonctionnalités issues de cette idée').filter({ hasText: 'Fiches solutions avec références vérifiées' }));
        assert.equal(await heading(page), 'Fiches solutions avec références vérifiées');
        assert.equal(await linksUnder(page, 'Idées dont cette fonctionnalité est issue').and(page.locator(`a[href="/contributions/${ideaId}"]`)).count(), 1, 'the feature links back to the idea');

        // The official answer of the seed scenario comes first on its idea.
        await page.goto(`/consultations/${seed.slug}/chain`);
        await go(page, page.locator('ol.chain ul a', { hasText: 'Un guide de l’achat innovant avec des clauses types' }).first());
        const answer = page.locator('section.official-answer');
        assert.match(await answer.innerText(), /Réponse officielle\s+Retenue/);
        await answersFirst(page);

        // The synthesis of phase 1, and one of its citations.
        await page.goto(`/consultations/${seed.slug}`);
        await go(page, phases.nth(0).getByRole('link', { name: 'Lire la synthèse', exact: true }));
        assert.equal(pathOf(page), `/consultations/${seed.slug}/phases/1/synthesis`);
        assert.equal(await heading(page), 'Synthèse : Partageons nos besoins');
        const citation = page.locator('article .prose a[href^="/contributions/"]', { hasText: 'Financer la phase entre prototype et déploiement' });
        const cited = await citation.getAttribute('href');
        await go(page, citation);
        assert.equal(pathOf(page), cited);
        assert.equal(await heading(page), 'Financer la phase entre prototype et déploiement');
        assert.match(await page.locator('header .cited').innerText(), /Citée dans la synthèse « Partageons nos besoins »/);
      });
    });

    test(`a startup member answers a need with an idea, sees similar ones, votes, argues and comments (${jsLabel(js)})`, { skip }, async () => {
      const title = js ? 'Planter des arbres le long des pistes cyclables' : 'Ombrager les pistes cyclables avec des pergolas';
      const need = 'Les pistes cyclables en plein soleil';
      const page = await newPage(site, { js });
      await journey(page, `consultations-member-${js}`, async () => {
        await signIn(page, lea, demoPassword);
        await openPhase(page, current, 1);
        const needId = await openContribution(page, need);
        await go(page, page.getByRole('link', { name: 'Proposer une idée qui répond à ce besoin', exact: true }));
        assert.equal(pathOf(page), `/consultations/${current.slug}/phases/2/contribute`);
        assert.equal(new URL(page.url()).searchParams.get('answers'), String(needId));
        const answered = page.locator(`input[name="answers"][value="${needId}"]`);
        assert.ok(await answered.isChecked(), 'the need is already ticked');

        const body = `Des alignements d'arbres côté sud des pistes, comme à Lyon sur les berges (${label}).`;
        await fillContribution(page, { title, body, organization: 'MobilCity' });
        if (js) {
          // htmx asks for the similar contributions while the title is typed, and shows them under the field.
          await page.locator('#similar').getByRole('link', { name: new RegExp(need) }).waitFor();
          assert.equal(pathOf(page), `/consultations/${current.slug}/phases/2/contribute`, 'no navigation while typing');
          await checkPage(page);
        } else {
          await follow(page, page.getByRole('button', { name: 'Aperçu', exact: true }));
          const preview = page.locator('section#preview');
          assert.equal(await preview.locator('h3').innerText(), title);
          assert.ok(await preview.locator('.similar').getByRole('link', { name: new RegExp(need) }).isVisible(), 'the preview lists the similar need');
          // Nothing typed is lost on the way.
          assert.equal(await page.getByLabel('Titre', { exact: true }).inputValue(), title);
          assert.equal(await page.getByLabel('Votre contribution', { exact: true }).inputValue(), body);
          assert.ok(await answered.isChecked(), 'the need is still ticked after the preview');
          await checkPage(page);
        }
        await follow(page, page.getByRole('button', { name: 'Publier', exact: true }));
        assert.match(await flash(page), /Votre contribution est publiée/);
        assert.equal(await heading(page), title);
        assert.match(await page.locator('article header').innerText(), /Léa Moreau — MobilCity/);
        assert.equal(await linksUnder(page, 'Besoins auxquels cette idée répond').and(page.locator(`a[href="/contributions/${needId}"]`)).count(), 1, 'the idea shows the need it answers');
        await checkPage(page);
        const ideaPath = pathOf(page);

        // Voting: in place with htmx (the window's marker survives: no new document), after a redirect without.
        const bar = page.locator('#vote-bar');
        const agree = bar.getByRole('button', { name: "D'accord", exact: true });
        assert.equal(await agree.getAttribute('aria-pressed'), 'false');
        await submit(page, js, agree, bar.locator('button[value="agree"][aria-pressed="true"]'));
        assert.equal(pathOf(page), ideaPath);
        assert.match(await bar.locator('p').first().innerText(), /1 d'accord · 0 mitigé · 0 pas d'accord/);
        assert.equal(await bar.getByRole('button', { name: "D'accord", exact: true }).getAttribute('aria-pressed'), 'true');
        assert.ok(await bar.getByRole('button', { name: 'Retirer mon vote', exact: true }).isVisible());
        await checkPage(page);

        // An argument for.
        const argument = `Les arbres rafraîchissent aussi les trottoirs voisins (${label}).`;
        await page.getByLabel('Pour', { exact: true }).check();
        await page.getByLabel('Votre argument (500 caractères au plus)').fill(argument);
        await follow(page, page.getByRole('button', { name: "Ajouter l'argument", exact: true }));
        assert.equal(pathOf(page), ideaPath);
        const arguments_ = page.locator('section[aria-labelledby="arguments-title"]');
        assert.match(await arguments_.innerText(), /Pour \(1\)/);
        assert.ok(await arguments_.getByText(argument, { exact: true }).isVisible());
        await checkPage(page);

        // A comment.
        const comment = `Nous pouvons mesurer l'effet avec nos compteurs vélo (${label}).`;
        await page.getByLabel('Votre commentaire', { exact: true }).fill(comment);
        const comments = page.locator('section[aria-labelledby="comments-title"]');
        await submit(page, js, comments.getByRole('button', { name: 'Publier le commentaire', exact: true }), comments.locator('.comment-body', { hasText: comment }));
        assert.equal(pathOf(page), ideaPath);
        if (js) assert.match(await comments.getByRole('status').innerText(), /Votre commentaire est publié/);
        assert.equal(await comments.locator('h2').innerText(), '1 commentaire');
        assert.equal(await comments.locator('.comment-body').innerText(), comment);
        assert.match(await comments.locator('ul.comments').innerText(), /Léa Moreau/);
        await checkPage(page);
      });
    });

    test(`an organizer answers officially, merges two duplicates and publishes a synthesis whose citations work (${jsLabel(js)})`, { skip }, async () => {
      // Each run works on its own contributions, so the two runs do not depend on each other.
      const answered = js ? 'Peindre les toits en blanc' : 'Désimperméabiliser les cours d’école';
      const kept = js ? 'Des ombrières végétalisées aux arrêts de bus' : 'Des fontaines et brumisateurs sur les places';
      const duplicate = js
        ? { title: 'Des plantes grimpantes sur les abribus', body: 'Faire pousser des grimpantes sur des structures légères au-dessus des arrêts de bus, pour avoir de l’ombre dès cet été.' }
        : { title: 'Remettre en eau les fontaines des places', body: 'Beaucoup de fontaines sont à sec : les remettre en service et y ajouter des brumisateurs aux heures chaudes.' };

      // Someone writes a duplicate of an existing idea in the open phase.
      const writer = await newPage(site, { js });
      let duplicateId = 0;
      await journey(writer, `consultations-duplicate-${js}`, async () => {
        await signIn(writer, thomas, demoPassword);
        await openPhase(writer, current, 2);
        await go(writer, writer.locator(`main a[href="/consultations/${current.slug}/phases/2/contribute"]`).first());
        duplicateId = await writeAndPublish(writer, duplicate);
      });

      const page = await newPage(site, { js });
      await journey(page, `consultations-organizer-${js}`, async () => {
        await signIn(page, karim, demoPassword);

        // The official answer, with its status, shows first.
        await openPhase(page, current, 2);
        await openContribution(page, answered);
        const text = `Retenue pour l'appel à défis de l'automne : trois sites pilotes seront choisis (${label}).`;
        await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'Retenue' });
        await page.getByLabel('Réponse', { exact: true }).fill(text);
        await follow(page, page.getByRole('button', { name: 'Publier la réponse', exact: true }));
        assert.match(await flash(page), /La réponse officielle est publiée/);
        assert.equal(await heading(page), answered);
        const answer = page.locator('section.official-answer');
        assert.match(await answer.locator('h2').innerText(), /Réponse officielle\s+Retenue/);
        assert.equal(await answer.locator('.prose').innerText(), text);
        assert.match(await answer.locator('.meta').innerText(), /Karim Benali/);
        await answersFirst(page);
        await checkPage(page);

        // The merge: the duplicate goes into the idea it repeats, its author becomes a co-author, its address redirects.
        await openPhase(page, current, 2);
        const keptId = await openContribution(page, kept);
        await visit(page, `/contributions/${duplicateId}`);
        assert.equal(await heading(page), duplicate.title);
        await page.getByLabel('Numéro de la contribution à conserver').fill(`#${keptId}`);
        await follow(page, page.getByRole('button', { name: 'Fusionner dans cette contribution', exact: true }));
        // What cannot be undone is confirmed on a page naming both contributions.
        assert.equal(pathOf(page), `/contributions/${duplicateId}/merge`);
        assert.match(await page.locator('main').innerText(), new RegExp(`#${keptId}`));
        await checkPage(page);
        await follow(page, page.getByRole('button', { name: 'Confirmer', exact: true }));
        assert.equal(pathOf(page), `/contributions/${keptId}`);
        assert.match(await flash(page), /Les contributions sont fusionnées/);
        assert.match(await page.locator('article header').innerText(), /Thomas Petit/, 'the duplicate’s author is now a co-author');
        await checkPage(page);
        assert.equal(await visit(page, `/contributions/${duplicateId}`), 200);
        assert.equal(pathOf(page), `/contributions/${keptId}`, 'the merged address leads to the kept contribution');
        assert.equal(await heading(page), kept);
        const told = (await site.t.deliverMail()).filter((m) => m.to === thomas && /fusionnée/.test(m.subject));
        assert.ok(told.length >= 1, 'the duplicate’s author is told');

        // The synthesis of the closed phase 1, citing two needs.
        await openPhase(page, current, 1);
        const citedIds: number[] = [];
        for (const need of ['Les cours d’école en bitume', 'Les arrêts de bus sans abri']) {
          const href = await page.locator('main h3 a', { hasText: need }).getAttribute('href');
          citedIds.push(Number(href?.replace('/contributions/', '')));
        }
        const [school, bus] = citedIds as [number, number];
        await go(page, page.locator(`main a[href="/consultations/${current.slug}/phases/1/synthesis"]`).first());
        assert.equal(pathOf(page), `/consultations/${current.slug}/phases/1/synthesis`);
        const body = `## Ce que nous retenons (${label})\n\nLes cours d'école [#${school}] et les arrêts de bus [#${bus}] concentrent la chaleur : ce sont nos deux priorités pour la phase des solutions.`;
        await page.getByLabel('Texte de la synthèse').fill(body);
        await follow(page, page.getByRole('button', { name: 'Publier la synthèse', exact: true }));
        assert.equal(pathOf(page), `/consultations/${current.slug}/phases/1/synthesis`);
        assert.match(await flash(page), /La synthèse est publiée/);
        const published = page.locator('article .prose');
        assert.match(await published.innerText(), new RegExp(`Ce que nous retenons \\(${label}\\)`));
        await checkPage(page);
        await go(page, published.locator(`a[href="/contributions/${bus}"]`));
        assert.equal(pathOf(page), `/contributions/${bus}`);
        assert.equal(await heading(page), 'Les arrêts de bus sans abri');
        assert.match(await page.locator('header .cited').innerText(), /Citée dans la synthèse « Les points chauds »/);
      });

      // A visitor finds the synthesis from the consultation's timeline, and its other citation works too.
      const visitor = await newPage(site, { js });
      await journey(visitor, `consultations-synthesis-visitor-${js}`, async () => {
        await visit(visitor, `/consultations/${current.slug}`);
        await go(visitor, visitor.locator('ol.stepper > li').nth(0).getByRole('link', { name: 'Lire la synthèse', exact: true }));
        const citation = visitor.locator('article .prose a[href^="/contributions/"]', { hasText: 'Les cours d’école en bitume' });
        await go(visitor, citation);
        assert.equal(await heading(visitor), 'Les cours d’école en bitume');
        assert.match(await visitor.locator('header .cited').innerText(), /Citée dans la synthèse « Les points chauds »/);
      });
    });
  }

  // The form has two searches (needs to answer, a territory) before its buttons: Enter must not run them.
  test(`Enter in a contribution's title publishes it, rather than running a search of the form (${jsLabel(false)})`, { skip }, async () => {
    const title = 'Des fontaines à boire sur chaque place';
    const page = await newPage(site, { js: false });
    await journey(page, 'consultations-enter-publishes', async () => {
      await signIn(page, thomas, demoPassword);
      await visit(page, `/consultations/${current.slug}/phases/2/contribute`);
      await page.getByLabel('Votre contribution', { exact: true }).fill('Une fontaine par place, pour se rafraîchir pendant les canicules.');
      await page.getByLabel(/^Territoire/).fill('Lyon');
      const field = page.getByLabel('Titre', { exact: true });
      await field.fill(title);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), field.press('Enter')]);
      assert.match(await flash(page), /Votre contribution est publiée/);
      assert.equal(await heading(page), title);
      await checkPage(page);
    });
  });
});
