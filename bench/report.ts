// Figures beside their budgets (../shared/DESIGN.md, Performance budgets): a terminal table, Markdown and JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { LoadSettings, Outcome } from './load.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Row {
  target: string;
  database: DatabaseKind | 'reference';
  outcome: Outcome;
}

/** One database's figures, with the reference measured just before them so both saw the same machine load. */
export interface Section {
  database: DatabaseKind;
  reference: Outcome;
  /** the server's resident memory once ready, before any load (MB) */
  idleRssMb?: number;
  rows: Row[];
}

export interface Run {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; loadAverage: number };
  settings: LoadSettings;
  sections: Section[];
  notes: string[];
}

export const budgets = {
  /** pages a visitor sees, as a share of the reference's requests per second */
  visitorRatio: 0.3,
  p99Ms: 100,
  rssMb: 200,
};
/** The HTML pages visitors see; the ratio budget is about them, the API has only the latency and memory ones. */
export const visitorPages = new Set(['/', '/organizations', '/consultations/rafraichir-nos-villes', '/consultations/rafraichir-nos-villes/phases/2', '/consultations/rafraichir-nos-villes/phases/2?order=supported&page=250']);

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

function check(value: number, ok: boolean, budget: string, digits: number): string {
  return `${value.toFixed(digits)} (${budget}) ${ok ? 'ok' : 'MISSED'}`;
}

/** Small ratios keep a third decimal so that 0.004 does not read as 0. */
const ratioDigits = (ratio: number) => (ratio < 0.1 ? 3 : 2);

function cells(row: Row, reference: Outcome): string[] {
  const { outcome } = row;
  const head = [row.target, row.database];
  if (outcome.status === 'missing') return [...head, 'missing (404)', '', '', '', ''];
  if (outcome.status === 'failed') return [...head, `FAILED: ${outcome.reason}`, '', '', '', rss(outcome.rssMb)];
  const ratio = reference.status === 'measured' ? outcome.requestsPerSecond / reference.requestsPerSecond : undefined;
  let ratioCell = '—';
  if (row.database === 'reference') ratioCell = '1.00';
  else if (ratio !== undefined && visitorPages.has(row.target)) ratioCell = check(ratio, ratio >= budgets.visitorRatio, `≥ ${budgets.visitorRatio.toFixed(2)}`, ratioDigits(ratio));
  else if (ratio !== undefined) ratioCell = `${ratio.toFixed(ratioDigits(ratio))} (no budget)`;
  return [
    ...head,
    Math.round(outcome.requestsPerSecond).toLocaleString('en'),
    ratioCell,
    outcome.p50.toFixed(1),
    check(outcome.p99, outcome.p99 < budgets.p99Ms, `< ${budgets.p99Ms}`, 1),
    rss(outcome.rssMb),
  ];
}

function rss(value: number | undefined): string {
  return value === undefined ? 'n/a' : check(value, value < budgets.rssMb, `< ${budgets.rssMb}`, 0);
}

const header = ['target', 'database', 'req/s', 'ratio to reference', 'p50 ms', 'p99 ms', 'RSS MB'];

function rowsOf(section: Section): string[][] {
  const reference: Row = { target: '/', database: 'reference', outcome: section.reference };
  return [reference, ...section.rows].map((row) => cells(row, section.reference));
}

function idle(section: Section): string {
  return section.idleRssMb === undefined ? '' : `; Parvis's RSS once ready, before load: ${Math.round(section.idleRssMb)} MB`;
}

export function textTable(run: Run): string {
  const rows = [header, ...run.sections.flatMap(rowsOf)];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdown(run: Run, sections: Section[] = run.sections): string {
  const { machine: m, settings: s } = run;
  const table = (section: Section) =>
    [`## ${section.database}`, '', `Reference measured just before${idle(section)}.`, '', ...[header, header.map(() => '---'), ...rowsOf(section)].map((row) => `| ${row.join(' | ')} |`)];
  const only = sections.length === 1 ? ` — ${sections[0]!.database}` : '';
  return [
    `# Parvis bench — ${run.date}${only}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAverage} at the start.`,
    `Load: autocannon, ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.durationSeconds} s per target, plain HTTP/1.1 without compression.`,
    'Reference: a bare Fastify app answering a constant string on `/`.',
    `Budgets: visitor pages ≥ ${budgets.visitorRatio.toFixed(2)} of the reference (stated for PostgreSQL), p99 < ${budgets.p99Ms} ms, server RSS < ${budgets.rssMb} MB under load (peak sampled every 250 ms).`,
    ...sections.flatMap((section) => ['', ...table(section)]),
    ...(run.notes.length ? ['', '## Notes', '', ...run.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

export const resultsDir = fileURLToPath(new URL('./results', import.meta.url));

/** Writes <date>-<db>.json|md for each database measured, and latest.md for the whole run; returns the paths. */
export function writeResults(run: Run): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const day = run.date.slice(0, 10);
  const written: string[] = [];
  for (const section of run.sections) {
    const base = join(resultsDir, `${day}-${section.database}`);
    writeFileSync(`${base}.json`, JSON.stringify({ ...run, sections: [section] }, null, 2) + '\n');
    writeFileSync(`${base}.md`, markdown(run, [section]));
    written.push(`${base}.json`, `${base}.md`);
  }
  writeFileSync(join(resultsDir, 'latest.md'), markdown(run));
  written.push(join(resultsDir, 'latest.md'));
  return written;
}
