// The one-click unsubscribe link, tried the ways a link goes wrong: someone else's token, another kind's, a tampered
// signature, one signed with the server's former secret, one for an account deleted since, malformed ones. Each is
// refused with a page saying so (no 500), by GET and by the mail client's POST, and changes nothing; the right one works
// without signing in and stops that kind only, for that person only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser } from '../../../test/support/roles.ts';
import { now } from '../../platform/clock.ts';
import { users } from '../accounts/schema.ts';
import { notificationSettings } from './schema.ts';
import { getChannels, unsubscribeToken } from './settings.ts';

const oneClick = { payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };

for (const kind of testDatabases()) {
  describe(`unsubscribe tokens, on ${kind}`, () => {
    let t: TestApp;
    let ids: Record<'alice' | 'bruno' | 'gone', number>;
    let secret: string;
    before(async () => {
      t = await testApp(kind);
      secret = t.config.sessionSecret;
      ids = { alice: await makeUser(t.app, 'un-alice@example.org'), bruno: await makeUser(t.app, 'un-bruno@example.org'), gone: await makeUser(t.app, 'un-gone@example.org') };
      await t.app.ctx.db.update(users).set({ deletedAt: now() }).where(eq(users.id, ids.gone));
    });
    after(() => t.close());

    const settingsRows = async () => (await t.app.ctx.db.select().from(notificationSettings)).length;
    const tryBoth = async (path: string) => [await t.app.inject({ method: 'GET', url: path }), await t.app.inject({ method: 'POST', url: path, ...oneClick })];

    test('refused, with a page that says so, and nothing changed', async () => {
      const alices = unsubscribeToken(secret, ids.alice, 'reply');
      const [, , signature] = alices.split('.');
      const refused: Record<string, string> = {
        "someone else's token": `${ids.bruno}.reply.${signature}`,
        "another kind's token": `${ids.alice}.reaction.${signature}`,
        'a digest for a kind': `${ids.alice}.digest-weekly.${signature}`,
        'a tampered signature': `${ids.alice}.reply.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`,
        'signed with a former secret': unsubscribeToken('a-former-secret-of-this-server-xxxxxxxxx', ids.alice, 'reply'),
        'an account deleted since': unsubscribeToken(secret, ids.gone, 'reply'),
        'an account that never was': unsubscribeToken(secret, 2_000_000_000, 'reply'),
        'a kind that does not exist': unsubscribeToken(secret, ids.alice, 'everything' as never),
        'cut short': alices.slice(0, -5),
        'no signature': `${ids.alice}.reply`,
        'garbage': 'garbage',
        'an id out of range': `99999999999.reply.${signature}`,
        'encoded nonsense': '%E2%80%AE%00%3Cscript%3E',
        'a path': '..%2F..%2Fadmin',
      };
      for (const [what, token] of Object.entries(refused)) {
        for (const response of await tryBoth(`/unsubscribe/${token}`)) {
          assert.equal(response.statusCode, 404, `${what} (${response.statusCode})`);
          assert.match(response.body, /Lien de désabonnement non valable/, what);
          assert.match(response.body, /Rien n(?:'|&#39;|&#x27;)a été changé/, what);
          assert.doesNotMatch(response.body, /<form method="post" action="\/unsubscribe/, `${what}: no button to press`);
        }
      }
      // Longer than any route parameter may be: the router refuses it before the page (414), never a 500.
      for (const response of await tryBoth(`/unsubscribe/${alices}${'x'.repeat(200)}`)) assert.equal(response.statusCode, 414);
      assert.equal(await settingsRows(), 0, 'no setting written for anyone');
      assert.equal((await getChannels(t.app.ctx.db, ids.alice)).reply, 'immediate');
    });

    test('the right token, without signing in: a GET asks, the POST stops that kind for that person only', async () => {
      const path = `/unsubscribe/${unsubscribeToken(secret, ids.alice, 'reply')}`;
      const asked = await t.app.inject({ method: 'GET', url: path });
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, new RegExp(`<form method="post" action="${path}">`));
      assert.equal(await settingsRows(), 0, 'a GET changes nothing');
      const done = await t.app.inject({ method: 'POST', url: path, ...oneClick });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /role="status"/);
      const alice = await getChannels(t.app.ctx.db, ids.alice);
      assert.equal(alice.reply, 'never');
      assert.equal(alice.reaction, 'immediate', 'her other kinds keep their choice');
      assert.equal((await getChannels(t.app.ctx.db, ids.bruno)).reply, 'immediate', 'other people keep theirs');
      // Twice is the same as once.
      assert.equal((await t.app.inject({ method: 'POST', url: path, ...oneClick })).statusCode, 200);
      assert.equal((await getChannels(t.app.ctx.db, ids.alice)).reply, 'never');
    });
  });
}
