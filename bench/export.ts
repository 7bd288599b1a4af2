// The open-data export at scale: the archive writer (the same code the job runs) on the 2-million-contribution
// database (BENCH_SCALE_URL, default parvis_scale), for the first EXPORT_ROWS contributions (1,000,000) in the three
// formats, into a sink that counts the bytes: time, rows a second and the process's resident memory, sampled every
// 100 ms, after 300,000 rows and at the end — constant memory means the two are the same. Read-only.
// npx tsx bench/export.ts
import { Writable } from 'node:stream';
import { openDatabase } from '../src/platform/db/client.ts';
import { writeArchive } from '../src/modules/opendata/archive.ts';
import { pseudonymizer } from '../src/modules/opendata/resources.ts';

const url = process.env.BENCH_SCALE_URL ?? 'postgres://postgres@127.0.0.1/parvis_scale';
const limit = Number(process.env.EXPORT_ROWS ?? 1_000_000);
const database = await openDatabase({ databaseUrl: url, statementTimeoutMs: 0 });
let bytes = 0;
let rows = 0;
let peak = 0;
let atEarly = 0;
const mb = (n: number) => Math.round(n / 1024 / 1024);
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const sink = new Writable({ write: (chunk: Buffer, _e, callback) => ((bytes += chunk.length), callback()) });
const started = performance.now();
const counts = await writeArchive(
  database.db,
  { publicUrl: 'https://parvis.example', pseudonym: pseudonymizer('bench'), limitRows: limit, only: ['contributions'] },
  { title: 'bench', description: 'bench', homepage: 'https://parvis.example/open-data', builtAt: new Date() },
  sink,
  (n) => {
    rows += n;
    if (!atEarly && rows >= limit * 0.3) atEarly = process.memoryUsage().rss;
  },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sample);
const result = {
  contributions: counts.contributions,
  rowsWritten: rows,
  seconds: Math.round(seconds * 10) / 10,
  contributionsPerSecond: Math.round((counts.contributions ?? 0) / seconds),
  archiveMB: mb(bytes),
  rssAfter300kRowsMB: mb(atEarly),
  rssEndMB: mb(process.memoryUsage().rss),
  peakRssMB: mb(peak),
};
console.log(JSON.stringify(result, null, 2));
await database.close();
