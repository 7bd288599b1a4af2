// Notifications in the app: following a phase, hearing of a contribution there (never of one's own), the bell's
// count as a personal slot of shared pages, the list, opening and marking read, following and bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { comments, contributions, phases } from '../consultations/schema.ts';
import { moderationItems } from '../moderation/schema.ts';
import { follows, notifications } from './schema.ts';

const contribution = (title: string) => ({ title, body: 'Un texte assez long pour être une contribution.', kind: 'need' });

for (const kind of testDatabases()) {
  describe(`notifications on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let phaseId: number;
    let alice: Browser;
    let bruno: Browser;
    let chloe: Browser;
    let ids: Record<'owner' | 'alice' | 'bruno' | 'chloe', number>;
    before(async () => {
      t = await testApp(kind);
      ids = { owner: await makeUser(t.app, 'n-owner@example.org'), alice: await makeUser(t.app, 'n-alice@example.org'), bruno: await makeUser(t.app, 'n-bruno@example.org'), chloe: await makeUser(t.app, 'n-chloe@example.org') };
      await makeOrganization(t.app, 'n-ville', ids.owner);
      f = await consultationFixture(t.app, 'n-ville', ids.owner, 'n-consultation');
      phaseId = (await t.app.ctx.db.select({ id: phases.id }).from(phases).where(eq(phases.position, 1)))[0]!.id;
      alice = await signIn(t.app, 'n-alice@example.org', '10.20.0.1');
      bruno = await signIn(t.app, 'n-bruno@example.org', '10.20.0.2');
      chloe = await signIn(t.app, 'n-chloe@example.org', '10.20.0.3');
    });
    after(() => t.close());

    const phasePage = () => `/consultations/${f.slug}/phases/1`;
    const bellOf = (body: string) => /id="notification-bell"[\s\S]*?<\/a>/.exec(body)?.[0] ?? '';
    const countOf = (body: string) => Number(/class="bell-count"[^>]*>(\d+)/.exec(bellOf(body))?.[1] ?? 0);

    test('a member follows a phase from its page; another contributes there; the first is told, the author is not', async () => {
      const page = await alice.get(phasePage());
      assert.match(page.body, /action="\/follow"/, 'the follow button is on the phase page');
      assert.equal((await alice.post('/follow', { target: `phase:${phaseId}`, follow: '1', next: phasePage() }, { csrfFrom: phasePage() })).statusCode, 303);
      const following = await alice.get(phasePage());
      assert.match(following.body, /Ne plus suivre/);
      assert.equal(countOf(following.body), 0);
      const created = await bruno.post(`${phasePage()}/contribute`, contribution('Des bancs à l’ombre'));
      assert.equal(created.statusCode, 303, created.body);
      await t.deliverMail();
      const after = await alice.get(phasePage());
      assert.equal(countOf(after.body), 1, 'the bell counts one');
      const list = await alice.get('/notifications');
      assert.match(list.body, /n-bruno a contribué à « Partageons nos besoins » : « Des bancs à l’ombre »/);
      assert.equal(countOf((await bruno.get(phasePage())).body), 0, 'the author is not told of their own contribution');
      // Bruno follows his contribution by taking part.
      const [own] = await t.app.ctx.db.select().from(follows).where(eq(follows.userId, ids.bruno));
      assert.ok(own?.auto && own.target.startsWith('contribution:'));
    });

    test('the bell is personal on a page kept for a persona: each person sees their own count', async () => {
      const theirs = await chloe.get(phasePage());
      assert.equal(theirs.headers['x-page-cache'], 'hit', 'chloe gets the copy alice made for their persona');
      assert.equal(countOf(theirs.body), 0);
      assert.equal(countOf((await alice.get(phasePage())).body), 1);
      assert.doesNotMatch(theirs.body, /\uE000/);
    });

    test('opening a notification marks it read and leads to the contribution; the bell follows', async () => {
      const list = await alice.get('/notifications');
      const open = /href="(\/notifications\/\d+\/open)"/.exec(list.body)![1]!;
      const followed = await alice.get(open);
      assert.equal(followed.statusCode, 303);
      assert.match(followed.headers.location as string, /^\/contributions\/\d+$/);
      assert.equal(countOf((await alice.get('/consultations')).body), 0);
      // Someone else's notification is not found, nor a notification that does not exist.
      assert.equal((await bruno.get(open)).statusCode, 404);
      assert.equal((await alice.get('/notifications/999999/open')).statusCode, 404);
    });

    test('comments on my contribution, replies to my comment; mark read one by one or all at once', async () => {
      const [c] = await t.app.ctx.db.select({ target: follows.target }).from(follows).where(eq(follows.userId, ids.bruno));
      const contributionId = Number(c!.target.split(':')[1]);
      assert.equal((await chloe.post(`/contributions/${contributionId}/comments`, { body: 'Oui, et des fontaines aussi.' }, { csrfFrom: `/contributions/${contributionId}` })).statusCode, 303);
      await t.deliverMail();
      const brunoList = await bruno.get('/notifications');
      assert.match(brunoList.body, /n-chloe a commenté votre contribution « Des bancs à l’ombre »/);
      const commentId = Number(/id="comment-(\d+)-item"/.exec((await bruno.get(`/contributions/${contributionId}`)).body)![1]);
      assert.equal((await bruno.post(`/contributions/${contributionId}/comments`, { body: 'Bonne idée, merci.', parent: String(commentId) }, { csrfFrom: `/contributions/${contributionId}` })).statusCode, 303);
      await t.deliverMail();
      const chloeList = await chloe.get('/notifications');
      assert.match(chloeList.body, /n-bruno a répondu à votre commentaire sur « Des bancs à l’ombre »/);
      // Alice follows the phase, not the contribution: its debate is not hers.
      assert.doesNotMatch((await alice.get('/notifications')).body, /commenté/);
      const markOne = /action="(\/notifications\/\d+\/read)"/.exec(chloeList.body)![1]!;
      assert.equal((await chloe.post(markOne, {}, { csrfFrom: '/notifications' })).statusCode, 303);
      assert.equal(countOf((await chloe.get('/notifications')).body), 0);
      const htmx = await bruno.request({ method: 'POST', url: /action="(\/notifications\/\d+\/read)"/.exec(brunoList.body)![1]!, headers: { 'hx-request': 'true', 'csrf-token': await bruno.csrf('/notifications') } });
      assert.equal(htmx.statusCode, 200);
      assert.match(htmx.body, /data-hx-swap-oob="true"/, 'the bell comes with the fragment');
      assert.equal((await bruno.post('/notifications/read-all', {}, { csrfFrom: '/notifications' })).statusCode, 303);
      const [unread] = await t.app.ctx.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, ids.bruno)).limit(1);
      assert.ok(unread);
      assert.equal(countOf((await bruno.get('/notifications')).body), 0);
    });

    test("the bell's fragment for htmx: the count for a person, empty for a visitor", async () => {
      const fragment = await alice.get('/notifications/bell', { 'hx-request': 'true' });
      assert.equal(fragment.statusCode, 200);
      assert.match(fragment.body, /id="notification-bell"/);
      assert.equal(fragment.headers['cache-control'], 'private, no-store');
      assert.equal((await new Browser(t.app, '10.20.9.9').get('/notifications/bell')).body, '');
    });

    test('following: the list, stopping, and what may not be followed', async () => {
      const page = await alice.get('/following');
      assert.match(page.body, /Partageons nos besoins/);
      assert.equal((await alice.post('/follow', { target: `phase:${phaseId}`, follow: '0', next: '/following' }, { csrfFrom: '/following' })).statusCode, 303);
      const stopped = await alice.get('/following');
      assert.match(stopped.body, /Vous ne suivez plus « Partageons nos besoins »/);
      assert.doesNotMatch(stopped.body, /href="\/consultations\/n-consultation\/phases\/1"/);
      // Bad or unknown targets: a message, never a 500; the API answers with codes.
      for (const target of ['phase:0', 'nope', 'phase:99999999', "phase:1'--", 'territory:commune:<b>', 'project:99999']) {
        const answer = await alice.post('/follow', { target, next: '/following' }, { csrfFrom: '/following' });
        assert.ok([303, 404].includes(answer.statusCode), `${target}: ${answer.statusCode}`);
      }
      const token = await alice.csrf('/following');
      const api = await alice.request({ method: 'POST', url: '/api/v1/follows', payload: { target: 'nope' }, headers: { 'csrf-token': token } });
      assert.equal(api.statusCode, 422);
      const territory = await alice.request({ method: 'POST', url: '/api/v1/follows', payload: { target: 'territory:departement:69' }, headers: { 'csrf-token': token } });
      assert.equal(territory.statusCode, 200, territory.body);
      assert.equal(territory.json().label, 'Rhône');
    });

    test('the API: my notifications, marking read, my settings; bad input is refused with a code', async () => {
      const token = await bruno.csrf('/notifications');
      const list = await bruno.get('/api/v1/notifications');
      assert.equal(list.statusCode, 200);
      const body = list.json();
      assert.ok(body.items.length >= 1);
      assert.match(body.items[0].url, /^http/);
      const marked = await bruno.request({ method: 'POST', url: '/api/v1/notifications/read', payload: { ids: [body.items[0].id] }, headers: { 'csrf-token': token } });
      assert.equal(marked.statusCode, 200);
      assert.equal((await bruno.request({ method: 'POST', url: '/api/v1/notifications/read', payload: { ids: ['x'] }, headers: { 'csrf-token': token } })).statusCode, 422);
      const settings = await bruno.get('/api/v1/notification-settings');
      assert.equal(settings.json().reply, 'immediate');
      assert.equal(settings.json().new_contribution, 'weekly');
      const changed = await bruno.request({ method: 'POST', url: '/api/v1/notification-settings', payload: { reply: 'daily' }, headers: { 'csrf-token': token } });
      assert.equal(changed.json().reply, 'daily');
      assert.equal((await bruno.request({ method: 'POST', url: '/api/v1/notification-settings', payload: { reply: 'sometimes' }, headers: { 'csrf-token': token } })).statusCode, 422);
      assert.equal((await new Browser(t.app, '10.20.9.8').get('/api/v1/notifications')).statusCode, 401);
    });

    test('the settings page keeps what was typed when a choice is refused', async () => {
      const page = await chloe.get('/account/notifications');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Réponses à mes commentaires/);
      const refused = await chloe.post('/account/notifications', { reply: 'sometimes', activity: 'never' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /id="error-summary"/);
      const saved = await chloe.post('/account/notifications', { reply: 'weekly', activity: 'never' });
      assert.equal(saved.statusCode, 303);
      assert.match((await chloe.get('/account/notifications')).body, /<option value="weekly" selected>/);
    });

    test('a comment the moderators hid after its notification was made leaves the list of the person told', async () => {
      const [mine] = await t.app.ctx.db.select({ id: contributions.id }).from(contributions).where(eq(contributions.authorId, ids.bruno));
      const page = `/contributions/${mine!.id}`;
      const shown = (body: string) => (body.match(/id="notification-\d+"/g) ?? []).length;
      const before = shown((await bruno.get('/notifications')).body);
      assert.equal((await chloe.post(`${page}/comments`, { body: 'Un commentaire que les modérateurs masqueront.' }, { csrfFrom: page })).statusCode, 303);
      await t.deliverMail();
      assert.equal(shown((await bruno.get('/notifications')).body), before + 1, 'the author of the contribution is told of the comment');
      const [comment] = await t.app.ctx.db.select({ id: comments.id }).from(comments).where(eq(comments.contributionId, mine!.id)).orderBy(desc(comments.id)).limit(1);
      const reportForm = `/reports/new?kind=comment&id=${comment!.id}`;
      assert.equal((await alice.post('/reports', { kind: 'comment', id: String(comment!.id), reason: 'offensive' }, { csrfFrom: reportForm })).statusCode, 303);
      const [item] = await t.app.ctx.db.select({ id: moderationItems.id }).from(moderationItems).where(and(eq(moderationItems.kind, 'comment'), eq(moderationItems.itemId, comment!.id)));
      await makeUser(t.app, 'n-moderator@example.org', 'moderator');
      const moderator = await signIn(t.app, 'n-moderator@example.org', '10.20.0.9');
      assert.equal((await moderator.post(`/moderation/items/${item!.id}/hide`, { reason: 'Propos blessants' }, { csrfFrom: `/moderation/items/${item!.id}` })).statusCode, 303);
      assert.equal(shown((await bruno.get('/notifications')).body), before, 'gone from the list once hidden');
    });
  });
}
