// Charts readable in both colour schemes: text and axes take the page's colour (currentColor), the only fixed colours
// are the palette's, and each of them stands out from Pico's light and dark backgrounds (WCAG 1.4.11: 3:1 for the
// parts of a graphic). The backgrounds are read from the stylesheet the pages load, so a new Pico is checked too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';
import { barChart, opinionMap, palette, timeChart } from './views/charts.ts';
import { analyticsLibraries } from './libraries.ts';

// Loaded on first use, as the pages and the job do.
before(() => analyticsLibraries());

const pico = readFileSync(createRequire(import.meta.url).resolve('@picocss/pico/css/pico.min.css'), 'utf8');

function rgb(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i]!, 16)) as [number, number, number];
  const fn = /^rgb\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)\s*\)$/.exec(colour);
  if (fn) return [1, 2, 3].map((i) => Number(fn[i])) as [number, number, number];
  if (colour === '#fff') return [255, 255, 255];
  throw new Error(`not a colour: ${colour}`);
}

function luminance(colour: string): number {
  const [r, g, b] = rgb(colour).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

describe('charts in both colour schemes', () => {
  const backgrounds = [...new Set([...pico.matchAll(/--pico-background-color:(#fff|rgb\([^)]*\))/g)].map((m) => m[1]!))];

  test("Pico's light and dark backgrounds are found in its stylesheet", () => {
    assert.ok(backgrounds.includes('#fff'), 'the light one');
    assert.ok(backgrounds.some((b) => b.startsWith('rgb(') && luminance(b) < 0.05), 'the dark one');
  });

  test('every colour of the palette stands out 3:1 from both backgrounds', () => {
    for (const colour of palette) for (const background of backgrounds) assert.ok(contrast(colour, background) >= 3, `${colour} on ${background}: ${contrast(colour, background).toFixed(2)}`);
  });

  test("the legend's swatches are the palette's colours, in order", () => {
    const css = readFileSync(new URL('../../../public/css/analytics.css', import.meta.url), 'utf8');
    assert.deepEqual(palette.map((_, i) => new RegExp(`\\.swatch-${i} \\{ background: ([^;]+);`).exec(css)?.[1]), palette);
  });

  test('the charts use no other fixed colour: text, axes and rules follow the page', () => {
    const text = { title: 'Titre', desc: 'Description' };
    const charts = [
      barChart([{ label: 'Collectivité', value: 12 }, { label: 'Startup', value: 5 }], text),
      timeChart([{ name: 'Contributions', points: [{ date: new Date('2026-01-01'), value: 3 }, { date: new Date('2026-01-02'), value: 5 }] }, { name: 'Votes', points: [{ date: new Date('2026-01-01'), value: 8 }] }], text),
      opinionMap([[0.1, 0.2, 0], [-0.3, 0.1, 1], [0.5, -0.4, 1]], ['Groupe A', 'Groupe B'], text),
    ];
    const allowed = new Set([...palette.map((c) => c.toLowerCase()), 'currentcolor', 'none', 'transparent']);
    for (const svg of charts) {
      assert.match(svg, /^<svg /);
      const colours = [...svg.matchAll(/\b(?:fill|stroke|color|stop-color)="([^"]*)"/g)].map((m) => m[1]!.toLowerCase());
      assert.ok(colours.length > 0, 'the chart has colours');
      assert.deepEqual(colours.filter((c) => !allowed.has(c) && !c.startsWith('var(')), [], 'fixed colours outside the palette');
      assert.doesNotMatch(svg, /style="[^"]*(?:#[0-9a-f]{3,6}|rgb\()/i, 'no colour in a style attribute');
      assert.doesNotMatch(svg, /<style/, 'no inline stylesheet');
    }
  });
});
