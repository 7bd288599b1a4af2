// What a page weighs as a phone on a slow network receives it (issue 14): the HTML and the stylesheets, scripts and
// images it loads at once (not those marked `loading="lazy"`), each as sent compressed, against a 100 kB budget.
// From bench/run.ts, on the PGlite server (the weight does not depend on the database).
import { request } from 'node:http';
import { check, type Table } from './report.ts';

const budgetKb = 100;

/** The bytes on the wire, before the client decompresses them (fetch would hide them). */
function wireBytes(url: string): Promise<{ status: number; bytes: number; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip', accept: 'text/html,*/*' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, body, encoding: String(res.headers['content-encoding'] ?? 'identity') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${url}: no answer in 10 s`)));
    req.end();
  });
}

async function html(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

/** The same-site addresses the page loads at once: stylesheets, scripts, and images not deferred by `loading="lazy"`. */
export function assetsOf(page: string): string[] {
  const found = new Set<string>();
  for (const [tag] of page.matchAll(/<(?:link|script|img)\b[^>]*>/g)) {
    if (tag.startsWith('<link') && !/\brel="stylesheet"/.test(tag)) continue;
    if (tag.startsWith('<img') && /\bloading="lazy"/.test(tag)) continue;
    const address = /\b(?:href|src)="(\/[^"/][^"]*)"/.exec(tag)?.[1];
    if (address) found.add(address.replaceAll('&amp;', '&'));
  }
  return [...found];
}

export async function pageWeightTable(baseUrl: string, paths: string[]): Promise<Table> {
  const rows: string[][] = [];
  for (const path of paths) {
    const page = await wireBytes(`${baseUrl}${path}`);
    if (page.status !== 200) {
      rows.push([path, `answered ${page.status}`, '', '', '']);
      continue;
    }
    const assets = assetsOf(await html(`${baseUrl}${path}`));
    const sizes = await Promise.all(assets.map((a) => wireBytes(`${baseUrl}${a}`)));
    const assetBytes = sizes.reduce((sum, s) => sum + s.bytes, 0);
    const totalKb = (page.bytes + assetBytes) / 1000;
    rows.push([path, `${(page.bytes / 1000).toFixed(1)} (${page.encoding})`, String(assets.length), (assetBytes / 1000).toFixed(1), check(totalKb, totalKb < budgetKb, `< ${budgetKb}`, 1)]);
  }
  return {
    title: 'Page weight, compressed (kB)',
    intro: 'Each page as a browser asking for br or gzip receives it, with the stylesheets, scripts and images it loads at once; the same files are cached from one page to the next, so a visit costs less than the sum.',
    header: ['page', 'HTML', 'files loaded', 'their kB', 'total kB'],
    rows,
  };
}
