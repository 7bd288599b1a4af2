// What the site-wide search finds in consultations: the consultations themselves and their published contributions.
import { and, desc, eq, sql } from 'drizzle-orm';
import { excerpt, frenchQuery, type SearchProvider } from '../search/providers.ts';
import { isVisible } from './links.ts';
import { consultations, contributions } from './schema.ts';

export const contributionSearch: SearchProvider = {
  type: 'contributions',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = and(sql`${contributions.search} @@ ${query}`, isVisible);
    const [rows, [counted]] = await Promise.all([
      db
        .select({ id: contributions.id, title: contributions.title, consultation: consultations.title, excerpt: excerpt(contributions.body, text) })
        .from(contributions)
        .innerJoin(consultations, eq(consultations.id, contributions.consultationId))
        .where(where)
        .orderBy(desc(sql`ts_rank(${contributions.search}, ${query})`), desc(contributions.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(contributions).where(where),
    ]);
    return { hits: rows.map((r) => ({ title: r.title, href: `/contributions/${r.id}`, excerpt: r.excerpt, context: r.consultation })), total: counted?.n ?? 0 };
  },
};

const consultationText = sql`to_tsvector('french', immutable_unaccent(${consultations.title} || ' ' || ${consultations.description}))`;

export const consultationSearch: SearchProvider = {
  type: 'consultations',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = sql`${consultationText} @@ ${query}`;
    const [rows, [counted]] = await Promise.all([
      db
        .select({ slug: consultations.slug, title: consultations.title, excerpt: excerpt(consultations.description, text) })
        .from(consultations)
        .where(where)
        .orderBy(desc(sql`ts_rank(${consultationText}, ${query})`), desc(consultations.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(consultations).where(where),
    ]);
    return { hits: rows.map((r) => ({ title: r.title, href: `/consultations/${r.slug}`, excerpt: r.excerpt })), total: counted?.n ?? 0 };
  },
};
