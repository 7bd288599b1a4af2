// Rendered pages for visitors, kept in memory: a visitor's page is the same for every visitor in a language.
// An entry is fresh for a short while, then *expired*: still served while one background render replaces it, so a
// popular page never makes a visitor wait. A write anywhere (in this process, or another instance through
// LISTEN/NOTIFY) makes every entry *outdated*: the next request renders it again, and requests arriving meanwhile
// get the previous version instead of rendering it too. Each page is compressed once per encoding on its first hit
// and the bytes kept: compressing on every request cost more than rendering did. Memory is bounded in bytes, the
// least recently used going first.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** zlib's sync calls answer a slice of a 16 kB buffer, which a kept slice would keep whole: copy to its size. */
function exact(buffer: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
}

interface Entry {
  html: string;
  /** the content type to send it with: HTML pages, or JSON for the API's public reads */
  type: string;
  storedAt: number;
  /** the cache's generation when stored: an older one means a write happened since */
  generation: number;
  encoded: Partial<Record<Encoding, Buffer>>;
  bytes: number;
  /** too short to be worth compressing */
  small: boolean;
  /** what `derive` made of the HTML */
  derived?: unknown;
}

/** Below this, compression saves less than it costs (the same threshold as the compress plugin's). */
const minCompressedBytes = 1024;

/**
 * A page compressed in one call: for a page in hand, cheaper than a compression stream (0.1–0.2 ms for a 15 kB page,
 * and no compressor's state kept in memory per response). A page compressed for one response (signed in) takes
 * brotli's quality 3: for a 28 kB page 0.22 ms against 0.37 ms at 4, for 5 % more bytes — compressing was a third of
 * a signed-in request's CPU. Kept pages, compressed once, take 5.
 */
export function encode(html: string, encoding: Encoding, brotliQuality = 3): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } })
    : gzipSync(html, { level: 6 });
}

/** The page as it goes to this client: compressed when it is worth it and the client takes it. */
export function forClient(html: string, acceptEncoding: string | undefined): { body: string | Buffer; encoding?: Encoding } {
  const encoding = preferredEncoding(acceptEncoding);
  if (!encoding || html.length < minCompressedBytes) return { body: html };
  return { body: encode(html, encoding), encoding };
}

/** Whether the client takes gzip (every browser does). */
export function takesGzip(acceptEncoding: string | undefined): boolean {
  return /\bgzip\b/i.test(acceptEncoding ?? '');
}

/** The best encoding the client accepts; quality values are not weighed (browsers all send br and gzip). */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

export interface CachedPage {
  body: string | Buffer;
  type: string;
  encoding?: Encoding;
}

/** fresh: as rendered; expired: older than the fresh period; outdated: a write happened since it was rendered */
export type Freshness = 'fresh' | 'expired' | 'outdated';

export interface Found extends CachedPage {
  freshness: Freshness;
  /** outdated by additions only (a contribution, a vote): nothing it shows was taken back since */
  byAdditions?: boolean;
}

export interface PageCacheOptions {
  /** how long an entry is served without a new render */
  freshMs?: number;
  /** how long an expired or outdated entry may still stand in while a new one is rendered */
  keepMs?: number;
  /** the bytes all entries may hold, HTML and compressed copies together */
  maxBytes?: number;
}

export class PageCache {
  private entries = new Map<string, Entry>();
  private generation = 0;
  /** the generation the last write other than an addition opened */
  private withdrawn = 0;
  private bytes = 0;
  private readonly freshMs: number;
  private readonly keepMs: number;
  private readonly maxBytes: number;

  constructor(options: PageCacheOptions = {}) {
    this.freshMs = options.freshMs ?? 15_000;
    this.keepMs = options.keepMs ?? 10 * 60_000;
    this.maxBytes = options.maxBytes ?? 24 * 2 ** 20;
  }

  /** The page in the encoding asked for (compressed now if first asked that way), and how fresh it is. */
  lookup(key: string, encoding: Encoding | undefined, now = Date.now()): Found | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const age = now - entry.storedAt;
    if (age > this.keepMs) {
      this.drop(key, entry);
      return undefined;
    }
    // Most recently used last: the first entries are the ones to evict.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const freshness: Freshness = entry.generation < this.generation ? 'outdated' : age > this.freshMs ? 'expired' : 'fresh';
    const byAdditions = freshness === 'outdated' && entry.generation >= this.withdrawn;
    if (!encoding || entry.small) return { body: entry.html, type: entry.type, freshness, byAdditions };
    if (!entry.encoded[encoding]) {
      const compressed = exact(encode(entry.html, encoding, 5));
      entry.encoded[encoding] = compressed;
      this.grow(entry, compressed.length);
    }
    return { body: entry.encoded[encoding]!, type: entry.type, encoding, freshness, byAdditions };
  }

  /**
   * Something made once from an entry's HTML, kept with it and counted in its bytes (a persona's page cut at its
   * markers); undefined when there is no such entry.
   */
  derive<T extends { bytes: number }>(key: string, make: (html: string) => T): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.derived === undefined) {
      const made = make(entry.html);
      entry.derived = made;
      this.grow(entry, made.bytes);
    }
    return entry.derived as T;
  }

  /** The HTML as stored, whatever its freshness (tests). */
  get(key: string): string | undefined {
    return this.entries.get(key)?.html;
  }

  /**
   * `since`: the generation when what is stored was read (`current`), if before now: a write in between makes it
   * outdated at once rather than kept as current.
   */
  set(key: string, html: string, now = Date.now(), type = 'text/html; charset=utf-8', since = this.generation): void {
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    const entry: Entry = { html, type, storedAt: now, generation: since, encoded: {}, bytes: 0, small: Buffer.byteLength(html) < minCompressedBytes };
    this.entries.set(key, entry);
    // A string outside Latin-1 takes two bytes a character in memory.
    this.grow(entry, html.length * 2);
  }

  /** The generation of now, for `set`'s `since`. */
  get current(): number {
    return this.generation;
  }

  /**
   * Something was written: every entry is outdated, and will be rendered again when next asked for. `additionOnly`:
   * the write only added (a contribution, a vote), so a page may still be shown as it was while it is rendered again.
   */
  invalidate(additionOnly = false): void {
    this.generation++;
    if (!additionOnly) this.withdrawn = this.generation;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** bytes held, HTML and compressed copies */
  get heldBytes(): number {
    return this.bytes;
  }

  private grow(entry: Entry, bytes: number): void {
    entry.bytes += bytes;
    this.bytes += bytes;
    for (const [key, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === entry) break;
      this.drop(key, oldest);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
