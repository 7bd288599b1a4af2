// A store for @fastify/rate-limit in the database: one statement per counted request, the counter and its window
// kept in `rate_limits`, so every instance counts the same attempts.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.ts';
import { rateLimits } from './schema.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin hands a route's store: its merged options, the route under `routeInfo` (not in its types). */
type RouteOptions = { routeInfo?: { method?: unknown; url?: string } };

/** Expired counters are swept now and then, by whichever request happens to count then. */
const sweepEvery = 500;

/**
 * Counts one hit against `key` in a window of `windowMs`, as the store does for a route: the count so far and the
 * milliseconds until the window restarts. For limits a route cannot express (posts per account, across routes).
 */
export async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const [row] = await rows<{ current: number; ttl: number }>(db, hitStatement(key, windowMs));
  return { current: Number(row!.current), ttl: Number(row!.ttl) };
}

// A window that has run out starts again at 1; otherwise the count goes up and the window stays.
const hitStatement = (key: string, timeWindow: number) => sql`
  insert into ${rateLimits} (key, hits, reset_at) values (${key}, 1, now() + ${timeWindow}::int * interval '1 millisecond')
  on conflict (key) do update set
    hits = case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.hits} + 1 end,
    reset_at = case when ${rateLimits.resetAt} <= now() then excluded.reset_at else ${rateLimits.resetAt} end
  returning hits as current, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ttl`;

export function databaseRateLimitStore(db: Db) {
  let counted = 0;

  function sweep(): void {
    db.execute(sql`delete from ${rateLimits} where ${rateLimits.resetAt} < now()`).catch(() => {});
  }

  return class DatabaseStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      if (++counted % sweepEvery === 0) sweep();
      rows<{ current: number; ttl: number }>(db, hitStatement(this.prefix + key, timeWindow)).then(
        ([row]) => callback(null, { current: Number(row!.current), ttl: Number(row!.ttl) }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      rows<{ current: number; ttl: number }>(db, sql`
        select hits as current, greatest(0, ceil(extract(epoch from reset_at - now()) * 1000))::int as ttl
        from ${rateLimits} where key = ${this.prefix + key} and ${rateLimits.resetAt} > now()`).then(
        ([row]) => callback(null, row ? { current: Number(row.current), ttl: Number(row.ttl) } : { current: 0, ttl: 0 }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object): DatabaseStore {
      const route = (routeOptions as RouteOptions).routeInfo;
      return new DatabaseStore(undefined, `${String(route?.method ?? '')} ${route?.url ?? ''} `);
    }
  };
}
