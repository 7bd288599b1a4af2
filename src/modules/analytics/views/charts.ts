// Charts drawn on the server: Observable Plot given linkedom's document, so each is an SVG string in the page, with
// no script. Each carries a <title> and a <desc> (its accessible name and description) and sits beside a table of the
// same figures. Plot's own <style> is dropped (the CSP allows no inline style; analytics.css has the same rules);
// colours are currentColor and a palette readable on light and dark backgrounds.
import { loadedLibraries } from '../libraries.ts';

/** Readable on white and on Pico's dark background (contrast ≥ 3:1 on both). */
export const palette = ['#3b7dd8', '#cc7722', '#3a9d5d', '#b05fc4', '#c44e52'];

let counter = 0;

/** What Plot returns, as linkedom's DOM has it (no DOM types in a server build). */
interface PlotNode {
  tagName: string;
  firstChild: unknown;
  outerHTML: string;
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): Iterable<{ remove(): void }>;
  insertBefore(node: unknown, before: unknown): void;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

interface ChartText {
  title: string;
  desc: string;
}

/** Plot's SVG (or figure, with a legend) made into an accessible image: title and desc first, named by them. */
function finish(node: PlotNode, text: ChartText): string {
  const { document } = loadedLibraries();
  const svg = (node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')) as PlotNode | null;
  if (!svg) return '';
  for (const style of [...node.querySelectorAll('style')]) style.remove();
  // The image is named by its title and desc; Plot's aria-label on its groups is not allowed there (axe).
  for (const marked of [...node.querySelectorAll('[aria-label], [aria-description]')] as unknown as PlotNode[]) {
    marked.removeAttribute('aria-label');
    marked.removeAttribute('aria-description');
  }
  // SVG 1.1's font-variant attribute takes no "tabular-nums" (W3C checker); analytics.css sets the figures instead.
  for (const axis of [...node.querySelectorAll('[font-variant]')] as unknown as PlotNode[]) axis.removeAttribute('font-variant');
  const id = `chart-${++counter % 1_000_000}`;
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.setAttribute('id', `${id}-title`);
  title.textContent = text.title;
  const desc = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  desc.setAttribute('id', `${id}-desc`);
  desc.textContent = text.desc;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  svg.removeAttribute('class');
  svg.setAttribute('class', 'chart-svg');
  return svg.outerHTML;
}

export interface BarDatum {
  label: string;
  value: number;
}

/** Horizontal bars, largest first: actor types, territories, themes, kinds. */
export function barChart(data: BarDatum[], text: ChartText): string {
  const { Plot, document } = loadedLibraries();
  if (data.length === 0) return '';
  const longest = Math.max(...data.map((d) => d.label.length));
  const node = Plot.plot({
    document: document as never,
    width: 640,
    height: 40 + data.length * 26,
    marginLeft: Math.min(240, 12 + longest * 6.5),
    marginRight: 48,
    x: { grid: true, label: null },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', fill: palette[0] }),
      Plot.text(data, { x: 'value', y: 'label', text: (d: BarDatum) => String(d.value), textAnchor: 'start', dx: 4, fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  });
  return finish(node as unknown as PlotNode, text);
}

export interface Series {
  name: string;
  points: { date: Date; value: number }[];
}

/** Lines over time, one per series (contributions, votes, comments per day). */
export function timeChart(series: Series[], text: ChartText): string {
  const { Plot, document } = loadedLibraries();
  const data = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.name })));
  if (data.length === 0) return '';
  const node = Plot.plot({
    document: document as never,
    width: 640,
    height: 300,
    marginLeft: 48,
    y: { grid: true, label: null },
    x: { label: null, type: 'utc' },
    color: { domain: series.map((s) => s.name), range: palette, legend: false },
    marks: [Plot.lineY(data, { x: 'date', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2 }), Plot.dot(data, { x: 'date', y: 'value', fill: 'series', r: 2 }), Plot.ruleY([0])],
  });
  return finish(node as unknown as PlotNode, text);
}

/** The voters' places on the first two components, coloured by opinion group (no names, no ids). */
export function opinionMap(points: [number, number, number][], groupNames: string[], text: ChartText): string {
  const { Plot, document } = loadedLibraries();
  if (points.length === 0) return '';
  const data = points.map(([x, y, g]) => ({ x, y, group: groupNames[g] ?? String(g) }));
  const node = Plot.plot({
    document: document as never,
    width: 640,
    height: 360,
    x: { label: null, ticks: 0 },
    y: { label: null, ticks: 0 },
    color: { domain: groupNames, range: palette, legend: false },
    marks: [Plot.frame({ strokeOpacity: 0.3 }), Plot.dot(data, { x: 'x', y: 'y', fill: 'group', r: 4, fillOpacity: 0.8 })],
  });
  return finish(node as unknown as PlotNode, text);
}
