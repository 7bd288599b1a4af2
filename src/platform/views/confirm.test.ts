// What cannot be undone asks first: blocking an account, removing a member, withdrawing a response, deleting a
// comment and merging contributions each go through a confirmation page; a POST without its marker only leads there;
// blocking and a moderator's deletion require a reason, which is audited and told to the person.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { users } from '../../modules/accounts/schema.ts';
import { comments, contributions } from '../../modules/consultations/schema.ts';
import { notificationEvents } from '../../modules/notifications/schema.ts';
import { memberships } from '../../modules/organizations/schema.ts';
import { projectResponses } from '../../modules/projects/schema.ts';
import { makeOrg, makeProject } from '../../modules/projects/testing.ts';
import { auditLog } from '../audit/schema.ts';

const asksConfirmation = (body: string, action: string) => {
  assert.match(body, new RegExp(`<form method="post" action="${action.replace(/[?]/g, '\\?')}"`));
  assert.match(body, /name="confirmed" value="1"/);
  assert.match(body, /Annuler/);
};

for (const kind of testDatabases()) {
  describe(`confirmations of what cannot be undone on ${kind}`, () => {
    let t: TestApp;
    let ids: Record<string, number>;
    let moderator: Browser, admin: Browser, orgAdmin: Browser, author: Browser, asker: Browser;
    let fixture: Awaited<ReturnType<typeof consultationFixture>>;
    before(async () => {
      t = await testApp(kind);
      ids = {
        spammer: await makeUser(t.app, 'cf-spammer@example.org'),
        moderator: await makeUser(t.app, 'cf-moderator@example.org', 'moderator'),
        admin: await makeUser(t.app, 'cf-admin@example.org', 'admin'),
        otherAdmin: await makeUser(t.app, 'cf-other-admin@example.org', 'admin'),
        orgAdmin: await makeUser(t.app, 'cf-orgadmin@example.org'),
        colleague: await makeUser(t.app, 'cf-colleague@example.org'),
        author: await makeUser(t.app, 'cf-author@example.org'),
        asker: await makeUser(t.app, 'cf-asker@example.org'),
      };
      const orgId = await makeOrganization(t.app, 'cf-ville', ids.orgAdmin!);
      await t.app.ctx.db.insert(memberships).values({ organizationId: orgId, userId: ids.colleague!, role: 'member' });
      fixture = await consultationFixture(t.app, 'cf-ville', ids.author!);
      moderator = await signIn(t.app, 'cf-moderator@example.org', '10.31.0.1');
      admin = await signIn(t.app, 'cf-admin@example.org', '10.31.0.2');
      orgAdmin = await signIn(t.app, 'cf-orgadmin@example.org', '10.31.0.3');
      author = await signIn(t.app, 'cf-author@example.org', '10.31.0.4');
      asker = await signIn(t.app, 'cf-asker@example.org', '10.31.0.5');
    });
    after(() => t.close());

    const blockedAt = async (id: number) => (await t.app.ctx.db.select({ at: users.blockedAt }).from(users).where(eq(users.id, id)))[0]!.at;

    test('blocking is offered on members only, asks for a reason, records it and mails it to the person', async () => {
      const list = (await admin.get('/admin/users')).body;
      assert.match(list, new RegExp(`href="/admin/users/${ids.spammer}/block"`));
      assert.doesNotMatch(list, new RegExp(`/admin/users/${ids.admin}/block`), 'not on one’s own row');
      assert.doesNotMatch(list, new RegExp(`/admin/users/${ids.otherAdmin}/block`), 'not on a platform admin’s row');
      assert.doesNotMatch(list, /name="blocked" value="1"/, 'no one-click block remains');

      const oneClick = await moderator.post(`/admin/users/${ids.spammer}/block`, { blocked: '1' }, { csrfFrom: '/admin/users' });
      assert.equal(oneClick.statusCode, 303);
      assert.equal(oneClick.headers.location, `/admin/users/${ids.spammer}/block`);
      assert.equal(await blockedAt(ids.spammer!), null, 'a POST without the confirmation does nothing');

      const page = await moderator.get(`/admin/users/${ids.spammer}/block`);
      assert.equal(page.statusCode, 200);
      asksConfirmation(page.body, `/admin/users/${ids.spammer}/block`);
      assert.match(page.body, /Bloquer le compte de cf-spammer/);
      assert.match(page.body, /<textarea[^>]*name="reason"[^>]*required/);

      const noReason = await moderator.post(`/admin/users/${ids.spammer}/block`, { blocked: '1', confirmed: '1', reason: '  ' }, { csrfFrom: `/admin/users/${ids.spammer}/block` });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /class="error-summary"/);
      assert.match(noReason.body, /Ce champ est obligatoire/);
      assert.equal(await blockedAt(ids.spammer!), null);

      await t.deliverMail();
      const done = await moderator.post(`/admin/users/${ids.spammer}/block`, { blocked: '1', confirmed: '1', reason: 'Messages publicitaires répétés' }, { csrfFrom: `/admin/users/${ids.spammer}/block` });
      assert.equal(done.statusCode, 303);
      assert.notEqual(await blockedAt(ids.spammer!), null);
      const audit = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'moderation.block'), eq(auditLog.target, `user:${ids.spammer}`)));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actorId, ids.moderator);
      assert.equal(audit[0]!.details.reason, 'Messages publicitaires répétés');
      const mail = (await t.deliverMail()).find((m) => m.to === 'cf-spammer@example.org');
      assert.ok(mail, 'the person is told');
      assert.match(mail.text, /Messages publicitaires répétés/);
    });

    test('blocking oneself or a platform admin is refused, from the page and from a crafted POST', async () => {
      assert.equal((await admin.get(`/admin/users/${ids.admin}/block`)).statusCode, 403);
      assert.equal((await admin.get(`/admin/users/${ids.otherAdmin}/block`)).statusCode, 403);
      const reason = { blocked: '1', confirmed: '1', reason: 'Une raison quelconque' };
      assert.equal((await admin.post(`/admin/users/${ids.admin}/block`, reason, { csrfFrom: '/admin/users' })).statusCode, 403);
      assert.equal((await admin.post(`/admin/users/${ids.otherAdmin}/block`, reason, { csrfFrom: '/admin/users' })).statusCode, 403);
      assert.equal((await moderator.post(`/admin/users/${ids.otherAdmin}/block`, reason, { csrfFrom: '/admin/users' })).statusCode, 403);
      assert.equal(await blockedAt(ids.otherAdmin!), null);
      assert.equal(await blockedAt(ids.admin!), null);
    });

    test('removing a member asks first, naming them', async () => {
      const members = (await orgAdmin.get('/organizations/cf-ville/members')).body;
      const path = `/organizations/cf-ville/members/${ids.colleague}/remove`;
      assert.match(members, new RegExp(`href="${path}"`));
      assert.doesNotMatch(members, new RegExp(`action="${path}"`));
      const oneClick = await orgAdmin.post(path, {}, { csrfFrom: '/organizations/cf-ville/members' });
      assert.equal(oneClick.statusCode, 303);
      assert.equal(oneClick.headers.location, path);
      const isMember = async () => (await t.app.ctx.db.select().from(memberships).where(eq(memberships.userId, ids.colleague!))).length === 1;
      assert.ok(await isMember());
      const page = await orgAdmin.get(path);
      assert.equal(page.statusCode, 200);
      asksConfirmation(page.body, path);
      assert.match(page.body, /Retirer cf-colleague de Organisation cf-ville/);
      assert.equal((await orgAdmin.post(path, { confirmed: '1' }, { csrfFrom: path })).statusCode, 303);
      assert.ok(!(await isMember()));
    });

    test('withdrawing a response asks first, naming the project', async () => {
      const owner = await makeOrg(t.app.ctx.db, 'cf-owner', 'collectivite', [], { verifiedAt: new Date(), verifiedBy: 'admin' });
      await makeOrg(t.app.ctx.db, 'cf-startup', 'startup', [ids.asker!]);
      const projectId = await makeProject(t.app.ctx.db, owner, { title: 'Capteurs de crues' });
      const sent = await asker.post(`/projects/${projectId}/respond`, { summary: 'Nos capteurs de crues', approach: 'Une approche éprouvée sur trois rivières.', maturity: '6', confidentiality: 'owner_only' });
      assert.equal(sent.statusCode, 303);
      const form = (await asker.get(`/projects/${projectId}/respond`)).body;
      const path = `/projects/${projectId}/respond/withdraw`;
      assert.match(form, new RegExp(`href="${path}"`));
      assert.doesNotMatch(form, new RegExp(`action="${path}"`));
      const withdrawn = async () => (await t.app.ctx.db.select({ at: projectResponses.withdrawnAt }).from(projectResponses).where(eq(projectResponses.projectId, projectId)))[0]!.at;
      const oneClick = await asker.post(path, {}, { csrfFrom: `/projects/${projectId}/respond` });
      assert.equal(oneClick.headers.location, path);
      assert.equal(await withdrawn(), null);
      const page = await asker.get(path);
      assert.equal(page.statusCode, 200);
      asksConfirmation(page.body, path);
      assert.match(page.body, /Capteurs de crues/);
      assert.doesNotMatch(page.body, /name="reason"/, 'no reason asked of one’s own response');
      assert.equal((await asker.post(path, { confirmed: '1' }, { csrfFrom: path })).statusCode, 303);
      assert.notEqual(await withdrawn(), null);
    });

    test('a moderator deleting a comment gives a reason, audited and told to its author', async () => {
      const path = `/comments/${fixture.commentId}/delete`;
      const contributionPage = (await moderator.get(`/contributions/${fixture.contributionId}`)).body;
      assert.match(contributionPage, new RegExp(`href="${path}"`));
      assert.doesNotMatch(contributionPage, new RegExp(`action="${path}"`));
      const oneClick = await moderator.post(path, {}, { csrfFrom: `/contributions/${fixture.contributionId}` });
      assert.equal(oneClick.headers.location, path);
      const body = async () => (await t.app.ctx.db.select({ body: comments.body }).from(comments).where(eq(comments.id, fixture.commentId)))[0]!.body;
      assert.equal(await body(), 'Un commentaire.');
      const page = await moderator.get(path);
      asksConfirmation(page.body, path);
      assert.match(page.body, /Un commentaire\./, 'the comment is shown');
      assert.match(page.body, /<textarea[^>]*name="reason"[^>]*required/);
      const noReason = await moderator.post(path, { confirmed: '1' }, { csrfFrom: path });
      assert.equal(noReason.statusCode, 422);
      assert.equal(await body(), 'Un commentaire.');
      assert.equal((await moderator.post(path, { confirmed: '1', reason: 'Propos injurieux' }, { csrfFrom: path })).statusCode, 303);
      assert.equal(await body(), '');
      const audit = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.target, `comment:${fixture.commentId}`));
      assert.deepEqual(audit.map((a) => [a.action, a.details.reason]), [['comment.delete', 'Propos injurieux']]);
      const events = await t.app.ctx.db.select().from(notificationEvents).where(eq(notificationEvents.type, 'moderation.decision'));
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.data.recipients, [ids.author]);
      assert.equal(events[0]!.data.reason, 'Propos injurieux');
      assert.equal(events[0]!.data.decision, 'removed');
    });

    test('an author deleting their own comment confirms without a reason, and nobody is told', async () => {
      const posted = await author.post(`/contributions/${fixture.contributionId}/comments`, { body: 'Je retire ce que j’ai dit.' });
      assert.equal(posted.statusCode, 303);
      const [mine] = await t.app.ctx.db.select().from(comments).where(eq(comments.body, 'Je retire ce que j’ai dit.'));
      const path = `/comments/${mine!.id}/delete`;
      const page = await author.get(path);
      asksConfirmation(page.body, path);
      assert.doesNotMatch(page.body, /name="reason"/);
      const before = (await t.app.ctx.db.select().from(notificationEvents).where(eq(notificationEvents.type, 'moderation.decision'))).length;
      assert.equal((await author.post(path, { confirmed: '1' }, { csrfFrom: path })).statusCode, 303);
      assert.equal((await t.app.ctx.db.select().from(comments).where(eq(comments.id, mine!.id)))[0]!.deletedAt !== null, true);
      assert.equal((await t.app.ctx.db.select().from(notificationEvents).where(eq(notificationEvents.type, 'moderation.decision'))).length, before);
    });

    test('merging shows both contributions before anything moves', async () => {
      const [source] = await t.app.ctx.db.select().from(contributions).where(eq(contributions.id, fixture.contributionId));
      const [kept] = await t.app.ctx.db.insert(contributions).values({ consultationId: source!.consultationId, phaseId: source!.phaseId, kind: 'need', title: 'Le besoin à garder', body: 'Le même besoin, mieux dit.', authorId: ids.colleague! }).returning();
      const page = `/contributions/${fixture.contributionId}`;
      const typed = await orgAdmin.post(`${page}/merge`, { into: `#${kept!.id}` }, { csrfFrom: page });
      assert.equal(typed.statusCode, 303);
      assert.equal(typed.headers.location, `${page}/merge?into=${kept!.id}`);
      const merged = async () => (await t.app.ctx.db.select({ into: contributions.mergedIntoId }).from(contributions).where(eq(contributions.id, fixture.contributionId)))[0]!.into;
      assert.equal(await merged(), null);
      const confirm = await orgAdmin.get(typed.headers.location as string);
      assert.equal(confirm.statusCode, 200);
      asksConfirmation(confirm.body, `${page}/merge`);
      assert.match(confirm.body, new RegExp(`#${fixture.contributionId} — Un besoin de test`));
      assert.match(confirm.body, new RegExp(`#${kept!.id} — Le besoin à garder`));
      assert.match(confirm.body, new RegExp(`name="into" value="${kept!.id}"`));
      const wrong = await orgAdmin.get(`${page}/merge?into=999999`);
      assert.equal(wrong.statusCode, 422, 'an unknown number is refused on the contribution page');
      assert.equal((await orgAdmin.post(`${page}/merge`, { into: String(kept!.id), confirmed: '1' }, { csrfFrom: typed.headers.location as string })).statusCode, 303);
      assert.equal(await merged(), kept!.id);
    });
  });
}
