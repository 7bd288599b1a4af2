// Registrations: a seat while there is one, else the waiting list; a cancellation hands the seat to the first
// waiting person, who is told by mail. The event row is locked (SELECT … FOR UPDATE) for the whole transaction,
// so concurrent registrations count the seats one after the other and the capacity is never exceeded.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { translator } from '../../platform/http/i18n.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { Actor } from '../../platform/policy.ts';
import { users, type Locale } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { parisLocal } from '../consultations/phases.ts';
import type { CallOffInput, MessageInput } from './inputs.ts';
import { eventRegistrations, events, type RegistrationStatus } from './schema.ts';
import { registrationOpen, visibleEvent, type EventDetail, type EventRow } from './service.ts';
import { followByTakingPart } from '../notifications/follows.ts';

export type Registration = typeof eventRegistrations.$inferSelect;

export class RegistrationClosed extends Conflict {
  constructor() {
    super('registration_closed', 'registration for this event is closed');
  }
}

/** "2020-10-01 14:00" in Paris time, for mails (which have no reader's zone). */
export function parisText(date: Date): string {
  return parisLocal(date).replace('T', ' ');
}

async function mailUser(env: ServiceEnv, tx: Tx, userId: number, template: string, vars: Record<string, string>): Promise<void> {
  const [user] = await tx.select({ email: users.email, locale: users.locale, name: users.displayName }).from(users).where(eq(users.id, userId));
  if (!user) return;
  const { ta } = translator(user.locale as Locale);
  const all = { ...vars, name: user.name, site: env.config.publicUrl };
  await queueMail(env.jobs, tx, { to: user.email, subject: ta(`events:mail.${template}.subject`, all), text: ta(`events:mail.${template}.body`, all) });
}

function eventVars(env: ServiceEnv, event: Pick<EventRow, 'id' | 'title' | 'startsAt'>) {
  return { title: event.title, start: parisText(event.startsAt), link: `${env.config.publicUrl}/events/${event.id}` };
}

/** Locks the event row until the transaction ends and returns it. */
export async function lockEvent(tx: Tx, eventId: number): Promise<EventRow> {
  const [row] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!row) throw new NotFound('event');
  return row;
}

function checkedAnswers(event: EventDetail, answers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of event.questions) {
    const value = (answers[String(q.id)] ?? '').trim();
    if (value.length > 500) throw ValidationFailed.one(`q${q.id}`, 'validation:tooLong', { max: 500 });
    if (q.required && !value) throw ValidationFailed.one(`q${q.id}`, 'validation:required');
    if (value) out[String(q.id)] = value;
  }
  return out;
}

export interface RegisterInput {
  organization?: string;
  answers: Record<string, string>;
}

/** Registers the actor: confirmed if a seat is left, else waiting. Registering again keeps the place one has. */
export async function register(env: ServiceEnv, actor: Actor, event: EventDetail, input: RegisterInput): Promise<RegistrationStatus> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  if (!registrationOpen(event)) throw new RegistrationClosed();
  const answers = checkedAnswers(event, input.answers);
  const organizationId = input.organization ? Number(input.organization) : null;
  if (organizationId !== null && !actor.isMemberOf(organizationId)) throw ValidationFailed.one('organization', 'events:validation.registerFor');
  return env.db.transaction(async (tx) => {
    const locked = await lockEvent(tx, event.id);
    const [existing] = await tx.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, user.id)));
    if (existing && existing.status !== 'cancelled') {
      await tx.update(eventRegistrations).set({ answers, organizationId, updatedAt: now() }).where(eq(eventRegistrations.id, existing.id));
      return existing.status;
    }
    const [counts] = await tx
      .select({
        confirmed: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'confirmed')`.mapWith(Number),
        waiting: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'waiting')`.mapWith(Number),
        last: sql<number>`coalesce(max(${eventRegistrations.position}), 0)`.mapWith(Number),
      })
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, event.id));
    // Nobody jumps the queue: with people waiting, a newcomer waits too even if a seat looks free.
    const status: RegistrationStatus = locked.capacity === null || (counts!.confirmed < locked.capacity && counts!.waiting === 0) ? 'confirmed' : 'waiting';
    const values = { status, position: counts!.last + 1, answers, organizationId, attended: null, updatedAt: now() };
    if (existing) await tx.update(eventRegistrations).set(values).where(eq(eventRegistrations.id, existing.id));
    else await tx.insert(eventRegistrations).values({ ...values, eventId: event.id, userId: user.id });
    // Registering follows the event (its minutes), unless the person stopped following it.
    await followByTakingPart(tx, user.id, `event:${event.id}`);
    await mailUser(env, tx, user.id, status === 'confirmed' ? 'confirmed' : 'waiting', eventVars(env, locked));
    return status;
  });
}

/** Cancels the actor's registration; a freed seat goes to the first waiting person, told by mail in the same transaction. */
export async function cancel(env: ServiceEnv, actor: Actor, eventId: number): Promise<void> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  await env.db.transaction(async (tx) => {
    const locked = await lockEvent(tx, eventId);
    const [mine] = await tx.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, user.id)));
    if (!mine || mine.status === 'cancelled') return;
    await tx.update(eventRegistrations).set({ status: 'cancelled', updatedAt: now() }).where(eq(eventRegistrations.id, mine.id));
    if (mine.status === 'confirmed' && locked.startsAt > now()) await promote(env, tx, locked);
  });
}

/** Fills free seats from the head of the waiting list; the event row must be locked by the caller. */
export async function promote(env: ServiceEnv, tx: Tx, event: EventRow): Promise<void> {
  const [counts] = await tx.select({ confirmed: sql<number>`count(*)`.mapWith(Number) }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'confirmed')));
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - counts!.confirmed;
  if (free <= 0) return;
  const next = await tx.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waiting'))).orderBy(asc(eventRegistrations.position)).limit(Math.min(free, 1000));
  for (const r of next) {
    await tx.update(eventRegistrations).set({ status: 'confirmed', updatedAt: now() }).where(eq(eventRegistrations.id, r.id));
    await mailUser(env, tx, r.userId, 'promoted', eventVars(env, event));
  }
}

export async function myRegistration(env: ServiceEnv, actor: Actor, eventId: number): Promise<Registration | undefined> {
  if (!actor.user) return undefined;
  const [row] = await env.db.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, actor.user.id)));
  return row;
}

/** The waiting person's rank (1 = next in line). */
export async function waitingRank(env: ServiceEnv, registration: Registration): Promise<number> {
  const [row] = await env.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, registration.eventId), eq(eventRegistrations.status, 'waiting'), sql`${eventRegistrations.position} <= ${registration.position}`));
  return row?.n ?? 0;
}

export interface MyEvent {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: RegistrationStatus;
}

export async function myEvents(env: ServiceEnv, userId: number): Promise<MyEvent[]> {
  return env.db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt, status: eventRegistrations.status })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(eq(eventRegistrations.userId, userId), inArray(eventRegistrations.status, ['confirmed', 'waiting']), visibleEvent))
    .orderBy(asc(events.startsAt))
    .limit(500);
}

export interface Attendee {
  id: number;
  name: string;
  email: string;
  organization: string | null;
  status: RegistrationStatus;
  position: number;
  answers: Record<string, string>;
  attended: boolean | null;
  registeredAt: Date;
}

export async function attendees(env: ServiceEnv, eventId: number): Promise<Attendee[]> {
  return env.db
    .select({
      id: eventRegistrations.id,
      name: users.displayName,
      email: users.email,
      organization: organizations.name,
      status: eventRegistrations.status,
      position: eventRegistrations.position,
      answers: eventRegistrations.answers,
      attended: eventRegistrations.attended,
      registeredAt: eventRegistrations.createdAt,
    })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .leftJoin(organizations, eq(organizations.id, eventRegistrations.organizationId))
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(sql`case ${eventRegistrations.status} when 'confirmed' then 0 when 'waiting' then 1 else 2 end`, asc(eventRegistrations.position))
    .limit(5000);
}

/** The ids listed are marked present, every other confirmed registration absent. */
export async function markAttendance(env: ServiceEnv, eventId: number, presentIds: number[]): Promise<void> {
  await env.db.transaction(async (tx) => {
    await tx.update(eventRegistrations).set({ attended: false, updatedAt: now() }).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')));
    if (presentIds.length > 0) await tx.update(eventRegistrations).set({ attended: true }).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed'), inArray(eventRegistrations.id, presentIds)));
  });
}

/** One mail job per confirmed person, all queued in one transaction. */
export async function messageRegistered(env: ServiceEnv, event: EventDetail, input: MessageInput): Promise<number> {
  return env.db.transaction(async (tx) => {
    const rows = await tx.select({ email: users.email }).from(eventRegistrations).innerJoin(users, eq(users.id, eventRegistrations.userId)).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'confirmed')));
    const footer = `\n\n— ${event.title}\n${env.config.publicUrl}/events/${event.id}`;
    for (const r of rows) await queueMail(env.jobs, tx, { to: r.email, subject: `[${event.title}] ${input.subject}`, text: input.body + footer });
    return rows.length;
  });
}

/**
 * The animators call the event off: registration closes, and everyone registered or waiting is told why, once (a
 * second call changes nothing). The page stays, so links and calendars show it called off.
 */
export async function callOff(env: ServiceEnv, event: EventDetail, input: CallOffInput): Promise<void> {
  await env.db.transaction(async (tx) => {
    const locked = await lockEvent(tx, event.id);
    if (locked.cancelledAt) return;
    const at = now();
    await tx.update(events).set({ cancelledAt: at, cancelReason: input.reason, updatedAt: at }).where(eq(events.id, event.id));
    const told = await tx.select({ userId: eventRegistrations.userId }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), inArray(eventRegistrations.status, ['confirmed', 'waiting'])));
    for (const { userId } of told) await mailUser(env, tx, userId, 'calledOff', { ...eventVars(env, locked), reason: input.reason });
  });
}
