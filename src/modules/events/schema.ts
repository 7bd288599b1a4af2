// Tables owned by the events module: workshops and webinars, the questions asked at registration, registrations
// with their waiting list, the organizations designated as animators, the contributions entered after an event,
// the reminders already sent (one per registration, whatever the number of workers) and private calendar feeds.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { consultations, contributions, phases } from '../consultations/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { tsvector } from '../search/tsvector.ts';

export const eventKinds = ['webinar', 'in_person', 'online_workshop'] as const;
export type EventKind = (typeof eventKinds)[number];

export const registrationStatuses = ['confirmed', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    kind: text('kind').$type<EventKind>().notNull(),
    title: text('title').notNull(),
    /** Markdown */
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    venue: text('venue'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** the video-conference link: shown only to confirmed registrations and the animators */
    onlineUrl: text('online_url'),
    territoryKind: text('territory_kind'),
    territoryCode: text('territory_code'),
    /** null: unlimited */
    capacity: integer('capacity'),
    /** null: until the event starts */
    registrationDeadline: timestamp('registration_deadline', { withTimezone: true }),
    animatorId: integer('animator_id').references(() => organizations.id, { onDelete: 'set null' }),
    consultationId: integer('consultation_id').references(() => consultations.id, { onDelete: 'set null' }),
    phaseId: integer('phase_id').references(() => phases.id, { onDelete: 'set null' }),
    /** Markdown, written by the animators; readers see it once published */
    minutes: text('minutes'),
    minutesPublishedAt: timestamp('minutes_published_at', { withTimezone: true }),
    /** called off by its animators: the page stays, registration closes, the registered are told why */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** its territory's name, written with it (src/modules/search/terms.ts) */
    searchTerms: text('search_terms').notNull().default(''),
    /** what the site-wide search matches (src/modules/events/search.ts; migration 0022) */
    search: tsvector('search').generatedAlwaysAs(sql`setweight(to_tsvector('french', immutable_unaccent(title)), 'A') || setweight(to_tsvector('french', immutable_unaccent(description || ' ' || coalesce(venue, ''))), 'B') || setweight(to_tsvector('french', immutable_unaccent(search_terms)), 'C')`),
  },
  (t) => [
    uniqueIndex('events_slug_key').on(t.slug),
    index('events_starts_idx').on(t.startsAt),
    // The events not over, and those not called off, counted in the index alone (migration 0028).
    index('events_ends_idx').on(t.endsAt, t.cancelledAt),
    index('events_territory_idx').on(t.territoryKind, t.territoryCode),
    index('events_consultation_idx').on(t.consultationId),
    index('events_animator_idx').on(t.animatorId),
    index('events_search_idx').using('gin', t.search),
    check('events_dates_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** What the animators ask at registration (dietary needs, consent to be named in the minutes…). */
export const eventQuestions = pgTable(
  'event_questions',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    required: boolean('required').notNull().default(false),
  },
  (t) => [uniqueIndex('event_questions_position_key').on(t.eventId, t.position)],
);

/**
 * One row per person and event, kept when cancelled (a new registration reuses it). `position` orders the waiting
 * list: it is taken from a per-event sequence while the event row is locked, so it never repeats.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** the organization the person registers for, if any */
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    status: text('status').$type<RegistrationStatus>().notNull(),
    position: integer('position').notNull(),
    /** question id -> answer */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** null until the animators mark it */
    attended: boolean('attended'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_registrations_person_key').on(t.eventId, t.userId),
    index('event_registrations_status_idx').on(t.eventId, t.status, t.position),
    index('event_registrations_user_idx').on(t.userId),
  ],
);

/** Organizations a platform admin made animators: their members create and run the events they animate. */
export const eventAnimators = pgTable('event_animators', {
  organizationId: integer('organization_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  designatedBy: integer('designated_by').references(() => users.id, { onDelete: 'set null' }),
  designatedAt: timestamp('designated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Contributions entered after an event (typed from the room or imported from CSV), with the participant named. */
export const eventContributions = pgTable(
  'event_contributions',
  {
    contributionId: integer('contribution_id').primaryKey().references(() => contributions.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    /** only for participants who agreed to be named */
    participantName: text('participant_name'),
  },
  (t) => [index('event_contributions_event_idx').on(t.eventId)],
);

/** A reminder sent: the primary key is what makes it once, even when several workers scan at the same time. */
export const eventReminders = pgTable(
  'event_reminders',
  {
    eventId: integer('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

/** The secret of a person's calendar feed (calendar apps cannot send a bearer token); replaced on request. */
export const eventCalendarFeeds = pgTable(
  'event_calendar_feeds',
  {
    userId: integer('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('event_calendar_feeds_token_key').on(t.tokenHash)],
);
