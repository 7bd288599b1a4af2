import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { startProConnect, type FakeProConnect } from '../../../test/support/oidc-provider.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { cookieName } from '../../platform/http/cookies.ts';
import { consents, users } from './schema.ts';
import { charterVersion } from './service.ts';

const publicUrl = 'http://parvis.test';

for (const kind of testDatabases()) {
  describe(`sign-in with ProConnect on ${kind}`, () => {
    let idp: FakeProConnect;
    let t: TestApp;
    let ip = 0;
    before(async () => {
      idp = await startProConnect({ appUrl: publicUrl });
      t = await testApp(kind, { publicUrl, proconnect: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret } });
    });
    after(async () => {
      await t.close();
      await idp.close();
    });

    const browser = () => new Browser(t.app, `10.20.0.${++ip}`);
    const userBy = async (email: string) => (await t.app.ctx.db.select().from(users).where(eq(users.email, email)))[0];
    const userCount = async () => (await t.app.ctx.db.select({ n: count() }).from(users))[0]!.n;
    const signedIn = async (b: Browser) => (await b.get('/account')).statusCode === 200;

    /** Leaves for ProConnect from the app and returns the provider's authorization URL. */
    async function leave(b: Browser, next?: string): Promise<string> {
      const response = await b.get(next === undefined ? '/auth/proconnect' : `/auth/proconnect?next=${encodeURIComponent(next)}`);
      assert.equal(response.statusCode, 303);
      return response.headers.location as string;
    }
    async function proconnect(b: Browser, sub: string, next?: string) {
      const back = await idp.authorize(await leave(b, next), { sub });
      return b.get(back.pathname + back.search);
    }

    test('asks ProConnect for its scopes, eidas1, PKCE S256, a state and a nonce', async () => {
      const url = new URL(await leave(browser()));
      assert.ok(url.href.startsWith(idp.issuer));
      const q = url.searchParams;
      assert.equal(q.get('scope'), 'openid email given_name usual_name siret uid');
      assert.equal(q.get('acr_values'), 'eidas1');
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.equal(q.get('redirect_uri'), `${publicUrl}/auth/proconnect/callback`);
      for (const name of ['state', 'nonce', 'code_challenge']) assert.ok((q.get(name) ?? '').length >= 32, name);
    });

    test('a new person gets a verified account without password, the charter recorded, and is signed in', async () => {
      idp.accounts.set('sub-marie', { email: 'Marie.Curie@Example.gouv.fr', given_name: 'Marie', usual_name: 'Curie', siret: '21690123100011', uid: '1' });
      const b = browser();
      const back = await proconnect(b, 'sub-marie');
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, '/');
      assert.ok(b.cookies.has(cookieName(t.config, 'session')));
      assert.ok(!b.cookies.has(cookieName(t.config, 'oidc')), 'the pending sign-in is used up');
      const account = await b.get('/account');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Marie Curie/);
      const user = (await userBy('marie.curie@example.gouv.fr'))!;
      assert.equal(user.proconnectSub, 'sub-marie');
      assert.ok(user.emailVerifiedAt);
      assert.equal(user.passwordHash, null);
      const recorded = await t.app.ctx.db.select().from(consents).where(eq(consents.userId, user.id));
      assert.deepEqual(recorded.map((c) => [c.kind, c.version, c.accepted]), [['charter', charterVersion, true]]);
    });

    test('an unproven account with the same e-mail is linked but loses what its registrant set up', async () => {
      const id = await makeUser(t.app, 'guet@example.gouv.fr');
      const lurker = await signIn(t.app, 'guet@example.gouv.fr', '10.20.1.2');
      await t.app.ctx.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, id));
      idp.accounts.set('sub-guet', { email: 'guet@example.gouv.fr', given_name: 'Vraie', usual_name: 'Personne' });
      const b = browser();
      assert.equal((await proconnect(b, 'sub-guet')).statusCode, 303);
      const user = (await userBy('guet@example.gouv.fr'))!;
      assert.equal(user.id, id);
      assert.equal(user.passwordHash, null, 'the password set by whoever registered the address is gone');
      assert.equal((await lurker.get('/account')).statusCode, 303, 'their session is gone');
      assert.ok(await signedIn(b));
    });

    test('an existing password account with the same e-mail is linked, verified, not duplicated', async () => {
      const id = await makeUser(t.app, 'paul.agent@example.gouv.fr');
      idp.accounts.set('sub-paul', { email: 'PAUL.Agent@example.gouv.fr', given_name: 'Paul', usual_name: 'Agent' });
      const before = await userCount();
      const b = browser();
      assert.equal((await proconnect(b, 'sub-paul')).statusCode, 303);
      assert.equal(await userCount(), before);
      const user = (await userBy('paul.agent@example.gouv.fr'))!;
      assert.equal(user.id, id);
      assert.equal(user.proconnectSub, 'sub-paul');
      assert.ok(user.emailVerifiedAt);
      assert.ok(await signedIn(b));
      // The password still works: ProConnect is one more way in, not a replacement.
      assert.ok(await signedIn(await signIn(t.app, 'paul.agent@example.gouv.fr', '10.20.1.1')));
    });

    test('a second sign-in finds the account by sub even after the e-mail changed at ProConnect', async () => {
      idp.accounts.set('sub-lea', { email: 'lea@example.gouv.fr', given_name: 'Léa', usual_name: 'Martin' });
      await proconnect(browser(), 'sub-lea');
      const first = (await userBy('lea@example.gouv.fr'))!;
      idp.accounts.set('sub-lea', { email: 'lea.martin@autre.gouv.fr', given_name: 'Léa', usual_name: 'Martin' });
      const before = await userCount();
      const b = browser();
      assert.equal((await proconnect(b, 'sub-lea')).statusCode, 303);
      assert.equal(await userCount(), before);
      assert.equal(await userBy('lea.martin@autre.gouv.fr'), undefined);
      assert.match((await b.get('/account')).body, /lea@example\.gouv\.fr/);
      assert.equal((await userBy('lea@example.gouv.fr'))!.id, first.id);
    });

    test('a wrong state, a missing or replayed pending sign-in: 400, nothing written, no session', async () => {
      idp.accounts.set('sub-eve', { email: 'eve@example.gouv.fr', given_name: 'Ève', usual_name: 'Durand' });
      const before = await userCount();
      const b = browser();
      const back = await idp.authorize(await leave(b), { sub: 'sub-eve' });
      const tampered = new URLSearchParams(back.search);
      tampered.set('state', 'not-the-state');
      const wrong = await b.get(`${back.pathname}?${tampered}`);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /n'a pas pu être vérifiée/);
      // The pending sign-in was used up by the wrong answer, so the right one no longer counts either.
      assert.equal((await b.get(back.pathname + back.search)).statusCode, 400);
      const elsewhere = browser();
      const stolen = await elsewhere.get(back.pathname + back.search);
      assert.equal(stolen.statusCode, 400);
      assert.match(stolen.body, /a expiré/);
      assert.equal(await userCount(), before);
      assert.ok(!(await signedIn(b)) && !(await signedIn(elsewhere)));
    });

    test('a sign-in refused at ProConnect shows a clear page', async () => {
      const before = await userCount();
      const b = browser();
      const back = await idp.authorize(await leave(b), { deny: true });
      assert.equal(back.searchParams.get('error'), 'access_denied');
      const page = await b.get(back.pathname + back.search);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /<h1>Connexion avec ProConnect interrompue<\/h1>/);
      assert.match(page.body, /href="\/login"/);
      assert.equal(await userCount(), before);
      assert.ok(!(await signedIn(b)));
    });

    test('a blocked account cannot sign in, whether found by e-mail or by sub', async () => {
      const id = await makeUser(t.app, 'bloque@example.gouv.fr');
      await t.app.ctx.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, id));
      idp.accounts.set('sub-blocked', { email: 'bloque@example.gouv.fr', given_name: 'Bob', usual_name: 'Bloqué' });
      const b = browser();
      const refused = await proconnect(b, 'sub-blocked');
      assert.equal(refused.statusCode, 403);
      assert.equal((await userBy('bloque@example.gouv.fr'))!.proconnectSub, null, 'not linked');
      assert.ok(!(await signedIn(b)));

      idp.accounts.set('sub-later', { email: 'later-blocked@example.gouv.fr', given_name: 'Lou', usual_name: 'Tard' });
      await proconnect(browser(), 'sub-later');
      await t.app.ctx.db.update(users).set({ blockedAt: new Date() }).where(eq(users.email, 'later-blocked@example.gouv.fr'));
      const again = browser();
      assert.equal((await proconnect(again, 'sub-later')).statusCode, 403);
      assert.ok(!(await signedIn(again)));
    });

    test('sign-out ends the session here and sends the browser to ProConnect with the ID token as hint', async () => {
      idp.accounts.set('sub-out', { email: 'out@example.gouv.fr', given_name: 'Olga', usual_name: 'Sortie' });
      const b = browser();
      await proconnect(b, 'sub-out');
      const csrf = await b.csrf('/account');
      const out = await b.post('/auth/proconnect/logout', {}, { csrf });
      assert.equal(out.statusCode, 303);
      const location = new URL(out.headers.location as string);
      assert.ok(location.href.startsWith(idp.issuer));
      assert.equal(location.searchParams.get('post_logout_redirect_uri'), `${publicUrl}/`);
      assert.ok(location.searchParams.get('state'));
      assert.equal(location.searchParams.get('id_token_hint')?.split('.').length, 3);
      assert.ok(!(await signedIn(b)));
      assert.ok(!b.cookies.has(cookieName(t.config, 'oidc-id')));
      // ProConnect accepts the hint: it asks to confirm the sign-out instead of answering an error.
      const atProvider = await fetch(location, { redirect: 'manual' });
      assert.equal(atProvider.status, 200);
      assert.match(await atProvider.text(), /logout/i);
    });

    test('sign-out of a password session is a plain sign-out', async () => {
      await makeUser(t.app, 'password-only@example.org');
      const b = await signIn(t.app, 'password-only@example.org', '10.20.1.2');
      const out = await b.post('/auth/proconnect/logout', {}, { csrfFrom: '/account' });
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/');
      assert.ok(!(await signedIn(b)));
    });

    test('next brings the person back to a page of this site, never elsewhere', async () => {
      idp.accounts.set('sub-next', { email: 'next@example.gouv.fr', given_name: 'Nina', usual_name: 'Suite' });
      assert.equal((await proconnect(browser(), 'sub-next', '/organizations?page=2')).headers.location, '/organizations?page=2');
      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
        assert.equal((await proconnect(browser(), 'sub-next', next)).headers.location, '/', next);
      }
    });

    test('a pending sign-in tampered with in the cookie is refused', async () => {
      const b = browser();
      const back = await idp.authorize(await leave(b), { sub: 'sub-next' });
      const name = cookieName(t.config, 'oidc');
      // One character of the content changed, the signature kept: it no longer matches.
      const value = b.cookies.get(name)!;
      b.cookies.set(name, `${value.slice(0, 20)}${value[20] === 'a' ? 'b' : 'a'}${value.slice(21)}`);
      assert.equal((await b.get(back.pathname + back.search)).statusCode, 400);
      assert.ok(!(await signedIn(b)));
    });

    test('the sign-in and registration pages offer ProConnect, with the charter, when it is configured', async () => {
      const login = await browser().get('/login?next=/organizations');
      assert.match(login.body, /href="\/auth\/proconnect\?next=%2Forganizations"/);
      assert.match(login.body, /S&#39;identifier avec ProConnect|S'identifier avec ProConnect/);
      assert.match(login.body, /vous acceptez la <a href="\/pages\/charter">/);
      assert.match((await browser().get('/register')).body, /href="\/auth\/proconnect"/);

      const plain = await testApp(kind);
      try {
        const visitor = new Browser(plain.app);
        assert.doesNotMatch((await visitor.get('/login')).body, /proconnect/i);
        assert.doesNotMatch((await visitor.get('/register')).body, /proconnect/i);
        assert.equal((await visitor.get('/auth/proconnect')).statusCode, 404);
      } finally {
        await plain.close();
      }
    });
  });

  describe(`ProConnect unreachable on ${kind}`, () => {
    test('the app starts, and signing in with ProConnect shows a clear page, not an error 500', async () => {
      // A port that was just free: nothing answers there.
      const probe = createServer();
      await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((done) => probe.close(() => done()));
      const t = await testApp(kind, { publicUrl, proconnect: { issuer: `http://127.0.0.1:${port}`, clientId: 'x', clientSecret: 'y' } });
      try {
        const page = await new Browser(t.app).get('/auth/proconnect');
        assert.equal(page.statusCode, 503);
        assert.match(page.body, /<h1>ProConnect est momentanément indisponible<\/h1>/);
        assert.match(page.body, /href="\/login"/);
      } finally {
        await t.close();
      }
    });
  });
}

