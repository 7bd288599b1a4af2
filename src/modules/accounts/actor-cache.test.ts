import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorCache, credentialChangeOf } from './actor-cache.ts';
import { hashToken } from './tokens.ts';
import type { ActorResolver } from '../../platform/http/request.ts';

const env = {} as Parameters<ActorResolver>[0];

/** A resolver that counts its calls and answers a signed-in person for any secret but "unknown". */
function counting() {
  let calls = 0;
  const resolve: ActorResolver = async (_env, carried) => {
    calls++;
    const secret = carried.apiToken ?? carried.sessionToken;
    const signedIn = Boolean(secret) && secret !== 'unknown';
    return { actor: { signedIn, call: calls } as never, viaToken: Boolean(carried.apiToken) };
  };
  return { resolve, calls: () => calls };
}

test('an answer is kept per secret, and every answer is dropped when accounts change', async () => {
  const cache = new ActorCache({ quietMs: 0 });
  const source = counting();
  const resolve = cache.wrap(source.resolve);
  const first = await resolve(env, { sessionToken: 'a' });
  assert.equal(await resolve(env, { sessionToken: 'a' }), first);
  assert.equal(source.calls(), 1);
  await resolve(env, { apiToken: 'a' });
  assert.equal(source.calls(), 2, 'a token and a session with the same text are different entries');
  cache.changed(Date.now() - 1);
  assert.notEqual(await resolve(env, { sessionToken: 'a' }), first);
  assert.equal(source.calls(), 3);
});

test('nothing is kept while a change may still be committing, nor for visitors and unknown secrets', async () => {
  const cache = new ActorCache({ quietMs: 60_000 });
  const source = counting();
  const resolve = cache.wrap(source.resolve);
  cache.changed();
  await resolve(env, { sessionToken: 'a' });
  await resolve(env, { sessionToken: 'a' });
  assert.equal(source.calls(), 2, 'within the quiet time every request reads the database');

  const calm = new ActorCache({ quietMs: 0 });
  const other = counting();
  const wrapped = calm.wrap(other.resolve);
  await wrapped(env, {});
  await wrapped(env, {});
  await wrapped(env, { sessionToken: 'unknown' });
  await wrapped(env, { sessionToken: 'unknown' });
  assert.equal(other.calls(), 4);
});

test('an answer read while a change happened is not kept', async () => {
  const cache = new ActorCache({ quietMs: 0 });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const resolve = cache.wrap(async () => {
    calls++;
    if (calls === 1) await gate;
    return { actor: { signedIn: true } as never, viaToken: false };
  });
  const pending = resolve(env, { sessionToken: 'a' });
  cache.changed(Date.now() - 1);
  release();
  await pending;
  await resolve(env, { sessionToken: 'a' });
  assert.equal(calls, 2);
});

test('the statements that may change who a secret stands for are recognised, quoted or not; a sign-out names its session', () => {
  assert.deepEqual(credentialChangeOf('delete from "sessions" where "sessions"."id" = $1', ['abc']), { session: 'abc' });
  assert.equal(credentialChangeOf('delete from "sessions" where "sessions"."user_id" = $1', [7]), 'any', 'every session of an account');
  for (const statement of [
    'update "users" set "blocked_at" = $1 where "users"."id" = $2',
    'update users set password_hash = $1',
    'delete from "sessions" where "sessions"."user_id" = $1',
    'delete from api_tokens where user_id = $1',
    'insert into "memberships" ("organization_id", "user_id") values ($1, $2)',
    'update "organizations" set "verified_at" = now()',
  ])
    assert.equal(credentialChangeOf(statement, [1, 2]), 'any', statement);
  for (const statement of [
    'select * from "users"',
    'insert into "sessions" ("id", "user_id") values ($1, $2)',
    'insert into "users" ("email") values ($1)',
    'update "api_tokens" set "last_used_at" = $1 where "api_tokens"."id" = $2',
    'update "users_settings" set x = 1',
    'update "contributions" set "title" = $1',
  ])
    assert.equal(credentialChangeOf(statement, [1, 2]), undefined, statement);
});

test('a sign-out forgets its own session, not the others, and keeps nothing for it while the sign-out may commit', async () => {
  const cache = new ActorCache({ quietMs: 60_000 });
  const source = counting();
  const resolve = cache.wrap(source.resolve);
  await resolve(env, { sessionToken: 'a' });
  await resolve(env, { sessionToken: 'b' });
  assert.equal(source.calls(), 2);
  cache.apply(credentialChangeOf('delete from "sessions" where "sessions"."id" = $1', [hashToken('a')]));
  await resolve(env, { sessionToken: 'b' });
  assert.equal(source.calls(), 2, "another person's session is still kept");
  await resolve(env, { sessionToken: 'a' });
  await resolve(env, { sessionToken: 'a' });
  assert.equal(source.calls(), 4, 'the ended session is read again each time');
});
