import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freshDatabase, testDatabases } from '../test/support/databases.ts';

const bin = fileURLToPath(new URL('../bin/parvis.js', import.meta.url));

function parvis(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 120_000 });
}

describe('parvis command', () => {
  test('bad arguments get a clear message and exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parvis-cli-'));
    const unknown = parvis(['frobnicate'], { PARVIS_DATA_DIR: dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    assert.match(unknown.stderr, /Usage: parvis/);
    const missing = parvis(['user:create', '--email', 'a@b.fr'], { PARVIS_DATA_DIR: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /needs --email and --password/);
    const badPort = parvis(['migrate'], { PARVIS_DATA_DIR: dir, PORT: 'abc' });
    assert.equal(badPort.status, 1);
    assert.match(badPort.stderr, /PORT must be a whole number/);
  });

  test('a second process on the same data folder stops at once with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parvis-lock-'));
    const server = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, PARVIS_DATA_DIR: dir, PORT: '0', PARVIS_DEMO: '0', LOG_LEVEL: 'warn', PARVIS_WORKERS: '0' } });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Parvis is running')) {
            clearTimeout(timer);
            resolve();
          }
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      const second = parvis(['migrate'], { PARVIS_DATA_DIR: dir });
      assert.equal(second.status, 1);
      assert.match(second.stderr, /already in use by another Parvis process \(pid \d+\)/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    // Graceful shutdown released the lock: the folder can be used again, and data survived.
    const after = parvis(['user:create', '--email', 'after@example.org', '--password', 'une phrase de passe'], { PARVIS_DATA_DIR: dir });
    assert.equal(after.status, 0, after.stderr);
  });

  for (const kind of testDatabases()) {
    test(`user:create, token:create, backup and restore on ${kind}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parvis-backup-'));
      const fresh = kind === 'postgres' ? await freshDatabase('postgres') : undefined;
      await fresh?.database.close();
      const env = { PARVIS_DATA_DIR: dir, ...(fresh?.url ? { DATABASE_URL: fresh.url } : {}) };
      try {
        const created = parvis(['user:create', '--email', 'Ops@Example.org', '--password', 'une phrase de passe', '--admin'], env);
        assert.equal(created.status, 0, created.stderr);
        assert.match(created.stdout, /Created ops@example\.org/);
        const duplicate = parvis(['user:create', '--email', 'ops@example.org', '--password', 'une phrase de passe'], env);
        assert.equal(duplicate.status, 2);
        const token = parvis(['token:create', '--email', 'ops@example.org'], env);
        assert.equal(token.status, 0, token.stderr);
        assert.match(token.stdout.trim(), /^pvs_[\w-]{40,}$/);
        const file = join(dir, 'dump.sql');
        const dumped = parvis(['backup', '--out', file], env);
        assert.equal(dumped.status, 0, dumped.stderr);
        assert.match(readFileSync(file, 'utf8'), /^-- Parvis dump/);
        assert.equal(parvis(['user:create', '--email', 'later@example.org', '--password', 'une phrase de passe'], env).status, 0);
        const restored = parvis(['restore', file], env);
        assert.equal(restored.status, 0, restored.stderr);
        // The account made after the dump is gone; the one before is back, and ids continue after the restored rows.
        assert.equal(parvis(['token:create', '--email', 'later@example.org'], env).status, 2);
        assert.equal(parvis(['token:create', '--email', 'ops@example.org'], env).status, 0);
        assert.equal(parvis(['user:create', '--email', 'again@example.org', '--password', 'une phrase de passe'], env).status, 0);
        const notADump = parvis(['restore', bin], env);
        assert.equal(notADump.status, 1);
        assert.match(notADump.stderr, /not a Parvis dump/);
      } finally {
        if (fresh) await fresh.drop().catch(() => undefined);
      }
    });
  }
});
