// Figures beside their budgets (../shared/DESIGN.md, Performance budgets): a terminal table, Markdown and JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { LoadSettings, Outcome } from './load.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** Which budget a row answers to: a visitor's page, the same signed in, a read without a ratio budget (search, API), or writes per second. */
export type RowKind = 'page' | 'read' | 'signed-in' | 'votes' | 'contributions';

export interface Row {
  target: string;
  database: DatabaseKind | 'reference';
  kind: RowKind;
  outcome: Outcome;
  /** a reference measured again just before this group of rows (on a busy machine the load changes in minutes) */
  reference?: Outcome;
}

/** One server's figures, with the reference measured just before them so both saw the same machine load. */
export interface Section {
  /** heading, and the results' file name */
  name: string;
  database: DatabaseKind;
  reference: Outcome;
  /** the server's resident memory once ready, before any load (MB) */
  idleRssMb?: number;
  /** what the server said it runs: dist/ or src/ through tsx */
  runs?: string;
  rows: Row[];
}

/** A table of its own (cold pages, the stampede, two instances): already formatted cells. */
export interface Table {
  title: string;
  intro?: string;
  header: string[];
  rows: string[][];
}

export interface Run {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; loadAverage: number };
  settings: LoadSettings;
  sections: Section[];
  tables: Table[];
  notes: string[];
}

export const budgets = {
  /** pages a visitor sees, as a share of the reference's requests per second */
  visitorRatio: 0.3,
  signedInRatio: 0.05,
  p99Ms: 100,
  rssMb: 200,
  votesPerSecond: 2000,
  contributionsPerSecond: 500,
};

export function machine(): Run['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    // Other work on the machine lowers every figure but the ratio less: worth knowing when reading one.
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}

/** Cut, not rounded, at `digits`: 0.2996 reads 0.299 beside a budget of 0.30, not 0.300. */
export const cut = (value: number, digits: number): string => (Math.floor(value * 10 ** digits) / 10 ** digits).toFixed(digits);

export function check(value: number, ok: boolean, budget: string, digits: number): string {
  return `${cut(value, digits)} (${budget}) ${ok ? 'ok' : 'MISSED'}`;
}

/** Small ratios keep a third decimal so that 0.004 does not read as 0, and so do those a rounding away from their
 *  budget (0.296 is not 0.30). */
const ratioDigits = (ratio: number, budget?: number) => (ratio < 0.1 || (budget !== undefined && Math.abs(ratio - budget) < 0.005) ? 3 : 2);

const ratioBudget: Partial<Record<RowKind, number>> = { page: budgets.visitorRatio, 'signed-in': budgets.signedInRatio };
const rateBudget: Partial<Record<RowKind, number>> = { votes: budgets.votesPerSecond, contributions: budgets.contributionsPerSecond };

export function rss(value: number | undefined): string {
  return value === undefined ? 'n/a' : check(value, value < budgets.rssMb, `< ${budgets.rssMb}`, 0);
}

export const p99 = (ms: number) => check(ms, ms < budgets.p99Ms, `< ${budgets.p99Ms}`, 1);

function cells(row: Row, reference: Outcome): string[] {
  const { outcome } = row;
  const head = [row.target, row.database === 'reference' ? 'reference' : row.kind];
  if (outcome.status === 'missing') return [...head, 'missing (404)', '', '', '', ''];
  if (outcome.status === 'failed') return [...head, `FAILED: ${outcome.reason}`, '', '', '', rss(outcome.rssMb)];
  const perSecond = Math.round(outcome.requestsPerSecond);
  const rate = rateBudget[row.kind];
  const rateCell = rate === undefined ? perSecond.toLocaleString('en') : check(perSecond, perSecond >= rate, `≥ ${rate.toLocaleString('en')}`, 0);
  const ratio = reference.status === 'measured' ? outcome.requestsPerSecond / reference.requestsPerSecond : undefined;
  const budget = ratioBudget[row.kind];
  let ratioCell = '—';
  if (row.database === 'reference') ratioCell = '1.00';
  else if (ratio !== undefined && budget !== undefined) ratioCell = check(ratio, ratio >= budget, `≥ ${budget.toFixed(2)}`, ratioDigits(ratio, budget));
  else if (ratio !== undefined && rate === undefined) ratioCell = `${ratio.toFixed(ratioDigits(ratio))} (no budget)`;
  return [...head, rateCell, ratioCell, outcome.p50.toFixed(1), p99(outcome.p99), rss(outcome.rssMb)];
}

const kindNames: Record<RowKind, string> = { page: 'visitor pages', read: 'reads', 'signed-in': 'signed-in pages', votes: 'votes', contributions: 'contributions' };

/** One note per budget a section missed, naming the rows and the worst figure. */
export function missedBudgets(section: Section): string[] {
  const notes: string[] = [];
  const referenceOf = (row: Row) => {
    const reference = row.reference ?? section.reference;
    return reference.status === 'measured' ? reference.requestsPerSecond : Number.NaN;
  };
  const measured = section.rows.flatMap((row) => (row.outcome.status === 'measured' ? [{ row, outcome: row.outcome, ratio: row.outcome.requestsPerSecond / referenceOf(row) }] : []));
  for (const [kind, budget] of Object.entries(ratioBudget) as [RowKind, number][]) {
    const all = section.rows.filter((r) => r.kind === kind);
    const low = measured.filter((m) => m.row.kind === kind && m.ratio < budget).map((m) => `${m.row.target} ${cut(m.ratio, 3)}`);
    if (low.length) notes.push(`${section.name}: ${low.length} of ${all.length} ${kindNames[kind]} below ${budget.toFixed(2)} of the reference: ${low.join('; ')}.`);
  }
  for (const [kind, budget] of Object.entries(rateBudget) as [RowKind, number][]) {
    for (const m of measured.filter((x) => x.row.kind === kind && x.outcome.requestsPerSecond < budget)) {
      notes.push(`${section.name}: ${Math.round(m.outcome.requestsPerSecond)} ${kindNames[kind]}/s through the API with 50 clients, budget ${budget.toLocaleString('en')}/s (p50 ${m.outcome.p50} ms, p99 ${m.outcome.p99} ms).`);
    }
  }
  const slow = measured.filter((m) => m.outcome.p99 >= budgets.p99Ms).map((m) => `${m.row.target} (${m.row.kind}) ${m.outcome.p99} ms`);
  if (slow.length) notes.push(`${section.name}: p99 at or over ${budgets.p99Ms} ms at 50 connections for ${slow.length} of ${section.rows.length}: ${slow.join('; ')}.`);
  const failed = section.rows.filter((r) => r.outcome.status === 'failed').map((r) => `${r.target} (${r.kind})`);
  if (failed.length) notes.push(`${section.name}: answered errors, so no speed is reported, for ${failed.join('; ')}.`);
  const peak = Math.max(0, ...section.rows.map((r) => (r.outcome.status === 'missing' ? 0 : (r.outcome.rssMb ?? 0))));
  if (peak >= budgets.rssMb) notes.push(`${section.name}: server RSS peaked at ${Math.round(peak)} MB under load (${Math.round(section.idleRssMb ?? 0)} MB once ready), budget ${budgets.rssMb} MB.`);
  return notes;
}

/** When the references of one section differ by more than a fifth, the machine's load changed under the run: says
 *  so, with the visitor pages' ratios against the other reference, so a reader sees both. */
export function referenceSpread(section: Section): string[] {
  const references = [section.reference, ...section.rows.flatMap((r) => (r.reference ? [r.reference] : []))].flatMap((o) => (o.status === 'measured' ? [o.requestsPerSecond] : []));
  const low = Math.min(...references);
  const high = Math.max(...references);
  if (references.length < 2 || high <= low * 1.2) return [];
  const pages = section.rows.flatMap((r) => (r.kind === 'page' && r.outcome.status === 'measured' ? [`${r.target} ${(r.outcome.requestsPerSecond / low).toFixed(2)}`] : []));
  return [
    `${section.name}: the reference measured ${[...new Set(references)].map((n) => Math.round(n).toLocaleString('en')).join(' then ')} req/s in this run (other work on the machine came and went); against the lowest (${Math.round(low).toLocaleString('en')}), the visitor pages' ratios are: ${pages.join('; ')}.`,
  ];
}

/** One note per extra table with a missed budget, naming its rows. */
export function missedInTables(tables: Table[]): string[] {
  return tables.flatMap((t) => {
    const missed = t.rows.filter((row) => row.some((cell) => cell.includes('MISSED')));
    if (!missed.length) return [];
    const cells = missed.map((row) => `${row[0]} (${row.filter((cell) => cell.includes('MISSED')).join(', ')})`);
    return [`${t.title}: ${missed.length} of ${t.rows.length} missed — ${cells.join('; ')}.`];
  });
}

const header = ['target', 'what', 'req/s', 'ratio to reference', 'p50 ms', 'p99 ms', 'RSS MB'];

const referenceRow = (outcome: Outcome): Row => ({ target: '/', database: 'reference', kind: 'page', outcome });

function rowsOf(section: Section): string[][] {
  const lines = [cells(referenceRow(section.reference), section.reference)];
  let current = section.reference;
  for (const row of section.rows) {
    if (row.reference && row.reference !== current) {
      current = row.reference;
      lines.push(cells(referenceRow(current), current));
    }
    lines.push(cells(row, row.reference ?? section.reference));
  }
  return lines;
}

function idle(section: Section): string {
  const rssOnceReady = section.idleRssMb === undefined ? '' : `; Parvis's RSS once ready, before load: ${Math.round(section.idleRssMb)} MB`;
  return `${rssOnceReady}${section.runs ? `; Parvis was ${section.runs}` : ''}`;
}

function aligned(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function textTable(run: Run): string {
  const sections = run.sections.map((section) => `${section.name}${idle(section)}\n${aligned(header, rowsOf(section))}`);
  const tables = run.tables.map((t) => `${t.title}\n${aligned(t.header, t.rows)}`);
  return [...sections, ...tables].join('\n\n');
}

export const markdownTable = (head: string[], rows: string[][]) => [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`);

export function markdown(run: Run, sections: Section[] = run.sections, tables: Table[] = run.tables): string {
  const { machine: m, settings: s } = run;
  const section = (x: Section) => [`## ${x.name}`, '', `Reference measured just before (and again before a group of rows where a second reference row shows)${idle(x)}.`, '', ...markdownTable(header, rowsOf(x))];
  const table = (t: Table) => [`## ${t.title}`, '', ...(t.intro ? [t.intro, ''] : []), ...markdownTable(t.header, t.rows)];
  const only = sections.length === 1 ? ` — ${sections[0]!.name}` : '';
  return [
    `# Parvis bench — ${run.date}${only}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAverage} at the start.`,
    `Load: autocannon, ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.durationSeconds} s per target, HTTP/1.1 asking for compressed pages.`,
    'Reference: a bare Fastify app answering a constant string on `/`.',
    `Budgets: visitor pages ≥ ${budgets.visitorRatio.toFixed(2)} of the reference (stated for PostgreSQL), signed in ≥ ${budgets.signedInRatio.toFixed(2)}, p99 < ${budgets.p99Ms} ms, writes through the API ≥ ${budgets.votesPerSecond.toLocaleString('en')} votes/s and ≥ ${budgets.contributionsPerSecond} contributions/s, server RSS < ${budgets.rssMb} MB under load (peak sampled every 250 ms).`,
    ...sections.flatMap((x) => ['', ...section(x)]),
    ...tables.flatMap((t) => ['', ...table(t)]),
    ...(run.notes.length ? ['', '## Notes', '', ...run.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

export const resultsDir = fileURLToPath(new URL('./results', import.meta.url));

/** Writes <date>-<section>.json|md for each section, and latest.md (or latest-<name>.md) for the whole run. */
export function writeResults(run: Run, latest = 'latest'): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const day = run.date.slice(0, 10);
  const written: string[] = [];
  for (const section of run.sections) {
    const base = join(resultsDir, `${day}-${section.name.split(' ')[0]}`);
    // The extra tables belong to a one-section run (the scale run); a two-database run has none.
    const tables = run.sections.length === 1 ? run.tables : [];
    writeFileSync(`${base}.json`, JSON.stringify({ ...run, sections: [section], tables }, null, 2) + '\n');
    writeFileSync(`${base}.md`, markdown(run, [section], tables));
    written.push(`${base}.json`, `${base}.md`);
  }
  writeFileSync(join(resultsDir, `${latest}.md`), markdown(run));
  written.push(join(resultsDir, `${latest}.md`));
  return written;
}
