// Field messages of this module live in its own catalogues, under "validation"; the form components read every
// field message from the shared `validation:` namespace, so they are added there, as `validation:organizations.*`.
import { locales } from '../accounts/schema.ts';
import { translations } from '../../platform/http/i18n.ts';

let done = false;

export function registerFieldMessages(): void {
  if (done) return;
  const i18n = translations();
  for (const lang of locales) {
    const own = (i18n.getResourceBundle(lang, 'organizations') as { validation?: object } | undefined)?.validation;
    if (own) i18n.addResourceBundle(lang, 'validation', { organizations: own }, true, false);
  }
  done = true;
}
