// Tables owned by the organizations module: organizations, their members and pending invitations.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.ts';
import { files } from '../../platform/files/schema.ts';
import { tsvector } from '../search/tsvector.ts';

export const organizationTypes = [
  'collectivite',
  'amenageur',
  'startup',
  'pme_eti',
  'grand_groupe',
  'bureau_etudes',
  'recherche',
  'association',
  'service_etat',
  'reseau',
] as const;
export type OrganizationType = (typeof organizationTypes)[number];

export const domains = [
  'mobilite',
  'energie',
  'eau',
  'dechets',
  'batiment',
  'espace_public',
  'nature_en_ville',
  'numerique_donnees',
  'logistique',
  'participation',
  'sante',
  'securite',
  'culture_tourisme',
  'economie_circulaire',
] as const;
export type Domain = (typeof domains)[number];

export const territoryKinds = ['commune', 'epci', 'departement', 'region'] as const;
export type TerritoryKind = (typeof territoryKinds)[number];

export const verificationMethods = ['siret', 'admin'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<OrganizationType>().notNull(),
    description: text('description').notNull().default(''),
    website: text('website'),
    logoFileId: uuid('logo_file_id').references(() => files.id, { onDelete: 'set null' }),
    domains: text('domains').array().$type<Domain[]>().notNull().default(sql`'{}'::text[]`),
    territoryKind: text('territory_kind').$type<TerritoryKind>(),
    territoryCode: text('territory_code'),
    siret: text('siret'),
    legalName: text('legal_name'),
    legalCategory: text('legal_category'),
    /** a type is only claimed until verified: by SIRET against the company register, or by a platform admin */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: text('verified_by').$type<VerificationMethod>(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** its territory's and domains' names, written with them (src/modules/search/terms.ts) */
    searchTerms: text('search_terms').notNull().default(''),
    /** what the site-wide search matches (src/modules/organizations/search.ts; migration 0022) */
    search: tsvector('search').generatedAlwaysAs(sql`setweight(to_tsvector('french', immutable_unaccent(name)), 'A') || setweight(to_tsvector('french', immutable_unaccent(coalesce(legal_name, '') || ' ' || coalesce(siret, '') || ' ' || description)), 'B') || setweight(to_tsvector('french', immutable_unaccent(search_terms)), 'C')`),
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    index('organizations_type_idx').on(t.type),
    index('organizations_territory_idx').on(t.territoryCode),
    index('organizations_name_trgm_idx').using('gin', sql`lower(immutable_unaccent(${t.name})) gin_trgm_ops`),
    index('organizations_search_idx').using('gin', t.search),
  ],
);

export const memberRoles = ['admin', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const membershipStatuses = ['active', 'requested'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const memberships = pgTable(
  'memberships',
  {
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<MemberRole>().notNull().default('member'),
    status: text('status').$type<MembershipStatus>().notNull().default('active'),
    /** the organization this person speaks for unless they choose otherwise (at most one; none: for themselves) */
    speaksFor: boolean('speaks_for').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    uniqueIndex('memberships_speaks_for_key').on(t.userId).where(sql`${t.speaksFor}`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<MemberRole>().notNull().default('member'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('invitations_token_key').on(t.tokenHash), index('invitations_org_idx').on(t.organizationId)],
);
