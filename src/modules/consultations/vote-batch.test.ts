// Votes arriving together share a round trip: fewer statements than votes, counts exact, and each vote refused for
// its own reason (a closed phase, a merged or missing contribution, a ballot the database refuses) without failing
// the others of its batch.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser } from '../../../test/support/roles.ts';
import { Actor } from '../../platform/policy.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { PhaseClosed, vote, voteTally } from './contributions.ts';
import { users } from '../accounts/schema.ts';
import { contributions, contributionTallies, phases } from './schema.ts';
import { voteBatcher } from './vote-batch.ts';

for (const kind of testDatabases()) {
  describe(`votes cast in batches on ${kind}`, () => {
    let t: TestApp;
    let open: number;
    let closed: number;
    let merged: number;
    let people: number[];
    const actor = (id: number) => new Actor({ id, email: `${id}@example.org`, displayName: 'x', locale: 'fr', platformRole: 'member', emailVerified: true });

    before(async () => {
      t = await testApp(kind);
      const owner = await makeUser(t.app, 'batch-owner@example.org');
      await makeOrganization(t.app, 'batch-ville', owner);
      const f = await consultationFixture(t.app, 'batch-ville', owner);
      open = f.contributionId;
      const db = t.app.ctx.db;
      const [source] = await db.select().from(contributions).where(eq(contributions.id, open));
      const [past] = await db.select().from(phases).where(eq(phases.position, 2));
      const [inPast] = await db.insert(contributions).values({ consultationId: source!.consultationId, phaseId: past!.id, kind: 'idea', title: 'Une idée passée', body: 'Dans une phase fermée.', authorId: owner }).returning();
      closed = inPast!.id;
      const [absorbed] = await db.insert(contributions).values({ consultationId: source!.consultationId, phaseId: source!.phaseId, kind: 'need', title: 'Un doublon', body: 'Fusionné dans le premier.', authorId: owner, mergedIntoId: open }).returning();
      merged = absorbed!.id;
      people = await Promise.all(Array.from({ length: 40 }, (_, i) => makeUser(t.app, `batch-${i}@example.org`)));
    });
    after(() => t.close());

    test('forty votes at once: a few statements, not forty; the counts kept match the votes', async () => {
      const db = t.app.ctx.db;
      const before = t.app.ctx.database.queryCount();
      const tallies = await Promise.all(people.map((id, i) => vote(db, actor(id), open, { value: i % 2 === 0 ? 'agree' : 'disagree' })));
      const statements = t.app.ctx.database.queryCount() - before;
      assert.ok(statements < 10, `${statements} statements for 40 votes`);
      const exact = await voteTally(db, open);
      assert.deepEqual(exact, { agree: 20, mixed: 0, disagree: 20 });
      const [stored] = await db.select({ agree: contributionTallies.agree, mixed: contributionTallies.mixed, disagree: contributionTallies.disagree }).from(contributionTallies).where(eq(contributionTallies.contributionId, open));
      assert.deepEqual(stored, exact);
      // Each answer is the counts just after that vote: the last of them all has everything.
      assert.ok(tallies.some((tally) => tally.agree + tally.disagree === 40));
      // One person twice in one batch: the second choice stands, counted once.
      await Promise.all([vote(db, actor(people[0]!), open, { value: 'mixed' }), vote(db, actor(people[0]!), open, { value: 'none' })]);
      assert.deepEqual(await voteTally(db, open), { agree: 19, mixed: 0, disagree: 20 });
    });

    test('in one batch, each vote refused for its own reason; the others are cast', async () => {
      const db = t.app.ctx.db;
      const [a, b, c, d] = people;
      const results = await Promise.allSettled([
        vote(db, actor(a!), closed, { value: 'agree' }),
        vote(db, actor(b!), merged, { value: 'agree' }),
        vote(db, actor(c!), 999_999, { value: 'agree' }),
        vote(db, actor(d!), open, { value: 'mixed' }),
      ]);
      assert.ok(results[0].status === 'rejected' && results[0].reason instanceof PhaseClosed);
      assert.ok(results[1].status === 'rejected' && results[1].reason instanceof Conflict && results[1].reason.code === 'contribution_merged');
      assert.ok(results[2].status === 'rejected' && results[2].reason instanceof NotFound);
      assert.equal(results[3].status, 'fulfilled');
      assert.equal((await voteTally(db, open)).mixed, 1);
      assert.deepEqual(await voteTally(db, closed), { agree: 0, mixed: 0, disagree: 0 });
    });

    test('a ballot the database refuses fails alone: the batch is cast again vote by vote', async () => {
      const db = t.app.ctx.db;
      const batcher = voteBatcher(db);
      const at = new Date();
      // The first goes alone; the three others arrive while it is in the database and go together.
      const results = await Promise.allSettled([
        batcher.submit({ contributionId: open, userId: people[7]!, choice: 'agree', at }),
        batcher.submit({ contributionId: open, userId: 987_654, choice: 'agree', at }), // no such account
        batcher.submit({ contributionId: open, userId: people[5]!, choice: 'agree', at }),
        batcher.submit({ contributionId: open, userId: people[6]!, choice: 'agree', at }),
      ]);
      assert.equal(results[0].status, 'fulfilled');
      assert.equal(results[1].status, 'rejected');
      assert.deepEqual(results.slice(2).map((r) => r.status === 'fulfilled' && r.value.outcome), ['ok', 'ok']);
    });

    test('the tally follows votes that change without a ballot: an account deleted takes its vote out of the counts', async () => {
      const db = t.app.ctx.db;
      const stored = async () => (await db.select({ agree: contributionTallies.agree, mixed: contributionTallies.mixed, disagree: contributionTallies.disagree }).from(contributionTallies).where(eq(contributionTallies.contributionId, open)))[0];
      const leaving = await makeUser(t.app, 'batch-leaving@example.org');
      await vote(db, actor(leaving), open, { value: 'disagree' });
      const before = await stored();
      assert.deepEqual(before, await voteTally(db, open));
      await db.delete(users).where(eq(users.id, leaving));
      assert.deepEqual(await stored(), { ...before!, disagree: before!.disagree - 1 });
      assert.deepEqual(await stored(), await voteTally(db, open));
    });
  });
}
