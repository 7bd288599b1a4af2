// Tables owned by the moderation module: what was reported and what the moderators decided about it, each report
// with the text as it stood when reported, the versions of the moderation charter, and the fingerprints of recent
// posts the spam defences compare new ones with.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';

/** Everything a person writes that others read, and the person themself (their public name). */
export const reportableKinds = ['contribution', 'argument', 'comment', 'question', 'response', 'event', 'organization', 'user'] as const;
export type ReportableKind = (typeof reportableKinds)[number];

export const reportReasons = ['spam', 'offensive', 'off_topic', 'personal_data', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

/** How a report was closed: the item hidden, the reports dismissed, the item restored after being hidden. */
export const reportOutcomes = ['hidden', 'dismissed', 'restored'] as const;
export type ReportOutcome = (typeof reportOutcomes)[number];

/**
 * One row per item that was ever reported or moderated: whether it is hidden (the one truth every list reads), why,
 * by whom (nobody: hidden automatically by its reports), and what its open reports are. `consultation_id` scopes an
 * item to the organizers of its consultation; the title is the item's as last reported, for the queue.
 */
export const moderationItems = pgTable(
  'moderation_items',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<ReportableKind>().notNull(),
    itemId: integer('item_id').notNull(),
    /** no foreign key: the consultation may go, the moderation record stays */
    consultationId: integer('consultation_id'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull().default(''),
    /** where the item is read */
    href: text('href').notNull().default('/'),
    openReports: integer('open_reports').notNull().default(0),
    lastReportedAt: timestamp('last_reported_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    /** null while hidden: hidden automatically, by its reports */
    hiddenBy: integer('hidden_by').references(() => users.id, { onDelete: 'set null' }),
    hiddenReason: text('hidden_reason'),
    /** hidden with the rest of its author's content when the account was blocked: unblocking brings it back */
    hiddenByBlock: boolean('hidden_by_block').notNull().default(false),
    /** a moderator decided (restored or dismissed): reports no longer hide it automatically */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // What every list asks: is this item hidden? One probe of this index per row shown.
    uniqueIndex('moderation_items_item_key').on(t.kind, t.itemId),
    // The queue: items with open reports, newest or most reported first.
    index('moderation_items_queue_idx').on(t.lastReportedAt).where(sql`${t.openReports} > 0`),
    index('moderation_items_hidden_idx').on(t.hiddenAt).where(sql`${t.hiddenAt} is not null`),
    index('moderation_items_author_idx').on(t.authorId),
    index('moderation_items_consultation_idx').on(t.consultationId),
  ],
);

export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    moderationItemId: integer('moderation_item_id').notNull().references(() => moderationItems.id, { onDelete: 'cascade' }),
    /** kept when the reporter deletes their account: the report stands, anonymous */
    reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').$type<ReportReason>().notNull(),
    details: text('details').notNull().default(''),
    /** the item's text when it was reported: a later edit does not erase what was reported */
    snapshotTitle: text('snapshot_title').notNull().default(''),
    snapshotBody: text('snapshot_body').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'set null' }),
    outcome: text('outcome').$type<ReportOutcome>(),
  },
  (t) => [
    // One open report per person and item, whatever the number of concurrent requests.
    uniqueIndex('reports_open_key').on(t.moderationItemId, t.reporterId).where(sql`${t.closedAt} is null`),
    index('reports_item_idx').on(t.moderationItemId, t.id),
    index('reports_reporter_idx').on(t.reporterId, t.createdAt),
  ],
);

/**
 * The versions of the moderation charter people accept. The latest is the one in force; publishing a new one asks
 * everyone to accept it again at their next page (a typo fixed in the charter's text is not a new version).
 */
export const charterVersions = pgTable('charter_versions', {
  id: serial('id').primaryKey(),
  version: text('version').notNull().unique(),
  /** what changed, shown to people asked to accept it again */
  summary: text('summary').notNull().default(''),
  publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A fingerprint of each post (its text folded), for the spam defences: the same text again and again is refused,
 * and an account's first posts are counted. Kept a week (older rows are swept), never shown.
 */
export const postFingerprints = pgTable(
  'post_fingerprints',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    /** whether the text counts for repetition (long enough to be more than "thank you") */
    comparable: boolean('comparable').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('post_fingerprints_user_idx').on(t.userId, t.createdAt), index('post_fingerprints_text_idx').on(t.fingerprint, t.createdAt)],
);
