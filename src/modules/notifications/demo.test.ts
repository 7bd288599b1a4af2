// The demo's notifications: the demo people follow things, find unread notifications in their bell and a digest
// waiting for Monday; idempotent; the notification pages are valid HTML for a demo person.
import assert from 'node:assert/strict';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from '../../../test/support/html-validator.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { demoPassword } from '../accounts/demo.ts';
import { users } from '../accounts/schema.ts';
import { seedDemo } from '../demo.ts';
import { follows, notifications } from './schema.ts';

for (const kind of testDatabases()) {
  describe(`demo notifications on ${kind}`, () => {
    let t: TestApp;
    let thomas: Browser;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      await seedDemo(t.app.ctx);
      thomas = new Browser(t.app, '10.23.0.1');
      assert.equal((await thomas.post('/login', { email: 'thomas.petit@example.org', password: demoPassword, next: '/' })).statusCode, 303);
    });
    after(() => t.close());

    const idOf = async (email: string) => (await t.app.ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

    test('demo people follow things, have unread notifications and a weekly digest waiting; nothing is mailed at start', async () => {
      const db = t.app.ctx.db;
      for (const email of ['thomas.petit@example.org', 'lea.moreau@mobilcity.example', 'marie.dupont@lyon.example']) {
        const id = await idOf(email);
        const [followed] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(follows).where(eq(follows.userId, id));
        const [unread] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(and(eq(notifications.userId, id), isNull(notifications.readAt)));
        assert.ok(followed!.n > 0, `${email} follows something`);
        assert.ok(unread!.n > 0, `${email} has unread notifications`);
      }
      const [waiting] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(and(eq(notifications.userId, await idOf('thomas.petit@example.org')), eq(notifications.channel, 'weekly'), isNull(notifications.emailedAt)));
      assert.ok(waiting!.n > 0, 'a weekly digest is waiting for Thomas');
      assert.deepEqual(await t.deliverMail(), [], 'the demo mails nobody at start');
    });

    test('the bell, the list, what I follow and the settings: valid HTML with the demo data', async () => {
      const home = await thomas.get('/');
      assert.match(home.body, /class="bell-count"/);
      for (const url of ['/notifications', '/notifications?unread=1', '/following', '/account/notifications']) {
        const page = await thomas.get(url);
        assert.equal(page.statusCode, 200, url);
        const report = await validator.validateString(page.body);
        assert.ok(report.valid, `${url}: ${JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message)))}`);
      }
      assert.match((await thomas.get('/notifications')).body, /Léa Moreau a commenté votre contribution/);
    });
  });
}
