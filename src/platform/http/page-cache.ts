// Rendered pages for visitors, kept in memory: a visitor's page is the same for every visitor in a language.
// Any successful write in this process empties the cache; the short lifetime covers writes made by other instances.
// Each page is compressed once per encoding on its first hit and the bytes kept: compressing on every request cost
// more than rendering did.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

interface Entry {
  html: string;
  /** the content type to send it with: HTML pages, or JSON for the API's public reads */
  type: string;
  storedAt: number;
  encoded: Partial<Record<Encoding, Buffer>>;
}

/** Below this, compression saves less than it costs (the same threshold as the compress plugin's). */
const minCompressedBytes = 1024;

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

export class PageCache {
  private entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 15_000,
    private readonly maxEntries = 2_000,
  ) {}

  get(key: string, now = Date.now()): string | undefined {
    return this.entry(key, now)?.html;
  }

  /** The page in the encoding asked for, compressed now if this is the first time it is asked that way. */
  getEncoded(key: string, encoding: Encoding | undefined, now = Date.now()): CachedPage | undefined {
    const entry = this.entry(key, now);
    if (!entry) return undefined;
    if (!encoding || Buffer.byteLength(entry.html) < minCompressedBytes) return { body: entry.html, type: entry.type };
    entry.encoded[encoding] ??=
      encoding === 'br' ? brotliCompressSync(entry.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }) : gzipSync(entry.html, { level: 6 });
    return { body: entry.encoded[encoding], type: entry.type, encoding };
  }

  set(key: string, html: string, now = Date.now(), type = 'text/html; charset=utf-8'): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { html, type, storedAt: now, encoded: {} });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
