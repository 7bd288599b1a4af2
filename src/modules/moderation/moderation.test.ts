// Moderation through the app: reports (one open per person and item, also when sent at once), the queue (grouped,
// snapshots, orders, filters, an organizer's share), decisions (one transaction each, audited, the author told by
// mail), automatic hiding, blocking (the next request of a session or token refused), and bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { consultationFixture, makeOrganization, makeUser, roleFixture, signIn, type ConsultationFixture, type RoleFixture } from '../../../test/support/roles.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { consents, users } from '../accounts/schema.ts';
import { comments, contributions } from '../consultations/schema.ts';
import { memberships, organizations } from '../organizations/schema.ts';
import { changeRole } from '../organizations/members.ts';
import { Actor } from '../../platform/policy.ts';
import { moderationItems, reports } from './schema.ts';
import { report } from './service.ts';

async function tokenOf(browser: Browser, scope: 'read' | 'write' = 'write'): Promise<string> {
  const created = await browser.post('/account/tokens', { name: `script-${scope}`, scope });
  const token = /<code>(pvs_[^<]+)<\/code>/.exec(created.body)?.[1];
  if (!token) throw new Error(`no token (status ${created.statusCode})`);
  return token;
}

for (const kind of testDatabases()) {
  describe(`moderation on ${kind}`, () => {
    let t: TestApp;
    let f: RoleFixture;
    let c: ConsultationFixture;
    let authorId: number;
    let author: Browser;
    let reporters: Browser[];
    let memberToken: string;
    let moderatorToken: string;
    const api = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    const item = async (kindName: string, id: number) => (await t.app.ctx.db.select().from(moderationItems).where(and(eq(moderationItems.kind, kindName as never), eq(moderationItems.itemId, id))))[0];
    const openReports = async (moderationItemId: number) => (await t.app.ctx.db.select().from(reports).where(eq(reports.moderationItemId, moderationItemId))).filter((r) => r.closedAt === null);

    before(async () => {
      t = await testApp(kind, { reportThreshold: 3 });
      f = await roleFixture(t.app, 'mod');
      authorId = await makeUser(t.app, 'mod-author@example.org');
      author = await signIn(t.app, 'mod-author@example.org', '10.11.0.1');
      c = await consultationFixture(t.app, f.organizationSlug, authorId, 'mod-consultation');
      reporters = [];
      for (let i = 0; i < 3; i++) {
        await makeUser(t.app, `mod-reporter${i}@example.org`);
        reporters.push(await signIn(t.app, `mod-reporter${i}@example.org`, `10.11.1.${i}`));
      }
      memberToken = await tokenOf(f.browsers.member);
      moderatorToken = await tokenOf(f.browsers.moderator);
    });
    after(() => t.close());

    test('one open report per person and item, also when several are sent at once', async () => {
      const sent = await Promise.all(Array.from({ length: 6 }, () => api(memberToken, 'POST', '/api/v1/reports', { kind: 'comment', id: c.commentId, reason: 'spam', details: 'pub' })));
      const statuses = sent.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201]);
      assert.ok(sent.every((r) => r.json().item === sent[0]!.json().item));
      const record = await item('comment', c.commentId);
      assert.equal(record!.openReports, 1);
      assert.equal((await openReports(record!.id)).length, 1);
      // The form says so too, without a second report.
      const again = await f.browsers.member.post('/reports', { kind: 'comment', id: String(c.commentId), reason: 'offensive' }, { csrfFrom: `/reports/new?kind=comment&id=${c.commentId}` });
      assert.equal(again.statusCode, 303);
      assert.match(decodeURIComponent(String(again.headers['set-cookie'])), /report\.already/);
      assert.equal((await openReports(record!.id)).length, 1);
    });

    test('nobody reports their own content; bad input is answered field by field and writes nothing', async () => {
      const before = (await t.app.ctx.db.select().from(reports)).length;
      const own = await author.post('/reports', { kind: 'comment', id: String(c.commentId), reason: 'spam' }, { csrfFrom: `/reports/new?kind=comment&id=${c.commentId}` });
      assert.equal(own.statusCode, 422);
      assert.match(own.body, /ce que vous avez écrit vous-même/);
      const cases: [object, number, string][] = [
        [{ kind: 'comment', id: c.commentId, reason: 'boring' }, 422, 'validation_failed'],
        [{ kind: 'planet', id: c.commentId, reason: 'spam' }, 422, 'validation_failed'],
        [{ kind: 'comment', id: 'abc', reason: 'spam' }, 422, 'validation_failed'],
        [{ kind: 'comment', id: c.commentId, reason: 'spam', details: 'x'.repeat(1001) }, 422, 'validation_failed'],
        [{ kind: 'comment', id: 99_999_999, reason: 'spam' }, 404, 'not_found'],
        [{ kind: 'comment', id: c.commentId, reason: 'spam', details: 'nul\u0000' }, 422, 'validation_failed'],
      ];
      for (const [payload, status, code] of cases) {
        const answer = await api(memberToken, 'POST', '/api/v1/reports', payload);
        assert.equal(answer.statusCode, status, JSON.stringify(payload));
        assert.equal(answer.json().error.code, code);
      }
      const page = await f.browsers.member.post('/reports', { kind: 'comment', id: String(c.commentId), reason: '' }, { csrfFrom: `/reports/new?kind=comment&id=${c.commentId}` });
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /field-error/);
      assert.equal((await t.app.ctx.db.select().from(reports)).length, before);
    });

    test('reporting is rate-limited per person, with Retry-After and a clear code', async () => {
      await makeUser(t.app, 'mod-eager@example.org');
      const eager = await tokenOf(await signIn(t.app, 'mod-eager@example.org', '10.11.0.9'));
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 21; i++) {
        last = await api(eager, 'POST', '/api/v1/reports', { kind: 'comment', id: c.commentId, reason: 'spam' });
        statuses.push(last.statusCode);
      }
      assert.ok(statuses.slice(0, 20).every((s) => s === 200 || s === 201));
      assert.equal(statuses[20], 429);
      assert.equal(last!.json().error.code, 'rate_limited');
      assert.ok(Number(last!.headers['retry-after']) > 0);
      await t.app.ctx.db.delete(reports).where(eq(reports.reporterId, (await t.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.email, 'mod-eager@example.org')))[0]!.id));
      await t.app.ctx.db.update(moderationItems).set({ openReports: 1 }).where(and(eq(moderationItems.kind, 'comment'), eq(moderationItems.itemId, c.commentId)));
    });

    test('the queue groups reports by item with their count and reasons, and keeps the text as reported', async () => {
      await reporters[0]!.post('/reports', { kind: 'comment', id: String(c.commentId), reason: 'offensive', details: 'grossier' }, { csrfFrom: `/reports/new?kind=comment&id=${c.commentId}` });
      // The author edits the comment afterwards: the snapshot keeps what was reported.
      const edited = await author.post(`/comments/${c.commentId}/edit`, { body: 'Un commentaire tout à fait aimable.' });
      assert.equal(edited.statusCode, 303);
      await api(memberToken, 'POST', '/api/v1/reports', { kind: 'argument', id: c.argumentId, reason: 'off_topic' });
      const queue = await f.browsers.moderator.get('/api/v1/moderation/items');
      assert.equal(queue.statusCode, 200);
      const rows = queue.json().items as { kind: string; itemId: number; openReports: number; reasons: string[]; id: number }[];
      const comment = rows.find((r) => r.kind === 'comment')!;
      assert.equal(comment.openReports, 2);
      assert.deepEqual([...comment.reasons].sort(), ['offensive', 'spam']);
      assert.deepEqual(rows.map((r) => r.kind), ['argument', 'comment']);
      const most = (await f.browsers.moderator.get('/api/v1/moderation/items?order=most')).json().items.map((r: { kind: string }) => r.kind);
      assert.deepEqual(most, ['comment', 'argument']);
      assert.deepEqual((await f.browsers.moderator.get('/api/v1/moderation/items?kind=argument')).json().items.map((r: { kind: string }) => r.kind), ['argument']);
      assert.deepEqual((await f.browsers.moderator.get('/api/v1/moderation/items?reason=offensive')).json().items.map((r: { kind: string }) => r.kind), ['comment']);
      const detail = (await f.browsers.moderator.get(`/api/v1/moderation/items/${comment.id}`)).json();
      assert.ok(detail.reports.every((r: { snapshot: { body: string } }) => r.snapshot.body === 'Un commentaire.'));
      assert.equal(detail.current.body, 'Un commentaire tout à fait aimable.');
      const page = await f.browsers.moderator.get('/moderation');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /grossier|Un commentaire\./);
    });

    test("an organizer sees their consultations' items only, and decides about those only", async () => {
      const otherAdmin = await makeUser(t.app, 'mod-other-admin@example.org');
      await makeOrganization(t.app, 'mod-autre-ville', otherAdmin);
      const other = await consultationFixture(t.app, 'mod-autre-ville', authorId, 'mod-other-consultation');
      const reported = await api(memberToken, 'POST', '/api/v1/reports', { kind: 'comment', id: other.commentId, reason: 'spam' });
      const otherItem = reported.json().item as number;
      const mine = (await f.browsers.orgAdmin.get('/api/v1/moderation/items')).json().items.map((r: { id: number }) => r.id);
      assert.ok(!mine.includes(otherItem));
      assert.ok(mine.length >= 2);
      assert.ok((await f.browsers.moderator.get('/api/v1/moderation/items')).json().items.some((r: { id: number }) => r.id === otherItem));
      assert.equal((await f.browsers.orgAdmin.get(`/moderation/items/${otherItem}`)).statusCode, 403);
      // A selection reaching outside their consultations is refused whole: nothing is decided.
      const ownItem = (await item('argument', c.argumentId))!.id;
      const bulk = await f.browsers.orgAdmin.post('/moderation/bulk', { items: [String(ownItem), String(otherItem)], action: 'hide', reason: 'hors sujet' }, { csrfFrom: '/moderation' });
      assert.equal(bulk.statusCode, 403);
      assert.equal((await item('argument', c.argumentId))!.hiddenAt, null);
      assert.equal((await item('comment', other.commentId))!.hiddenAt, null);
      await f.browsers.moderator.post(`/moderation/items/${otherItem}/dismiss`, {}, { csrfFrom: `/moderation/items/${otherItem}` });
    });

    test('hiding with a reason: one transaction, audited, the author told by mail and shown why; others see the reason in its place', async () => {
      await t.deliverMail();
      const record = (await item('comment', c.commentId))!;
      const hidden = await f.browsers.moderator.post(`/moderation/items/${record.id}/hide`, { reason: 'Propos injurieux' }, { csrfFrom: `/moderation/items/${record.id}` });
      assert.equal(hidden.statusCode, 303);
      const after = (await item('comment', c.commentId))!;
      assert.equal(after.hiddenReason, 'Propos injurieux');
      assert.equal(after.openReports, 0);
      assert.equal((await openReports(record.id)).length, 0);
      const audit = await t.app.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'moderation.hide'), eq(auditLog.target, `comment:${c.commentId}`)));
      assert.equal(audit.length, 1);
      const mails = await t.deliverMail();
      const toAuthor = mails.filter((m) => m.to === 'mod-author@example.org');
      assert.equal(toAuthor.length, 1);
      assert.match(toAuthor[0]!.text, /Propos injurieux/);
      // A visitor and a member see the reason where the comment was, not its text; the API gives no text either.
      for (const reader of [new Browser(t.app, '10.11.2.1'), f.browsers.member]) {
        const page = await reader.get(`/contributions/${c.contributionId}`);
        assert.equal(page.statusCode, 200);
        assert.doesNotMatch(page.body, /tout à fait aimable/);
        assert.match(page.body, /Propos injurieux/);
      }
      const listed = (await t.app.inject({ url: `/api/v1/contributions/${c.contributionId}/comments` })).json().items.find((i: { id: number }) => i.id === c.commentId);
      assert.equal(listed.body, null);
      assert.equal(listed.author, null);
      assert.equal(listed.hidden, true);
      // The author, the organizer and the moderator still read it, with why.
      for (const reader of [author, f.browsers.orgAdmin, f.browsers.moderator, f.browsers.admin]) {
        const page = await reader.get(`/contributions/${c.contributionId}`);
        assert.match(page.body, /tout à fait aimable/);
        assert.match(page.body, /Masqué par l&#39;équipe de modération|Masqué par l'équipe de modération/);
      }
      assert.match((await author.get(`/contributions/${c.contributionId}`)).body, /Vous seul et l/);
      // The debate count leaves it out.
      const [row] = await t.app.ctx.db.select({ debate: contributions.debateCount }).from(contributions).where(eq(contributions.id, c.contributionId));
      assert.equal(row!.debate, 1);
    });

    test('restoring gives it back to everyone and tells the author; dismissing closes the reports', async () => {
      const record = (await item('comment', c.commentId))!;
      const restored = await f.browsers.moderator.post(`/moderation/items/${record.id}/restore`, {}, { csrfFrom: `/moderation/items/${record.id}` });
      assert.equal(restored.statusCode, 303);
      assert.equal((await item('comment', c.commentId))!.hiddenAt, null);
      assert.match((await new Browser(t.app, '10.11.2.2').get(`/contributions/${c.contributionId}`)).body, /tout à fait aimable/);
      assert.equal((await t.deliverMail()).filter((m) => m.to === 'mod-author@example.org').length, 1);
      const argument = (await item('argument', c.argumentId))!;
      const dismissed = await f.browsers.orgAdmin.post(`/moderation/items/${argument.id}/dismiss`, {}, { csrfFrom: `/moderation/items/${argument.id}` });
      assert.equal(dismissed.statusCode, 303);
      assert.equal((await openReports(argument.id)).length, 0);
      assert.equal((await t.app.ctx.db.select().from(reports).where(eq(reports.moderationItemId, argument.id)))[0]!.outcome, 'dismissed');
    });

    test('a hide without a reason is refused beside the field, and changes nothing', async () => {
      const argument = (await item('argument', c.argumentId))!;
      const refused = await f.browsers.moderator.post(`/moderation/items/${argument.id}/hide`, { reason: '' }, { csrfFrom: `/moderation/items/${argument.id}` });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /field-error/);
      const bulk = await f.browsers.moderator.post('/moderation/bulk', { action: 'hide', reason: 'spam' }, { csrfFrom: '/moderation' });
      assert.equal(bulk.statusCode, 422);
      const apiBulk = await api(moderatorToken, 'POST', '/api/v1/moderation/bulk', { items: [argument.id, 99_999_999], action: 'hide', reason: 'spam' });
      assert.notEqual(apiBulk.statusCode, 500);
      assert.equal((await item('argument', c.argumentId))!.hiddenAt, null);
    });

    test('three people reporting a contribution hide it from the phase until a moderator decides; its author still sees it and why', async () => {
      const phaseUrl = `/consultations/${c.slug}/phases/1`;
      assert.match((await new Browser(t.app, '10.11.3.1').get(phaseUrl)).body, /Un besoin de test/);
      for (const [i, reporter] of reporters.entries()) {
        const sent = await reporter.post('/reports', { kind: 'contribution', id: String(c.contributionId), reason: 'spam' }, { csrfFrom: `/reports/new?kind=contribution&id=${c.contributionId}` });
        assert.equal(sent.statusCode, 303);
        const state = (await t.app.ctx.db.select({ state: contributions.state }).from(contributions).where(eq(contributions.id, c.contributionId)))[0]!.state;
        assert.equal(state, i < 2 ? 'published' : 'hidden');
      }
      const visitor = new Browser(t.app, '10.11.3.2');
      assert.doesNotMatch((await visitor.get(phaseUrl)).body, /Un besoin de test/);
      const page = await visitor.get(`/contributions/${c.contributionId}`);
      assert.equal(page.statusCode, 410);
      assert.equal((await t.app.inject({ url: `/api/v1/contributions/${c.contributionId}` })).json().error.code, 'content_hidden');
      const own = await author.get(`/contributions/${c.contributionId}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /plusieurs personnes l/);
      assert.equal((await t.deliverMail()).filter((m) => m.to === 'mod-author@example.org').length, 1);
      // The moderator keeps it: it is back, and later reports no longer hide it on their own.
      const record = (await item('contribution', c.contributionId))!;
      assert.equal(record.hiddenBy, null);
      await f.browsers.moderator.post(`/moderation/items/${record.id}/dismiss`, {}, { csrfFrom: `/moderation/items/${record.id}` });
      assert.match((await visitor.get(phaseUrl)).body, /Un besoin de test/);
      for (const reporter of reporters) await reporter.post('/reports', { kind: 'contribution', id: String(c.contributionId), reason: 'spam' }, { csrfFrom: `/reports/new?kind=contribution&id=${c.contributionId}` });
      assert.equal((await item('contribution', c.contributionId))!.hiddenAt, null);
      assert.equal((await item('contribution', c.contributionId))!.openReports, 3);
    });

    test('report details and hide reasons from the XSS corpus are shown inert', async () => {
      const payloads = xssPayloads();
      const reporterActor = new Actor({ id: f.userIds.member, email: 'mod-member@example.org', displayName: 'member', locale: 'fr', platformRole: 'member', emailVerified: true });
      const [org] = await t.app.ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, f.organizationSlug));
      for (const [i, payload] of payloads.entries()) {
        const [row] = await t.app.ctx.db.insert(comments).values({ contributionId: c.contributionId, authorId: authorId, body: `Commentaire ${i}` }).returning();
        // Through the service: the corpus is longer than the reports a person may send in ten minutes.
        await report(t.app.ctx, reporterActor, { kind: 'comment', id: row!.id, reason: 'other', details: payload.slice(0, 1000) });
        const record = (await item('comment', row!.id))!;
        await api(moderatorToken, 'POST', `/api/v1/moderation/items/${record.id}/hide`, { reason: `${payload.slice(0, 480)} !` });
        const detail = await f.browsers.moderator.get(`/moderation/items/${record.id}`);
        assert.equal(detail.statusCode, 200);
        assert.deepEqual(activeContent(detail.body), [], payload);
      }
      assert.ok(org);
      for (const url of ['/moderation', '/moderation?tab=hidden', `/contributions/${c.contributionId}`]) {
        for (const reader of [f.browsers.moderator, author, new Browser(t.app, '10.11.4.1')]) {
          const page = await reader.get(url);
          if (page.statusCode !== 200) continue;
          assert.deepEqual(activeContent(page.body), [], url);
        }
      }
    });

    test('a blocked account: its session and its token are refused on the next request, it cannot sign in, its content hides in one action; unblocking restores it', async () => {
      const spammerId = await makeUser(t.app, 'mod-spammer@example.org');
      const spammer = await signIn(t.app, 'mod-spammer@example.org', '10.11.5.1');
      const token = await tokenOf(spammer);
      const spam = await consultationFixture(t.app, f.organizationSlug, spammerId, 'mod-spam-consultation');
      assert.equal((await spammer.get('/account')).statusCode, 200);
      assert.equal((await api(token, 'POST', '/api/v1/reports', { kind: 'comment', id: c.commentId, reason: 'spam' })).statusCode < 300, true);
      const blocked = await f.browsers.moderator.post(`/moderation/accounts/${spammerId}/block`, { reason: 'Compte de spam', hideContent: '1' }, { csrfFrom: `/moderation/accounts/${spammerId}` });
      assert.equal(blocked.statusCode, 303);
      assert.equal((await spammer.get('/account')).statusCode, 303);
      const refused = await api(token, 'POST', '/api/v1/reports', { kind: 'argument', id: c.argumentId, reason: 'spam' });
      assert.equal(refused.statusCode, 401);
      const again = await new Browser(t.app, '10.11.5.2').post('/login', { email: 'mod-spammer@example.org', password: 'une phrase de passe solide' });
      assert.notEqual(again.statusCode, 303);
      for (const [kindName, id] of [['contribution', spam.contributionId], ['argument', spam.argumentId], ['comment', spam.commentId]] as const) {
        const record = await item(kindName, id);
        assert.ok(record?.hiddenAt, kindName);
        assert.equal(record!.hiddenByBlock, true);
      }
      assert.equal((await new Browser(t.app, '10.11.5.3').get(`/contributions/${spam.contributionId}`)).statusCode, 410);
      assert.equal((await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'moderation.block'))).length, 1);
      const unblocked = await f.browsers.moderator.post(`/moderation/accounts/${spammerId}/unblock`, {}, { csrfFrom: `/moderation/accounts/${spammerId}` });
      assert.equal(unblocked.statusCode, 303);
      assert.equal((await item('contribution', spam.contributionId))!.hiddenAt, null);
      assert.equal((await new Browser(t.app, '10.11.5.4').get(`/contributions/${spam.contributionId}`)).statusCode, 200);
      // Its token answers again; its sessions were ended.
      assert.equal((await api(token, 'GET', '/api/v1/moderation/items')).statusCode, 403);
      const [user] = await t.app.ctx.db.select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, spammerId));
      assert.equal(user!.blockedAt, null);
      // A moderator cannot block a fellow moderator, nor themself.
      assert.equal((await f.browsers.moderator.post(`/moderation/accounts/${f.userIds.admin}/block`, { reason: 'essai' }, { csrfFrom: `/moderation/accounts/${f.userIds.admin}` })).statusCode, 403);
      assert.equal((await f.browsers.moderator.post(`/moderation/accounts/${f.userIds.moderator}/block`, { reason: 'essai' }, { csrfFrom: `/moderation/accounts/${f.userIds.moderator}` })).statusCode, 403);
    });

    test('a blocked person no longer counts as an organization admin', async () => {
      const a = await makeUser(t.app, 'mod-org-a@example.org');
      const b = await makeUser(t.app, 'mod-org-b@example.org');
      const orgId = await makeOrganization(t.app, 'mod-deux-admins', a);
      await t.app.ctx.db.insert(memberships).values({ organizationId: orgId, userId: b, role: 'admin' });
      await f.browsers.moderator.post(`/moderation/accounts/${b}/block`, { reason: 'Compte compromis' }, { csrfFrom: `/moderation/accounts/${b}` });
      const [org] = await t.app.ctx.db.select().from(organizations).where(eq(organizations.id, orgId));
      await assert.rejects(changeRole(t.app.ctx.db, org as never, a, 'member'), /at least one admin/);
      await f.browsers.moderator.post(`/moderation/accounts/${b}/unblock`, {}, { csrfFrom: `/moderation/accounts/${b}` });
      await changeRole(t.app.ctx.db, org as never, a, 'member');
    });

    test('changing or resetting a password ends the sessions and revokes the API tokens', async () => {
      await makeUser(t.app, 'mod-takeover@example.org');
      const owner = await signIn(t.app, 'mod-takeover@example.org', '10.11.6.1');
      const token = await tokenOf(owner);
      assert.equal((await api(token, 'GET', '/api/v1/moderation/items')).statusCode, 403);
      const changed = await owner.post('/account/password', { currentPassword: 'une phrase de passe solide', newPassword: 'une autre phrase de passe solide' }, { csrfFrom: '/account' });
      assert.equal(changed.statusCode, 303);
      assert.equal((await api(token, 'GET', '/api/v1/moderation/items')).statusCode, 401);
      const second = await tokenOf(owner);
      assert.equal((await api(second, 'GET', '/api/v1/moderation/items')).statusCode, 403);
      const visitor = new Browser(t.app, '10.11.6.2');
      await visitor.post('/password/forgot', { email: 'mod-takeover@example.org' });
      const link = (await t.deliverMail()).filter((m) => m.to === 'mod-takeover@example.org').at(-1);
      const resetToken = /token=([^\s&]+)/.exec(link?.text ?? '')?.[1];
      assert.ok(resetToken, 'a reset link');
      const reset = await visitor.post('/password/reset', { token: resetToken, password: 'encore une phrase de passe solide' }, { csrfFrom: `/password/reset?token=${resetToken}` });
      assert.equal(reset.statusCode, 303);
      assert.equal((await api(second, 'GET', '/api/v1/moderation/items')).statusCode, 401);
      assert.equal((await owner.get('/account')).statusCode, 303);
    });

    test('a read token reads and never writes; the number of active tokens is capped', async () => {
      await makeUser(t.app, 'mod-tokens@example.org');
      const owner = await signIn(t.app, 'mod-tokens@example.org', '10.11.7.1');
      const read = await tokenOf(owner, 'read');
      assert.equal((await api(read, 'GET', `/api/v1/contributions/${c.contributionId}/comments`)).statusCode, 200);
      const write = await api(read, 'POST', '/api/v1/reports', { kind: 'argument', id: c.argumentId, reason: 'spam' });
      assert.equal(write.statusCode, 403);
      assert.equal(write.json().error.code, 'token_read_only');
      for (let i = 0; i < 19; i++) await tokenOf(owner);
      const over = await owner.post('/account/tokens', { name: 'one too many' });
      assert.equal(over.statusCode, 422);
      assert.match(over.body, /20 jetons actifs/);
    });

    // Last: a new charter version asks everyone again.
    test('the charter is accepted at registration and asked again when a new version is published', async () => {
      const visitor = new Browser(t.app, '10.11.8.1');
      const refused = await visitor.post('/register', { email: 'mod-new@example.org', displayName: 'Nouvelle', password: 'une phrase de passe solide' });
      assert.equal(refused.statusCode, 422);
      assert.equal((await t.app.ctx.db.select().from(users).where(eq(users.email, 'mod-new@example.org'))).length, 0);
      assert.equal((await visitor.post('/register', { email: 'mod-new@example.org', displayName: 'Nouvelle', password: 'une phrase de passe solide', charter: '1' })).statusCode, 200);
      const [created] = await t.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.email, 'mod-new@example.org'));
      const consent = await t.app.ctx.db.select().from(consents).where(eq(consents.userId, created!.id));
      assert.equal(consent[0]!.kind, 'charter');
      assert.equal(consent[0]!.version, '2026-01');
      assert.equal((await f.browsers.member.get('/account')).statusCode, 200);
      const published = await f.browsers.admin.post('/admin/charter', { version: '2027-01', summary: 'Les données personnelles sont mieux protégées.' });
      assert.equal(published.statusCode, 303);
      // The member had accepted 2026-01 (at registration) — accounts made directly have no consent and are not asked.
      await t.app.ctx.db.insert(consents).values({ userId: f.userIds.member, kind: 'charter', version: '2026-01', accepted: true });
      // Their account page stays open (to leave, or download their data); every other page asks first.
      const asked = await f.browsers.member.get('/consultations');
      assert.equal(asked.statusCode, 303);
      assert.match(String(asked.headers.location), /^\/charter\?next=/);
      assert.equal((await api(memberToken, 'GET', '/api/v1/moderation/items')).statusCode, 403);
      const accepted = await f.browsers.member.post('/charter', { accept: '1', next: '/consultations' }, { csrfFrom: '/charter' });
      assert.equal(accepted.statusCode, 303);
      assert.equal((await f.browsers.member.get('/consultations')).statusCode, 200);
      const latest = await t.app.ctx.db.select().from(consents).where(eq(consents.userId, f.userIds.member));
      assert.equal(latest.at(-1)!.version, '2027-01');
    });
  });
}
