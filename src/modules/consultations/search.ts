// What the site-wide search finds in consultations: the published consultations and their published contributions.
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rows } from '../../platform/db/client.ts';
import { boundedCount } from '../../platform/db/bounded.ts';
import { excerpt, frenchQuery, searchCap, wholeWordsQuery, type SearchProvider } from '../search/providers.ts';
import { inPublished } from './drafts.ts';
import { consultations, contributions } from './schema.ts';

/**
 * The matches the text index hands over, at most searchCap + 1 of them, before anything else is read: materialized,
 * so the planner cannot trade the text index for a walk of another index with the words as a filter (the phase
 * indexes hold the visible rows, which a filter on visibility would invite). What the rest of the query needs of a
 * row is read in the same visit of it, ranked there too: a cold search reads each matching row once, not twice.
 */
const matches = (query: SQL) =>
  sql`with matches as materialized (select ${contributions.id} as id, ${contributions.state} as state, ${contributions.mergedIntoId} as merged_into_id, ${contributions.consultationId} as consultation_id, ts_rank(${contributions.search}, ${query}) as rank from ${contributions} where ${contributions.search} @@ ${query} limit ${searchCap + 1})`;

export const contributionSearch: SearchProvider = {
  type: 'contributions',
  async search(db, _actor, text, limit, offset) {
    // Only those matches are ranked: a word found in a million contributions costs no more than one found in a
    // thousand (more words narrow the matches, and then every one of them is ranked).
    const rankedBy = (query: SQL) =>
      rows<{ id: number; rank: number; matched: number }>(db, sql`
      ${matches(query)}
      select m.id, m.rank, (select count(*)::int from matches) as matched
      from matches m
      where m.state = 'published' and m.merged_into_id is null and ${inPublished(sql.raw('m.consultation_id'))}`);
    // A last word read as the start of others walks every word it starts in the index (at 2 million contributions,
    // "pistes cycl" costs three times "pistes cyclables"). When the words taken whole already match more than the
    // cap, the page shows those, which the wider query would have ranked first anyway.
    const whole = wholeWordsQuery(text);
    const first = whole ? await rankedBy(whole) : undefined;
    const ranked = first && (first[0]?.matched ?? 0) > searchCap ? first : await rankedBy(frenchQuery(text));
    const page = ranked.sort((a, b) => b.rank - a.rank || b.id - a.id).slice(offset, offset + limit);
    const details = page.length
      ? await db
          .select({ id: contributions.id, title: contributions.title, consultation: consultations.title, excerpt: excerpt(contributions.body, text) })
          .from(contributions)
          .innerJoin(consultations, eq(consultations.id, contributions.consultationId))
          .where(inArray(contributions.id, page.map((r) => r.id)))
      : [];
    const byId = new Map(details.map((d) => [d.id, d]));
    const capped = (ranked[0]?.matched ?? 0) > searchCap;
    return {
      hits: page.flatMap((r) => {
        const d = byId.get(r.id);
        return d ? [{ title: d.title, href: `/contributions/${d.id}`, excerpt: d.excerpt, context: d.consultation }] : [];
      }),
      total: capped ? searchCap : ranked.length,
      capped,
    };
  },
};

const consultationText = sql`to_tsvector('french', immutable_unaccent(${consultations.title} || ' ' || ${consultations.description}))`;

export const consultationSearch: SearchProvider = {
  type: 'consultations',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = sql`${consultationText} @@ ${query} and ${consultations.publishedAt} is not null`;
    const [rows, counted] = await Promise.all([
      db
        .select({ slug: consultations.slug, title: consultations.title, excerpt: excerpt(consultations.description, text) })
        .from(consultations)
        .where(where)
        .orderBy(desc(sql`ts_rank(${consultationText}, ${query})`), desc(consultations.id))
        .limit(limit)
        .offset(offset),
      boundedCount(db, consultations, where, searchCap),
    ]);
    return { hits: rows.map((r) => ({ title: r.title, href: `/consultations/${r.slug}`, excerpt: r.excerpt })), ...counted };
  },
};
