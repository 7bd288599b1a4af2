// A persona's page (page-serving.ts) is the same for everyone of the persona but for a few marked places. Compressing
// it whole for each answer was a third of a signed-in request's CPU. Instead the text between the markers is deflated
// once, each piece ended by a sync flush so that it stops on a byte boundary and refers to nothing before it; each
// answer then puts the person's own values between those pieces as stored (uncompressed) deflate blocks, and wraps
// the whole in a gzip header and trailer (RFC 1951 and 1952). Joining buffers and a CRC over the page replace
// compressing 30 kB: a few per cent more bytes than brotli, for the small personal values sent as they are.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface Segmented {
  /** the text between the markers, as UTF-8, and each of them deflated */
  pieces: { raw: Buffer; deflated: Buffer }[];
  /** the markers as matched, in order: markers[i] comes after pieces[i] */
  markers: RegExpMatchArray[];
  bytes: number;
}

/** The page split at its markers (`markers` must be a global RegExp), each piece deflated once. */
export function segment(html: string, markers: RegExp): Segmented {
  const pieces: Segmented['pieces'] = [];
  const found: RegExpMatchArray[] = [];
  let at = 0;
  for (const match of html.matchAll(markers)) {
    pieces.push(piece(html.slice(at, match.index)));
    found.push(match);
    at = match.index + match[0].length;
  }
  pieces.push(piece(html.slice(at)));
  return { pieces, markers: found, bytes: pieces.reduce((sum, p) => sum + p.raw.length + p.deflated.length, 0) };
}

function piece(text: string): { raw: Buffer; deflated: Buffer } {
  const raw = Buffer.from(text);
  return { raw, deflated: deflateRawSync(raw, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }) };
}

const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** an empty last block (fixed Huffman codes): the end of the deflate stream */
const lastBlock = Buffer.from([0x03, 0x00]);
const storedMax = 0xffff;

/** Stored deflate blocks holding `data` as it is (each at most 65,535 bytes, none the last). */
function stored(data: Buffer, into: Buffer[]): void {
  for (let at = 0; at < data.length; at += storedMax) {
    const chunk = data.subarray(at, at + storedMax);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    into.push(head, chunk);
  }
}

/** The gzip of the page with `value(marker)` in place of each marker. */
export function gzipFilled(page: Segmented, value: (marker: string) => string): Buffer {
  const parts: Buffer[] = [header];
  let crc = 0;
  let length = 0;
  // Node 20's crc32 of an empty buffer that zlib has read answers 0 whatever it was given: empty ones are skipped.
  const add = (data: Buffer) => {
    if (data.length === 0) return;
    crc = crc32(data, crc);
    length += data.length;
  };
  page.pieces.forEach(({ raw, deflated }, i) => {
    parts.push(deflated);
    add(raw);
    const marker = page.markers[i];
    if (marker === undefined) return;
    const filled = Buffer.from(value(marker[0]));
    stored(filled, parts);
    add(filled);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  parts.push(lastBlock, trailer);
  return Buffer.concat(parts);
}
