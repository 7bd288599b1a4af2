// Tables owned by the notifications module: what people follow, what happened (one event row written by the
// transaction that caused it), each person's notifications fanned out from it by a job, their e-mail choices, and
// the digests already sent (one per person and period, whatever the number of workers).
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

/** How a kind of notification reaches a person by e-mail; in-app, every notification shows. */
export const channels = ['immediate', 'daily', 'weekly', 'never'] as const;
export type Channel = (typeof channels)[number];

/**
 * What a person follows, by key: `consultation:1`, `phase:2`, `contribution:3`, `project:4`, `organization:5`,
 * `event:6`, `territory:departement:69`. A row with `active = false` is a follow the person stopped: taking part
 * again does not follow it again behind their back.
 */
export const follows = pgTable(
  'follows',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    active: boolean('active').notNull().default(true),
    /** followed by taking part (contributing, commenting, asking, responding, registering), not by a click */
    auto: boolean('auto').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The fan-out reads a target's followers in user order, a batch at a time.
  (t) => [primaryKey({ columns: [t.userId, t.target] }), index('follows_target_idx').on(t.target, t.userId).where(sql`${t.active}`)],
);

/**
 * Something happened. Written in the transaction that made it happen — one statement, whatever the number of
 * followers — and fanned out later by a job, a batch of people at a time (`cursor`: the last person handled).
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** what happened: contribution.published, comment.created, phase.opened… (see kinds.ts) */
    type: text('type').notNull(),
    /** who did it: never told of their own action */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** what it is about, for the checks at delivery time and the links (ids and titles as they were) */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** for events found by a scan (a phase opening): recorded once whatever runs the scan */
    dedupeKey: text('dedupe_key'),
    cursor: integer('cursor').notNull().default(0),
    fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_events_dedupe_key').on(t.dedupeKey),
    index('notification_events_pending_idx').on(t.id).where(sql`${t.fannedOutAt} is null`),
    index('notification_events_created_idx').on(t.createdAt),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => notificationEvents.id, { onDelete: 'cascade' }),
    /** the kind of notification for this person (a reply to them, a new contribution where they follow…): their e-mail choice is per kind */
    kind: text('kind').notNull(),
    /** how it is to be mailed, from the person's choice when it was made (kept in step when they change it) */
    channel: text('channel').$type<Channel>().notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** mailed, alone or in a digest; set at once for `never`: nothing left to send */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_user_event_key').on(t.userId, t.eventId),
    index('notifications_user_idx').on(t.userId, t.id),
    // The bell's count, on every signed-in page.
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    // What the digests and the immediate mails still have to send.
    index('notifications_unsent_idx').on(t.channel, t.userId).where(sql`${t.emailedAt} is null`),
    index('notifications_event_idx').on(t.eventId),
    index('notifications_created_idx').on(t.createdAt),
  ],
);

/** A person's e-mail choice per kind; a kind not named takes its default (kinds.ts). */
export const notificationSettings = pgTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  channels: jsonb('channels').$type<Partial<Record<string, Channel>>>().notNull().default(sql`'{}'::jsonb`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The digests sent: the primary key is what makes a digest go once per person and period. */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** `daily:2026-12-03`, `weekly:2026-11-30` (the Monday): the period's boundary, in Paris */
    period: text('period').notNull(),
    items: integer('items').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.period] }), index('notification_digests_sent_idx').on(t.sentAt)],
);
