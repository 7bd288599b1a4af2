// Phases open and close by the clock; contributions, edits and their history; votes (one per person, even racing);
// the organizers' forms; bad input and hostile input.
import assert from 'node:assert/strict';
import { and, count as countRows, eq, isNull } from 'drizzle-orm';
import { after, afterEach, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { hours, minutes, resetClock, setClock } from '../../platform/clock.ts';
import { Actor } from '../../platform/policy.ts';
import { findContribution, vote, voteTally } from './contributions.ts';
import { addArgument } from './reactions.ts';
import { comments, contributionArguments, contributionRevisions, contributions, contributionTallies, phases, votes } from './schema.ts';

const valid = { title: 'Des données ouvertes sur les chantiers', body: 'Les **chantiers** gênent les livraisons ; publions leurs dates.', kind: 'need' };

for (const kind of testDatabases()) {
  describe(`consultations on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let author: Browser;
    let other: Browser;
    let visitor: Browser;
    let token: string;
    let orgId: number;
    const windowStart = Date.now() + hours(1);

    before(async () => {
      t = await testApp(kind);
      const authorId = await makeUser(t.app, 'c-author@example.org');
      await makeUser(t.app, 'c-other@example.org');
      orgId = await makeOrganization(t.app, 'c-ville', authorId);
      f = await consultationFixture(t.app, 'c-ville', authorId, 'c-consultation');
      const [first] = await t.app.ctx.db.select().from(phases).where(eq(phases.position, 1));
      // A third phase with a window of one hour, an hour from now, for the clock tests.
      await t.app.ctx.db.insert(phases).values({ consultationId: first!.consultationId, position: 3, title: 'Une heure', question: 'Vite ?', startsAt: new Date(windowStart), endsAt: new Date(windowStart + hours(1)), kinds: ['feature'] });
      author = await signIn(t.app, 'c-author@example.org', '10.7.0.1');
      other = await signIn(t.app, 'c-other@example.org', '10.7.0.2');
      visitor = new Browser(t.app, '10.7.0.3');
      const created = await other.post('/account/tokens', { name: 'script' });
      token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)![1]!;
    });
    afterEach(() => resetClock());
    after(() => t.close());

    const count = async (phaseId?: number) => (await t.app.ctx.db.select().from(contributions).where(phaseId ? eq(contributions.phaseId, phaseId) : undefined)).length;
    const phaseOf = async (position: number) => (await t.app.ctx.db.select().from(phases).where(eq(phases.position, position)))[0]!;

    test('the consultation page shows the timeline with the open phase as the current step and a call to act', async () => {
      const page = await visitor.get(`/consultations/${f.slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<li class="step step-current" aria-current="step">[\s\S]*?Étape en cours :[\s\S]*?Partageons nos besoins/);
      assert.match(page.body, /Quels sont vos besoins/);
      assert.match(page.body, new RegExp(`href="/consultations/${f.slug}/phases/1/contribute"`));
      assert.doesNotMatch(page.body, /phases\/2\/contribute/);
      assert.deepEqual(activeContent(page.body), []);
      const list = await visitor.get('/consultations');
      assert.match(list.body, /Consultation c-consultation/);
    });

    test('a phase accepts contributions only between its dates, by the clock (pages and API)', async () => {
      const phase = await phaseOf(3);
      const path = `/consultations/${f.slug}/phases/3/contribute`;
      const feature = { ...valid, kind: 'feature' };
      setClock(new Date(windowStart - minutes(30)));
      assert.equal((await author.get(path)).statusCode, 409);
      const early = await author.post(path, feature, { csrfFrom: `/consultations/${f.slug}/phases/1/contribute` });
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /pas ouverte/);
      assert.match(early.body, /Des données ouvertes sur les chantiers/, 'what was typed is kept');
      const api = await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${f.slug}/phases/3/contributions`, headers: { authorization: `Bearer ${token}` }, payload: feature });
      assert.equal(api.statusCode, 409);
      assert.equal(api.json().error.code, 'phase_closed');
      assert.equal(await count(phase.id), 0);

      setClock(new Date(windowStart + minutes(30)));
      const open = await author.post(path, feature);
      assert.equal(open.statusCode, 303);
      const viaApi = await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${f.slug}/phases/3/contributions`, headers: { authorization: `Bearer ${token}` }, payload: feature });
      assert.equal(viaApi.statusCode, 201);
      assert.equal(viaApi.json().phaseStatus, 'open');
      assert.equal(await count(phase.id), 2);

      setClock(new Date(windowStart + hours(2)));
      const late = await author.post(path, feature, { csrfFrom: `/consultations/${f.slug}/phases/1/contribute` });
      assert.equal(late.statusCode, 409);
      const id = Number(String(open.headers.location).split('/').pop());
      const vote = await author.post(`/contributions/${id}/vote`, { value: 'agree' }, { csrfFrom: `/contributions/${id}` });
      assert.equal(vote.statusCode, 303);
      const apiVote = await t.app.inject({ method: 'POST', url: `/api/v1/contributions/${id}/vote`, headers: { authorization: `Bearer ${token}` }, payload: { value: 'agree' } });
      assert.equal(apiVote.json().error.code, 'phase_closed');
      const edit = await author.post(`/contributions/${id}/edit`, feature, { csrfFrom: `/contributions/${id}` });
      assert.equal(edit.statusCode, 409);
      assert.equal(await count(phase.id), 2);
      assert.equal((await t.app.ctx.db.select().from(votes).where(eq(votes.contributionId, id))).length, 0);
    });

    test('a contribution speaks for an organization of its author, and every edit is kept in its history', async () => {
      const path = `/consultations/${f.slug}/phases/1/contribute`;
      const form = await author.get(path);
      assert.match(form.body, new RegExp(`<option value="${orgId}"`));
      const refused = await other.post(path, { ...valid, organization: String(orgId) });
      assert.equal(refused.statusCode, 422, 'nobody speaks for an organization they do not belong to');
      const created = await author.post(path, { ...valid, organization: String(orgId), themes: 'mobilite', territory: 'commune:69123' });
      assert.equal(created.statusCode, 303);
      const id = Number(String(created.headers.location).split('/').pop());
      const page = await author.get(`/contributions/${id}`);
      assert.match(page.body, /c-author — Organisation c-ville/);
      assert.match(page.body, /<strong>chantiers<\/strong>/);
      assert.match(page.body, /Mobilité/);
      const edited = await author.post(`/contributions/${id}/edit`, { ...valid, title: 'Des données ouvertes sur tous les chantiers', organization: String(orgId) });
      assert.equal(edited.statusCode, 303);
      const revisions = await t.app.ctx.db.select().from(contributionRevisions).where(eq(contributionRevisions.contributionId, id));
      assert.equal(revisions.length, 2);
      const history = await visitor.get(`/contributions/${id}/history`);
      assert.match(history.body, /Version 1[\s\S]*Version 2|Version 2[\s\S]*Version 1/);
      assert.match(history.body, /sur tous les chantiers/);
      assert.equal((await other.get(`/contributions/${id}/edit`)).statusCode, 403, 'only the author edits');
    });

    test('bad input: messages beside the fields, input kept, nothing written', async () => {
      const path = `/consultations/${f.slug}/phases/1/contribute`;
      const before = await count();
      for (const body of [{}, { ...valid, title: 'a' }, { ...valid, kind: 'feature' }, { ...valid, kind: 'nope' }, { ...valid, themes: 'inconnu' }, { ...valid, territory: 'commune:00000' }, { ...valid, organization: 'abc' }]) {
        const response = await author.post(path, body);
        assert.equal(response.statusCode, 422, JSON.stringify(body));
        assert.match(response.body, /class="error-summary"/);
        assert.match(response.body, /class="field-error"/);
        if ('title' in body) assert.ok(response.body.includes(`value="${body.title}"`), 'the title is kept');
      }
      const api = await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${f.slug}/phases/1/contributions`, headers: { authorization: `Bearer ${token}` }, payload: { title: 'x' } });
      assert.equal(api.statusCode, 422);
      assert.ok(api.json().error.fields.title);
      assert.equal(await count(), before);
    });

    test('votes: changeable and removable; a fragment for htmx, a redirect without JavaScript', async () => {
      const url = `/contributions/${f.contributionId}/vote`;
      const plain = await other.post(url, { value: 'agree' }, { csrfFrom: `/contributions/${f.contributionId}` });
      assert.equal(plain.statusCode, 303);
      assert.equal(plain.headers.location, `/contributions/${f.contributionId}`);
      const csrf = await other.csrf(`/contributions/${f.contributionId}`);
      const fragment = await other.request({ method: 'POST', url, payload: `_csrf=${csrf}&value=mixed`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' } });
      assert.equal(fragment.statusCode, 200);
      assert.match(fragment.body, /^<div id="vote-form"/);
      assert.match(fragment.body, /<p id="vote-summary" data-hx-swap-oob="innerHTML">/);
      assert.doesNotMatch(fragment.body, /<html/);
      assert.match(fragment.body, /0 d'accord · 1 mitigé /);
      assert.match(fragment.body, /value="mixed" aria-pressed="true"/);
      await other.post(url, { value: 'none' }, { csrfFrom: `/contributions/${f.contributionId}` });
      const rows = await t.app.ctx.db.select().from(votes).where(eq(votes.contributionId, f.contributionId));
      assert.equal(rows.length, 0);
      assert.equal((await other.post(url, { value: 'maybe' }, { csrfFrom: `/contributions/${f.contributionId}` })).statusCode, 422);
    });

    test('twenty concurrent votes by the same person leave one vote', async () => {
      const values = ['agree', 'mixed', 'disagree'] as const;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.app.inject({ method: 'POST', url: `/api/v1/contributions/${f.contributionId}/vote`, headers: { authorization: `Bearer ${token}` }, payload: { value: values[i % 3] } })),
      );
      for (const r of responses) assert.equal(r.statusCode, 200, r.body);
      const [user] = await t.app.ctx.db.select({ userId: votes.userId }).from(votes).where(eq(votes.contributionId, f.contributionId));
      const rows = await t.app.ctx.db.select().from(votes).where(and(eq(votes.contributionId, f.contributionId), eq(votes.userId, user!.userId)));
      assert.equal(rows.length, 1);
    });

    test('a write through the API is a few statements: at most two for a vote, at most seven for a contribution', async () => {
      const db = t.app.ctx.database;
      const headers = { authorization: `Bearer ${token}` };
      // The first use of a token writes when it was last used (once a minute): not what this counts.
      await t.app.inject({ method: 'POST', url: `/api/v1/contributions/${f.contributionId}/vote`, headers, payload: { value: 'agree' } });
      let before = db.queryCount();
      const voted = await t.app.inject({ method: 'POST', url: `/api/v1/contributions/${f.contributionId}/vote`, headers, payload: { value: 'mixed' } });
      assert.equal(voted.statusCode, 200, voted.body);
      // The token with its account (unless the actor cache kept it: not after accounts changed a moment ago), the vote.
      const statements = db.queryCount() - before;
      assert.ok(statements >= 1 && statements <= 2, `${statements} statements: the token with its account, the vote with its checks`);
      assert.deepEqual(voted.json().votes, await voteTally(t.app.ctx.db, f.contributionId));
      before = db.queryCount();
      const created = await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${f.slug}/phases/1/contributions`, headers, payload: { ...valid, kind: 'need' } });
      assert.equal(created.statusCode, 201, created.body);
      // The token, the consultation, then begin, the contribution, its revision, its event, commit: one transaction.
      assert.ok(db.queryCount() - before <= 7, `${db.queryCount() - before} statements`);
    });

    test('thirty people voting and arguing at once: the counts kept on the contribution match the votes exactly', async () => {
      const db = t.app.ctx.db;
      const contribution = await findContribution(db, f.contributionId);
      const people = await Promise.all(Array.from({ length: 30 }, (_, i) => makeUser(t.app, `crowd-${i}@example.org`)));
      const earlier = await voteTally(db, f.contributionId);
      const actor = (id: number) => new Actor({ id, email: `${id}@example.org`, displayName: 'x', locale: 'fr', platformRole: 'member', emailVerified: true });
      await Promise.all(people.map((id, i) => (i % 3 === 2 ? addArgument(db, actor(id), contribution, { side: 'for', text: 'Un argument de la foule.' }) : vote(db, actor(id), contribution.id, { value: i % 3 === 0 ? 'agree' : 'mixed' }))));
      // Half of the agreeing change their minds, concurrently again.
      await Promise.all(people.filter((_, i) => i % 6 === 0).map((id) => vote(db, actor(id), contribution.id, { value: 'disagree' })));
      const exact = await voteTally(db, f.contributionId);
      const [stored] = await db.select({ agree: contributionTallies.agree, mixed: contributionTallies.mixed, disagree: contributionTallies.disagree }).from(contributionTallies).where(eq(contributionTallies.contributionId, f.contributionId));
      assert.deepEqual(stored, exact);
      assert.deepEqual(exact, { agree: earlier.agree + 5, mixed: earlier.mixed + 10, disagree: earlier.disagree + 5 });
      const [debate] = await db.select({ n: countRows() }).from(contributionArguments).where(eq(contributionArguments.contributionId, f.contributionId));
      const [live] = await db.select({ n: countRows() }).from(comments).where(and(eq(comments.contributionId, f.contributionId), isNull(comments.deletedAt)));
      const [row] = await db.select({ debate: contributions.debateCount }).from(contributions).where(eq(contributions.id, f.contributionId));
      assert.equal(row!.debate, Number(debate!.n) + Number(live!.n));
    });

    test('lists: orders, filters and pages; bad or hostile parameters are ignored, never a 500', async () => {
      const base = `/consultations/${f.slug}/phases/1`;
      for (const query of ['order=supported', 'order=debated', 'order=random&seed=42', 'order=nope&page=-3', 'page=abc', 'page=99999999999', 'theme=mobilite', 'theme=%00', 'actor=collectivite&kind=need', 'actor=x&kind=y', 'territory=69', 'territory=nowhere', 'seed=-1&order=random', 'order[]=a&page[]=2']) {
        const response = await visitor.get(`${base}?${query}`);
        assert.equal(response.statusCode, 200, query);
        assert.deepEqual(activeContent(response.body), [], query);
      }
      const random = await visitor.get(`${base}?order=random&seed=42`);
      assert.equal(random.body, (await visitor.get(`${base}?order=random&seed=42&x=1`)).body, 'the same seed gives the same order');
      const api = await visitor.get(`/api/v1/consultations/${f.slug}/phases/1/contributions?order=supported`);
      assert.equal(api.statusCode, 200);
      assert.ok(api.json().total >= 1);
      // A public read is kept like a visitor's page: the same JSON, with its type, until the next write.
      const again = await visitor.get(`/api/v1/consultations/${f.slug}/phases/1/contributions?order=supported`);
      assert.equal(again.headers['x-page-cache'], 'hit');
      assert.match(String(again.headers['content-type']), /^application\/json/);
      assert.deepEqual(again.json(), api.json());
    });

    test('hostile titles, bodies and parameters come out inert', async () => {
      const path = `/consultations/${f.slug}/phases/1/contribute`;
      const payloads = xssPayloads();
      const ids: number[] = [];
      for (const payload of payloads.slice(0, 25)) {
        const response = await author.post(path, { title: `Titre ${payload}`.slice(0, 140), body: `Corps de la contribution ${payload}`, kind: 'need' });
        if (response.statusCode === 303) ids.push(Number(String(response.headers.location).split('/').pop()));
        else {
          assert.equal(response.statusCode, 422);
          assert.deepEqual(activeContent(response.body), [], payload);
        }
      }
      assert.ok(ids.length > 10);
      for (const id of ids) {
        for (const page of [`/contributions/${id}`, `/contributions/${id}/history`]) assert.deepEqual(activeContent((await visitor.get(page)).body), [], page);
      }
      for (const payload of payloads) {
        const q = encodeURIComponent(payload);
        const list = await visitor.get(`/consultations/${f.slug}/phases/1?order=${q}&theme=${q}&territory=${q}&actor=${q}&kind=${q}&page=${q}&seed=${q}`);
        assert.equal(list.statusCode, 200);
        assert.deepEqual(activeContent(list.body), [], payload);
      }
      assert.deepEqual(activeContent((await visitor.get(`/consultations/${f.slug}/phases/1?order=newest`)).body), []);
    });
  });
}
