// The fan-out at scale and what it refuses: a contribution in a phase followed by 10,000 people costs its request
// what it costs with nobody following, and the job tells each of them once, in batches; nobody hears of their own
// action, of a restricted project they are outside of, or of content hidden since.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { Actor } from '../../platform/policy.ts';
import { contributions, phases } from '../consultations/schema.ts';
import { memberships } from '../organizations/schema.ts';
import { projectInvitations, projects } from '../projects/schema.ts';
import { makeOrg, makeProject } from '../projects/testing.ts';
import { fanOut } from './fanout.ts';
import { recordEvent } from './record.ts';
import { follows, notificationEvents, notifications } from './schema.ts';
import { listNotifications } from './service.ts';

const followers = 10_000;

function actorOf(id: number, memberships: { organizationId: number }[] = []) {
  return new Actor({ id, email: `${id}@example.org`, displayName: `p${id}`, locale: 'fr', platformRole: 'member', emailVerified: true }, memberships.map((m) => ({ ...m, role: 'member', organizationType: 'startup', verified: true })));
}

for (const kind of testDatabases()) {
  describe(`the fan-out on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let phaseId: number;
    let token: string;
    before(async () => {
      t = await testApp(kind);
      const owner = await makeUser(t.app, 'fo-owner@example.org');
      await makeOrganization(t.app, 'fo-ville', owner);
      f = await consultationFixture(t.app, 'fo-ville', owner, 'fo-consultation');
      phaseId = (await t.app.ctx.db.select({ id: phases.id }).from(phases).where(eq(phases.position, 1)))[0]!.id;
      await makeUser(t.app, 'fo-author@example.org');
      const author = await signIn(t.app, 'fo-author@example.org', '10.21.0.1');
      token = /<code>(pvs_[^<]+)<\/code>/.exec((await author.post('/account/tokens', { name: 'fan-out' })).body)![1]!;
    });
    after(() => t.close());

    const contribute = (title: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/consultations/${f.slug}/phases/1/contributions`, headers: { authorization: `Bearer ${token}` }, payload: { title, body: 'Un texte assez long pour être une contribution.', kind: 'need' } });

    test(`${followers} followers: the request costs the same statements as with none; the job tells each once, in batches`, async () => {
      const db = t.app.ctx.database;
      // The first write of a token records when it was used: not what this counts.
      assert.equal((await contribute('Une première, pour le jeton')).statusCode, 201);
      await t.deliverMail();
      let before = db.queryCount();
      let started = performance.now();
      assert.equal((await contribute('Sans personne pour suivre')).statusCode, 201);
      const alone = { statements: db.queryCount() - before, ms: performance.now() - started };
      await t.deliverMail();

      await t.app.ctx.db.execute(sql`insert into users (email, display_name, email_verified_at) select 'fo-' || g || '@example.org', 'Suiveur ' || g, now() from generate_series(1, ${followers}::int) g`);
      await t.app.ctx.db.execute(sql`insert into follows (user_id, target) select id, ${`phase:${phaseId}`} from users where email like 'fo-%@example.org' and display_name like 'Suiveur %'`);
      before = db.queryCount();
      started = performance.now();
      const created = await contribute('Suivie par dix mille personnes');
      const crowd = { statements: db.queryCount() - before, ms: performance.now() - started };
      assert.equal(created.statusCode, 201);
      assert.equal(crowd.statements, alone.statements, 'one event row, whatever the number of followers');
      assert.ok(crowd.ms < alone.ms + 250, `the request took ${crowd.ms.toFixed(0)} ms with the followers, ${alone.ms.toFixed(0)} ms without`);

      const contributionId = created.json().id as number;
      const [event] = await t.app.ctx.db.select().from(notificationEvents).where(sql`${notificationEvents.data} -> 'contributionIds' @> ${JSON.stringify([contributionId])}::jsonb`);
      assert.ok(event && event.fannedOutAt === null, 'nothing fanned out inside the request');
      const report = await fanOut(t.app.ctx, { batchSize: 1000 });
      assert.ok(report.batches >= followers / 1000, `${report.batches} batches`);
      const [count] = await t.app.ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number), people: sql<number>`count(distinct user_id)`.mapWith(Number) }).from(notifications).where(eq(notifications.eventId, event.id));
      assert.deepEqual(count, { n: followers, people: followers });
      // Run again (a second worker, a retry): nobody is told twice.
      await t.app.ctx.db.update(notificationEvents).set({ fannedOutAt: null, cursor: 0 }).where(eq(notificationEvents.id, event.id));
      await fanOut(t.app.ctx, { batchSize: 700 });
      const [again] = await t.app.ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(eq(notifications.eventId, event.id));
      assert.equal(again!.n, followers);
      // The followers' default for what they follow is the weekly digest: no mail now.
      assert.equal((await t.deliverMail()).length, 0);
      await t.app.ctx.db.delete(follows).where(eq(follows.target, `phase:${phaseId}`));
    });

    test('two workers fanning out at once tell everyone once', async () => {
      const people = await Promise.all(Array.from({ length: 30 }, (_, i) => makeUser(t.app, `fo-pair-${i}@example.org`)));
      await t.app.ctx.db.insert(follows).values(people.map((userId) => ({ userId, target: `phase:${phaseId}` })));
      assert.equal((await contribute('Deux ouvriers pour une contribution')).statusCode, 201);
      await Promise.all([fanOut(t.app.ctx, { batchSize: 7 }), fanOut(t.app.ctx, { batchSize: 7 })]);
      const rows = await t.app.ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(sql`${notifications.userId} in (${sql.join(people.map((p) => sql`${p}`), sql`, `)})`);
      assert.equal(rows[0]!.n, 30);
      await t.app.ctx.db.delete(follows).where(eq(follows.target, `phase:${phaseId}`));
    });

    test('a restricted project is told to its owner and invited organizations only, at the fan-out and at delivery', async () => {
      const db = t.app.ctx.db;
      const [insider, outsider, invitee] = await Promise.all(['fo-insider', 'fo-outsider', 'fo-invitee'].map((n) => makeUser(t.app, `${n}@example.org`)));
      const owner = await makeOrg(db, 'fo-owner-ville', 'collectivite', [insider!], { verifiedAt: new Date(), verifiedBy: 'admin' });
      const guest = await makeOrg(db, 'fo-invitee-co', 'startup', [invitee!]);
      const project = await makeProject(db, owner, { title: 'Projet Restreint', visibility: 'invited', invited: [guest] });
      // Both followed it (the outsider while it was public, say).
      await db.insert(follows).values([insider!, outsider!, invitee!].map((userId) => ({ userId, target: `project:${project}` })));
      await db.transaction((tx) => recordEvent(tx, 'project.deadline', null, { projectId: project, projectTitle: 'Projet Restreint', deadline: new Date().toISOString() }));
      await fanOut(t.app.ctx);
      const told = await db.select({ userId: notifications.userId }).from(notifications).innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId)).where(eq(notificationEvents.type, 'project.deadline'));
      assert.deepEqual(told.map((r) => r.userId).sort(), [insider!, invitee!].sort());
      // The invitation is withdrawn: the invitee's notification is no longer delivered, and is withdrawn as it is read.
      await db.delete(projectInvitations).where(eq(projectInvitations.projectId, project));
      assert.equal((await listNotifications(db, actorOf(invitee!, [{ organizationId: guest }]))).items.length, 0);
      assert.equal((await db.select().from(notifications).where(eq(notifications.userId, invitee!))).length, 0);
      assert.equal((await listNotifications(db, actorOf(insider!, [{ organizationId: owner }]))).items.length, 1);
      // A draft is its owner's: an event about it reaches nobody else.
      await db.update(projects).set({ state: 'draft', visibility: 'public' }).where(eq(projects.id, project));
      await db.transaction((tx) => recordEvent(tx, 'project.deadline', null, { projectId: project, projectTitle: 'Projet Restreint', deadline: new Date(Date.now() + 1000).toISOString() }));
      await fanOut(t.app.ctx);
      assert.equal((await db.select().from(notifications).where(eq(notifications.userId, outsider!))).length, 0);
      await db.delete(memberships).where(and(eq(memberships.userId, insider!), eq(memberships.organizationId, owner)));
    });

    test('hidden content: no notification made about it, none delivered once it is hidden', async () => {
      const db = t.app.ctx.db;
      const watcher = await makeUser(t.app, 'fo-watcher@example.org');
      await db.insert(follows).values({ userId: watcher, target: `phase:${phaseId}` });
      // Hidden after the notification was made: not delivered.
      const shown = await contribute('Bientôt masquée par la modération');
      await fanOut(t.app.ctx);
      assert.equal((await listNotifications(db, actorOf(watcher))).items.length, 1);
      await db.update(contributions).set({ state: 'hidden' as never }).where(eq(contributions.id, shown.json().id));
      assert.equal((await listNotifications(db, actorOf(watcher))).items.length, 0);
      // Hidden before the fan-out: nobody is told.
      const early = await contribute('Masquée avant la diffusion');
      await db.update(contributions).set({ state: 'hidden' as never }).where(eq(contributions.id, early.json().id));
      await fanOut(t.app.ctx);
      assert.equal((await db.select().from(notifications).where(eq(notifications.userId, watcher))).length, 0);
    });
  });
}
