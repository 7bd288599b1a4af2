// The demo's moderation: the moderator demo account finds a live queue (open reports, one item hidden automatically
// by three reports), a comment hidden with its reason, a blocked spam account with its content hidden; idempotent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { demoPassword } from '../accounts/demo.ts';
import { users } from '../accounts/schema.ts';
import { seedDemo } from '../demo.ts';
import { moderationItems } from './schema.ts';

for (const kind of testDatabases()) {
  describe(`demo moderation on ${kind}`, () => {
    let t: TestApp;
    let moderator: Browser;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      await seedDemo(t.app.ctx);
      moderator = new Browser(t.app, '10.24.0.1');
      assert.equal((await moderator.post('/login', { email: 'moderation@parvis.example', password: demoPassword, next: '/' })).statusCode, 303);
    });
    after(() => t.close());

    test('the moderator sees a live queue; one item hidden by its reports, one by a moderator with its reason; a spam account blocked', async () => {
      const queue = (await moderator.get('/api/v1/moderation/items')).json();
      assert.ok(queue.total >= 2);
      const automatic = queue.items.filter((i: { hiddenAutomatically: boolean; openReports: number }) => i.hiddenAutomatically && i.openReports >= 3);
      assert.equal(automatic.length, 1);
      const hidden = await t.app.ctx.db.select().from(moderationItems).where(isNotNull(moderationItems.hiddenReason));
      assert.ok(hidden.some((h) => h.hiddenReason?.startsWith('Hors sujet') && !h.hiddenByBlock));
      assert.ok(hidden.filter((h) => h.hiddenByBlock).length >= 2);
      const [spam] = await t.app.ctx.db.select({ blockedAt: users.blockedAt }).from(users).where(eq(users.email, 'promo-express@spam.example'));
      assert.ok(spam?.blockedAt);
      const [count] = await t.app.ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users).where(eq(users.email, 'promo-express@spam.example'));
      assert.equal(count!.n, 1);
      const page = await moderator.get('/moderation');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Ce projet est nul/);
      assert.deepEqual(await t.deliverMail(), [], 'the demo mails nobody at start');
    });
  });
}
