// Issue 12, item 5: room input — a workshop's CSV import or a contribution typed after it — comes in through the
// consultations module's one way in (insertContributions), so it is a contribution like any other: its revision, and
// one event that tells the phase's followers of the whole batch, from the workshop, but not the animator who entered it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, type ConsultationFixture } from '../../../test/support/roles.ts';
import { contributionRevisions, contributions, phases } from '../consultations/schema.ts';
import { addRoomContribution, guessMapping, importRows, parseCsvText } from '../events/offline.ts';
import { events } from '../events/schema.ts';
import { findEvent } from '../events/service.ts';
import { followByTakingPart } from './follows.ts';
import { notificationEvents } from './schema.ts';
import { actorOf, notificationsOf } from './testing.ts';
import { listNotifications } from './service.ts';

for (const kind of testDatabases()) {
  describe(`a workshop's room input notifies the phase's followers, on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let ids: Record<'animator' | 'follower', number>;
    let eventId: number;
    before(async () => {
      t = await testApp(kind);
      ids = { animator: await makeUser(t.app, 'ws-animator@example.org'), follower: await makeUser(t.app, 'ws-follower@example.org') };
      const organization = await makeOrganization(t.app, 'ws-ville', ids.animator);
      f = await consultationFixture(t.app, 'ws-ville', ids.animator, 'ws-consultation');
      const [phase] = await t.app.ctx.db.select().from(phases).where(eq(phases.position, 1));
      const [event] = await t.app.ctx.db
        .insert(events)
        .values({ slug: 'ws-atelier', kind: 'in_person', title: 'Atelier du quartier', startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 3_600_000), consultationId: phase!.consultationId, phaseId: phase!.id, animatorId: organization })
        .returning();
      eventId = event!.id;
      for (const userId of [ids.animator, ids.follower]) await followByTakingPart(t.app.ctx.db, userId, `phase:${phase!.id}`);
    });
    after(() => t.close());

    test('a CSV import: one event for the batch, each contribution with its revision; the follower is told, the animator is not', async () => {
      const db = t.app.ctx.db;
      const parsed = parseCsvText('titre;texte\nDes bancs;Des bancs à l’ombre des platanes\nUne fontaine;Une fontaine sur la place\nDes toilettes;Des toilettes publiques ouvertes la nuit\n');
      const animator = await actorOf(db, ids.animator);
      const result = await importRows(db, animator, await findEvent(db, eventId), parsed, guessMapping(parsed.header));
      assert.deepEqual(result, { imported: 3, errors: [] });
      const created = await db.select({ id: contributions.id }).from(contributions).where(inArray(contributions.title, ['Des bancs', 'Une fontaine', 'Des toilettes']));
      assert.equal(created.length, 3);
      assert.equal((await db.select().from(contributionRevisions).where(inArray(contributionRevisions.contributionId, created.map((c) => c.id)))).length, 3, 'each has its first revision');
      const recorded = await db.select().from(notificationEvents).where(eq(notificationEvents.type, 'contribution.published'));
      const fromWorkshop = recorded.filter((e) => (e.data as { workshop?: { id: number } }).workshop?.id === eventId);
      assert.equal(fromWorkshop.length, 1, 'one event for the whole import');
      assert.equal((fromWorkshop[0]!.data as { count: number }).count, 3);
      await t.deliverMail();
      assert.deepEqual((await notificationsOf(db, ids.follower)).map((n) => n.kind), ['new_contribution']);
      assert.deepEqual(await notificationsOf(db, ids.animator), [], 'the animator entered it: not news to them');
      const [item] = (await listNotifications(db, await actorOf(db, ids.follower))).items;
      assert.equal(item!.href, `/consultations/${f.slug}/phases/1`, 'several contributions: the link is the phase');
    });

    test('one contribution typed from the room is told as well, with a link to it', async () => {
      const db = t.app.ctx.db;
      const id = await addRoomContribution(db, await actorOf(db, ids.animator), await findEvent(db, eventId), { title: 'Un abri vélo', body: 'Un abri vélo couvert près de la gare.', participant: 'Jeanne' });
      await t.deliverMail();
      assert.equal((await notificationsOf(db, ids.follower)).length, 2);
      const [latest] = (await listNotifications(db, await actorOf(db, ids.follower))).items;
      assert.equal(latest!.href, `/contributions/${id}`);
      assert.equal(latest!.data.workshop && (latest!.data.workshop as { title: string }).title, 'Atelier du quartier');
      assert.deepEqual(await notificationsOf(db, ids.animator), []);
    });
  });
}
