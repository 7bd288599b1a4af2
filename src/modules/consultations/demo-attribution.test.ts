// The demo reads right: each person speaks for the one organization they chose (or themselves) on every contribution
// they typed, and input from a workshop is entered by one of its animators and shown as from the room.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { rows } from '../../platform/db/client.ts';
import { seedDemo } from '../demo.ts';

for (const kind of testDatabases()) {
  describe(`demo attribution on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
    });
    after(() => t.close());

    test('a contribution typed on the site speaks for its author’s chosen organization, one per person', async () => {
      const typed = await rows<{ id: number; author_id: number; organization_id: number | null; chosen: number | null }>(
        t.app.ctx.db,
        sql`select c.id, c.author_id, c.organization_id, (select m.organization_id from memberships m where m.user_id = c.author_id and m.speaks_for and m.status = 'active') as chosen
          from contributions c where c.author_id is not null and not exists (select 1 from event_contributions ec where ec.contribution_id = c.id)`,
      );
      assert.ok(typed.length >= 40);
      const wrong = typed.filter((c) => c.organization_id !== null && c.organization_id !== c.chosen);
      assert.deepEqual(wrong, [], 'spoken for an organization other than the one chosen');
      const perPerson = new Map<number, Set<number | null>>();
      for (const c of typed) perPerson.set(c.author_id, (perPerson.get(c.author_id) ?? new Set()).add(c.organization_id));
      for (const [author, organizations] of perPerson) assert.ok(organizations.size === 1, `person ${author} speaks as ${[...organizations].join(', ')}`);
    });

    test('room input is entered by an animator of its workshop and spoken for by no organization', async () => {
      const room = await rows<{ id: number; organization_id: number | null; animates: boolean }>(
        t.app.ctx.db,
        sql`select c.id, c.organization_id, (exists (select 1 from memberships m where m.user_id = c.author_id and m.organization_id = e.animator_id and m.status = 'active')
            or exists (select 1 from users u where u.id = c.author_id and u.platform_role = 'admin')) as animates
          from contributions c join event_contributions ec on ec.contribution_id = c.id join events e on e.id = ec.event_id`,
      );
      assert.ok(room.length >= 8);
      assert.deepEqual(room.filter((c) => c.organization_id !== null || !c.animates), []);
    });

    test('the Île-de-France workshop’s input reads from the workshop, said by Léa Moreau, entered by Cap Digital’s animator', async () => {
      const [row] = await rows<{ id: number }>(t.app.ctx.db, sql`select id from contributions where title = 'Un guichet unique pour expérimenter'`);
      const page = await t.app.inject({ url: `/contributions/${row!.id}` });
      assert.match(page.body, /Depuis l(&#39;|')atelier <a href="\/events\/\d+">Atelier Île-de-France : partageons nos besoins \(01\/10\/2020\)<\/a> · dit par Léa Moreau \(qui a accepté d(&#39;|')être nommé·e\) · saisi par Hélène Martin/);
      assert.doesNotMatch(page.body, /Karim Benali|— Cap Digital/);
      const [marie] = await rows<{ id: number }>(t.app.ctx.db, sql`select c.id from contributions c join users u on u.id = c.author_id where u.email = 'marie.dupont@lyon.example' and not exists (select 1 from event_contributions ec where ec.contribution_id = c.id) limit 1`);
      assert.match((await t.app.inject({ url: `/contributions/${marie!.id}` })).body, /<span class="attribution">Marie Dupont — Métropole de Lyon<\/span>/);
    });
  });
}
