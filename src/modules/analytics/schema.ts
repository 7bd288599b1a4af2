// Tables owned by the analytics module: which phases changed since their figures were computed (kept by triggers on
// contributions), the computed figures of each dashboard, a phase's dashboard setting, the opinion groups of a phase
// and its topic groups. Everything but the settings, the names organizers give topic groups and the contributions they
// move is derived: a job computes it again from the contributions, votes and comments.
import { boolean, index, integer, jsonb, pgTable, real, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { consultations, contributions, phases } from '../consultations/schema.ts';

/**
 * A phase whose contributions, votes, arguments or comments changed since the analytics job last read it: one row per
 * phase, inserted by statement triggers on contributions (migration 0016) with `on conflict do nothing`, so a burst of
 * votes adds one row and never waits on another writer's lock. The job deletes the rows it takes, then computes.
 */
export const analyticsChanges = pgTable('analytics_changes', {
  phaseId: integer('phase_id').primaryKey().references(() => phases.id, { onDelete: 'cascade' }),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The figures of one dashboard ('phase:<id>', 'consultation:<id>', 'platform'), as the job computed them. */
export const analyticsSnapshots = pgTable(
  'analytics_snapshots',
  {
    scope: text('scope').primaryKey(),
    consultationId: integer('consultation_id').references(() => consultations.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').references(() => phases.id, { onDelete: 'cascade' }),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    /** how long the computation took, for operators */
    durationMs: integer('duration_ms').notNull().default(0),
    figures: jsonb('figures').notNull(),
  },
  (t) => [index('analytics_snapshots_consultation_idx').on(t.consultationId), index('analytics_snapshots_computed_idx').on(t.computedAt)],
);

/** An organizer may keep a phase's dashboard for the organizers until its synthesis is published. */
export const analyticsPhaseSettings = pgTable('analytics_phase_settings', {
  phaseId: integer('phase_id').primaryKey().references(() => phases.id, { onDelete: 'cascade' }),
  privateUntilSynthesis: boolean('private_until_synthesis').notNull().default(false),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The opinion groups of a phase (opinions.ts): the groups, and how each voted on the contributions considered. */
export const opinionResults = pgTable('opinion_results', {
  phaseId: integer('phase_id').primaryKey().references(() => phases.id, { onDelete: 'cascade' }),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  result: jsonb('result').notNull(),
});

/** The topic groups of a phase (topics.ts), named by their top terms until an organizer names them. */
export const topicGroups = pgTable(
  'topic_groups',
  {
    id: serial('id').primaryKey(),
    phaseId: integer('phase_id').notNull().references(() => phases.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** the most characteristic words, as readers know them (the stem's most frequent written form) */
    terms: text('terms').array().notNull(),
    /** set by an organizer; else the page shows the terms */
    label: text('label'),
    /** stem -> weight of the group's centre, to place contributions written after the computation */
    centroid: jsonb('centroid').$type<Record<string, number>>().notNull(),
    size: integer('size').notNull().default(0),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('topic_groups_phase_idx').on(t.phaseId, t.position)],
);

export const topicAssignments = pgTable(
  'topic_assignments',
  {
    contributionId: integer('contribution_id').primaryKey().references(() => contributions.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').notNull().references(() => phases.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull().references(() => topicGroups.id, { onDelete: 'cascade' }),
    /** cosine similarity to the group's centre; 1 for a contribution an organizer moved there */
    similarity: real('similarity').notNull().default(0),
    /** moved by an organizer: a recomputation keeps it where they put it */
    pinned: boolean('pinned').notNull().default(false),
  },
  (t) => [index('topic_assignments_group_idx').on(t.groupId, t.similarity.desc(), t.contributionId), index('topic_assignments_phase_idx').on(t.phaseId)],
);

/** When a phase's topic groups were made, and the last contribution placed in them since (by id). */
export const topicRuns = pgTable('topic_runs', {
  phaseId: integer('phase_id').primaryKey().references(() => phases.id, { onDelete: 'cascade' }),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  throughId: integer('through_id').notNull().default(0),
  /** the contributions the groups were made from (the most supported, at most topicSample) */
  documents: integer('documents').notNull().default(0),
  /** an organizer asked for new groups: the job makes them */
  requestedAt: timestamp('requested_at', { withTimezone: true }),
});
