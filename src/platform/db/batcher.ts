// Writes arriving together are made together: while one batch is in the database, the writes that come meanwhile
// wait for the next, which goes as soon as it returns — one round trip (or one transaction) and one commit for all of
// them. A lone write waits for nothing; under a crowd, a commit carries many. Each caller is answered once its batch
// has committed, so an acknowledged write is on disk. A batch that fails (a row the database refuses, a timeout) is
// made again item by item, so one item's error is its own.
import type { Db } from './client.ts';

interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(error: unknown): void;
}

export class Batcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private running = false;

  /**
   * `write` answers one result per item, in the items' order. `max`: more than this waits for the next batch — a
   * bounded statement, and locks held for a bounded time.
   */
  constructor(private readonly write: (items: In[]) => Promise<Out[]>, private readonly max = 200) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async written(items: In[]): Promise<Out[]> {
    const outs = await this.write(items);
    if (outs.length !== items.length) throw new Error(`a batch of ${items.length} answered ${outs.length} results`);
    return outs;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.max);
        try {
          const outs = await this.written(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(outs[i]!));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const w of batch) await this.written([w.item]).then(([out]) => w.resolve(out!), w.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
