// Visibility everywhere: for each kind of person — visitor, signed-in member without organization, the owner's
// member, a member of an invited organization, a member of an uninvited one, a removed member, moderator and
// admin — every read path (page, list and its count, API list and detail, documents, questions, "projects for
// you", alert e-mails) shows exactly the projects visibility.ts allows. And the predicate agrees with the SQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { Actor } from '../../platform/policy.ts';
import { activeMemberships } from '../organizations/actor.ts';
import { memberships } from '../organizations/schema.ts';
import { projectInvitations } from './schema.ts';
import { projectById, listProjects } from './service.ts';
import { makeAttachment, makeOrg, makeProject } from './testing.ts';
import { canSeeProject } from './visibility.ts';

type Who = 'visitor' | 'plain' | 'owner' | 'invited' | 'uninvited' | 'removed' | 'moderator' | 'admin';
type Which = 'public' | 'members' | 'invited' | 'draft';

// Who sees which project (the truth the whole module must follow).
const sees: Record<Who, Which[]> = {
  visitor: ['public'],
  plain: ['public', 'members'],
  owner: ['public', 'members', 'invited', 'draft'],
  invited: ['public', 'members', 'invited'],
  uninvited: ['public', 'members'],
  removed: ['public', 'members'],
  moderator: ['public', 'members'],
  admin: ['public', 'members', 'invited', 'draft'],
};

for (const kind of testDatabases()) {
  describe(`project visibility on ${kind}`, () => {
    let t: TestApp;
    const browsers = {} as Record<Who, Browser>;
    const userIds = {} as Record<Exclude<Who, 'visitor'>, number>;
    const projects = {} as Record<Which, number>;
    const attachments = {} as Record<Which, number>;
    const titles: Record<Which, string> = { public: 'Projet public Alpha', members: 'Projet membres Bravo', invited: 'Projet réservé Charlie', draft: 'Brouillon Delta' };
    let invitedOrg: number;

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      for (const who of ['plain', 'owner', 'invited', 'uninvited', 'removed', 'moderator', 'admin'] as const)
        userIds[who] = await makeUser(t.app, `vis-${who}@example.org`, who === 'moderator' ? 'moderator' : who === 'admin' ? 'admin' : 'member');
      const owner = await makeOrg(db, 'vis-ville', 'collectivite', [userIds.owner], { verifiedAt: new Date(), verifiedBy: 'admin' });
      invitedOrg = await makeOrg(db, 'vis-invitee', 'startup', [userIds.invited, userIds.removed], { domains: ['mobilite'] });
      await makeOrg(db, 'vis-autre', 'startup', [userIds.uninvited], { domains: ['mobilite'] });
      projects.public = await makeProject(db, owner, { title: titles.public });
      projects.members = await makeProject(db, owner, { title: titles.members, visibility: 'members' });
      projects.invited = await makeProject(db, owner, { title: titles.invited, visibility: 'invited', invited: [invitedOrg] });
      projects.draft = await makeProject(db, owner, { title: titles.draft, state: 'draft' });
      for (const which of Object.keys(projects) as Which[]) attachments[which] = await makeAttachment(db, projects[which]);
      browsers.visitor = new Browser(t.app, '10.9.0.1');
      let n = 2;
      for (const who of Object.keys(userIds) as Exclude<Who, 'visitor'>[]) browsers[who] = await signIn(t.app, `vis-${who}@example.org`, `10.9.0.${n++}`);
      // Removed after signing in: the session stays, the access goes.
      await db.delete(memberships).where(and(eq(memberships.organizationId, invitedOrg), eq(memberships.userId, userIds.removed)));
    });
    after(() => t.close());

    for (const who of Object.keys(sees) as Who[]) {
      test(`${who}: pages, list, count, API, documents and questions show exactly the visible projects`, async () => {
        const b = browsers[who];
        const list = await b.get('/projects');
        assert.equal(list.statusCode, 200);
        const apiList = JSON.parse((await b.get('/api/v1/projects')).body) as { items: { id: number }[]; total: number };
        assert.equal(apiList.total, sees[who].length, `${who} API total`);
        for (const which of Object.keys(projects) as Which[]) {
          const visible = sees[who].includes(which);
          const id = projects[which];
          assert.equal(list.body.includes(titles[which]), visible, `${who} list ${which}`);
          assert.equal(apiList.items.some((i) => i.id === id), visible, `${who} API list ${which}`);
          for (const path of [`/projects/${id}`, `/projects/${id}/questions`, `/projects/${id}/attachments/${attachments[which]}`, `/api/v1/projects/${id}`, `/api/v1/projects/${id}/faq`, `/api/v1/projects/${id}/questions`, `/api/v1/projects/${id}/responses`]) {
            const response = await b.get(path);
            if (visible) assert.equal(response.statusCode, 200, `${who} ${path}`);
            else {
              assert.ok([404, 303, 401].includes(response.statusCode), `${who} ${path} -> ${response.statusCode}`);
              assert.ok(!response.body.includes(titles[which]), `${who} ${path} leaks the title`);
            }
          }
        }
        assert.ok(list.body.includes(`${sees[who].length} projet`), `${who} count`);
        // Filters and the site-wide search go through the same condition.
        const searched = await b.get(`/projects?q=${encodeURIComponent('Charlie')}`);
        assert.equal(searched.body.includes(titles.invited), sees[who].includes('invited'), `${who} filter`);
        for (const which of ['invited', 'draft', 'members'] as const) {
          const word = titles[which].split(' ').at(-1)!;
          const site = await b.get(`/search?q=${encodeURIComponent(word)}`);
          assert.equal(site.statusCode, 200);
          assert.equal(site.body.includes(`/projects/${projects[which]}"`), sees[who].includes(which), `${who} site search ${which}`);
          const api = await b.get(`/api/v1/search?q=${encodeURIComponent(word)}`);
          assert.equal(api.body.includes(`/projects/${projects[which]}"`), sees[who].includes(which), `${who} search API ${which}`);
        }
      });
    }

    test('a members-only project asks a visitor to sign in; an invited-only one does not exist for them', async () => {
      assert.match((await browsers.visitor.get(`/projects/${projects.members}`)).headers.location as string, /^\/login/);
      assert.equal((await browsers.visitor.get(`/projects/${projects.invited}`)).statusCode, 404);
      assert.equal((await browsers.uninvited.get(`/projects/${projects.invited}`)).statusCode, 404);
    });

    test('"projects for you" suggests only what the company may see', async () => {
      const invited = await browsers.invited.get('/projects/for-you');
      assert.equal(invited.statusCode, 200);
      assert.ok(invited.body.includes(titles.invited));
      assert.ok(invited.body.includes(titles.public));
      const other = await browsers.uninvited.get('/projects/for-you');
      assert.ok(other.body.includes(titles.public));
      assert.ok(!other.body.includes(titles.invited));
      assert.ok(!other.body.includes(titles.draft));
    });

    test('alerts go only to people who may see the project when it opens', async () => {
      const db = t.app.ctx.db;
      for (const who of ['plain', 'invited', 'uninvited', 'removed', 'moderator'] as const) {
        const b = browsers[who];
        const response = await b.post('/projects/alerts', { domains: 'mobilite', territories: '' });
        assert.equal(response.statusCode, 303, who);
      }
      // The owner publishes a new invited-only draft.
      const ownerOrg = (await projectById(db, projects.draft))!.ownerOrganizationId;
      const id = await makeProject(db, ownerOrg, { title: 'Projet réservé Echo', state: 'draft', visibility: 'invited', invited: [invitedOrg] });
      const opened = await browsers.owner.post(`/projects/${id}/state`, { state: 'open' }, { csrfFrom: `/projects/${id}` });
      assert.equal(opened.statusCode, 303);
      assert.equal((await projectById(db, id))!.state, 'open');
      const mails = await t.deliverMail();
      const to = mails.filter((m) => m.subject.includes('Echo')).map((m) => m.to).sort();
      assert.deepEqual(to, ['vis-invited@example.org']);
    });

    test("a member removed from the owner organization loses the drafts and the evaluation at once", async () => {
      const db = t.app.ctx.db;
      const ownerOrg = (await projectById(db, projects.draft))!.ownerOrganizationId;
      const leaverId = await makeUser(t.app, 'vis-leaver@example.org');
      await db.insert(memberships).values({ organizationId: ownerOrg, userId: leaverId, role: 'member' });
      const leaver = await signIn(t.app, 'vis-leaver@example.org', '10.9.0.40');
      for (const path of [`/projects/${projects.draft}`, `/projects/${projects.public}/responses`, `/projects/${projects.invited}/criteria`]) assert.equal((await leaver.get(path)).statusCode, 200, path);
      await db.delete(memberships).where(and(eq(memberships.organizationId, ownerOrg), eq(memberships.userId, leaverId)));
      assert.equal((await leaver.get(`/projects/${projects.draft}`)).statusCode, 404);
      assert.equal((await leaver.get(`/projects/${projects.invited}/criteria`)).statusCode, 404);
      assert.equal((await leaver.get(`/projects/${projects.public}/responses`)).statusCode, 403);
      assert.ok(!(await leaver.get('/projects')).body.includes(titles.draft));
    });

    test('the predicate and the SQL condition agree for every actor and project', async () => {
      const db = t.app.ctx.db;
      const actors: Actor[] = [Actor.visitor];
      for (const who of Object.keys(userIds) as Exclude<Who, 'visitor'>[]) {
        const id = userIds[who];
        actors.push(new Actor({ id, email: '', displayName: who, locale: 'fr', platformRole: who === 'admin' ? 'admin' : who === 'moderator' ? 'moderator' : 'member', emailVerified: true }, await activeMemberships(db, id)));
      }
      for (const actor of actors) {
        const listed = new Set((await listProjects(db, actor, {}, 100)).items.map((p) => p.id));
        for (const id of Object.values(projects)) {
          const project = (await projectById(db, id))!;
          assert.equal(listed.has(id), canSeeProject(actor, project), `${actor.user?.displayName ?? 'visitor'} project ${id}`);
        }
      }
    });

    test('e-mails go only to people who may still see the project: an un-invited asker or respondent is not told', async () => {
      const db = t.app.ctx.db;
      const ownerOrg = (await projectById(db, projects.draft))!.ownerOrganizationId;
      const id = await makeProject(db, ownerOrg, { title: 'Projet réservé Hotel', visibility: 'invited', invited: [invitedOrg] });
      assert.equal((await browsers.invited.post(`/projects/${id}/questions`, { body: 'Une question sur le projet Hotel ?', visibility: 'public' })).statusCode, 303);
      const sent = await browsers.invited.post(`/projects/${id}/respond`, { summary: 'Une réponse au projet Hotel', approach: 'Notre approche pour le projet Hotel.', maturity: '5', confidentiality: 'owner_only' });
      assert.equal(sent.statusCode, 303);
      const responseId = Number(/responses\/(\d+)$/.exec(sent.headers.location as string)![1]);
      await t.deliverMail();
      await db.delete(projectInvitations).where(eq(projectInvitations.projectId, id));
      const questions = await browsers.owner.get(`/projects/${id}/questions`);
      const questionId = Number(/questions\/(\d+)\/answer/.exec(questions.body)![1]);
      assert.equal((await browsers.owner.post(`/projects/${id}/questions/${questionId}/answer`, { answer: 'Voici la réponse.' }, { csrfFrom: `/projects/${id}/questions` })).statusCode, 303);
      const url = `/projects/${id}/responses/${responseId}`;
      assert.equal((await browsers.owner.post(`${url}/status`, { status: 'under_review', message: 'En cours.' }, { csrfFrom: url })).statusCode, 303);
      assert.equal((await browsers.owner.post(`${url}/messages`, { body: 'Un message pour Hotel.' }, { csrfFrom: url })).statusCode, 303);
      const mails = await t.deliverMail();
      assert.deepEqual(mails.filter((m) => m.to === 'vis-invited@example.org'), [], 'no longer invited, no longer told');
      assert.equal((await browsers.invited.get(url)).statusCode, 404);
    });
  });
}
