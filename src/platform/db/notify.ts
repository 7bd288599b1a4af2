// Telling the other instances on the same PostgreSQL that something was written, through LISTEN/NOTIFY: each keeps
// its visitors' pages in memory and must stop serving them as current. Publishing is coalesced (one NOTIFY per topic and short
// interval however many writes), listening has its own connection outside the pool, which is remade whenever it is
// lost; a lost connection may have missed messages, so coming back counts as one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './client.ts';

export interface Broadcast {
  /** Tell the other instances that this topic changed; returns at once, the NOTIFY follows within `coalesceMs`. */
  publish(topic: string): void;
  close(): Promise<void>;
}

export interface BroadcastOptions {
  channel: string;
  /** called for each message from another instance with its topic, and with `undefined` (every topic) after the
   * listener reconnects: messages may have been missed meanwhile */
  onMessage: (topic: string | undefined) => void;
  onError?: (error: Error) => void;
  coalesceMs?: number;
}

const retryMs = { first: 250, max: 5000 };

/** One process on an embedded database has nobody to tell. */
const alone: Broadcast = { publish: () => {}, close: async () => {} };

export function broadcast(database: Database, databaseUrl: string | undefined, options: BroadcastOptions): Broadcast {
  if (database.kind !== 'postgres' || !databaseUrl || !database.pool) return alone;
  const pool = database.pool;
  const { channel, onMessage, onError = () => {}, coalesceMs = 25 } = options;
  const instance = randomBytes(8).toString('hex');
  let closed = false;
  let listener: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = retryMs.first;

  async function connect(reconnecting: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'parvis-listen', connectionTimeoutMillis: 3000, keepAlive: true });
    client.on('error', (error) => {
      onError(error);
      lost(client);
    });
    client.on('end', () => lost(client));
    client.on('notification', (message) => {
      const [from, topic] = (message.payload ?? '').split(' ');
      if (message.channel === channel && from !== instance && topic) onMessage(topic);
    });
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      onError(error as Error);
      lost(client);
      return;
    }
    if (closed) return void client.end().catch(() => {});
    listener = client;
    delay = retryMs.first;
    if (reconnecting) onMessage(undefined);
  }

  function lost(client: pg.Client): void {
    if (listener === client) listener = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => {});
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect(true);
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, retryMs.max);
  }

  void connect(false);

  const pending = new Map<string, NodeJS.Timeout>();
  // Lost when the database is away: the listeners reconnecting then count it as a message anyway.
  const notify = (topic: string) => pool.query('select pg_notify($1, $2)', [channel, `${instance} ${topic}`]).then(() => {}, onError);

  return {
    publish(topic) {
      if (closed || pending.has(topic)) return;
      pending.set(
        topic,
        setTimeout(() => {
          pending.delete(topic);
          void notify(topic);
        }, coalesceMs),
      );
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      // A write just made is told before the pool goes.
      const topics = [...pending.keys()];
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all(topics.map(notify));
      const client = listener;
      listener = undefined;
      if (client) {
        client.removeAllListeners('end');
        await client.end().catch(() => {});
      }
    },
  };
}
