// A collectivité member publishes a project; a startup finds it among "projects for you", asks a private question,
// reads the anonymised FAQ entry the owner publishes, responds; the owner scores and shortlists; the startup sees
// its status and message and never the scores. In a real browser, JavaScript on and off, every page checked by axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { makeOrg } from '../../src/modules/projects/testing.ts';
import { strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, follow, heading, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

const skip = browserSkip();

describe('projects in a browser', () => {
  const site = sharedSite();

  for (const js of [true, false]) {
    test(`publish, find, ask, read the FAQ, respond, score, shortlist (${jsLabel(js)})`, { skip }, async () => {
      const suffix = js ? 'js' : 'nojs';
      const db = site.t.app.ctx.db;
      const owner = await createUserDirect(db, { email: `ville-${suffix}@example.org`, password: strongPassword, displayName: `Agathe ${suffix}` });
      const founder = await createUserDirect(db, { email: `startup-${suffix}@example.org`, password: strongPassword, displayName: `Bruno ${suffix}` });
      await makeOrg(db, `ville-${suffix}`, 'collectivite', [owner.id], { name: `Ville de Test ${suffix}`, verifiedAt: new Date(), verifiedBy: 'admin', territoryKind: 'commune', territoryCode: '69123' });
      await makeOrg(db, `velo-fret-${suffix}`, 'startup', [founder.id], { name: `Vélo Fret ${suffix}`, domains: ['logistique'], territoryKind: 'commune', territoryCode: '69123', description: 'Livraison du dernier kilomètre en vélo-cargo.' });
      const title = `Livrer le centre-ville autrement ${suffix}`;
      let projectPath = '';

      // One page per person, each signed in once (sign-ins are rate-limited per address); the journeys interleave.
      const agathe = await newPage(site, { js });
      const bruno = await newPage(site, { js });
      await journey(bruno, `projects-startup-${js}`, () => journey(agathe, `projects-owner-${js}`, async () => {
        await signIn(agathe, `ville-${suffix}@example.org`, strongPassword);
        await signIn(bruno, `startup-${suffix}@example.org`, strongPassword);
        await visit(agathe, '/projects');
        await follow(agathe, agathe.locator('main a[href="/projects/new"]'));
        await checkPage(agathe);
        await agathe.getByLabel('Titre', { exact: true }).fill(title);
        await agathe.getByLabel('Problème posé').fill('Les camionnettes de livraison encombrent les rues du centre aux heures de pointe.');
        await agathe.locator('fieldset#field-domains').getByLabel('Logistique', { exact: true }).check();
        await agathe.getByLabel(/^Territoire/).fill('Lyon');
        await agathe.getByLabel('Stade').selectOption('pilot');
        await agathe.getByLabel(/Date limite des réponses/).fill('2099-12-31T18:00');
        await agathe.getByLabel('Visibilité').selectOption('public');
        await follow(agathe, agathe.getByRole('button', { name: 'Enregistrer le brouillon', exact: true }));
        projectPath = new URL(agathe.url()).pathname;
        assert.match(projectPath, /^\/projects\/\d+$/);
        assert.equal(await heading(agathe), title);
        assert.match(await agathe.locator('main').innerText(), /Brouillon/);
        await checkPage(agathe);
        await follow(agathe, agathe.getByRole('button', { name: 'Publier et ouvrir aux réponses', exact: true }));
        assert.match(await agathe.locator('main').innerText(), /Ouvert aux réponses/);
        await checkPage(agathe);
        await visit(agathe, `${projectPath}/criteria`);
        await agathe.getByLabel('Critère', { exact: true }).fill('Réponse au problème');
        await agathe.getByLabel('Poids', { exact: true }).fill('60');
        await follow(agathe, agathe.getByRole('button', { name: 'Ajouter', exact: true }));
        await checkPage(agathe);

        await visit(bruno, '/projects/for-you');
        const card = bruno.locator('main li', { hasText: title });
        assert.match(await card.innerText(), /domaine Logistique/);
        assert.match(await card.innerText(), /même commune/);
        await follow(bruno, card.getByRole('link', { name: title }));
        await checkPage(bruno);
        await follow(bruno, bruno.locator('main').getByRole('link', { name: 'Poser une question' }));
        await checkPage(bruno);
        await bruno.getByLabel('Votre question').fill('Chez Vélo Fret nous avons 12 vélos-cargos : faut-il un local de recharge ?');
        await bruno.getByLabel('Type de question').selectOption('private');
        await follow(bruno, bruno.getByRole('button', { name: 'Envoyer la question', exact: true }));
        assert.match(await bruno.locator('.flash').innerText(), /envoyée/);
        await checkPage(bruno);

        await visit(agathe, `${projectPath}/questions`);
        await agathe.getByLabel('Question telle que publiée dans la FAQ').fill('Un local de recharge pour les vélos-cargos est-il prévu ?');
        await agathe.getByLabel('Réponse', { exact: true }).fill('Oui, un local de 40 m² avec prises est mis à disposition.');
        await follow(agathe, agathe.getByRole('button', { name: 'Répondre et publier dans la FAQ', exact: true }));
        await checkPage(agathe);

        await visit(bruno, `${projectPath}/questions`);
        const faq = await bruno.locator('dl.faq').innerText();
        assert.match(faq, /Un local de recharge pour les vélos-cargos est-il prévu/);
        assert.doesNotMatch(faq, /Vélo Fret/);
        await visit(bruno, projectPath);
        await follow(bruno, bruno.locator('main').getByRole('link', { name: 'Proposer une solution' }));
        await checkPage(bruno);
        await bruno.getByLabel('Résumé', { exact: true }).fill('Des tournées en vélo-cargo depuis un micro-hub.');
        await bruno.getByLabel('Comment la solution répond au problème').fill('Nous livrons les commerces du centre depuis un micro-hub, sans camionnette.');
        await bruno.getByLabel('Maturité (échelle TRL)').selectOption('7');
        await bruno.getByLabel('Confidentialité').selectOption('owner_only');
        await follow(bruno, bruno.getByRole('button', { name: 'Envoyer la réponse', exact: true }));
        assert.match(new URL(bruno.url()).pathname, /^\/projects\/\d+\/responses\/\d+$/);
        assert.match(await bruno.locator('main').innerText(), /Reçue/);
        await checkPage(bruno);

        let responsePath = '';
        await visit(agathe, `${projectPath}/responses`);
        await follow(agathe, agathe.locator('main table').getByRole('link', { name: `Vélo Fret ${suffix}` }));
        responsePath = new URL(agathe.url()).pathname;
        await checkPage(agathe);
        await agathe.getByLabel(/Réponse au problème/).fill('4');
        await follow(agathe, agathe.getByRole('button', { name: 'Enregistrer mes notes', exact: true }));
        await agathe.getByLabel('Commentaire interne').fill('Équipe solide, à auditionner.');
        await follow(agathe, agathe.getByRole('button', { name: 'Ajouter le commentaire', exact: true }));
        await agathe.getByRole('combobox', { name: 'Statut' }).selectOption('shortlisted');
        await agathe.getByLabel(/Message au répondant/).fill('Vous êtes présélectionnés : audition le 12.');
        await follow(agathe, agathe.getByRole('button', { name: 'Enregistrer le statut', exact: true }));
        await checkPage(agathe);
        await visit(agathe, `${projectPath}/responses`);
        assert.match(await agathe.locator('main table').innerText(), /4,00 \/ 5/);
        assert.match(await agathe.locator('main').innerText(), /Présélection/);

        await visit(bruno, responsePath);
        const main = await bruno.locator('main').innerText();
        assert.match(main, /Présélectionnée/);
        assert.match(main, /audition le 12/);
        assert.doesNotMatch(main, /Équipe solide|4\.00|Réponse au problème/);
      }));
    });
  }
});
