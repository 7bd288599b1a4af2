// The events a person registered to and the events their organizations animate, latest first, for their space
// (src/modules/me). Read-only; bounded by event_registrations_user_idx and events_animator_idx.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { section, sectionSize, totalColumn, type Section } from '../me/listing.ts';
import { organizations } from '../organizations/schema.ts';
import { eventRegistrations, events, type RegistrationStatus } from './schema.ts';
import { visibleEvent } from './service.ts';

export interface MyRegistration {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: RegistrationStatus;
  cancelled: boolean;
}

export interface AnimatedEvent {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  organizationName: string;
}

/** The same registrations as /events/mine (confirmed or waiting, events not hidden), latest first. */
export async function myRegistrations(db: Db, userId: number): Promise<Section<MyRegistration>> {
  const rows = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt, status: eventRegistrations.status, cancelledAt: events.cancelledAt, total: totalColumn() })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.userId, userId), inArray(eventRegistrations.status, ['confirmed', 'waiting']), visibleEvent))
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(sectionSize);
  const { total, items } = section(rows);
  return { total, items: items.map(({ cancelledAt, ...item }) => ({ ...item, cancelled: cancelledAt !== null })) };
}

/** Every event of the person's organizations, hidden ones too: their animators manage them. */
export async function animatedEvents(db: Db, organizationIds: number[]): Promise<Section<AnimatedEvent>> {
  if (organizationIds.length === 0) return { total: 0, items: [] };
  const rows = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt, cancelledAt: events.cancelledAt, organizationName: organizations.name, total: totalColumn() })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.animatorId))
    .where(inArray(events.animatorId, organizationIds))
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(sectionSize);
  const { total, items } = section(rows);
  return { total, items: items.map(({ cancelledAt, ...item }) => ({ ...item, cancelled: cancelledAt !== null })) };
}
