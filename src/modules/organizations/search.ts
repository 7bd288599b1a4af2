// What the site-wide search finds among organizations: their names, descriptions, legal names and SIRET, and the names
// of their territory and domains (the stored vector of migration 0022).
import { desc, sql } from 'drizzle-orm';
import { boundedCount } from '../../platform/db/bounded.ts';
import { excerpt, frenchQuery, searchCap, type SearchProvider } from '../search/providers.ts';
import { visibleOrganization } from './directory.ts';
import { organizations } from './schema.ts';

export const organizationSearch: SearchProvider = {
  type: 'organizations',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = sql`${organizations.search} @@ ${query} and ${visibleOrganization}`;
    const [rows, counted] = await Promise.all([
      db
        .select({ slug: organizations.slug, name: organizations.name, excerpt: excerpt(sql`${organizations.description} || ' ' || ${organizations.searchTerms}`, text) })
        .from(organizations)
        .where(where)
        .orderBy(desc(sql`ts_rank(${organizations.search}, ${query})`), desc(organizations.id))
        .limit(limit)
        .offset(offset),
      boundedCount(db, organizations, where, searchCap),
    ]);
    return { hits: rows.map((r) => ({ title: r.name, href: `/organizations/${r.slug}`, excerpt: r.excerpt })), ...counted };
  },
};
