// What the site-wide search finds among projects: every public text and the names of their territory and domains (the
// stored vector of migration 0022), only in those the person may see (visibility.ts decides).
import { and, desc, sql } from 'drizzle-orm';
import { boundedCount } from '../../platform/db/bounded.ts';
import { excerpt, frenchQuery, searchCap, type SearchProvider } from '../search/providers.ts';
import { projects } from './schema.ts';
import { visibleProjects } from './visibility.ts';

export const projectSearch: SearchProvider = {
  type: 'projects',
  async search(db, actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = and(sql`${projects.search} @@ ${query}`, visibleProjects(actor));
    const [rows, counted] = await Promise.all([
      db
        .select({ id: projects.id, title: projects.title, excerpt: excerpt(sql`${projects.problem} || ' ' || ${projects.context} || ' ' || ${projects.expected} || ' ' || ${projects.searchTerms}`, text) })
        .from(projects)
        .where(where)
        .orderBy(desc(sql`ts_rank(${projects.search}, ${query})`), desc(projects.id))
        .limit(limit)
        .offset(offset),
      boundedCount(db, projects, where, searchCap),
    ]);
    return { hits: rows.map((r) => ({ title: r.title, href: `/projects/${r.id}`, excerpt: r.excerpt })), ...counted };
  },
};
