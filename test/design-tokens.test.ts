// The design tokens of public/css/parvis.css, read from the file: every pair of colours the stylesheet uses together
// reaches WCAG AA contrast in the light scheme and in the dark one, and the dark scheme gives every colour its own value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const css = readFileSync(new URL('../public/css/parvis.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The `--parvis-*` declarations of the first block opened by `opening` at or after `from`. */
function tokensOf(opening: string, from = 0): Map<string, string> {
  const start = css.indexOf(opening, from);
  assert.ok(start >= 0, `no ${opening} block in parvis.css`);
  const body = css.slice(start + opening.length, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--parvis-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = tokensOf(':root {');
const darkOnly = tokensOf(':root {', css.indexOf('@media (prefers-color-scheme: dark)'));
const schemes = { light, dark: new Map([...light, ...darkOnly]) };
type Scheme = keyof typeof schemes;

/** A colour token's value, following `var(--parvis-…)` references. */
function colour(scheme: Scheme, token: string): string {
  const value = schemes[scheme].get(token);
  assert.ok(value, `${token} is not declared in parvis.css (${scheme} scheme)`);
  const reference = /^var\((--parvis-[\w-]+)\)$/.exec(value);
  if (reference) return colour(scheme, reference[1]!);
  assert.match(value, /^#[0-9a-f]{6}$/i, `${token} must be a #rrggbb colour to be checked (${scheme}: ${value})`);
  return value;
}

const isColour = (value: string) => /^(#|var\(--parvis-)/.test(value) && !/-(width)$/.test(value);
const colourTokens = [...light].filter(([, value]) => isColour(value)).map(([token]) => token);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

const text = 4.5;
/** focus ring, borders and shapes that carry meaning (WCAG 1.4.11) */
const graphic = 3;

/** [foreground, background, minimum ratio, where the stylesheet puts them together] */
const pairs: [string, string, number, string][] = [
  ['--parvis-text', '--parvis-bg', text, 'body text on the page'],
  ['--parvis-text', '--parvis-surface', text, 'text in a card'],
  ['--parvis-text', '--parvis-surface-sunken', text, 'text of a flash message or notice'],
  ['--parvis-heading', '--parvis-bg', text, 'headings'],
  ['--parvis-heading', '--parvis-surface', text, 'headings in a card'],
  ['--parvis-muted', '--parvis-bg', text, 'meta lines, hints, optional marks'],
  ['--parvis-muted', '--parvis-surface', text, 'meta lines in a card'],
  ['--parvis-muted', '--parvis-surface-sunken', text, 'hints in the open menu and filter panel'],
  ['--parvis-muted', '--parvis-bg', graphic, 'outline of a secondary button'],
  ['--parvis-primary', '--parvis-bg', text, 'links'],
  ['--parvis-primary', '--parvis-surface', text, 'links in a card'],
  ['--parvis-primary', '--parvis-surface-sunken', text, 'links in the open menu, filter panel, notices'],
  ['--parvis-primary-hover', '--parvis-bg', text, 'a hovered link'],
  ['--parvis-on-primary', '--parvis-primary', text, 'a primary button'],
  ['--parvis-on-primary', '--parvis-primary-hover', text, 'a hovered primary button'],
  ['--parvis-on-accent', '--parvis-accent', text, 'the unread count on the bell'],
  ['--parvis-accent', '--parvis-bg', graphic, 'the border that marks an unread notification'],
  ['--parvis-success', '--parvis-bg', text, 'inserted text, success messages'],
  ['--parvis-success', '--parvis-surface-sunken', graphic, 'border of a success flash'],
  ['--parvis-error', '--parvis-bg', text, 'field errors, links of the error summary'],
  ['--parvis-error', '--parvis-surface', text, 'field errors in a card'],
  ['--parvis-error', '--parvis-surface-sunken', graphic, 'border of an error flash'],
  ['--parvis-primary', '--parvis-surface-sunken', graphic, 'border of a flash or notice'],
  ['--parvis-focus', '--parvis-bg', graphic, 'focus ring on the page'],
  ['--parvis-focus', '--parvis-surface', graphic, 'focus ring in a card'],
  ['--parvis-focus', '--parvis-surface-sunken', graphic, 'focus ring in the open menu or filter panel'],
  ['--parvis-focus', '--parvis-focus-halo', graphic, 'focus ring on its halo'],
  ['--parvis-inverse-text', '--parvis-inverse-bg', text, 'the skip link'],
  ['--parvis-tone-neutral-fg', '--parvis-tone-neutral-bg', text, 'a badge (kind, hidden, full…)'],
  ['--parvis-tone-neutral-fg', '--parvis-bg', text, 'an outlined badge (claimed, draft) on the page'],
  ['--parvis-tone-neutral-fg', '--parvis-surface', text, 'an outlined badge in a card'],
  ['--parvis-tone-info-fg', '--parvis-tone-info-bg', text, 'badge « À venir »'],
  ['--parvis-tone-success-fg', '--parvis-tone-success-bg', text, 'badges « Ouverte », « Retenue », « vérifiée »'],
  ['--parvis-tone-warning-fg', '--parvis-tone-warning-bg', text, 'badge « À l’étude »'],
  ['--parvis-tone-danger-fg', '--parvis-tone-danger-bg', text, 'badges « Non retenue », « Abandonné », « Annulé »'],
  ['--parvis-tone-done-fg', '--parvis-tone-done-bg', text, 'badges « Réalisée », « Attribué »'],
  ['--parvis-tone-closed-fg', '--parvis-tone-closed-bg', text, 'badges « Terminée », « Clos »'],
];

/** Colours that sit beside others without telling anything (WCAG 1.4.11 asks nothing of them). */
const decorative = ['--parvis-border'];

describe('design tokens', () => {
  for (const scheme of Object.keys(schemes) as Scheme[]) {
    test(`every pair used together reaches WCAG AA in the ${scheme} scheme`, () => {
      const failures = pairs
        .map(([fg, bg, minimum, where]) => ({ fg, bg, minimum, where, ratio: contrast(colour(scheme, fg), colour(scheme, bg)) }))
        .filter((p) => p.ratio < p.minimum)
        .map((p) => `${p.where}: ${p.fg} ${colour(scheme, p.fg)} on ${p.bg} ${colour(scheme, p.bg)} is ${p.ratio.toFixed(2)}:1, below ${p.minimum}:1`);
      assert.deepEqual(failures, []);
    });
  }

  test('the dark scheme gives every colour its own value (none is left at its light one)', () => {
    assert.deepEqual(colourTokens.filter((token) => !darkOnly.has(token)), []);
  });

  test('every colour token is checked in some pair, or is said to be decorative', () => {
    const checked = new Set(pairs.flatMap(([fg, bg]) => [fg, bg]).concat(decorative));
    assert.deepEqual(colourTokens.filter((token) => !checked.has(token)), []);
    assert.ok(colourTokens.length >= 20, `the tokens were read (${colourTokens.length})`);
  });

  test('the check tells a low contrast from a good one', () => {
    // The dark scheme's old error text, #b00020 on #181c25, measured 2.32:1 (issue 14).
    const old = contrast('#b00020', '#181c25');
    assert.ok(old > 2.3 && old < 2.34, `${old}`);
    assert.equal(contrast('#000000', '#ffffff').toFixed(0), '21');
  });
});
