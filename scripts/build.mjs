// `npm run build` (and `prepare`, so `npm ci` in a checkout builds too): compiles src/ to dist/ with
// tsconfig.build.json, copies the translation catalogues beside the code that reads them, and records the
// sources' fingerprint so that bin/parvis.js runs dist/ only while it matches src/.
// Migrations and public/ are read from the package root at run time, so they are not copied.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFingerprint } from '../bin/sources.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const partial = join(root, 'dist.partial');

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // An install without devDependencies (npm ci --omit=dev) has no compiler: the server then runs the sources with tsx.
  console.warn('parvis build: TypeScript is not installed, dist/ not built; bin/parvis.js will run src/ through tsx.');
  process.exit(0);
}

// Taken before compiling: a source edited during the build makes the fingerprint stale, never wrongly current.
const fingerprint = sourceFingerprint(root);
rmSync(partial, { recursive: true, force: true });
const started = Date.now();
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', partial], { stdio: 'inherit' });
if (compiled.status !== 0) {
  rmSync(partial, { recursive: true, force: true });
  console.error(`parvis build: tsc failed (exit ${compiled.status ?? compiled.signal}); dist/ left as it was.`);
  process.exit(1);
}
// src/platform/http/i18n.ts reads ../../locales from its own folder: dist/locales for dist/platform/http/i18n.js.
cpSync(join(root, 'src/locales'), join(partial, 'locales'), { recursive: true });
writeFileSync(join(partial, 'build-info.json'), `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2)}\n`);
// The swap leaves at most a moment without dist/, during which bin/parvis.js runs the sources.
rmSync(dist, { recursive: true, force: true });
renameSync(partial, dist);
console.log(`parvis build: dist/ compiled from src/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (!existsSync(join(dist, 'cli.js'))) {
  console.error('parvis build: dist/cli.js is missing after the build');
  process.exit(1);
}
