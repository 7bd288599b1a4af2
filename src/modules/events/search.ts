// What the site-wide search finds in the agenda: events by their title and description, the next ones first.
import { desc, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { boundedCount } from '../../platform/db/bounded.ts';
import { excerpt, frenchQuery, searchCap, type SearchProvider } from '../search/providers.ts';
import { events } from './schema.ts';
import { visibleEvent } from './service.ts';

const eventText = sql`to_tsvector('french', immutable_unaccent(${events.title} || ' ' || ${events.description}))`;

export const eventSearch: SearchProvider = {
  type: 'events',
  async search(db, _actor, text, limit, offset) {
    const query = frenchQuery(text);
    const where = sql`${eventText} @@ ${query} and ${visibleEvent}`;
    const [rows, counted] = await Promise.all([
      db
        .select({ id: events.id, title: events.title, startsAt: events.startsAt, excerpt: excerpt(events.description, text) })
        .from(events)
        .where(where)
        // Upcoming events before past ones, then the best match.
        .orderBy(desc(sql`${events.startsAt} >= ${now()}`), desc(sql`ts_rank(${eventText}, ${query})`), desc(events.startsAt))
        .limit(limit)
        .offset(offset),
      boundedCount(db, events, where, searchCap),
    ]);
    return { hits: rows.map((r) => ({ title: r.title, href: `/events/${r.id}`, excerpt: r.excerpt, date: r.startsAt })), ...counted };
  },
};
