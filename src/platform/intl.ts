// Intl formatters, made once per locale and options. Each one holds some 30 kB of ICU data outside the JS heap,
// which V8 does not count towards collecting garbage: one made per formatted date kept hundreds of megabytes resident.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The language tag the views format in: British English or French. */
export const formatLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : 'fr-FR');

/** A DateTimeFormat for these options; callers pass literal options, so the cache holds a handful of entries. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
