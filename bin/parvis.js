#!/usr/bin/env node
// The `parvis` command. Production runs the JavaScript compiled into dist/ (`npm run build`, run at install by
// `prepare`); a checkout whose dist/ is missing or was built from other sources runs src/ through tsx instead, so
// an edit is never shadowed by an old build. `serve` says on stderr which of the two runs.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { sourceFingerprint } from './sources.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// V8 lets the old generation grow to four times what survived the last full collection on a machine with a lot of
// memory: 60 MB of live objects then sit in 250 MB of heap. 25 % keeps the heap near what is live, for a
// collection every few seconds under load at no measurable cost in throughput (docs/operations.md, Memory).
// The flag is read at each collection, so it applies when set here; one given on the command line wins.
const growing = Number(process.env.PARVIS_HEAP_GROWING_PERCENT || 25);
if (Number.isInteger(growing) && growing > 0 && !process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) {
  setFlagsFromString(`--heap-growing-percent=${growing}`);
}

function compiled() {
  const info = `${root}dist/build-info.json`;
  if (!existsSync(`${root}dist/cli.js`) || !existsSync(info)) return { current: false, why: 'dist/ is not built' };
  let built;
  try {
    built = JSON.parse(readFileSync(info, 'utf8'));
  } catch {
    return { current: false, why: 'dist/build-info.json is unreadable' };
  }
  // An installed package may ship dist/ without src/: then dist/ is all there is.
  const sources = sourceFingerprint(root);
  if (sources !== undefined && sources !== built.fingerprint) return { current: false, why: 'dist/ was built from other sources than src/' };
  return { current: true, builtAt: built.builtAt };
}

const build = compiled();
const announce = process.argv[2] === 'serve';
if (build.current) {
  if (announce) console.error(`parvis: running the compiled JavaScript in dist/ (built ${build.builtAt})`);
  await import('../dist/cli.js');
} else {
  if (announce) console.error(`parvis: running the TypeScript sources through tsx, ${build.why} (npm run build compiles it)`);
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
