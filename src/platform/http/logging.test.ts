import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logRequest } from './logging.ts';

test('request logs never hold the secret of a link', () => {
  assert.deepEqual(logRequest({ method: 'GET', url: '/password/reset?token=abc&x=1', ip: '1.2.3.4' }), { method: 'GET', url: '/password/reset?token=…&x=1', ip: '1.2.3.4' });
  assert.equal(logRequest({ method: 'GET', url: '/verify?change=1&token=abc' }).url, '/verify?change=1&token=…');
  assert.equal(logRequest({ method: 'POST', url: '/invitations/secret-token/accept' }).url, '/invitations/…/accept');
});
