// Tables owned by the consultations module: consultations, their organizers, themes and phases, the contributions
// made in a phase with their revisions, and the reactions to them (votes, arguments, comments).
import { sql } from 'drizzle-orm';
import { boolean, check, customType, doublePrecision, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { files } from '../../platform/files/schema.ts';
import { users } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';

export const contributionKinds = ['need', 'idea', 'feature'] as const;
export type ContributionKind = (typeof contributionKinds)[number];

export const voteValues = ['agree', 'mixed', 'disagree'] as const;
export type VoteValue = (typeof voteValues)[number];

export const argumentSides = ['for', 'against'] as const;
export type ArgumentSide = (typeof argumentSides)[number];

/** hidden: by the moderators (src/modules/moderation), which every reader of published contributions leaves out */
export const contributionStates = ['draft', 'published', 'hidden'] as const;
export type ContributionState = (typeof contributionStates)[number];

/** set by an organizer with the official answer */
export const answerStatuses = ['under_study', 'retained', 'not_retained', 'done'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const consultations = pgTable(
  'consultations',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** official codes of the territories concerned (communes, EPCI, departments, regions) */
    territoryCodes: text('territory_codes').array().notNull().default(sql`'{}'::text[]`),
    coverFileId: uuid('cover_file_id').references(() => files.id, { onDelete: 'set null' }),
    /** null while a draft, seen by its organizers and the platform admins alone (migration 0020); rows written without
     * it are public, so the service creates every consultation as a draft explicitly */
    publishedAt: timestamp('published_at', { withTimezone: true }).defaultNow(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultations_slug_key').on(t.slug), index('consultations_drafts_idx').on(t.id).where(sql`${t.publishedAt} is null`)],
);

export const consultationOrganizers = pgTable(
  'consultation_organizers',
  {
    consultationId: integer('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.organizationId] }), index('consultation_organizers_org_idx').on(t.organizationId)],
);

export const consultationThemes = pgTable(
  'consultation_themes',
  {
    id: serial('id').primaryKey(),
    consultationId: integer('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('consultation_themes_slug_key').on(t.consultationId, t.slug)],
);

export const phases = pgTable(
  'phases',
  {
    id: serial('id').primaryKey(),
    consultationId: integer('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
    /** 1, 2, 3…: the order of the phases and their address (/consultations/:slug/phases/:position) */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    question: text('question').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    kinds: text('kinds').array().$type<ContributionKind[]>().notNull(),
    /** comments may stay open after the phase closes, until then */
    commentsOpenUntil: timestamp('comments_open_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('phases_position_key').on(t.consultationId, t.position), check('phases_dates_check', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** What visitors may see of contributions (`isVisible` in links.ts), as the phase indexes' predicate. */
const visible = (t: { state: AnyPgColumn; mergedIntoId: AnyPgColumn }) => sql`${t.state} = 'published' and ${t.mergedIntoId} is null`;

export const contributions = pgTable(
  'contributions',
  {
    id: serial('id').primaryKey(),
    consultationId: integer('consultation_id').notNull().references(() => consultations.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').notNull().references(() => phases.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ContributionKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    territoryKind: text('territory_kind'),
    territoryCode: text('territory_code'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** the organization the author speaks for; none when they speak for themselves */
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    /** a draft is seen by its author only, until published */
    state: text('state').$type<ContributionState>().notNull().default('published'),
    /** a duplicate merged by an organizer points at the contribution that absorbed it, and redirects there; no foreign
     * key because the target may be newer than the duplicate, which a row-by-row restore could not insert in order */
    mergedIntoId: integer('merged_into_id'),
    answer: text('answer'),
    answerStatus: text('answer_status').$type<AnswerStatus>(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    /** arguments and comments still shown, kept by the services that change them, so long lists sort without
     * counting (the votes' counts are kept in contribution_tallies) */
    debateCount: integer('debate_count').notNull().default(0),
    /** drawn once at creation: the random order walks an index on it instead of sorting the whole phase */
    randomKey: doublePrecision('random_key').notNull().default(sql`random()`),
    /** French stemming without accents, for similar contributions and search */
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('french', immutable_unaccent(coalesce(title, '') || ' ' || coalesce(body, '')))`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contributions_phase_idx').on(t.phaseId, t.createdAt),
    // A consultation's contributions, in id order: the open-data export reads them a batch at a time.
    index('contributions_consultation_id_idx').on(t.consultationId, t.id),
    // A short pending list for both GIN indexes (migration 0028): merges stay small, searches scan little of it.
    index('contributions_search_idx').using('gin', t.search).with({ gin_pending_list_limit: 256 }),
    index('contributions_title_trgm_idx').using('gin', sql`immutable_unaccent(lower(${t.title})) gin_trgm_ops`).with({ gin_pending_list_limit: 256 }),
    index('contributions_merged_idx').on(t.mergedIntoId),
    // A phase's list in each order (the supported one in contribution_tallies), of the visible rows only: the offset of a deep page is counted in the index
    // alone (migration 0026), as is a phase's visible count.
    index('contributions_phase_debated_idx').on(t.phaseId, t.debateCount.desc(), t.id.desc()).where(visible(t)),
    index('contributions_phase_random_idx').on(t.phaseId, t.randomKey, t.id).where(visible(t)),
    index('contributions_phase_visible_idx').on(t.phaseId, t.createdAt.desc(), t.id.desc()).where(visible(t)),
    // A filter's matches, counted and listed from here when they are few in a large phase (migration 0030).
    index('contributions_phase_kind_idx').on(t.phaseId, t.kind).where(visible(t)),
    index('contributions_phase_answered_idx').on(t.phaseId, t.answerStatus).where(sql`${visible(t)} and ${t.answerStatus} is not null`),
    index('contributions_phase_territory_idx').on(t.phaseId, t.territoryCode).where(sql`${visible(t)} and ${t.territoryCode} is not null`),
    index('contributions_author_idx').on(t.authorId),
    // A signed-in reader's drafts in a phase, on every page of it they open.
    index('contributions_drafts_idx').on(t.authorId, t.phaseId).where(sql`${t.state} = 'draft'`),
    index('contributions_organization_idx').on(t.organizationId),
  ],
);

export const contributionThemes = pgTable(
  'contribution_themes',
  {
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id').notNull().references(() => consultationThemes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.contributionId, t.themeId] }), index('contribution_themes_theme_idx').on(t.themeId)],
);

/**
 * A contribution's votes, counted: kept by a trigger on votes in the vote's transaction (migrations 0027, 0029), in a
 * narrow table so that a vote writes a few integers instead of a new version of the contribution's row and of its 13
 * index entries. Its phase and visibility mirror the contribution's (kept by triggers), so the supported order walks
 * this table alone. Derived: left out of dumps, rebuilt by the triggers as a restore inserts contributions and votes.
 */
export const contributionTallies = pgTable(
  'contribution_tallies',
  {
    contributionId: integer('contribution_id').primaryKey().references(() => contributions.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').notNull(),
    visible: boolean('visible').notNull(),
    agree: integer('agree').notNull().default(0),
    mixed: integer('mixed').notNull().default(0),
    disagree: integer('disagree').notNull().default(0),
  },
  (t) => [index('contribution_tallies_supported_idx').on(t.phaseId, t.agree.desc(), t.contributionId.desc()).where(sql`${t.visible}`)],
);

/**
 * How many visible contributions each phase holds, kept by triggers on contributions (migration 0012) in the same
 * transaction as the write, whoever writes. Spread over a few rows per phase (one per connection, by backend pid) so
 * that concurrent writers never queue on one counter row; a count is the sum of its phase's rows.
 */
export const phaseContributionCounts = pgTable(
  'phase_contribution_counts',
  {
    phaseId: integer('phase_id').notNull().references(() => phases.id, { onDelete: 'cascade' }),
    shard: smallint('shard').notNull(),
    visible: integer('visible').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.phaseId, t.shard] })],
);

/** Every version of a contribution, the first included: the history readers see. */
export const contributionRevisions = pgTable(
  'contribution_revisions',
  {
    id: serial('id').primaryKey(),
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    kind: text('kind').$type<ContributionKind>().notNull(),
    editedBy: integer('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contribution_revisions_contribution_idx').on(t.contributionId, t.id)],
);

/** One vote per person and contribution: the primary key is what makes concurrent votes collapse into one. */
export const votes = pgTable(
  'votes',
  {
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    value: text('value').$type<VoteValue>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contributionId, t.userId] }), index('votes_user_idx').on(t.userId)],
);

export const contributionArguments = pgTable(
  'contribution_arguments',
  {
    id: serial('id').primaryKey(),
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    side: text('side').$type<ArgumentSide>().notNull(),
    text: text('text').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contribution_arguments_contribution_idx').on(t.contributionId)],
);

export const argumentSupports = pgTable(
  'argument_supports',
  {
    argumentId: integer('argument_id').notNull().references(() => contributionArguments.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.argumentId, t.userId] })],
);

export const comments = pgTable(
  'comments',
  {
    id: serial('id').primaryKey(),
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    /** 1 for a comment, 2 for a reply, 3 for a reply to a reply: no deeper */
    depth: integer('depth').notNull().default(1),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('comments_contribution_idx').on(t.contributionId, t.id), check('comments_depth_check', sql`${t.depth} between 1 and 3`)],
);

/** Traceability: an idea answers needs of an earlier phase; a feature comes from ideas. */
export const contributionLinks = pgTable(
  'contribution_links',
  {
    fromId: integer('from_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    toId: integer('to_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] }), index('contribution_links_to_idx').on(t.toId), check('contribution_links_not_self', sql`${t.fromId} <> ${t.toId}`)],
);

/** People who share authorship: the authors of duplicates merged into the contribution. */
export const contributionCoauthors = pgTable(
  'contribution_coauthors',
  {
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.contributionId, t.userId] })],
);

/** The synthesis of a phase, written by its organizers once the phase has closed. */
export const syntheses = pgTable('syntheses', {
  id: serial('id').primaryKey(),
  phaseId: integer('phase_id').notNull().unique().references(() => phases.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Contributions a published synthesis cites with [#id]; kept in step with its text. */
export const synthesisCitations = pgTable(
  'synthesis_citations',
  {
    synthesisId: integer('synthesis_id').notNull().references(() => syntheses.id, { onDelete: 'cascade' }),
    contributionId: integer('contribution_id').notNull().references(() => contributions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.synthesisId, t.contributionId] }), index('synthesis_citations_contribution_idx').on(t.contributionId)],
);
