// The number parser never changes a number: every French or English rendering reads back to it exactly, and any
// other text is refused or reads as exactly the number it writes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatNumber, parseNumber } from './numbers.ts';

const locales = ['fr', 'en'] as const;
const intlTags = { fr: ['fr-FR', 'fr'], en: ['en-GB', 'en-US'] } as const;

/** A decimal of at most 15 significant digits (what a double keeps exactly), with its exact writing. */
const decimals = fc
  .record({ negative: fc.boolean(), integer: fc.integer({ min: 0, max: 999_999_999 }), scale: fc.integer({ min: 0, max: 6 }), fraction: fc.integer({ min: 0, max: 999_999 }) })
  .map(({ negative, integer, scale, fraction }) => {
    const digits = scale === 0 ? '' : String(fraction).padStart(6, '0').slice(0, scale);
    const zero = integer === 0 && /^0*$/.test(digits);
    const decimal = `${negative && !zero ? '-' : ''}${integer}${digits ? `.${digits}` : ''}`;
    return { decimal, scale, value: Number(decimal) };
  });

/** The spaces a French person types or pastes between groups, in place of Intl's narrow no-break space. */
const groupSpace = fc.constantFrom('\u202f', '\u00a0', ' ');

describe('numbers: reading what people type', () => {
  test('the forms of the issue', () => {
    const read = (text: string, locale: string, decimals?: number) => parseNumber(text, { locale, decimals });
    assert.deepEqual(read('4,5', 'fr', 2), { ok: true, decimal: '4.5', scale: 1, value: 4.5 });
    assert.deepEqual(read('4,5', 'fr', 0), { ok: false, reason: 'integer' }, 'a whole number field refuses 4,5 rather than keep 4');
    assert.deepEqual(read('4,567', 'fr', 2), { ok: false, reason: 'decimals' });
    assert.equal((read('45,7719', 'fr', 10) as { value: number }).value, 45.7719);
    for (const text of ['50 000', '50\u00a0000', '50\u202f000', '50000', '50,000']) assert.equal((read(text, text === '50,000' ? 'en' : 'fr', 0) as { value: number }).value, 50000, text);
    assert.equal((read('1 234,56', 'fr') as { decimal: string }).decimal, '1234.56');
    assert.equal((read('1,234.56', 'fr') as { decimal: string }).decimal, '1234.56', 'an English writing reads the same for a French reader');
    assert.equal((read('-3,2', 'fr') as { decimal: string }).decimal, '-3.2');
    assert.equal((read('4.5', 'fr') as { decimal: string }).decimal, '4.5');
    // The one form both languages write, read as the reader's language writes it.
    assert.equal((read('1,234', 'fr') as { decimal: string }).decimal, '1.234');
    assert.equal((read('1,234', 'en') as { decimal: string }).decimal, '1234');
    // A French reader who means fifty thousand with a comma is stopped, not given 50.
    assert.deepEqual(read('50,000', 'fr', 0), { ok: false, reason: 'integer' });
    for (const text of ['', 'abc', '4,', '4.', '1.234.567', '1.234,56', '1,23,456', '12 34', '1  234', '4,5,6', '--3', '4 ,5', '1e5', 'Infinity', '0x10', '1,234 567'])
      assert.equal(read(text, 'fr').ok || read(text, 'en').ok, false, JSON.stringify(text));
    assert.deepEqual(read('12345678901234567890', 'fr'), { ok: false, reason: 'precision' });
  });

  test('every French or English rendering of a number reads back to it exactly', () => {
    fc.assert(
      fc.property(decimals, fc.constantFrom(...locales), fc.boolean(), fc.nat(1), groupSpace, ({ decimal, scale, value }, locale, grouping, which, space) => {
        const rendered = new Intl.NumberFormat(intlTags[locale][which], { minimumFractionDigits: scale, maximumFractionDigits: scale, useGrouping: grouping }).format(value);
        for (const text of [rendered, locale === 'fr' ? rendered.replaceAll('\u202f', space) : rendered, formatNumber(locale, value, { minDecimals: scale, maxDecimals: scale, grouping })]) {
          const read = parseNumber(text, { locale, decimals: scale });
          assert.deepEqual(read, { ok: true, decimal, scale, value }, `${JSON.stringify(text)} (${locale})`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("a rendering in the other language reads the same, but for the one form both languages write", () => {
    fc.assert(
      fc.property(decimals, fc.constantFrom(...locales), fc.boolean(), ({ decimal, scale, value }, locale, grouping) => {
        const text = formatNumber(locale, value, { minDecimals: scale, maxDecimals: scale, grouping });
        const read = parseNumber(text, { locale: locale === 'fr' ? 'en' : 'fr' });
        if (/^-?[1-9][0-9]{0,2},[0-9]{3}$/.test(text)) return;
        assert.ok(!read.ok || read.decimal === decimal, `${JSON.stringify(text)} -> ${JSON.stringify(read)}`);
      }),
      { numRuns: 1000 },
    );
  });

  test('any other text is refused, or reads as exactly the number it writes', () => {
    const alphabet = fc.constantFrom('0', '1', '2', '5', '9', '0', '3', ' ', '\u00a0', '\u202f', ',', '.', '-', '+', '\u2212', 'x', 'e');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 16 }).map((chars) => chars.join('')), fc.constantFrom(...locales), fc.integer({ min: 0, max: 4 }), (text, locale, limit) => {
        const read = parseNumber(text, { locale });
        if (!read.ok) return;
        const typed = text.trim();
        // The digits are the ones typed, in order.
        const strip = (digits: string) => digits.replace(/^0+/, '');
        assert.equal(strip(read.decimal.replace(/[^0-9]/g, '')), strip(typed.replace(/[^0-9]/g, '')), JSON.stringify(text));
        // The separator is the one the text uses as a decimal separator: a point, else a lone comma not grouping.
        const body = typed.replace(/^[+\-\u2212]/, '');
        const separator = body.includes('.') ? '.' : body.split(',').length === 2 && !(locale === 'en' && /^[1-9][0-9]{0,2},[0-9]{3}$/.test(body)) ? ',' : undefined;
        assert.equal(read.scale, separator ? body.length - body.indexOf(separator) - 1 : 0, JSON.stringify(text));
        // The sign is the one typed.
        assert.equal(read.value < 0, /^[-\u2212]/.test(typed) && read.value !== 0, JSON.stringify(text));
        // It reads back from its own rendering.
        assert.equal((parseNumber(formatNumber(locale, read.value, { minDecimals: read.scale, maxDecimals: read.scale }), { locale }) as { decimal: string }).decimal, read.decimal);
        // A field keeping fewer decimals refuses it rather than round it.
        const limited = parseNumber(text, { locale, decimals: limit });
        if (read.scale > limit) assert.deepEqual(limited, { ok: false, reason: limit === 0 ? 'integer' : 'decimals' });
        else assert.deepEqual(limited, read);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('numbers: writing them for the reader', () => {
  test("French and English forms, with French typography's narrow no-break space", () => {
    assert.equal(formatNumber('fr', 4.3, { minDecimals: 2 }), '4,30');
    assert.equal(formatNumber('en', 4.3, { minDecimals: 2 }), '4.30');
    assert.equal(formatNumber('fr', 50000), '50\u202f000');
    assert.equal(formatNumber('en', 50000), '50,000');
    assert.equal(formatNumber('fr', '4.50', { maxDecimals: 2 }), '4,5');
    assert.equal(formatNumber('fr', 1234, { grouping: false }), '1234');
  });
});
