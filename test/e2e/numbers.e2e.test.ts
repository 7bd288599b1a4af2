// "Done when" of issue 15, item 1: the demo's evaluator (Marie Dupont, Métropole de Lyon) scores a response "4,5" on
// the evaluation grid; it is stored and shown as 4,5, the ranking reads in French ("3,90 / 5"), and a score the grid
// cannot keep ("4,567") is refused beside the field with what was typed kept. JavaScript on and off, axe on every page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { demoPassword } from '../../src/modules/accounts/demo.ts';
import { users } from '../../src/modules/accounts/schema.ts';
import { projectScores } from '../../src/modules/projects/schema.ts';
import { browserSkip, checkPage, follow, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

const skip = browserSkip();
const evaluator = 'marie.dupont@lyon.example';
const projectTitle = 'Un hub logistique du dernier kilomètre à la Part-Dieu';

describe('numbers as people write them, in a browser', () => {
  const site = sharedSite({ demo: true });

  for (const js of [true, false]) {
    test(`the evaluator scores "4,5" and reads it back as 4,5 (${jsLabel(js)})`, { skip }, async () => {
      const page = await newPage(site, { js });
      await journey(page, `numbers-evaluator-${js}`, async () => {
        await signIn(page, evaluator, demoPassword);
        await visit(page, '/projects');
        await follow(page, page.locator('main a', { hasText: projectTitle }).first());
        await follow(page, page.locator('nav.tabs').getByRole('link', { name: 'Réponses et classement', exact: true }));
        await checkPage(page);
        await follow(page, page.locator('main table a').first());
        await checkPage(page);

        const score = page.getByLabel(/^Réponse au problème posé \(poids/);
        const responseId = Number(/\/responses\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
        await score.fill('4,5');
        await follow(page, page.getByRole('button', { name: 'Enregistrer mes notes', exact: true }));
        assert.match(await page.locator('.flash').innerText(), /Notes enregistrées/);
        await checkPage(page);
        assert.equal(await score.inputValue(), '4,5', 'the grid shows the score as it was typed');
        const row = page.locator('main table', { hasText: 'Notes de chaque évaluateur' }).locator('tr', { hasText: 'Marie Dupont' });
        assert.match(await row.innerText(), /\b4,5\b/);
        const [stored] = await site.t.app.ctx.db
          .select({ score: projectScores.score })
          .from(projectScores)
          .innerJoin(users, eq(users.id, projectScores.evaluatorId))
          .where(and(eq(projectScores.responseId, responseId), eq(users.email, evaluator)))
          .orderBy(projectScores.criterionId)
          .limit(1);
        assert.equal(stored?.score, 4.5, 'stored as 4.5, not 4');

        // More decimals than the grid keeps: refused beside the field, never rounded, and the typed text kept.
        await score.fill('4,567');
        await follow(page, page.getByRole('button', { name: 'Enregistrer mes notes', exact: true }));
        await checkPage(page);
        assert.equal(await score.inputValue(), '4,567');
        const describedBy = (await score.getAttribute('aria-describedby')) ?? '';
        const errorId = describedBy.split(' ').find((id) => id.startsWith('error-'));
        assert.ok(errorId, 'the field names its error');
        assert.equal((await page.locator(`#${errorId}`).innerText()).trim(), 'Saisissez au plus 2 chiffres après la virgule.');
        assert.match(await page.locator('#error-summary').innerText(), /Réponse au problème posé/);

        // The ranking reads in French: a decimal comma, two decimals.
        await follow(page, page.locator('nav.tabs').getByRole('link', { name: 'Réponses et classement', exact: true }));
        await checkPage(page);
        const ranking = await page.locator('main table').first().innerText();
        assert.match(ranking, /\d,\d\d \/ 5/);
        assert.doesNotMatch(ranking, /\d\.\d\d \/ 5/);
      });
    });
  }
});
