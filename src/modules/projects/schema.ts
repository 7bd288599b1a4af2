// Tables owned by the projects module: open-innovation projects of collectivités and aménageurs, who may see the
// restricted ones, their attachments, the questions and the FAQ, the responses of companies, the owner's evaluation
// (criteria, scores, internal notes), the conversation with each respondent, and people's alerts.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { files } from '../../platform/files/schema.ts';
import { organizations, type Domain, type TerritoryKind } from '../organizations/schema.ts';
import { tsvector } from '../search/tsvector.ts';

export const projectStates = ['draft', 'open', 'closed', 'attributed', 'abandoned'] as const;
export type ProjectState = (typeof projectStates)[number];

export const projectStages = ['idea', 'study', 'procurement', 'pilot', 'deployment'] as const;
export type ProjectStage = (typeof projectStages)[number];

/** public: everyone; members: signed-in people; invited: the owner and the invited organizations only */
export const projectVisibilities = ['public', 'members', 'invited'] as const;
export type ProjectVisibility = (typeof projectVisibilities)[number];

export const questionVisibilities = ['public', 'private'] as const;
export type QuestionVisibility = (typeof questionVisibilities)[number];

export const responseConfidentialities = ['public', 'owner_only'] as const;
export type ResponseConfidentiality = (typeof responseConfidentialities)[number];

export const responseStatuses = ['received', 'under_review', 'shortlisted', 'not_retained', 'retained'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    ownerOrganizationId: integer('owner_organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    context: text('context').notNull().default(''),
    problem: text('problem').notNull().default(''),
    expected: text('expected').notNull().default(''),
    territoryKind: text('territory_kind').$type<TerritoryKind>(),
    territoryCode: text('territory_code'),
    /** a point on the map, or none */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    domains: text('domains').array().$type<Domain[]>().notNull().default(sql`'{}'::text[]`),
    stage: text('stage').$type<ProjectStage>().notNull(),
    timeline: text('timeline').notNull().default(''),
    /** responses and questions are accepted until then (by the clock), while the project is open */
    deadline: timestamp('deadline', { withTimezone: true }),
    budgetMin: integer('budget_min'),
    budgetMax: integer('budget_max'),
    visibility: text('visibility').$type<ProjectVisibility>().notNull().default('public'),
    state: text('state').$type<ProjectState>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** when fitting people were told it opened: they are told once */
    alertsSentAt: timestamp('alerts_sent_at', { withTimezone: true }),
    /** capitalisation (later): a project started from another one ("replicate this project") */
    replicatedFrom: integer('replicated_from').references((): AnyPgColumn => projects.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** its territory's and domains' names, written with them (src/modules/search/terms.ts) */
    searchTerms: text('search_terms').notNull().default(''),
    /** what the site-wide search matches (src/modules/projects/search.ts; migration 0022) */
    search: tsvector('search').generatedAlwaysAs(sql`setweight(to_tsvector('french', immutable_unaccent(title)), 'A') || setweight(to_tsvector('french', immutable_unaccent(context || ' ' || problem || ' ' || expected || ' ' || timeline)), 'B') || setweight(to_tsvector('french', immutable_unaccent(search_terms)), 'C')`),
  },
  (t) => [
    index('projects_owner_idx').on(t.ownerOrganizationId),
    index('projects_state_idx').on(t.state, t.deadline),
    index('projects_search_idx').using('gin', t.search),
    check('projects_budget_check', sql`${t.budgetMin} is null or ${t.budgetMax} is null or ${t.budgetMin} <= ${t.budgetMax}`),
    check('projects_point_check', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
  ],
);

export const projectInvitations = pgTable(
  'project_invitations',
  {
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** who invited, shown to the owner team (migration 0024) */
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organizationId] }), index('project_invitations_org_idx').on(t.organizationId)],
);

export const projectResponses = pgTable(
  'project_responses',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    approach: text('approach').notNull(),
    references: text('references').notNull().default(''),
    /** technology readiness, 1 (idea) to 9 (deployed) */
    maturity: integer('maturity').notNull(),
    priceMin: integer('price_min'),
    priceMax: integer('price_max'),
    team: text('team').notNull().default(''),
    confidentiality: text('confidentiality').$type<ResponseConfidentiality>().notNull().default('owner_only'),
    status: text('status').$type<ResponseStatus>().notNull().default('received'),
    /** what the owner tells the respondent with the status */
    statusMessage: text('status_message').notNull().default(''),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_responses_org_key').on(t.projectId, t.organizationId),
    index('project_responses_org_idx').on(t.organizationId),
    check('project_responses_maturity_check', sql`${t.maturity} between 1 and 9`),
    check('project_responses_price_check', sql`${t.priceMin} is null or ${t.priceMax} is null or ${t.priceMin} <= ${t.priceMax}`),
  ],
);

/** A project's documents, or a response's (then as confidential as the response). */
export const projectAttachments = pgTable(
  'project_attachments',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    responseId: integer('response_id').references(() => projectResponses.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
    /** the uploaded name, reduced to safe characters */
    name: text('name').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_attachments_project_idx').on(t.projectId), index('project_attachments_response_idx').on(t.responseId)],
);

export const projectQuestions = pgTable(
  'project_questions',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    askerId: integer('asker_id').references(() => users.id, { onDelete: 'set null' }),
    askerOrganizationId: integer('asker_organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    visibility: text('visibility').$type<QuestionVisibility>().notNull(),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_questions_project_idx').on(t.projectId, t.id)],
);

/** What every company reads: the owner's anonymised wording of a private question and its answer. */
export const projectFaq = pgTable(
  'project_faq',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    questionId: integer('question_id').references(() => projectQuestions.id, { onDelete: 'set null' }),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_faq_project_idx').on(t.projectId, t.id), uniqueIndex('project_faq_question_key').on(t.questionId)],
);

export const projectCriteria = pgTable(
  'project_criteria',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    weight: integer('weight').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('project_criteria_project_idx').on(t.projectId), check('project_criteria_weight_check', sql`${t.weight} between 1 and 100`)],
);

/** One evaluator's score of a response on a criterion, 0 to 5 with up to two decimals (exact: "4,5" stays 4.5);
 * never shown outside the owner organization. */
export const projectScores = pgTable(
  'project_scores',
  {
    responseId: integer('response_id').notNull().references(() => projectResponses.id, { onDelete: 'cascade' }),
    criterionId: integer('criterion_id').notNull().references(() => projectCriteria.id, { onDelete: 'cascade' }),
    evaluatorId: integer('evaluator_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    score: numeric('score', { precision: 3, scale: 2, mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.criterionId, t.evaluatorId] }), check('project_scores_score_check', sql`${t.score} between 0 and 5`)],
);

/** The owner team's internal comments on a response; never shown to the respondent. */
export const projectEvaluationNotes = pgTable(
  'project_evaluation_notes',
  {
    id: serial('id').primaryKey(),
    responseId: integer('response_id').notNull().references(() => projectResponses.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_evaluation_notes_response_idx').on(t.responseId, t.id)],
);

/** The private thread between the owner organization and one respondent. */
export const projectMessages = pgTable(
  'project_messages',
  {
    id: serial('id').primaryKey(),
    responseId: integer('response_id').notNull().references(() => projectResponses.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** written for the owner organization (else for the respondent) */
    fromOwner: boolean('from_owner').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_messages_response_idx').on(t.responseId, t.id)],
);

/** What a person wants to hear about when a project opens: domains and territories ("kind:code"). */
export const projectAlerts = pgTable('project_alerts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  domains: text('domains').array().$type<Domain[]>().notNull().default(sql`'{}'::text[]`),
  territories: text('territories').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
