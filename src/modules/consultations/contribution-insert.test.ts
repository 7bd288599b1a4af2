// Contributions typed at the same moment go in together: fewer statements than contributions, and each one whole —
// its revision, its themes, its links, its event, the phase's kept count — and a submission the database refuses
// fails alone, the others of its batch kept.
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser } from '../../../test/support/roles.ts';
import { notificationEvents } from '../notifications/schema.ts';
import { contributionBatcher, type Submission } from './contribution-insert.ts';
import { contributionLinks, contributionRevisions, contributions, contributionThemes, consultations, consultationThemes, phaseContributionCounts, phases } from './schema.ts';

for (const kind of testDatabases()) {
  describe(`contributions made in batches on ${kind}`, () => {
    let t: TestApp;
    let people: number[];
    let to: Submission['to'];
    let theme: number;
    let earlier: number;

    before(async () => {
      t = await testApp(kind);
      const owner = await makeUser(t.app, 'insert-owner@example.org');
      await makeOrganization(t.app, 'insert-ville', owner);
      const f = await consultationFixture(t.app, 'insert-ville', owner);
      const db = t.app.ctx.db;
      const [consultation] = await db.select().from(consultations).where(eq(consultations.slug, f.slug));
      const [phase] = await db.select().from(phases).where(and(eq(phases.consultationId, consultation!.id), eq(phases.position, 1)));
      const [mobility] = await db.select().from(consultationThemes).where(eq(consultationThemes.consultationId, consultation!.id));
      to = { consultation: consultation!, phase: phase! };
      theme = mobility!.id;
      earlier = f.contributionId;
      people = await Promise.all(Array.from({ length: 30 }, (_, i) => makeUser(t.app, `insert-${i}@example.org`)));
    });
    after(() => t.close());

    const submission = (authorId: number, i: number, extra: Partial<Submission> = {}): Submission => ({
      authorId,
      to,
      items: [{ kind: 'idea', title: `Idée ${i}`, body: `Le texte de l’idée ${i}.`, territoryKind: null, territoryCode: null, organizationId: null, themeIds: i % 2 ? [theme] : [], links: i % 3 ? [] : [earlier] }],
      ...extra,
    });
    const visibleCount = async () => Number((await t.app.ctx.db.select({ n: sql<number>`coalesce(sum(${phaseContributionCounts.visible}), 0)` }).from(phaseContributionCounts).where(eq(phaseContributionCounts.phaseId, to.phase.id)))[0]!.n);

    test('thirty people at once: a few statements, each contribution whole, one event each', async () => {
      const db = t.app.ctx.db;
      const countBefore = await visibleCount();
      const statementsBefore = t.app.ctx.database.queryCount();
      const made = await Promise.all(people.map((id, i) => contributionBatcher(db).submit(submission(id, i))));
      const statements = t.app.ctx.database.queryCount() - statementsBefore;
      assert.ok(statements < 30, `${statements} statements for 30 contributions`);
      const ids = made.map(([row]) => row!.id);
      assert.equal(new Set(ids).size, 30);
      made.forEach(([row], i) => assert.deepEqual([row!.title, row!.authorId, row!.phaseId], [`Idée ${i}`, people[i], to.phase.id]));
      const revisions = await db.select().from(contributionRevisions).where(inArray(contributionRevisions.contributionId, ids));
      assert.equal(revisions.length, 30);
      for (const r of revisions) assert.equal(r.title, made.find(([row]) => row!.id === r.contributionId)![0]!.title);
      const themed = await db.select().from(contributionThemes).where(inArray(contributionThemes.contributionId, ids));
      assert.deepEqual(themed.map((x) => x.contributionId).sort(), ids.filter((_, i) => i % 2).sort());
      const linked = await db.select().from(contributionLinks).where(inArray(contributionLinks.fromId, ids));
      assert.deepEqual(linked.map((x) => x.fromId).sort(), ids.filter((_, i) => i % 3 === 0).sort());
      const events = await db.select().from(notificationEvents).where(eq(notificationEvents.type, 'contribution.published'));
      const told = events.filter((e) => ids.includes((e.data as { contributionIds: number[] }).contributionIds[0]!));
      assert.equal(told.length, 30);
      for (const e of told) {
        const data = e.data as { contributionIds: number[]; title: string; linkedIds: number[] };
        const i = ids.indexOf(data.contributionIds[0]!);
        assert.deepEqual([e.actorId, data.title, data.linkedIds], [people[i], `Idée ${i}`, i % 3 ? [] : [earlier]]);
      }
      assert.equal(await visibleCount(), countBefore + 30);
    });

    test('a submission the database refuses fails alone; a draft tells no one', async () => {
      const db = t.app.ctx.db;
      const batcher = contributionBatcher(db);
      const eventsBefore = (await db.select().from(notificationEvents)).length;
      const results = await Promise.allSettled([
        batcher.submit(submission(people[0]!, 100)),
        batcher.submit(submission(987_654, 101)), // no such account
        batcher.submit(submission(people[1]!, 102, { state: 'draft' })),
        batcher.submit(submission(people[2]!, 103)),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const titles = (await db.select({ title: contributions.title, state: contributions.state }).from(contributions).where(inArray(contributions.title, ['Idée 100', 'Idée 101', 'Idée 102', 'Idée 103']))).map((r) => `${r.title} ${r.state}`).sort();
      assert.deepEqual(titles, ['Idée 100 published', 'Idée 102 draft', 'Idée 103 published']);
      assert.equal((await db.select().from(notificationEvents)).length, eventsBefore + 2);
    });
  });
}
