// What the agenda holds about a person, for the download of their data: their registrations and whether they have
// a private calendar feed (its address is secret and stored hashed, so it is not in the download).
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { eventCalendarFeeds, eventRegistrations, events } from './schema.ts';

export async function eventPersonalData(db: Db, userId: number) {
  const [registrations, feeds] = await Promise.all([
    db
      .select({ event: events.title, startsAt: events.startsAt, status: eventRegistrations.status, answers: eventRegistrations.answers, attended: eventRegistrations.attended, registeredAt: eventRegistrations.createdAt })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(eq(eventRegistrations.userId, userId)),
    db.select({ createdAt: eventCalendarFeeds.createdAt }).from(eventCalendarFeeds).where(eq(eventCalendarFeeds.userId, userId)),
  ]);
  return { registrations, calendarFeed: feeds[0] ? { createdAt: feeds[0].createdAt } : null };
}
