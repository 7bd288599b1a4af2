// What the site-wide search finds in the agenda: events by their title, description, place and territory's name (the
// stored vector of migration 0022), the next ones first.
import { desc, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { boundedCount } from '../../platform/db/bounded.ts';
import { excerpt, frenchQuery, searchCap, type SearchProvider } from '../search/providers.ts';
import { events } from './schema.ts';
import { visibleEvent } from './service.ts';

export const eventSearch: SearchProvider = {
  type: 'events',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = sql`${events.search} @@ ${query} and ${visibleEvent}`;
    const [rows, counted] = await Promise.all([
      db
        .select({ id: events.id, title: events.title, startsAt: events.startsAt, venue: events.venue, excerpt: excerpt(sql`${events.description} || ' ' || ${events.searchTerms}`, text) })
        .from(events)
        .where(where)
        // Upcoming events before past ones, then the best match.
        .orderBy(desc(sql`${events.startsAt} >= ${now()}`), desc(sql`ts_rank(${events.search}, ${query})`), desc(events.startsAt))
        .limit(limit)
        .offset(offset),
      boundedCount(db, events, where, searchCap),
    ]);
    return { hits: rows.map((r) => ({ title: r.title, href: `/events/${r.id}`, excerpt: r.excerpt, date: r.startsAt, ...(r.venue ? { context: r.venue } : {}) })), ...counted };
  },
};
