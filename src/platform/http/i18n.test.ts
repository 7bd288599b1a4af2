import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { negotiateLocale, translations, translator } from './i18n.ts';

const src = fileURLToPath(new URL('../..', import.meta.url));

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  test('French and English catalogues have the same keys', () => {
    const { fr, en } = translations().options.resources as Record<string, Record<string, object>>;
    for (const ns of new Set([...Object.keys(fr!), ...Object.keys(en!)])) {
      const strip = (k: string) => k.replace(/_(one|other|zero|two|few|many)$/, '');
      assert.deepEqual(new Set(keys(en![ns] ?? {}).map(strip)), new Set(keys(fr![ns] ?? {}).map(strip)), `namespace ${ns}`);
    }
  });

  test('every literal key the code uses exists', () => {
    const i18n = translations();
    const missing: string[] = [];
    for (const file of sources(src)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bta?\('([\w.:-]+)'/g)) {
        const key = match[1]!;
        const [ns, path] = key.includes(':') ? key.split(':') : ['common', key];
        if (!i18n.exists(`${ns}:${path}`, { lng: 'fr' }) && !i18n.exists(`${ns}:${path}_other`, { lng: 'fr' })) missing.push(`${file.slice(src.length)}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('interpolated values are escaped for element content, not for attributes', () => {
    const { t, ta } = translator('fr');
    assert.equal(t('admin:users.roleOf', { name: '<b>Zoé</b>' }), 'Rôle de &lt;b>Zoé&lt;/b>');
    assert.equal(ta('admin:users.roleOf', { name: '<b>Zoé</b>' }), 'Rôle de <b>Zoé</b>');
  });

  test('the language follows Accept-Language among fr and en, French otherwise', () => {
    assert.equal(negotiateLocale('en-GB,en;q=0.9,fr;q=0.8'), 'en');
    assert.equal(negotiateLocale('de-DE,fr;q=0.5,en;q=0.4'), 'fr');
    assert.equal(negotiateLocale('de,es'), 'fr');
    assert.equal(negotiateLocale(undefined), 'fr');
    assert.equal(negotiateLocale('en;q=0,fr;q=0.1'), 'fr');
  });
});
