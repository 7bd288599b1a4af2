// Editable static pages: legal notice, accessibility statement, moderation charter, contact.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const pageSlugs = ['legal-notice', 'accessibility', 'charter', 'contact'] as const;
export type PageSlug = (typeof pageSlugs)[number];

export const pages = pgTable('pages', {
  slug: text('slug').$type<PageSlug>().primaryKey(),
  titleFr: text('title_fr').notNull(),
  titleEn: text('title_en').notNull(),
  bodyFr: text('body_fr').notNull(),
  bodyEn: text('body_en').notNull(),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
