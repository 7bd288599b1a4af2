// Translations: i18next with one JSON catalogue per module and language (src/locales/<lang>/<module>.json).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import i18next, { type i18n, type TOptions } from 'i18next';
import { escapeHtml } from '@kitajs/html';
import { locales, type Locale } from '../../modules/accounts/schema.ts';

const localesDir = fileURLToPath(new URL('../../locales', import.meta.url));

function loadResources(): Record<string, Record<string, object>> {
  const resources: Record<string, Record<string, object>> = {};
  for (const lang of locales) {
    resources[lang] = {};
    for (const file of readdirSync(join(localesDir, lang))) {
      if (file.endsWith('.json')) resources[lang][file.slice(0, -5)] = JSON.parse(readFileSync(join(localesDir, lang, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

export function translations(): i18n {
  if (!instance) {
    const resources = loadResources();
    instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      resources,
      lng: 'fr',
      fallbackLng: 'fr',
      supportedLngs: [...locales],
      ns: Object.keys(resources.fr ?? {}),
      defaultNS: 'common',
      // Values are escaped here; the catalogue itself is trusted HTML-free text.
      interpolation: { escapeValue: true, escape: escapeHtml },
      returnNull: false,
    });
  }
  return instance;
}

export type Vars = TOptions & Record<string, unknown>;

/** What a view uses to write text: `t` for element content (already escaped), `ta` for attributes (kita escapes them). */
export interface Translator {
  locale: Locale;
  t(key: string, vars?: Vars): JSX.Element;
  ta(key: string, vars?: Vars): string;
}

const translators = new Map<Locale, Translator>();

/** One translator per language; a text without values is looked up once, since a page asks for the same labels often. */
export function translator(locale: Locale): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const fixed = translations().getFixedT(locale);
  const plain = new Map<string, string>();
  const lookup = (key: string) => {
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = fixed(key, { interpolation: { escapeValue: false } }) as string));
    return text;
  };
  const made: Translator = {
    locale,
    // The catalogue is trusted text, so a text without values is the same escaped or not.
    t: (key, vars) => (vars ? (fixed(key, vars) as string) : lookup(key)),
    ta: (key, vars) => (vars ? (fixed(key, { ...vars, interpolation: { escapeValue: false } }) as string) : lookup(key)),
  };
  translators.set(locale, made);
  return made;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header; French when nothing matches. */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'fr';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: (tag ?? '').trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? 'fr';
}
