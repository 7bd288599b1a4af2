// What the site-wide search finds among organizations: their names and descriptions.
import { desc, sql } from 'drizzle-orm';
import { boundedCount } from '../../platform/db/bounded.ts';
import { excerpt, frenchQuery, searchCap, type SearchProvider } from '../search/providers.ts';
import { visibleOrganization } from './directory.ts';
import { organizations } from './schema.ts';

const organizationText = sql`to_tsvector('french', immutable_unaccent(${organizations.name} || ' ' || coalesce(${organizations.description}, '')))`;

export const organizationSearch: SearchProvider = {
  type: 'organizations',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = sql`${organizationText} @@ ${query} and ${visibleOrganization}`;
    const [rows, counted] = await Promise.all([
      db
        .select({ slug: organizations.slug, name: organizations.name, excerpt: excerpt(sql`coalesce(${organizations.description}, ${organizations.name})`, text) })
        .from(organizations)
        .where(where)
        .orderBy(desc(sql`ts_rank(${organizationText}, ${query})`), desc(organizations.id))
        .limit(limit)
        .offset(offset),
      boundedCount(db, organizations, where, searchCap),
    ]);
    return { hits: rows.map((r) => ({ title: r.name, href: `/organizations/${r.slug}`, excerpt: r.excerpt })), ...counted };
  },
};
