// Intl formatters, made once per locale and options. Each one holds some 30 kB of ICU data outside the JS heap,
// which V8 does not count towards collecting garbage: one made per formatted date kept hundreds of megabytes resident.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The language tag the views format in: British English or French. */
export const formatLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : 'fr-FR');

/**
 * French writes the first day of a month as an ordinal, "1er novembre", where Intl writes "1 novembre"; other days,
 * and dates with a numeric month ("01/11/2026"), stay as Intl writes them.
 */
class FrenchDateFormat extends Intl.DateTimeFormat {
  override format = (date?: Date | number): string => {
    const parts = this.formatToParts(date);
    const spelledMonth = parts.some((p) => p.type === 'month' && !/^[0-9]+$/.test(p.value));
    return parts.map((p) => (spelledMonth && p.type === 'day' && /^0?1$/.test(p.value) ? '1er' : p.value)).join('');
  };
}

/** A DateTimeFormat for these options; callers pass literal options, so the cache holds a handful of entries. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = locale.startsWith('fr') ? new FrenchDateFormat(locale, options) : new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A NumberFormat for these options, made once (numbers people read go through platform/numbers.ts's formatNumber). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
