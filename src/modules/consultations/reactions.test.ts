// Arguments (short, supported once per person, while the phase is open) and comments (three levels, open until
// the organizers say, edited for 15 minutes, deleted in place).
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, afterEach, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { advanceClock, hours, minutes, resetClock, setClock } from '../../platform/clock.ts';
import { argumentSupports, comments, contributionArguments, phases } from './schema.ts';

for (const kind of testDatabases()) {
  describe(`arguments and comments on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let alice: Browser;
    let bob: Browser;
    let moderator: Browser;
    let visitor: Browser;
    let page: string;

    before(async () => {
      t = await testApp(kind);
      const authorId = await makeUser(t.app, 'r-alice@example.org');
      await makeUser(t.app, 'r-bob@example.org');
      await makeUser(t.app, 'r-moderator@example.org', 'moderator');
      await makeOrganization(t.app, 'r-ville', authorId);
      f = await consultationFixture(t.app, 'r-ville', authorId);
      alice = await signIn(t.app, 'r-alice@example.org', '10.4.0.1');
      bob = await signIn(t.app, 'r-bob@example.org', '10.4.0.2');
      moderator = await signIn(t.app, 'r-moderator@example.org', '10.4.0.3');
      visitor = new Browser(t.app, '10.4.0.4');
      page = `/contributions/${f.contributionId}`;
    });
    afterEach(() => resetClock());
    after(() => t.close());

    const argumentCount = async () => (await t.app.ctx.db.select().from(contributionArguments).where(eq(contributionArguments.contributionId, f.contributionId))).length;

    test('an argument is short, supported once per person, and shown with its supports', async () => {
      const before = await argumentCount();
      const long = await bob.post(`${page}/arguments`, { side: 'against', text: 'x'.repeat(501) }, { csrfFrom: page });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /id="error-text"/);
      assert.ok(long.body.includes('x'.repeat(501)), 'what was typed is kept');
      assert.equal((await bob.post(`${page}/arguments`, { side: 'sideways', text: 'Un argument' }, { csrfFrom: page })).statusCode, 422);
      assert.equal(await argumentCount(), before);
      assert.equal((await bob.post(`${page}/arguments`, { side: 'against', text: 'Trop cher pour une petite commune.' }, { csrfFrom: page })).statusCode, 303);
      assert.equal(await argumentCount(), before + 1);
      for (let i = 0; i < 3; i++) assert.equal((await bob.post(`/arguments/${f.argumentId}/support`, {}, { csrfFrom: page })).statusCode, 303);
      const supports = await t.app.ctx.db.select().from(argumentSupports).where(eq(argumentSupports.argumentId, f.argumentId));
      assert.equal(supports.length, 1);
      const shown = await bob.get(page);
      assert.match(shown.body, /Trop cher pour une petite commune/);
      assert.match(shown.body, /1 soutien/);
      assert.match(shown.body, /Retirer mon soutien/);
      await bob.post(`/arguments/${f.argumentId}/support`, { remove: '1' }, { csrfFrom: page });
      assert.equal((await t.app.ctx.db.select().from(argumentSupports).where(eq(argumentSupports.argumentId, f.argumentId))).length, 0);
    });

    test('comments thread three levels deep, no deeper', async () => {
      let parent: string | undefined;
      for (let level = 1; level <= 3; level++) {
        const response = await bob.post(`${page}/comments`, { body: `Niveau ${level}`, ...(parent ? { parent } : {}) }, { csrfFrom: page });
        assert.equal(response.statusCode, 303);
        const [last] = (await t.app.ctx.db.select().from(comments).where(eq(comments.contributionId, f.contributionId))).sort((a, b) => b.id - a.id);
        assert.equal(last!.depth, level);
        parent = String(last!.id);
      }
      const tooDeep = await bob.post(`${page}/comments`, { body: 'Niveau 4', parent: parent! }, { csrfFrom: page });
      assert.equal(tooDeep.statusCode, 422);
      assert.match(tooDeep.body, /trois niveaux/);
      assert.equal((await bob.post(`${page}/comments`, { body: '' }, { csrfFrom: page })).statusCode, 422);
    });

    test('with htmx, posting a comment answers with the thread alone, the new comment in it, or the error beside the field', async () => {
      const csrf = await bob.csrf(page);
      const htmx = (body: string) =>
        bob.request({ method: 'POST', url: `${page}/comments`, payload: new URLSearchParams({ _csrf: csrf, body }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' } });
      const posted = await htmx('Un commentaire envoyé sans recharger la page.');
      assert.equal(posted.statusCode, 200);
      assert.ok(posted.body.startsWith('<section id="comments"'), 'only the thread, for htmx to swap');
      assert.match(posted.body, /Un commentaire envoyé sans recharger la page\./);
      assert.match(posted.body, /role="status"/);
      const refused = await htmx('x');
      assert.equal(refused.statusCode, 200, 'htmx swaps 2xx answers only');
      assert.match(refused.body, /class="field-error"/);
      assert.ok(refused.body.includes('>x</textarea>'), 'what was typed is kept');
    });

    test('the author edits a comment for 15 minutes; deleting leaves "commentaire supprimé"', async () => {
      const created = await alice.post(`${page}/comments`, { body: 'Premier jet' }, { csrfFrom: page });
      assert.equal(created.statusCode, 303);
      const [mine] = (await t.app.ctx.db.select().from(comments).where(eq(comments.body, 'Premier jet')));
      assert.equal((await bob.get(`/comments/${mine!.id}/edit`)).statusCode, 403);
      assert.equal((await alice.post(`/comments/${mine!.id}/edit`, { body: 'Version corrigée' })).statusCode, 303);
      advanceClock(minutes(16));
      const late = await alice.post(`/comments/${mine!.id}/edit`, { body: 'Trop tard' }, { csrfFrom: page });
      assert.equal(late.statusCode, 409);
      assert.equal((await t.app.ctx.db.select().from(comments).where(eq(comments.id, mine!.id)))[0]!.body, 'Version corrigée');
      assert.equal((await bob.post(`/comments/${mine!.id}/delete`, {}, { csrfFrom: page })).statusCode, 403);
      assert.equal((await moderator.post(`/comments/${mine!.id}/delete`, { confirmed: '1', reason: 'Hors sujet' }, { csrfFrom: page })).statusCode, 303);
      const shown = await visitor.get(`${page}?after=delete`);
      assert.match(shown.body, /Commentaire supprimé/);
      assert.doesNotMatch(shown.body, /Version corrigée/);
    });

    test('after the phase: no more arguments or supports; comments until the date the organizers set', async () => {
      // Within a day, so the sessions of the test stay valid.
      const [phase] = await t.app.ctx.db.select().from(phases).where(eq(phases.position, 1));
      const endsAt = new Date(Date.now() + hours(1));
      await t.app.ctx.db.update(phases).set({ endsAt, commentsOpenUntil: new Date(endsAt.getTime() + hours(4)) }).where(eq(phases.id, phase!.id));
      const before = await argumentCount();
      setClock(new Date(endsAt.getTime() + hours(1)));
      const argument = await bob.post(`${page}/arguments`, { side: 'for', text: 'Encore un argument' }, { csrfFrom: page });
      assert.equal(argument.statusCode, 409);
      assert.match(argument.body, /pas ouverte/);
      assert.equal(await argumentCount(), before);
      await bob.post(`/arguments/${f.argumentId}/support`, {}, { csrfFrom: page });
      assert.equal((await t.app.ctx.db.select().from(argumentSupports).where(eq(argumentSupports.argumentId, f.argumentId))).length, 0);
      assert.equal((await bob.post(`${page}/comments`, { body: 'Toujours ouvert aux commentaires' }, { csrfFrom: page })).statusCode, 303);
      setClock(new Date(endsAt.getTime() + hours(5)));
      assert.equal((await bob.post(`${page}/comments`, { body: 'Fermé maintenant' }, { csrfFrom: page })).statusCode, 409);
      assert.equal((await t.app.ctx.db.select().from(comments).where(eq(comments.body, 'Fermé maintenant'))).length, 0);
      await t.app.ctx.db.update(phases).set({ endsAt: phase!.endsAt, commentsOpenUntil: null }).where(eq(phases.id, phase!.id));
    });

    test('hostile arguments and comments come out inert', async () => {
      for (const payload of xssPayloads().slice(0, 20)) {
        await bob.post(`${page}/arguments`, { side: 'for', text: payload.slice(0, 500) }, { csrfFrom: page });
        const comment = await bob.post(`${page}/comments`, { body: payload }, { csrfFrom: page });
        if (comment.statusCode !== 303) assert.deepEqual(activeContent(comment.body), [], payload);
      }
      assert.deepEqual(activeContent((await visitor.get(`${page}?x=hostile`)).body), []);
      assert.deepEqual(activeContent((await bob.get(page)).body), []);
    });
  });
}
