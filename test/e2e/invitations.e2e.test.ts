// A collectivité's member invites a startup to a restricted project by searching its name, then revokes it after the
// confirmation page; the startup's member gets the mail and the notification, sees the project while invited and no
// longer after. In a real browser, JavaScript on and off, every page checked by axe.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { fanOut } from '../../src/modules/notifications/fanout.ts';
import { makeOrg, makeProject } from '../../src/modules/projects/testing.ts';
import { linkIn, strongPassword } from '../support/app.ts';
import { browserSkip, checkPage, follow, jsLabel, journey, newPage, signIn, visit, sharedSite } from '../support/browser.ts';

const skip = browserSkip();

describe('project invitations in a browser', () => {
  const site = sharedSite();

  for (const js of [true, false]) {
    test(`invite by name, the company is told and sees the project, revoke (${jsLabel(js)})`, { skip }, async () => {
      const suffix = js ? 'js' : 'nojs';
      const db = site.t.app.ctx.db;
      const owner = await createUserDirect(db, { email: `inv-ville-${suffix}@example.org`, password: strongPassword, displayName: `Claire ${suffix}` });
      const founderEmail = `inv-startup-${suffix}@example.org`;
      const founder = await createUserDirect(db, { email: founderEmail, password: strongPassword, displayName: `Driss ${suffix}` });
      const ownerOrg = await makeOrg(db, `inv-ville-${suffix}`, 'collectivite', [owner.id], { name: `Ville invitante ${suffix}`, verifiedAt: new Date(), verifiedBy: 'admin' });
      await makeOrg(db, `inv-capteurs-${suffix}`, 'startup', [founder.id], { name: `Capteurs Réunis ${suffix}`, siret: js ? '11122233300011' : '44455566600022' });
      const title = `Capteurs de qualité de l'air ${suffix}`;
      const projectPath = `/projects/${await makeProject(db, ownerOrg, { title, visibility: 'invited' })}`;

      const claire = await newPage(site, { js });
      const driss = await newPage(site, { js });
      await journey(driss, `invitations-startup-${js}`, () => journey(claire, `invitations-owner-${js}`, async () => {
        await signIn(claire, `inv-ville-${suffix}@example.org`, strongPassword);
        await signIn(driss, founderEmail, strongPassword);
        assert.equal(await visit(driss, projectPath), 404, 'not invited yet');

        await visit(claire, projectPath);
        assert.match(await claire.locator('main').innerText(), /Aucune organisation n'est invitée/);
        await follow(claire, claire.locator('main').getByRole('link', { name: 'Inviter des organisations' }));
        await checkPage(claire);
        await claire.getByLabel("Nom ou SIRET de l'organisation").fill('capteurs reunis');
        await follow(claire, claire.getByRole('button', { name: 'Rechercher', exact: true }));
        await checkPage(claire);
        await follow(claire, claire.getByRole('button', { name: `Inviter Capteurs Réunis ${suffix}` }));
        await checkPage(claire);
        assert.match(await claire.locator('main').innerText(), new RegExp(`Capteurs Réunis ${suffix} est invitée`));
        assert.match(await claire.locator('#invited-title + ul').innerText(), new RegExp(`Capteurs Réunis ${suffix} · invitée par Claire ${suffix} le `));

        await fanOut(site.t.app.ctx);
        const mail = (await site.t.deliverMail()).find((m) => m.to === founderEmail);
        assert.ok(mail, 'the invited member is mailed');
        assert.equal(linkIn(mail).split('?')[0], projectPath);
        assert.equal(await visit(driss, projectPath), 200);
        assert.match(await driss.locator('h1').innerText(), new RegExp(title.replace(/[()]/g, '\\$&')));
        await visit(driss, '/notifications');
        assert.match(await driss.locator('main').innerText(), new RegExp(title));

        await visit(claire, projectPath);
        await follow(claire, claire.locator('main').getByRole('link', { name: `Retirer l'invitation Capteurs Réunis ${suffix}` }));
        await checkPage(claire);
        assert.match(await claire.locator('h1').innerText(), /Retirer l'invitation de Capteurs Réunis/);
        await follow(claire, claire.locator('main form').getByRole('button', { name: "Retirer l'invitation", exact: true }));
        await checkPage(claire);
        assert.match(await claire.locator('main').innerText(), /L'invitation est retirée/);
        assert.equal(await visit(driss, projectPath), 404, 'revoked: no longer seen');
      }));
    });
  }
});
