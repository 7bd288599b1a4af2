// The fan-out: a job turns each event row into one notification per person concerned, a batch of people per
// transaction, so that a contribution in a phase followed by 100,000 people costs its request one insert and the
// job a hundred short transactions. Each batch moves the event's cursor (the last person handled) in the same
// transaction as its notifications, and a person has at most one notification per event (a unique key): a worker
// that stops half-way leaves the rest to the next one, and two workers never notify anyone twice.
import { sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { audienceOf, type StoredEvent } from './audience.ts';
import { kindNames, kinds } from './kinds.ts';

export const fanoutQueue = 'notifications.fanout';
export const immediateQueue = 'notifications.immediate';

export const defaultBatchSize = 1000;

/** Each kind's default channel, as SQL, for people who chose nothing. */
const defaultChannelSql = sql.raw(`case c.kind ${kindNames.map((k) => `when '${k}' then '${kinds[k].channel}'`).join(' ')} else 'weekly' end`);

interface BatchResult {
  last: number | null;
  seen: number;
  inserted: number;
  immediate: number[];
}

async function nextEvent(tx: Tx): Promise<StoredEvent & { cursor: number } | undefined> {
  // Another worker's event is skipped, not waited for: each event is fanned out by one worker at a time.
  const [row] = await rows<{ id: string | number; type: string; actor_id: number | null; data: unknown; cursor: number; created_at: string | Date }>(
    tx,
    sql`select id, type, actor_id, data, cursor, created_at from notification_events where fanned_out_at is null order by id limit 1 for update skip locked`,
  );
  if (!row) return undefined;
  const data = typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : (row.data as Record<string, unknown>);
  return { id: Number(row.id), type: row.type as StoredEvent['type'], actorId: row.actor_id, data, cursor: row.cursor, createdAt: new Date(row.created_at) };
}

/** One batch: the next `size` people after the cursor, in user order, get their notification (at most one each). */
async function batch(tx: Tx, event: StoredEvent & { cursor: number }, size: number): Promise<BatchResult | undefined> {
  const audience = await audienceOf(tx, event);
  if (!audience) return undefined;
  if (event.cursor === 0 && audience.before) await audience.before(tx);
  const at = now();
  const [result] = await rows<{ last: number | null; seen: string | number; inserted: string | number; immediate: number[] | string | null }>(
    tx,
    sql`with candidates as (
        select distinct on (a.user_id) a.user_id, a.kind from (${audience.people}) a
        where a.user_id > ${event.cursor}::int and a.user_id <> ${event.actorId ?? 0}::int
        order by a.user_id, a.priority
        limit ${size}::int
      ), inserted as (
        insert into notifications (user_id, event_id, kind, channel, emailed_at, created_at)
        select c.user_id, ${event.id}::bigint, c.kind, ch.channel, case when ch.channel = 'never' then ${at}::timestamptz end, ${at}::timestamptz
        from candidates c
        join users u on u.id = c.user_id and u.deleted_at is null and u.blocked_at is null and u.email_verified_at is not null
        left join notification_settings s on s.user_id = c.user_id
        cross join lateral (select coalesce(s.channels ->> c.kind, ${defaultChannelSql}) as channel) ch
        where ${audience.mayKnow}
        on conflict (user_id, event_id) do nothing
        returning user_id, channel
      )
      select (select max(user_id) from candidates) as last, (select count(*) from candidates) as seen, (select count(*) from inserted) as inserted,
        (select array_agg(user_id order by user_id) from inserted where channel = 'immediate') as immediate`,
  );
  const immediate = typeof result?.immediate === 'string' ? result.immediate.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number) : (result?.immediate ?? []);
  return { last: result?.last ?? null, seen: Number(result?.seen ?? 0), inserted: Number(result?.inserted ?? 0), immediate: immediate.map(Number) };
}

export interface FanoutReport {
  events: number;
  batches: number;
  notifications: number;
}

/**
 * Fans out every event waiting, a batch at a time, until none is left or `budgetMs` has passed (the next run goes
 * on from the cursors). Immediate e-mails are queued per batch, in its transaction.
 */
export async function fanOut(env: ServiceEnv, options: { batchSize?: number; budgetMs?: number } = {}): Promise<FanoutReport> {
  const size = options.batchSize ?? defaultBatchSize;
  const deadline = Date.now() + (options.budgetMs ?? 20_000);
  const report: FanoutReport = { events: 0, batches: 0, notifications: 0 };
  while (Date.now() < deadline) {
    const step = await env.db.transaction(async (tx) => {
      const event = await nextEvent(tx);
      if (!event) return 'empty' as const;
      const result = await batch(tx, event, size);
      const done = !result || result.seen < size || result.last === null;
      await tx.execute(sql`update notification_events set cursor = ${result?.last ?? event.cursor}::int, fanned_out_at = ${done ? now() : null}::timestamptz where id = ${event.id}::bigint`);
      if (result && result.immediate.length > 0) await env.jobs.send(tx, immediateQueue, { userIds: result.immediate });
      report.batches++;
      report.notifications += result?.inserted ?? 0;
      if (done) report.events++;
      return 'more' as const;
    });
    if (step === 'empty') break;
  }
  return report;
}
