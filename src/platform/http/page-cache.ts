// Rendered pages for visitors, kept in memory: a visitor's page is the same for every visitor in a language.
// Any successful write in this process empties the cache; the short lifetime covers writes made by other instances.

interface Entry {
  html: string;
  storedAt: number;
}

export class PageCache {
  private entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 15_000,
    private readonly maxEntries = 2_000,
  ) {}

  get(key: string, now = Date.now()): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.html;
  }

  set(key: string, html: string, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { html, storedAt: now });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
