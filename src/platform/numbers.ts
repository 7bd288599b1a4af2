// Numbers people type, read exactly as they wrote them, in French or in English — "4,5", "50 000", "1 234,56",
// "4.5", "50,000", "1,234.56" — and numbers shown in the reader's language. A number is never rounded or cut to fit
// a field: what does not fit is refused with a reason, so nobody's "4,5" is ever stored as 4.
import type { FieldError, FieldErrors } from './errors.ts';
import { formatLocale, numberFormat } from './intl.ts';

/** What a typed number reads as: its exact decimal writing ("-1234.50"), the digits typed after the separator, and
 * the JavaScript number, which is the same value (the reading is refused otherwise). */
export interface ExactNumber {
  ok: true;
  decimal: string;
  scale: number;
  value: number;
}

export type NumberRefusal =
  /** not a number written in French or English */
  | 'invalid'
  /** a whole number is expected and decimals were typed */
  | 'integer'
  /** more decimals were typed than the field keeps */
  | 'decimals'
  /** more significant digits than a number keeps exactly */
  | 'precision';

export type NumberReading = ExactNumber | { ok: false; reason: NumberRefusal };

/** Group separators people type or paste: a space, a non-breaking space, the narrow one French typography uses. */
const spaces = /[ \u00a0\u202f]/;
const allowed = /^[+\-\u2212]?[0-9 \u00a0\u202f,.]+$/;
/** "1,234": a lone comma, then exactly three digits — English grouping or a French decimal, depending on who writes. */
const ambiguous = /^[1-9][0-9]{0,2},[0-9]{3}$/;

const refuse = (reason: NumberRefusal): NumberReading => ({ ok: false, reason });

/** Groups of three digits after a first group of one to three, split by one separator character each time. */
function ungroup(integer: string, separator: RegExp | string): string | undefined {
  const groups = integer.split(separator);
  if (groups.length === 1) return /^[0-9]*$/.test(integer) ? integer : undefined;
  const [first, ...rest] = groups;
  if (!/^[0-9]{1,3}$/.test(first!) || !rest.every((g) => /^[0-9]{3}$/.test(g))) return undefined;
  return groups.join('');
}

/** Splits a number's body into its integer digits and its fraction digits, or nothing when it is not one. */
function digitsOf(body: string, locale: string): [string, string] | undefined {
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  const spaced = spaces.test(body);
  if (dots > 1) return undefined; // "1.234.567": a grouping neither French nor English writes
  let integer: string, fraction: string, separator: RegExp | string;
  if (dots === 1) {
    // English decimal point, grouped by commas ("1,234.56") or by spaces ("1 234.56"), never both.
    if (commas > 0 && spaced) return undefined;
    [integer, fraction] = body.split('.') as [string, string];
    separator = commas > 0 ? ',' : spaces;
  } else if (commas > 1 || (commas === 1 && !spaced && ambiguous.test(body) && locale === 'en')) {
    // English grouping without decimals: "1,234,567"; a lone "1,234" only for an English reader.
    if (spaced) return undefined;
    [integer, fraction] = [body, ''];
    separator = ',';
  } else if (commas === 1) {
    // A French decimal comma, grouped by spaces or not: "4,5", "1 234,56", and "1,234" for a French reader.
    [integer, fraction] = body.split(',') as [string, string];
    separator = spaces;
  } else {
    [integer, fraction] = [body, ''];
    separator = spaces;
  }
  if ((dots === 1 || (commas === 1 && separator === spaces)) && fraction === '') return undefined; // "4," or "4."
  if (!/^[0-9]*$/.test(fraction)) return undefined; // no grouping after the separator
  const whole = ungroup(integer, separator);
  if (whole === undefined || (whole === '' && fraction === '')) return undefined;
  return [whole, fraction];
}

/**
 * Reads a number as typed, for a reader of this locale ("fr" or "en"), keeping at most `decimals` digits after the
 * separator (none for a whole number). The one form French and English read differently, a lone comma followed by
 * exactly three digits ("1,234"), is read as the reader's language writes it (see docs/decisions.md).
 */
export function parseNumber(input: string, options: { locale: string; decimals?: number }): NumberReading {
  const text = input.trim();
  if (text.length === 0 || text.length > 40 || !allowed.test(text)) return refuse('invalid');
  const negative = /^[-\u2212]/.test(text);
  const body = /^[+\-\u2212]/.test(text) ? text.slice(1) : text;
  const digits = digitsOf(body, options.locale === 'en' ? 'en' : 'fr');
  if (!digits) return refuse('invalid');
  const [whole, fraction] = digits;
  const decimals = options.decimals ?? Infinity;
  if (fraction.length > decimals) return refuse(decimals === 0 ? 'integer' : 'decimals');
  const integer = whole.replace(/^0+(?=[0-9])/, '') || '0';
  const zero = /^0*$/.test(integer + fraction);
  const decimal = `${negative && !zero ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
  const value = Number(decimal);
  // The number must be the decimal itself: written back with as many decimals, it gives the same digits.
  if (value.toFixed(fraction.length) !== decimal) return refuse('precision');
  return { ok: true, decimal, scale: fraction.length, value };
}

/** The message of a refusal, in the `validation:` catalogue. */
export function refusalMessage(reason: NumberRefusal, decimals: number): FieldError {
  return reason === 'decimals' ? { key: 'validation:numbers.decimals', values: { count: decimals } } : { key: `validation:numbers.${reason}` };
}

/**
 * Reads the named fields of a form (each with the decimals it keeps) into numbers. A field that reads stays its
 * number, for the schema to check its range; one that does not keeps its text and gets its message.
 */
export function readNumberFields(body: unknown, fields: Record<string, number>, locale: string): { values: Record<string, unknown>; errors: FieldErrors } {
  const values: Record<string, unknown> = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  const errors: FieldErrors = {};
  for (const [name, decimals] of Object.entries(fields)) {
    const raw = values[name];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const read = parseNumber(raw, { locale, decimals });
    if (read.ok) values[name] = read.value;
    else errors[name] = refusalMessage(read.reason, decimals);
  }
  return { values, errors };
}

/** A share in the reader's language, whole percents: "45 %" (narrow no-break space) in French, "45%" in English. */
export function formatPercent(locale: string, share: number): string {
  return numberFormat(formatLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Stored numbers shown back in a form as the reader writes them ("45,7719", "50 000"), so they read again unchanged. */
export function formatNumberFields(values: Record<string, unknown>, fields: Record<string, number>, locale: string): Record<string, unknown> {
  const shown = { ...values };
  for (const [name, decimals] of Object.entries(fields)) {
    const value = shown[name];
    if (typeof value === 'number') shown[name] = formatNumber(locale, value, { maxDecimals: decimals, grouping: decimals === 0 });
  }
  return shown;
}

export interface NumberStyle {
  /** digits always shown after the separator ("4,30"); none by default */
  minDecimals?: number;
  /** digits at most after the separator, rounding only what is shown; 20 (all of them) by default */
  maxDecimals?: number;
  /** "50 000" (the default) or "50000" */
  grouping?: boolean;
}

/** A number in the reader's language: "4,30" and "50 000" (narrow no-break space) in French, "4.30" and "50,000" in English. */
export function formatNumber(locale: string, value: number | string, style: NumberStyle = {}): string {
  const minimumFractionDigits = style.minDecimals ?? 0;
  return numberFormat(formatLocale(locale), {
    minimumFractionDigits,
    maximumFractionDigits: Math.max(minimumFractionDigits, style.maxDecimals ?? 20),
    useGrouping: style.grouping ?? true,
  }).format(Number(value));
}
