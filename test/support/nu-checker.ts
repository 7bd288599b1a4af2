// The W3C Nu HTML checker (npm vnu-jar, run with the machine's Java 17) over many pages in one JVM: starting the
// JVM takes seconds, so a crawl's pages are written to a temporary folder and checked in a single run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// The package exports the jar's path as a String object.
const jar = String(createRequire(import.meta.url)('vnu-jar'));

export interface NuMessage {
  /** the key the page was given to the checker under (a URL of the crawl) */
  page: string;
  message: string;
  line?: number;
  extract?: string;
}

interface VnuReport {
  messages: { type: string; subType?: string; url?: string; message: string; lastLine?: number; extract?: string }[];
}

/** Errors (not warnings) the Nu checker finds in each page, keyed as given. */
export async function nuErrors(pages: Map<string, string>): Promise<NuMessage[]> {
  if (pages.size === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'parvis-vnu-'));
  try {
    const keys = [...pages.keys()];
    const files = [...pages.values()].map((html, i) => {
      const file = join(dir, `${i}.html`);
      writeFileSync(file, html);
      return file;
    });
    // vnu names a file as file:/path (one slash): the page is found by the file's number.
    const pageOf = (url = '') => keys[Number(/(\d+)\.html$/.exec(url)?.[1] ?? NaN)] ?? url;
    // vnu writes its JSON report on stderr; --exit-zero-always keeps a page with errors from looking like a crash.
    const { stderr } = await run('java', ['-jar', jar, '--format', 'json', '--exit-zero-always', '--errors-only', ...files], { maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(stderr) as VnuReport;
    return report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => ({ page: pageOf(m.url), message: m.message, line: m.lastLine, extract: m.extract }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
