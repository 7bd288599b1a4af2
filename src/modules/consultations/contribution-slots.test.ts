// A contribution's page is kept once for everyone of a persona; what is the reader's own — their vote, their support
// of an argument, the links to edit or delete what they wrote — is filled in for each of them, and a page showing
// someone's hidden comment to its author is not kept at all.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { rows } from '../../platform/db/client.ts';
import { testApp, type Browser, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';

for (const kind of testDatabases()) {
  describe(`a contribution's page, kept per persona with the reader's own parts on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let page: string;
    let alice: Browser;
    let bruno: Browser;

    before(async () => {
      t = await testApp(kind);
      const owner = await makeUser(t.app, 'slots-owner@example.org');
      await makeOrganization(t.app, 'slots-ville', owner);
      await makeUser(t.app, 'slots-moderator@example.org', 'moderator');
      f = await consultationFixture(t.app, 'slots-ville', owner);
      page = `/contributions/${f.contributionId}`;
      await makeUser(t.app, 'slots-alice@example.org');
      await makeUser(t.app, 'slots-bruno@example.org');
      alice = await signIn(t.app, 'slots-alice@example.org', '10.9.0.1');
      bruno = await signIn(t.app, 'slots-bruno@example.org', '10.9.0.2');
    });
    after(() => t.close());

    const lastComment = async () => (await rows<{ id: number }>(t.app.ctx.db, sql`select max(id)::int as id from comments`))[0]!.id;
    const pressed = (body: string, id: string) => new RegExp(`id="${id}"[^>]*aria-pressed="true"|aria-pressed="true"[^>]*id="${id}"`).test(body);

    test("each reader sees their own vote, support and links; the second reader of a persona costs the slots' lookups only", async () => {
      assert.equal((await alice.post(`${page}/vote`, { value: 'agree' }, { csrfFrom: page })).statusCode, 303);
      assert.equal((await alice.post(`/arguments/${f.argumentId}/support`, {}, { csrfFrom: page })).statusCode, 303);
      assert.equal((await alice.post(`${page}/comments`, { body: 'Le commentaire d’Alice.' }, { csrfFrom: page })).statusCode, 303);
      const aliceComment = await lastComment();

      const hers = await alice.get(page);
      assert.equal(hers.statusCode, 200);
      assert.ok(pressed(hers.body, 'vote-agree'), 'her vote is shown pressed');
      assert.match(hers.body, new RegExp(`action="/arguments/${f.argumentId}/support"[^]*?aria-pressed="true"`), 'her support is shown');
      assert.match(hers.body, new RegExp(`href="/comments/${aliceComment}/edit"`));
      assert.match(hers.body, new RegExp(`href="/comments/${aliceComment}/delete"`));
      assert.doesNotMatch(hers.body, new RegExp(`href="/contributions/${f.contributionId}/edit"`), 'not her contribution');

      const statements: string[] = [];
      t.app.ctx.database.onStatement((text) => statements.push(text));
      const his = await bruno.get(page);
      const read = statements.filter((text) => !/ from "sessions" /.test(text));
      statements.length = 0;
      assert.equal(his.headers['x-page-cache'], 'hit', 'the page kept for their persona');
      assert.ok(read.length <= 4, `${read.length} statements: his bell, his follow button, his vote, his supports (${read.join(' | ')})`);
      assert.ok(!pressed(his.body, 'vote-agree'), "her vote is not his");
      assert.doesNotMatch(his.body, /aria-pressed="true"/);
      assert.doesNotMatch(his.body, new RegExp(`/comments/${aliceComment}/(edit|delete)`), "her comment's links are hers");
      const again = await bruno.get(page);
      assert.deepEqual(statements.filter((text) => !/ from "sessions" /.test(text)), [], 'his slots kept while nothing is written');
      assert.equal(again.statusCode, 200);

      const author = await signIn(t.app, 'slots-owner@example.org', '10.9.0.3');
      const own = await author.get(page);
      assert.match(own.body, new RegExp(`href="/contributions/${f.contributionId}/edit"`), 'the author edits');
      const moderator = await signIn(t.app, 'slots-moderator@example.org', '10.9.0.4');
      assert.match((await moderator.get(page)).body, new RegExp(`href="/comments/${aliceComment}/delete"`), 'a moderator deletes comments');
      const visitor = await t.app.inject({ method: 'GET', url: page });
      assert.match(visitor.body, /id="vote-form"/);
      assert.doesNotMatch(visitor.body, /aria-pressed="true"|\/edit"|\/delete"/);
    });

    test("a hidden comment is shown to its author alone: that page is not kept for the author's persona", async () => {
      const moderator = await signIn(t.app, 'slots-moderator@example.org', '10.9.1.1');
      assert.equal((await alice.post(`${page}/comments`, { body: 'Un texte que la modération masquera.' }, { csrfFrom: page })).statusCode, 303);
      const id = await lastComment();
      assert.equal((await moderator.post('/reports', { kind: 'comment', id: String(id), reason: 'other' }, { csrfFrom: `/reports/new?kind=comment&id=${id}` })).statusCode, 303);
      const item = (await rows<{ item: number }>(t.app.ctx.db, sql`select id::int as item from moderation_items where kind = 'comment' and item_id = ${id}`))[0]!.item;
      assert.equal((await moderator.post(`/moderation/items/${item}/hide`, { reason: 'Hors sujet.' }, { csrfFrom: `/moderation/items/${item}` })).statusCode, 303);
      assert.match((await alice.get(page)).body, /Un texte que la modération masquera/, 'its author still reads it');
      const his = await bruno.get(page);
      assert.doesNotMatch(his.body, /Un texte que la modération masquera/, 'another reader of the same persona does not');
    });
  });
}
