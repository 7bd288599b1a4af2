// Inviting organizations to a restricted project: found by name or SIRET, invited from the search or from a matching
// suggestion by the owner team only; the invited organization's members are told (in the app and by mail) and see
// the project, others do not; the owner sees who invited whom and when, and revoking (after a confirmation) takes the
// project out of the organization's sight; every bad input is refused beside the field and writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { Browser, linkIn, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { fanOut } from '../notifications/fanout.ts';
import { notificationsOf } from '../notifications/testing.ts';
import { projectInvitations } from './schema.ts';
import { makeOrg, makeProject } from './testing.ts';

for (const kind of testDatabases()) {
  describe(`project invitations on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser, founder: Browser, other: Browser, plain: Browser;
    let ownerOrg: number, startupOrg: number, matchOrg: number, otherOrg: number;
    let founderId: number, colleagueId: number, otherId: number;
    let projectId: number, draftId: number, publicId: number;
    const emails = { founder: 'inv-founder@example.org', colleague: 'inv-colleague@example.org' };

    const invitedCount = async (project: number) => (await t.app.ctx.db.select({ n: count() }).from(projectInvitations).where(eq(projectInvitations.projectId, project)))[0]!.n;

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      const ownerId = await makeUser(t.app, 'inv-owner@example.org');
      founderId = await makeUser(t.app, emails.founder);
      colleagueId = await makeUser(t.app, emails.colleague);
      otherId = await makeUser(t.app, 'inv-other@example.org');
      await makeUser(t.app, 'inv-plain@example.org');
      ownerOrg = await makeOrg(db, 'inv-ville', 'collectivite', [ownerId], { verifiedAt: new Date(), verifiedBy: 'admin' });
      startupOrg = await makeOrg(db, 'inv-startup', 'startup', [founderId, colleagueId], { name: 'Mobilités Électriques du Rhône', siret: '12345678900012' });
      matchOrg = await makeOrg(db, 'inv-match', 'pme_eti', [], { name: 'Cargo Vélo Lyon', domains: ['mobilite'] as never });
      otherOrg = await makeOrg(db, 'inv-autre', 'startup', [otherId], { name: 'Autre Jeune Pousse' });
      projectId = await makeProject(db, ownerOrg, { title: 'Navettes réservées', visibility: 'invited' });
      draftId = await makeProject(db, ownerOrg, { title: 'Brouillon réservé', visibility: 'invited', state: 'draft' });
      publicId = await makeProject(db, ownerOrg, { title: 'Projet ouvert à tous' });
      owner = await signIn(t.app, 'inv-owner@example.org', '10.15.0.1');
      founder = await signIn(t.app, emails.founder, '10.15.0.2');
      other = await signIn(t.app, 'inv-other@example.org', '10.15.0.3');
      plain = await signIn(t.app, 'inv-plain@example.org', '10.15.0.4');
    });
    after(() => t.close());

    test('the search finds an organization by its name, accents aside, and by its SIRET written with spaces', async () => {
      const byName = await owner.get(`/projects/${projectId}/invitations?q=${encodeURIComponent('mobilites electriques')}`);
      assert.equal(byName.statusCode, 200);
      assert.match(byName.body, /Mobilités Électriques du Rhône/);
      assert.match(byName.body, new RegExp(`name="organization" value="${startupOrg}"`));
      assert.doesNotMatch(byName.body, /Autre Jeune Pousse/);
      const bySiret = await owner.get(`/projects/${projectId}/invitations?q=${encodeURIComponent('123 456 789 00012')}`);
      assert.match(bySiret.body, new RegExp(`name="organization" value="${startupOrg}"`));
      const bySiren = await owner.get(`/projects/${projectId}/invitations?q=123456789`);
      assert.match(bySiren.body, /Mobilités Électriques du Rhône/);
      // The owner organization is never offered; a search too short says so beside the field.
      assert.doesNotMatch((await owner.get(`/projects/${projectId}/invitations?q=inv-ville`)).body, new RegExp(`value="${ownerOrg}"`));
      const short = await owner.get(`/projects/${projectId}/invitations?q=m`);
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /id="error-q"/);
      assert.match(short.body, /<title>Erreur/);
    });

    test('before the invitation, the company does not see the project', async () => {
      assert.equal((await founder.get(`/projects/${projectId}`)).statusCode, 404);
    });

    test('invited from the search: its members are told in the app and by mail, and see the project', async () => {
      const response = await owner.post(`/projects/${projectId}/invitations`, { organization: String(startupOrg), q: 'mobilites' }, { csrfFrom: `/projects/${projectId}/invitations` });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/projects/${projectId}/invitations`);
      const [row] = await t.app.ctx.db.select().from(projectInvitations).where(and(eq(projectInvitations.projectId, projectId), eq(projectInvitations.organizationId, startupOrg)));
      assert.ok(row?.invitedBy, 'who invited is kept');

      await fanOut(t.app.ctx);
      for (const userId of [founderId, colleagueId]) assert.deepEqual((await notificationsOf(t.app.ctx.db, userId)).map((n) => [n.type, n.kind]), [['project.invited', 'project_invitation']]);
      const mails = (await t.deliverMail()).filter((m) => Object.values(emails).includes(m.to));
      assert.deepEqual(mails.map((m) => m.to).sort(), Object.values(emails).sort());
      assert.match(mails[0]!.subject + mails[0]!.text, /Navettes réservées/);
      assert.equal(linkIn(mails[0]).split('?')[0], `/projects/${projectId}`);

      assert.equal((await founder.get(`/projects/${projectId}`)).statusCode, 200);
      assert.match((await founder.get('/me')).body, new RegExp(`href="/projects/${projectId}">Navettes réservées`), 'in their space');
      assert.equal((await other.get(`/projects/${projectId}`)).statusCode, 404);
      assert.equal((await plain.get(`/projects/${projectId}`)).statusCode, 404);
      assert.equal((await new Browser(t.app).get(`/projects/${projectId}`)).statusCode, 404);
    });

    test('the owner sees on the project who is invited, by whom and when; the invited company does not', async () => {
      const page = await owner.get(`/projects/${projectId}`);
      assert.match(page.body, /id="invitations-title"/);
      assert.match(page.body, /Mobilités Électriques du Rhône<\/a> · invitée par inv-owner le /);
      assert.match(page.body, new RegExp(`href="/projects/${projectId}/invitations/${startupOrg}/revoke"`));
      assert.doesNotMatch((await founder.get(`/projects/${projectId}`)).body, /id="invitations-title"|\/revoke"/);
      // Already invited: the search says so instead of offering the button.
      assert.match((await owner.get(`/projects/${projectId}/invitations?q=mobilites`)).body, /déjà invitée/);
    });

    test('invited from a matching suggestion, back to the suggestions', async () => {
      const matches = await owner.get(`/projects/${projectId}/matches`);
      assert.match(matches.body, /Cargo Vélo Lyon/);
      assert.match(matches.body, new RegExp(`name="organization" value="${matchOrg}"`));
      const response = await owner.post(`/projects/${projectId}/invitations`, { organization: String(matchOrg), back: 'matches' }, { csrfFrom: `/projects/${projectId}/matches` });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/projects/${projectId}/matches`);
      const after = await owner.get(`/projects/${projectId}/matches`);
      assert.doesNotMatch(after.body, new RegExp(`name="organization" value="${matchOrg}"`));
      assert.match(after.body, /invitée : elle voit ce projet/);
    });

    test('bad input is refused beside the search field, with the search kept, and writes nothing', async () => {
      const before = await invitedCount(projectId);
      const url = `/projects/${projectId}/invitations`;
      for (const [fields, message] of [
        [{ organization: '999999', q: 'fantome' }, /n&#39;existe pas|n'existe pas/],
        [{ organization: 'pas-un-nombre' }, /n&#39;existe pas|n'existe pas/],
        [{ organization: String(startupOrg), q: 'mobilites' }, /est déjà invitée/],
        [{ organization: String(ownerOrg) }, /le voit déjà/],
      ] as const) {
        const response = await owner.post(url, fields, { csrfFrom: url });
        assert.equal(response.statusCode, 422, JSON.stringify(fields));
        assert.match(response.body, /<title>Erreur/);
        assert.match(response.body, /id="error-summary"/);
        assert.match(response.body, message);
        if ('q' in fields) assert.match(response.body, new RegExp(`id="field-q"[^>]*value="${fields.q}"|value="${fields.q}"[^>]*id="field-q"`));
      }
      assert.equal((await owner.post(url, { organization: String(otherOrg) }, { csrf: null })).statusCode, 403);
      // A project that is not restricted has nobody to invite.
      assert.equal((await owner.post(`/projects/${publicId}/invitations`, { organization: String(otherOrg) }, { csrfFrom: url })).statusCode, 422);
      assert.equal(await invitedCount(projectId), before);
      assert.equal(await invitedCount(publicId), 0);
    });

    test('only the owner team invites and revokes: an invited company, another one and a plain member are refused', async () => {
      const url = `/projects/${projectId}/invitations`;
      const csrf = await founder.csrf('/projects');
      assert.equal((await founder.post(url, { organization: String(otherOrg) }, { csrf })).statusCode, 403);
      assert.equal((await founder.get(url)).statusCode, 403);
      assert.equal((await founder.post(`${url}/${startupOrg}/revoke`, { confirmed: '1' }, { csrf })).statusCode, 403);
      assert.equal((await other.post(url, { organization: String(otherOrg) }, { csrf: await other.csrf('/projects') })).statusCode, 404);
      assert.equal((await plain.get(url)).statusCode, 404);
      assert.equal((await new Browser(t.app).get(url)).statusCode, 404);
      assert.equal(await invitedCount(projectId), 2);
    });

    test('a draft invites without telling anyone until it opens', async () => {
      const response = await owner.post(`/projects/${draftId}/invitations`, { organization: String(otherOrg) }, { csrfFrom: `/projects/${draftId}/invitations` });
      assert.equal(response.statusCode, 303);
      await fanOut(t.app.ctx);
      assert.equal(await invitedCount(draftId), 1);
      assert.deepEqual(await notificationsOf(t.app.ctx.db, otherId), [], 'told when it opens, not before');
      assert.equal((await other.get(`/projects/${draftId}`)).statusCode, 404, 'nobody but the owner sees a draft');
    });

    test('revoking asks first, then takes the project out of the organization’s sight', async () => {
      const url = `/projects/${projectId}/invitations/${startupOrg}/revoke`;
      const confirm = await owner.get(url);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Retirer l&#39;invitation de Mobilités Électriques du Rhône|Retirer l'invitation de Mobilités Électriques du Rhône/);
      assert.match(confirm.body, /name="confirmed" value="1"/);
      const unconfirmed = await owner.post(url, {}, { csrfFrom: url });
      assert.equal(unconfirmed.statusCode, 303);
      assert.equal(unconfirmed.headers.location, url);
      assert.equal((await founder.get(`/projects/${projectId}`)).statusCode, 200, 'still invited');

      const done = await owner.post(url, { confirmed: '1' }, { csrfFrom: url });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/projects/${projectId}/invitations`);
      assert.equal((await founder.get(`/projects/${projectId}`)).statusCode, 404);
      assert.doesNotMatch((await founder.get('/me')).body, /Navettes réservées/);
      assert.doesNotMatch((await owner.get(`/projects/${projectId}`)).body, /Mobilités Électriques du Rhône/);
      // Revoked already: the page goes back to the list, the action finds nothing to revoke.
      assert.equal((await owner.get(url)).statusCode, 303);
      assert.equal((await owner.post(url, { confirmed: '1' }, { csrfFrom: `/projects/${projectId}/invitations` })).statusCode, 404);
    });

    test('the API lists, invites and revokes with the same rules', async () => {
      const api = `/api/v1/projects/${projectId}/invitations`;
      const headers = { 'csrf-token': await owner.csrf('/projects') };
      const list = await owner.get(api);
      assert.equal(list.statusCode, 200);
      const items = (JSON.parse(list.body) as { items: { organization: { id: number }; invitedBy: string | null }[] }).items;
      assert.deepEqual(items.map((i) => [i.organization.id, i.invitedBy]), [[matchOrg, 'inv-owner']]);
      const invite = (organization: unknown) => owner.request({ method: 'POST', url: api, payload: { organization }, headers });
      assert.equal((await invite(otherOrg)).statusCode, 201);
      assert.equal((await other.get(`/projects/${projectId}`)).statusCode, 200);
      assert.equal((await invite(otherOrg)).statusCode, 422);
      assert.equal((await invite(999999)).statusCode, 422);
      const founderHeaders = { 'csrf-token': await founder.csrf('/projects') };
      assert.equal((await founder.request({ method: 'POST', url: api, payload: { organization: startupOrg }, headers: founderHeaders })).statusCode, 404, 'revoked: it no longer sees the project');
      assert.equal((await other.get(api)).statusCode, 403);
      assert.equal((await owner.request({ method: 'POST', url: `${api}/${otherOrg}/revoke`, headers })).statusCode, 200);
      assert.equal((await other.get(`/projects/${projectId}`)).statusCode, 404);
    });
  });
}
