// A persona's page compressed once between its markers, the person's values put in between: the gzip a browser
// reads back is exactly the page filled in, whatever the values' length or characters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { gzipFilled, segment } from './filled-gzip.ts';

const markers = /\uE000n:([a-z]+)\uE001/g;
const fill = (html: string, value: (marker: string) => string) => html.replace(markers, value);

test('the gzip of a page cut at its markers reads back as the page filled in', () => {
  const html = `<header>\uE000n:name\uE001</header>${'<li>Développer les pistes cyclables entre les communes</li>'.repeat(400)}<form><input value="\uE000n:token\uE001"></form><p>fin</p>\uE000n:bell\uE001`;
  const page = segment(html, markers);
  assert.equal(page.markers.length, 3);
  const cases: ((marker: string) => string)[] = [
    (m) => (m.includes('name') ? 'Zoé Dupré &amp; fils' : m.includes('token') ? 'a1B2c3' : ''),
    // a value longer than a stored block holds, in characters of two and four bytes
    (m) => (m.includes('bell') ? 'é🚲'.repeat(30_000) : 'x'),
  ];
  for (const value of cases) assert.equal(gunzipSync(gzipFilled(page, value)).toString(), fill(html, value));
  assert.ok(gzipFilled(page, cases[0]!).length < Buffer.byteLength(html) / 10, 'the text is compressed');
});

test('a page without markers, or only markers, is one stream all the same', () => {
  for (const html of ['', 'sans marqueur', '\uE000n:a\uE001\uE000n:b\uE001']) {
    assert.equal(gunzipSync(gzipFilled(segment(html, markers), () => 'v')).toString(), fill(html, () => 'v'));
  }
});
