// Notifications by e-mail: at once for one's own content, in a digest for what one follows — exactly once per person
// and period, when two workers race, after a crash and after a restart — in the person's language, text and HTML,
// with a one-click unsubscribe (RFC 8058) bound to that person and that kind, that works without signing in.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { days, resetClock, setClock } from '../../platform/clock.ts';
import type { MailMessage } from '../../platform/mail/index.ts';
import { users } from '../accounts/schema.ts';
import { phases } from '../consultations/schema.ts';
import { periodOf, sendDigests } from './mailing.ts';
import { follows, notificationDigests, notifications } from './schema.ts';
import { getChannels, readUnsubscribeToken, unsubscribeToken } from './settings.ts';

const body = 'Un texte assez long pour être une contribution.';

for (const kind of testDatabases()) {
  describe(`notifications by e-mail on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let phaseId: number;
    let ids: Record<'owner' | 'reader' | 'writer' | 'other', number>;
    before(async () => {
      t = await testApp(kind);
      ids = { owner: await makeUser(t.app, 'm-owner@example.org'), reader: await makeUser(t.app, 'm-reader@example.org'), writer: await makeUser(t.app, 'm-writer@example.org'), other: await makeUser(t.app, 'm-other@example.org') };
      await t.app.ctx.db.update(users).set({ locale: 'en' }).where(eq(users.id, ids.other));
      await makeOrganization(t.app, 'm-ville', ids.owner);
      f = await consultationFixture(t.app, 'm-ville', ids.owner, 'm-consultation');
      phaseId = (await t.app.ctx.db.select({ id: phases.id }).from(phases).where(eq(phases.position, 1)))[0]!.id;
    });
    afterEach(() => resetClock());
    after(() => t.close());

    test('a comment on my contribution is mailed at once: text and HTML, in my language, with a one-click unsubscribe', async () => {
      const writer = await signIn(t.app, 'm-writer@example.org', '10.22.0.1');
      const other = await signIn(t.app, 'm-other@example.org', '10.22.0.2');
      assert.equal((await other.post(`/consultations/${f.slug}/phases/1/contribute`, { title: 'Un abri pour les vélos', body, kind: 'need' })).statusCode, 303);
      await t.deliverMail();
      const [mine] = await t.app.ctx.db.select({ target: follows.target }).from(follows).where(eq(follows.userId, ids.other));
      const contributionId = Number(mine!.target.split(':')[1]);
      assert.equal((await writer.post(`/contributions/${contributionId}/comments`, { body: 'Avec des arceaux, surtout.' }, { csrfFrom: `/contributions/${contributionId}` })).statusCode, 303);
      const mails = await t.deliverMail();
      assert.equal(mails.length, 1, mails.map((m) => m.subject).join(' | '));
      const mail = mails[0]!;
      assert.equal(mail.to, 'm-other@example.org');
      assert.equal(mail.subject, 'm-writer commented on your contribution “Un abri pour les vélos”');
      assert.match(mail.text, new RegExp(`/contributions/${contributionId}#comment-\\d+-item`));
      assert.match(mail.html!, /<a href="http[^"]+\/contributions\/\d+#comment-\d+-item">/);
      assert.match(mail.headers!['List-Unsubscribe']!, /^<http.+\/unsubscribe\/\d+\.reaction\.[A-Za-z0-9_-]{32}>$/);
      assert.equal(mail.headers!['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      // The writer hears nothing of their own comment.
      assert.equal((await t.app.ctx.db.select().from(notifications).where(eq(notifications.userId, ids.writer))).length, 0);
    });

    test('the unsubscribe link: a GET only asks; the one-click POST, without cookies or form token, stops that kind for that person only', async () => {
      const [mail] = t.mails.filter((m) => m.to === 'm-other@example.org').slice(-1) as [MailMessage];
      const url = new URL(mail.headers!['List-Unsubscribe']!.slice(1, -1));
      const anonymous = new Browser(t.app, '10.22.1.1');
      const asked = await anonymous.get(url.pathname);
      assert.equal(asked.statusCode, 200);
      assert.equal((await getChannels(t.app.ctx.db, ids.other)).reaction, 'immediate', 'a GET changes nothing (mail scanners follow links)');
      const clicked = await t.app.inject({ method: 'POST', url: url.pathname, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(clicked.statusCode, 200, clicked.body);
      const after = await getChannels(t.app.ctx.db, ids.other);
      assert.equal(after.reaction, 'never');
      assert.equal(after.reply, 'immediate', 'other kinds keep their choice');
      assert.equal((await getChannels(t.app.ctx.db, ids.writer)).reaction, 'immediate', 'other people keep theirs');
      // Bound to the person and the kind: changing either breaks the signature.
      const token = url.pathname.split('/').at(-1)!;
      const [, , signature] = token.split('.');
      for (const forged of [`${ids.writer}.reaction.${signature}`, `${ids.other}.reply.${signature}`, `${ids.other}.reaction.${'A'.repeat(32)}`, `${ids.other}.everything.${signature}`, 'garbage', `${ids.other}.reaction`]) {
        assert.equal((await t.app.inject({ method: 'POST', url: `/unsubscribe/${forged}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 404, forged);
      }
      assert.equal((await getChannels(t.app.ctx.db, ids.writer)).reaction, 'immediate');
      assert.deepEqual(readUnsubscribeToken(t.config.sessionSecret, unsubscribeToken(t.config.sessionSecret, 7, 'digest-weekly')), { userId: 7, scope: 'digest-weekly' });
      assert.equal(readUnsubscribeToken('another-secret-of-another-server-xxxxxxxx', unsubscribeToken(t.config.sessionSecret, 7, 'reply')), undefined);
    });

    test('periods: 08:00 Paris time, daily every day and weekly on Mondays, summer and winter', () => {
      assert.deepEqual(periodOf('daily', new Date('2026-12-03T06:59:00Z')), { key: 'daily:2026-12-02', boundary: new Date('2026-12-02T07:00:00Z') });
      assert.deepEqual(periodOf('daily', new Date('2026-12-03T07:00:00Z')), { key: 'daily:2026-12-03', boundary: new Date('2026-12-03T07:00:00Z') });
      assert.deepEqual(periodOf('daily', new Date('2026-07-01T06:30:00Z')), { key: 'daily:2026-07-01', boundary: new Date('2026-07-01T06:00:00Z') });
      // Thursday 3 December 2026: the week began on Monday 30 November.
      assert.deepEqual(periodOf('weekly', new Date('2026-12-03T12:00:00Z')), { key: 'weekly:2026-11-30', boundary: new Date('2026-11-30T07:00:00Z') });
      // Monday 7 December before 08:00 in Paris: still the previous week's.
      assert.deepEqual(periodOf('weekly', new Date('2026-12-07T06:00:00Z')), { key: 'weekly:2026-11-30', boundary: new Date('2026-11-30T07:00:00Z') });
    });

    test('the weekly digest goes exactly once per person and period: two workers racing, a crash, a restart', async () => {
      const db = t.app.ctx.db;
      // This week's Monday, 08:00 in Paris; the contributions are made now, the digest goes next Monday.
      const monday = periodOf('weekly').boundary;
      await db.insert(follows).values([ids.reader, ids.other].map((userId) => ({ userId, target: `phase:${phaseId}` })));
      const writer = await signIn(t.app, 'm-writer@example.org', '10.22.2.1');
      for (const title of ['Des bancs au soleil', 'Une fontaine place Bellecour']) assert.equal((await writer.post(`/consultations/${f.slug}/phases/1/contribute`, { title, body, kind: 'need' })).statusCode, 303);
      assert.deepEqual((await t.deliverMail()).filter((m) => m.to === 'm-reader@example.org'), [], 'weekly by default: nothing at once');
      // A week later, Monday 08:05 in Paris: two workers of two instances run the digest at once.
      setClock(new Date(monday.getTime() + days(7) + 5 * 60_000));
      const other = await buildApp({ ...t.config, dataDir: mkdtempSync(join(tmpdir(), 'parvis-digest-')) }, { database: t.app.ctx.database, mailer: { deliver: async (m) => void t.mails.push(m) }, logger: false });
      try {
        // The first worker dies before its transaction commits (its mail's job is refused): nothing of it stays.
        const send = t.app.ctx.jobs.send;
        let crashed = false;
        t.app.ctx.jobs.send = async (tx, queue, data) => {
          if (!crashed && queue === 'mail') {
            crashed = true;
            throw new Error('the worker died');
          }
          return send(tx, queue, data);
        };
        await assert.rejects(sendDigests(t.app.ctx, 'weekly'));
        t.app.ctx.jobs.send = send;
        const results = await Promise.all([sendDigests(t.app.ctx, 'weekly'), sendDigests(other.ctx, 'weekly')]);
        assert.equal(results[0].sent + results[1].sent, 2, JSON.stringify(results));
        const mails = (await t.deliverMail()).filter((m) => /weekly|semaine/.test(m.subject));
        assert.deepEqual(mails.map((m) => m.to).sort(), ['m-other@example.org', 'm-reader@example.org']);
        const reader = mails.find((m) => m.to === 'm-reader@example.org')!;
        assert.equal(reader.subject, 'Votre résumé de la semaine sur Parvis : 2 nouveautés');
        assert.match(reader.text, /## Consultation m-consultation/);
        assert.match(reader.text, /Des bancs au soleil/);
        assert.match(reader.text, /Une fontaine place Bellecour/);
        assert.match(reader.html!, /<h2[^>]*><a href="http[^"]+\/consultations\/m-consultation">Consultation m-consultation<\/a><\/h2>/);
        assert.match(reader.headers!['List-Unsubscribe']!, /\.digest-weekly\./);
        assert.match(mails.find((m) => m.to === 'm-other@example.org')!.subject, /^Your weekly digest on Parvis: 2 new items$/);
        // A restart: the recurring job runs again on a new instance, later in the same period: nothing more.
        setClock(new Date(monday.getTime() + days(7) + 3 * 3_600_000));
        await sendDigests(other.ctx, 'weekly');
        await sendDigests(t.app.ctx, 'weekly');
        assert.deepEqual((await t.deliverMail()).filter((m) => /weekly|semaine/.test(m.subject)), []);
        assert.equal((await db.select().from(notificationDigests).where(eq(notificationDigests.userId, ids.reader))).length, 1);
      } finally {
        await other.close();
      }
      // The unsubscribe of a digest stops the kinds it carried.
      const token = unsubscribeToken(t.config.sessionSecret, ids.reader, 'digest-weekly');
      assert.equal((await t.app.inject({ method: 'POST', url: `/unsubscribe/${token}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 200);
      const channels = await getChannels(db, ids.reader);
      assert.equal(channels.new_contribution, 'never');
      assert.equal(channels.reply, 'immediate');
      await db.delete(follows).where(eq(follows.target, `phase:${phaseId}`));
    });

    test('a daily digest for a kind moved to it, with what was waiting; never means never', async () => {
      const db = t.app.ctx.db;
      const reader = await signIn(t.app, 'm-reader@example.org', '10.22.3.1');
      assert.equal((await reader.post('/account/notifications', { reply: 'daily', reaction: 'never' })).statusCode, 303);
      const writer = await signIn(t.app, 'm-writer@example.org', '10.22.3.2');
      assert.equal((await reader.post(`/consultations/${f.slug}/phases/1/contribute`, { title: 'Des toilettes publiques', body, kind: 'need' })).statusCode, 303);
      await t.deliverMail();
      const [mine] = await db.select({ target: follows.target }).from(follows).where(eq(follows.userId, ids.reader));
      const contributionId = Number(mine!.target.split(':')[1]);
      assert.equal((await writer.post(`/contributions/${contributionId}/comments`, { body: 'Et accessibles à tous.' }, { csrfFrom: `/contributions/${contributionId}` })).statusCode, 303);
      assert.deepEqual((await t.deliverMail()).filter((m) => m.to === 'm-reader@example.org'), [], 'reactions: never by e-mail');
      const [row] = await db.select().from(notifications).where(and(eq(notifications.userId, ids.reader), eq(notifications.kind, 'reaction')));
      assert.equal(row!.channel, 'never');
      assert.ok(row!.emailedAt, 'nothing left to send for it');
      // Changed again to daily: what is waiting follows the choice; "never" ones stay sent.
      assert.equal((await reader.post('/account/notifications', { reaction: 'daily' })).statusCode, 303);
      assert.equal((await sendDigests(t.app.ctx, 'daily', new Date(Date.now() + days(1)))).sent, 0);
    });
  });
}
