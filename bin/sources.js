// The fingerprint of what dist/ is compiled from: every source under src/ but the tests, and the compiler settings.
// The build writes it into dist/build-info.json; bin/parvis.js runs dist/ only when src/ still has the same one.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const isTest = (name) => /\.test\.tsx?$/.test(name);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() && !isTest(entry.name) ? [path] : [];
  });
}

/** sha256 over the relative path and content of each file, in a stable order; undefined when there is no src/. */
export function sourceFingerprint(root) {
  const src = join(root, 'src');
  if (!existsSync(src)) return undefined;
  const files = [...walk(src), ...['tsconfig.json', 'tsconfig.build.json'].map((name) => join(root, name)).filter((path) => existsSync(path))];
  const hash = createHash('sha256');
  for (const path of files.map((file) => relative(root, file).split(sep).join('/')).sort()) {
    hash.update(path).update('\0').update(readFileSync(join(root, path))).update('\0');
  }
  return hash.digest('hex');
}
