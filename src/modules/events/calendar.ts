// iCalendar (RFC 5545): one file per event, a private feed per person (a secret address, since calendar apps cannot
// send a bearer token; only its hash is stored) and a public feed per territory.
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { now, days } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { NotFound } from '../../platform/errors.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import type { Territory } from '../territories/data.ts';
import { nearTerritory, visibleEvent } from './service.ts';
import { eventCalendarFeeds, eventRegistrations, events } from './schema.ts';
import type { EventRow } from './service.ts';

export interface CalendarEntry extends Pick<EventRow, 'id' | 'slug' | 'title' | 'description' | 'startsAt' | 'endsAt' | 'venue' | 'latitude' | 'longitude' | 'updatedAt'> {
  /** set when the animators called it off */
  cancelledAt?: Date | null;
  /** only for people who may see it */
  onlineUrl?: string | null;
  tentative?: boolean;
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF then a space), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function calendar(name: string, entries: CalendarEntry[], publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Parvis//Events//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${text(name)}`];
  for (const e of entries) {
    const url = `${publicUrl}/events/${e.id}`;
    const description = [e.description, e.onlineUrl ? `\n${e.onlineUrl}` : '', `\n${url}`].join('');
    lines.push(
      'BEGIN:VEVENT',
      `UID:event-${e.id}@${host}`,
      `DTSTAMP:${stamp(e.updatedAt)}`,
      `DTSTART:${stamp(e.startsAt)}`,
      `DTEND:${stamp(e.endsAt)}`,
      `SUMMARY:${text(e.title)}`,
      `DESCRIPTION:${text(description)}`,
      `URL:${url}`,
    );
    const location = e.venue ?? e.onlineUrl ?? '';
    if (location) lines.push(`LOCATION:${text(location)}`);
    if (e.latitude !== null && e.longitude !== null) lines.push(`GEO:${e.latitude};${e.longitude}`);
    // A called-off event stays in the feed as CANCELLED, so calendars that imported it remove it.
    lines.push(`STATUS:${e.cancelledAt ? 'CANCELLED' : e.tentative ? 'TENTATIVE' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

const columns = {
  id: events.id,
  cancelledAt: events.cancelledAt,
  slug: events.slug,
  title: events.title,
  description: events.description,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  venue: events.venue,
  latitude: events.latitude,
  longitude: events.longitude,
  updatedAt: events.updatedAt,
  onlineUrl: events.onlineUrl,
};

/** A new secret address for the person's feed; the previous one stops working. */
export async function renewFeedToken(db: Db, userId: number): Promise<string> {
  const token = newToken('cal_');
  await db
    .insert(eventCalendarFeeds)
    .values({ userId, tokenHash: hashToken(token), createdAt: now() })
    .onConflictDoUpdate({ target: eventCalendarFeeds.userId, set: { tokenHash: hashToken(token), createdAt: now() } });
  return token;
}

export async function hasFeed(db: Db, userId: number): Promise<boolean> {
  return (await db.select({ userId: eventCalendarFeeds.userId }).from(eventCalendarFeeds).where(eq(eventCalendarFeeds.userId, userId))).length > 0;
}

/** The person's registrations of the last 90 days and to come; the online link is theirs to see when confirmed. */
export async function personalEntries(db: Db, token: string): Promise<CalendarEntry[]> {
  if (!/^cal_[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFound('calendar');
  const [feed] = await db.select({ userId: eventCalendarFeeds.userId }).from(eventCalendarFeeds).where(eq(eventCalendarFeeds.tokenHash, hashToken(token)));
  if (!feed) throw new NotFound('calendar');
  const rows = await db
    .select({ ...columns, status: eventRegistrations.status })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.userId, feed.userId), inArray(eventRegistrations.status, ['confirmed', 'waiting']), gte(events.endsAt, new Date(now().getTime() - days(90))), visibleEvent))
    .orderBy(asc(events.startsAt))
    .limit(500);
  return rows.map(({ status, onlineUrl, ...e }) => ({ ...e, onlineUrl: status === 'confirmed' ? onlineUrl : null, tentative: status === 'waiting' }));
}

export async function territoryEntries(db: Db, territory: Territory): Promise<CalendarEntry[]> {
  const rows = await db
    .select(columns)
    .from(events)
      .where(and(nearTerritory(territory), gte(events.endsAt, new Date(now().getTime() - days(90))), visibleEvent))
    .orderBy(asc(events.startsAt))
    .limit(500);
  return rows.map((e) => ({ ...e, onlineUrl: null }));
}
