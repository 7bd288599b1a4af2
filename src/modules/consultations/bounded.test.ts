// The queries behind a consultation's pages read what the page shows, not the whole table: each one's plan, with
// sequential scans turned off, starts every read of contributions from an index condition (test/support/explain.ts).
// On the 2-million-contribution bench database these are the statements that took seconds before (issue 10).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase, testDatabases, type TestDatabase } from '../../../test/support/databases.ts';
import { nodesOf, plansOf, unboundedScans, type Explained } from '../../../test/support/explain.ts';
import { rows } from '../../platform/db/client.ts';
import { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { countCap, draftsIn, listContributions, orders, readListQuery } from './listing.ts';
import { searchCap } from '../search/providers.ts';
import { contributionSearch } from './search.ts';
import { consultations, consultationThemes, contributions, contributionThemes, phases } from './schema.ts';
import { findConsultation, listConsultations, phaseCounts, type Consultation } from './service.ts';
import { similarContributions } from './similar.ts';

const subjects = ['fontaines', 'ombrières', 'pistes cyclables', 'jardins partagés', 'arbres'];
const places = ['à Lyon', 'à Marseille', 'près des gares', 'dans les quartiers denses'];
const largeSize = 20_000;
const smallSize = 60;

for (const kind of testDatabases()) {
  describe(`bounded consultation queries on ${kind}`, () => {
    let fresh: TestDatabase;
    let consultation: Consultation;
    let author: Actor;

    before(async () => {
      fresh = await freshDatabase(kind);
      const db = fresh.database.db;
      const [user] = await db.insert(users).values({ email: 'auteur@example.org', displayName: 'Autrice', passwordHash: 'x' }).returning();
      author = new Actor({ id: user!.id, email: user!.email, displayName: user!.displayName, locale: 'fr', platformRole: 'member', emailVerifiedAt: null } as never);
      const [org] = await db.insert(organizations).values({ slug: 'ville', name: 'Ville', type: 'collectivite' }).returning();
      const [c] = await db.insert(consultations).values({ slug: 'grande', title: 'Grande consultation', description: 'Des idées pour la ville.' }).returning();
      const [theme] = await db.insert(consultationThemes).values({ consultationId: c!.id, slug: 'eau', label: 'Eau' }).returning();
      const now = Date.now();
      const phase = (position: number) => ({ consultationId: c!.id, position, title: `Phase ${position}`, question: 'Quelles idées ?', startsAt: new Date(now - 86_400_000), endsAt: new Date(now + 86_400_000), kinds: ['idea' as const] });
      const [large, small] = await db.insert(phases).values([phase(1), phase(2)]).returning();
      // Enough rows that the planner weighs the plans it would weigh on a large table (a few dozen rows fit one page,
      // where any plan is as good as another). One in a thousand is a draft, every other one has the theme, every third
      // speaks for no organization; subjects and places turn round.
      const title = sql`(${sql.param(subjects)}::text[])[1 + g % ${subjects.length}::int] || ' ' || (${sql.param(places)}::text[])[1 + g % ${places.length}::int]`;
      const generate = (phaseId: number, count: number) => sql`
        insert into ${contributions} (consultation_id, phase_id, kind, title, body, author_id, organization_id, territory_kind, territory_code, state)
        select ${c!.id}::int, ${phaseId}::int, 'idea', 'Des ' || ${title} || ' (' || g || ')', 'Des ' || ${title} || ' : une proposition ' || g || '.', ${user!.id}::int,
          case when g % 3 = 0 then null else ${org!.id}::int end, 'commune', '69123', case when g % 1000 = 999 then 'draft' else 'published' end
        from generate_series(1, ${count}::int) g`;
      await db.execute(generate(large!.id, largeSize));
      await db.execute(generate(small!.id, smallSize));
      await db.execute(sql`insert into ${contributionThemes} (contribution_id, theme_id) select id, ${theme!.id} from ${contributions} where id % 2 = 0`);
      // Vacuumed, as autovacuum would have: an index-only scan needs the visibility map.
      await db.execute(sql`vacuum analyze`);
      consultation = await findConsultation(db, 'grande');
    });
    after(() => fresh.drop());

    const noUnboundedScan = (explained: Explained[]) => assert.deepEqual(unboundedScans(explained, 'contributions'), []);

    test('the consultation list and the phases read kept counts, never the contributions', async () => {
      const db = fresh.database.db;
      const listed = await plansOf(fresh.database, (db) => listConsultations(db));
      const counted = await plansOf(fresh.database, (db) => phaseCounts(db, consultation.id));
      for (const { sql: statement } of [...listed, ...counted]) assert.doesNotMatch(statement, /from "contributions"|join "contributions"/);
      assert.equal((await listConsultations(db)).find((c) => c.slug === 'grande')?.contributionCount, 19_980 + 60);
      assert.deepEqual([...(await phaseCounts(db, consultation.id)).entries()].sort(), [[consultation.phases[0]!.id, 19_980], [consultation.phases[1]!.id, 60]]);
    });

    test('every order of a phase list, filtered or not, walks an index from the phase', async () => {
      const phase = consultation.phases[0]!;
      const filters = [{}, { theme: 'eau' }, { territory: 'commune:69123' }, { actor: 'collectivite' }, { kind: 'idea' }, { status: 'retained' }];
      for (const order of orders) {
        for (const filter of filters) {
          for (const page of ['1', '3']) {
            const q = readListQuery({ order, page, seed: '500000', ...filter }, consultation, new Date());
            noUnboundedScan(await plansOf(fresh.database, (db) => listContributions(db, phase, q)));
          }
        }
      }
    });

    test('a deep page walks its offset in the index alone, and shows what a plain offset would', async () => {
      const phase = consultation.phases[0]!;
      for (const order of orders) {
        const q = readListQuery({ order, page: '400', seed: '500000' }, consultation, new Date());
        const explained = await plansOf(fresh.database, (db) => listContributions(db, phase, q));
        const walked = explained.flatMap(({ plan }) => nodesOf(plan)).filter((n) => /^contribution(s_phase|_tallies_supported)_/.test(n['Index Name'] ?? ''));
        assert.ok(walked.length > 0 && walked.every((n) => n['Node Type'] === 'Index Only Scan'), `${order}: ${walked.map((n) => `${n['Node Type']} ${n['Index Name']}`).join(', ')}`);
        if (order === 'random') continue;
        const { items } = await listContributions(fresh.database.db, phase, q);
        const column = { newest: 'created_at desc, id desc', supported: 't.agree desc, id desc', debated: 'debate_count desc, id desc' }[order];
        const expected = await rows<{ id: number }>(fresh.database.db, sql`select id from contributions join contribution_tallies t on t.contribution_id = id where contributions.phase_id = ${phase.id} and state = 'published' and merged_into_id is null order by ${sql.raw(column)} offset ${399 * 20} limit 20`);
        assert.deepEqual(items.map((i) => i.id), expected.map((r) => r.id), order);
      }
    });

    test('the random order pages through every visible contribution once, from the seed round to it', async () => {
      const phase = consultation.phases[1]!;
      const seen: number[] = [];
      for (let page = 1; page <= 4; page++) {
        const { items } = await listContributions(fresh.database.db, phase, readListQuery({ order: 'random', seed: '424242', page: String(page) }, consultation, new Date()));
        seen.push(...items.map((i) => i.id));
      }
      assert.equal(seen.length, 60);
      assert.equal(new Set(seen).size, 60);
      const again = await listContributions(fresh.database.db, phase, readListQuery({ order: 'random', seed: '424242', page: '2' }, consultation, new Date()));
      assert.deepEqual(again.items.map((i) => i.id), seen.slice(20, 40));
      const other = await listContributions(fresh.database.db, phase, readListQuery({ order: 'random', seed: '7', page: '1' }, consultation, new Date()));
      assert.notDeepEqual(other.items.map((i) => i.id), seen.slice(0, 20));
    });

    test('a filtered list counts up to the cap; an unfiltered one gives the kept count', async () => {
      const [large, small] = consultation.phases;
      const list = (phase: typeof large, query: object) => listContributions(fresh.database.db, phase!, readListQuery(query, consultation, new Date()));
      const plain = await list(large, {});
      assert.deepEqual([plain.total, plain.capped], [19_980, false]);
      const spoken = await list(large, { actor: 'collectivite' });
      assert.deepEqual([spoken.total, spoken.capped], [countCap, true]);
      const few = await list(small, { theme: 'eau' });
      assert.deepEqual([few.total, few.capped], [30, false]);
    });

    test('a filter that matches few rows of a large phase reads those rows, and one that matches none reads no list', async () => {
      const db = fresh.database.db;
      const phase = consultation.phases[0]!;
      await db.execute(sql`update contributions set answer_status = 'retained', answered_at = now() where phase_id = ${phase.id} and id % 700 = 0`);
      await db.execute(sql`analyze contributions`);
      const walksOfThePhase = (explained: Explained[]) =>
        explained.flatMap(({ plan }) => nodesOf(plan)).flatMap((n) => (/^contribution(s_phase_(visible|debated|random)|_tallies_supported)_idx$/.test(n['Index Name'] ?? '') ? [n['Index Name']] : []));
      for (const order of orders) {
        for (const page of ['1', '2']) {
          const q = readListQuery({ order, page, status: 'retained', seed: '500000' }, consultation, new Date());
          assert.deepEqual(walksOfThePhase(await plansOf(fresh.database, (db) => listContributions(db, phase, q))), [], `${order}, page ${page}`);
          const { items, total, capped } = await listContributions(db, phase, q);
          const column = { newest: 'created_at desc, id desc', supported: 't.agree desc, id desc', debated: 'debate_count desc, id desc', random: 'random_key >= 0.5 desc, random_key, id' }[order];
          const expected = await rows<{ id: number }>(db, sql`select id from contributions join contribution_tallies t on t.contribution_id = id where contributions.phase_id = ${phase.id} and state = 'published' and merged_into_id is null and answer_status = 'retained' order by ${sql.raw(column)} offset ${(Number(page) - 1) * 20} limit 20`);
          assert.deepEqual(items.map((i) => i.id), expected.map((r) => r.id), `${order}, page ${page}`);
          assert.deepEqual([total, capped], [28, false]);
        }
      }
      const none = await plansOf(fresh.database, (db) => listContributions(db, phase, readListQuery({ kind: 'need', order: 'supported' }, consultation, new Date())));
      assert.deepEqual(none.filter(({ sql }) => /"contributions"/.test(sql) && !/count\(\*\)/.test(sql)).map(({ sql }) => sql), []);
      assert.deepEqual(unboundedScans(none, 'contributions'), []);
    });

    test('the consultation of a page, prepared once for the database, is read inside a transaction from the transaction', async () => {
      const db = fresh.database.db;
      for (let i = 0; i < 2; i++) assert.deepEqual(await findConsultation(db, 'grande'), consultation);
      await assert.rejects(findConsultation(db, 'nulle-part'), /consultation/);
      const undone = new Error('undone');
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.update(consultations).set({ title: 'Titre de la transaction' }).where(eq(consultations.id, consultation.id));
          assert.equal((await findConsultation(tx, 'grande')).title, 'Titre de la transaction');
          throw undone;
        }),
        undone,
      );
      assert.equal((await findConsultation(db, 'grande')).title, consultation.title);
    });

    test('site-wide search ranks the matches the text index hands over', async () => {
      const explained = await plansOf(fresh.database, (db) => contributionSearch.search(db, Actor.visitor, 'fontaines Lyon', 5, 0));
      noUnboundedScan(explained);
      const common = await contributionSearch.search(fresh.database.db, Actor.visitor, 'fontaine', 5, 0);
      assert.deepEqual([common.total, common.capped, common.hits.length], [searchCap, true, 5]);
      assert.ok(common.hits.every((h) => /fontaines/.test(h.title)));
      const rare = await contributionSearch.search(fresh.database.db, Actor.visitor, 'fontaines Lyon 2000', 5, 0);
      assert.deepEqual([rare.total, rare.capped, rare.hits.map((h) => h.title)], [1, false, ['Des fontaines à Lyon (2000)']]);
      // Words taken whole that match past the cap: the words they start are not walked.
      const startsOfWords = (explained: Explained[]) => explained.filter(({ sql }) => /"contributions"\."search" @@/.test(sql)).map(({ sql }) => sql.includes(":*'"));
      assert.deepEqual(startsOfWords(await plansOf(fresh.database, (db) => contributionSearch.search(db, Actor.visitor, 'jardins partagés', 5, 0))), [false]);
      const whole = await contributionSearch.search(fresh.database.db, Actor.visitor, 'jardins partagés', 5, 0);
      assert.deepEqual([whole.total, whole.capped, whole.hits.length], [searchCap, true, 5]);
      // A word still being typed: taken whole it matches nothing, so what it starts is searched.
      assert.deepEqual(startsOfWords(await plansOf(fresh.database, (db) => contributionSearch.search(db, Actor.visitor, 'jardins parta', 5, 0))), [false, true]);
      const typed = await contributionSearch.search(fresh.database.db, Actor.visitor, 'jardins parta', 5, 0);
      assert.deepEqual([typed.total, typed.capped], [searchCap, true]);
      assert.ok(typed.hits.every((h) => /jardins partagés/.test(h.title)), JSON.stringify(typed.hits));
    });

    test('similar contributions come from the text and trigram indexes, within the consultation', async () => {
      noUnboundedScan(await plansOf(fresh.database, (db) => similarContributions(db, consultation.id, 'Des fontainnes à Lyonn')));
      noUnboundedScan(await plansOf(fresh.database, (db) => similarContributions(db, consultation.id, 'Zorglub quantique')));
      const alike = await similarContributions(fresh.database.db, consultation.id, 'Des fontaines à Lyon');
      assert.ok(alike.length > 0 && alike.every((a) => /fontaines/.test(a.title)), JSON.stringify(alike));
      const typo = await similarContributions(fresh.database.db, consultation.id, 'ombriere a marsseille');
      assert.ok(typo.some((a) => /ombrières à Marseille/.test(a.title)), JSON.stringify(typo));
    });

    test("a signed-in reader's drafts come from the author's index", async () => {
      const phase = consultation.phases[0]!;
      noUnboundedScan(await plansOf(fresh.database, (db) => draftsIn(db, author, 'grande', phase.position)));
      assert.equal((await draftsIn(fresh.database.db, author, 'grande', phase.position)).length, 20);
    });
  });
}
