// Events themselves: find them, list the agenda, create and edit them, and the organizations designated as animators.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { consultations, phases } from '../consultations/schema.ts';
import { parisDate } from '../consultations/phases.ts';
import { organizations } from '../organizations/schema.ts';
import { slugify } from '../organizations/service.ts';
import { searchTerms } from '../search/terms.ts';
import { codesWithin, getTerritory, parseTerritoryKey, type Territory } from '../territories/data.ts';
import { resolveTerritory } from '../territories/resolve.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { AgendaQuery, EventInput } from './inputs.ts';
import { lockEvent, promote } from './registrations.ts';
import { eventAnimators, eventQuestions, eventRegistrations, events, type EventKind } from './schema.ts';
import { recordEvent } from '../notifications/record.ts';
import { territoryTargets } from '../notifications/targets.ts';
import { notHidden, readableHidden, type HiddenNotice } from '../moderation/visibility.ts';

export type EventRow = typeof events.$inferSelect;
export type Question = typeof eventQuestions.$inferSelect;

export interface EventDetail extends EventRow {
  animator: { id: number; slug: string; name: string } | null;
  consultation: { slug: string; title: string } | null;
  phase: { position: number; title: string; kinds: string[]; startsAt: Date; endsAt: Date } | null;
  questions: Question[];
  confirmed: number;
  waiting: number;
}

export const agendaPageSize = 20;

/** The seats left (null: unlimited). */
export function seatsLeft(event: Pick<EventDetail, 'capacity' | 'confirmed'>): number | null {
  return event.capacity === null ? null : Math.max(0, event.capacity - event.confirmed);
}

/** Registration closes at the deadline, or when the event starts, or when it is called off. */
export function registrationOpen(event: Pick<EventRow, 'registrationDeadline' | 'startsAt' | 'cancelledAt'>, at = now()): boolean {
  return event.cancelledAt === null && at < (event.registrationDeadline ?? event.startsAt);
}

export async function findEvent(db: Db | Tx, id: number): Promise<EventDetail> {
  const [row] = await db
    .select({ event: events, animator: { id: organizations.id, slug: organizations.slug, name: organizations.name }, consultation: { slug: consultations.slug, title: consultations.title }, phase: phases })
    .from(events)
    .leftJoin(organizations, eq(organizations.id, events.animatorId))
    .leftJoin(consultations, eq(consultations.id, events.consultationId))
    .leftJoin(phases, eq(phases.id, events.phaseId))
    .where(eq(events.id, id));
  if (!row) throw new NotFound('event');
  const [questions, tally] = await Promise.all([
    db.select().from(eventQuestions).where(eq(eventQuestions.eventId, id)).orderBy(asc(eventQuestions.position)),
    db.select({ status: eventRegistrations.status, n: count() }).from(eventRegistrations).where(eq(eventRegistrations.eventId, id)).groupBy(eventRegistrations.status),
  ]);
  const n = (status: string) => Number(tally.find((t) => t.status === status)?.n ?? 0);
  const p = row.phase;
  return {
    ...row.event,
    animator: row.animator?.id ? row.animator : null,
    consultation: row.consultation?.slug ? row.consultation : null,
    phase: p ? { position: p.position, title: p.title, kinds: p.kinds, startsAt: p.startsAt, endsAt: p.endsAt } : null,
    questions,
    confirmed: n('confirmed'),
    waiting: n('waiting'),
  };
}

/**
 * An event as its page, its .ics and the API open it: hidden by the moderators, it is still read by whoever created
 * it, its animators and the moderators (with why), and answers 410 to everyone else.
 */
export async function readEvent(db: Db, actor: Actor, id: number): Promise<{ event: EventDetail; hidden?: HiddenNotice }> {
  const event = await findEvent(db, id);
  const hidden = await readableHidden(db, actor, 'event', id, { authorId: event.createdBy, organizerIds: event.animatorId === null ? [] : [event.animatorId] });
  return { event, hidden };
}

/** Left out of every list, feed and search: an event the moderators hid. */
export const visibleEvent = notHidden('event', events.id);

export interface AgendaItem {
  id: number;
  kind: EventKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  latitude: number | null;
  longitude: number | null;
  territoryKind: string | null;
  territoryCode: string | null;
  capacity: number | null;
  confirmed: number;
  animatorName: string | null;
  consultationTitle: string | null;
  cancelledAt: Date | null;
}

export interface Agenda {
  items: AgendaItem[];
  total: number;
  page: number;
  /** the territory the filter text was read as, if any */
  territory?: Territory;
}

/** The territory a filter names: a "kind:code" key, a code or a name ("Lyon", "Bouches-du-Rhône") that names one for sure. */
export function filterTerritory(text: string | undefined): Territory | undefined {
  return resolveTerritory(text).territory;
}

const kindOfCode = (code: string) => (code.length === 9 ? 'epci' : code.length === 5 ? 'commune' : 'departement');

/**
 * The events "near" a territory: those placed in it, in the territories it holds (a département's communes…), and in
 * those that hold it (a commune's EPCI, département and région), matched on kind and code together since a région
 * and a département may share a code ("84").
 */
export function nearTerritory(territory: Territory): SQL {
  const byKind = new Map<string, Set<string>>([[territory.kind, new Set([territory.code])]]);
  const add = (kind: string, code: string | undefined) => {
    if (!code) return;
    if (!byKind.has(kind)) byKind.set(kind, new Set());
    byKind.get(kind)!.add(code);
  };
  if (territory.kind !== 'commune') {
    for (const code of codesWithin(territory.code)) {
      if (code === territory.code) continue;
      const kind = kindOfCode(code);
      const t = getTerritory(kind, code);
      if (!t) continue;
      const inside = territory.kind === 'region' ? kind === 'epci' || t.region === territory.code : territory.kind === 'departement' ? kind === 'commune' && t.departement === territory.code : kind === 'commune' && t.epci === territory.code;
      if (inside) add(kind, code);
    }
  }
  add('epci', territory.epci);
  add('departement', territory.departement);
  add('region', territory.region);
  if (territory.kind === 'departement') add('region', getTerritory('departement', territory.code)?.region);
  return or(...[...byKind].map(([kind, codes]) => and(eq(events.territoryKind, kind), inArray(events.territoryCode, [...codes]))))!;
}

export async function listAgenda(db: Db, q: AgendaQuery): Promise<Agenda> {
  const page = q.page ?? 1;
  const past = q.when === 'past';
  const at = now();
  const where: SQL[] = [past ? lt(events.endsAt, at) : gte(events.endsAt, at), visibleEvent];
  if (q.kind) where.push(eq(events.kind, q.kind));
  if (q.consultation) where.push(eq(consultations.slug, q.consultation));
  const territory = filterTerritory(q.territory);
  if (q.territory && !territory) where.push(sql`false`);
  if (territory) where.push(nearTerritory(territory));
  const condition = and(...where);
  // Aliased and fully named: drizzle may leave columns unqualified in select fields, and the subquery's would win.
  const confirmed = sql<number>`(select count(*) from ${eventRegistrations} r where r.event_id = "events"."id" and r.status = 'confirmed')`.mapWith(Number);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: events.id,
        kind: events.kind,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        venue: events.venue,
        latitude: events.latitude,
        longitude: events.longitude,
        territoryKind: events.territoryKind,
        territoryCode: events.territoryCode,
        capacity: events.capacity,
        confirmed,
        animatorName: organizations.name,
        consultationTitle: consultations.title,
        cancelledAt: events.cancelledAt,
      })
      .from(events)
      .leftJoin(organizations, eq(organizations.id, events.animatorId))
      .leftJoin(consultations, eq(consultations.id, events.consultationId))
      .where(condition)
      .orderBy(past ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
      .limit(agendaPageSize)
      .offset((page - 1) * agendaPageSize),
    db.select({ n: count() }).from(events).leftJoin(consultations, eq(consultations.id, events.consultationId)).where(condition),
  ]);
  return { items: rows, total: Number(total?.n ?? 0), page, territory };
}

/** The consultations that have events, for the agenda's filter. */
export async function consultationsWithEvents(db: Db): Promise<{ slug: string; title: string }[]> {
  return db.selectDistinct({ slug: consultations.slug, title: consultations.title }).from(consultations).innerJoin(events, eq(events.consultationId, consultations.id)).where(isNotNull(consultations.publishedAt)).orderBy(asc(consultations.title)).limit(100);
}

// ---- animators

export async function animatorOrganizations(db: Db | Tx): Promise<{ id: number; slug: string; name: string }[]> {
  return db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name }).from(eventAnimators).innerJoin(organizations, eq(organizations.id, eventAnimators.organizationId)).orderBy(asc(organizations.name));
}

/** The animator organizations an actor may create events for (all of them for a platform admin). */
export async function animatorChoices(db: Db | Tx, actor: Actor): Promise<{ id: number; slug: string; name: string }[]> {
  const all = await animatorOrganizations(db);
  return actor.isAdmin ? all : all.filter((o) => actor.isMemberOf(o.id));
}

export async function designateAnimator(db: Db, actor: Actor, slug: string): Promise<void> {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw ValidationFailed.one('organization', 'events:validation.organization');
  await db.insert(eventAnimators).values({ organizationId: org.id, designatedBy: actor.user?.id ?? null, designatedAt: now() }).onConflictDoNothing();
}

export async function removeAnimator(db: Db, organizationId: number): Promise<void> {
  await db.delete(eventAnimators).where(eq(eventAnimators.organizationId, organizationId));
}

// ---- create and edit

/** The phases an event may feed: every phase of every consultation, newest consultation first. */
export async function phaseChoices(db: Db | Tx): Promise<{ value: string; label: string }[]> {
  const rows = await db
    .select({ slug: consultations.slug, title: consultations.title, position: phases.position, phaseTitle: phases.title })
    .from(phases)
    .innerJoin(consultations, eq(consultations.id, phases.consultationId))
    // A draft takes no contribution, from the room either: its phases are offered once it is published.
    .where(isNotNull(consultations.publishedAt))
    .orderBy(desc(consultations.createdAt), asc(consultations.id), asc(phases.position))
    .limit(300);
  return rows.map((r) => ({ value: `${r.slug}:${r.position}`, label: `${r.title} — ${r.position}. ${r.phaseTitle}` }));
}

async function uniqueSlug(tx: Tx, title: string, exceptId?: number): Promise<string> {
  const base = slugify(title).replace(/^organisation$/, 'evenement');
  const taken = new Set(
    (await tx.select({ slug: events.slug, id: events.id }).from(events).where(or(eq(events.slug, base), like(events.slug, `${base}-%`)))).filter((r) => r.id !== exceptId).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function date(value: string | undefined, field: string): Date | null {
  if (!value) return null;
  const d = parisDate(value);
  if (Number.isNaN(d.getTime())) throw ValidationFailed.one(field, 'events:validation.date');
  return d;
}

function coordinate(value: string | undefined, field: string, limit: number): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw ValidationFailed.one(field, 'validation:number');
  return n;
}

/** Checks what the schema cannot (dates in order, the animator, the phase) and gives the columns. */
async function eventValues(tx: Tx, actor: Actor, input: EventInput) {
  const startsAt = date(input.startsAt, 'startsAt')!;
  const endsAt = date(input.endsAt, 'endsAt')!;
  if (endsAt <= startsAt) throw ValidationFailed.one('endsAt', 'events:validation.endsAfterStart');
  const registrationDeadline = date(input.registrationDeadline, 'registrationDeadline');
  if (registrationDeadline && registrationDeadline > startsAt) throw ValidationFailed.one('registrationDeadline', 'events:validation.deadlineBeforeStart');
  const latitude = coordinate(input.latitude, 'latitude', 90);
  const longitude = coordinate(input.longitude, 'longitude', 180);
  if ((latitude === null) !== (longitude === null)) throw ValidationFailed.one(latitude === null ? 'latitude' : 'longitude', 'events:validation.bothCoordinates');
  if (input.kind === 'in_person' && !input.venue) throw ValidationFailed.one('venue', 'events:validation.venue');
  const territory = input.territory ? parseTerritoryKey(input.territory) : undefined;
  if (input.territory && !territory) throw ValidationFailed.one('territory', 'choice');
  const animatorId = Number(input.animator);
  if (!(await animatorChoices(tx, actor)).some((o) => o.id === animatorId)) throw ValidationFailed.one('animator', 'events:validation.animator');
  let consultationId: number | null = null;
  let phaseId: number | null = null;
  if (input.phase) {
    const [slug, position] = input.phase.split(':');
    const [found] = await tx.select({ id: phases.id, consultationId: phases.consultationId }).from(phases).innerJoin(consultations, eq(consultations.id, phases.consultationId)).where(and(eq(consultations.slug, slug!), eq(phases.position, Number(position))));
    if (!found) throw ValidationFailed.one('phase', 'choice');
    consultationId = found.consultationId;
    phaseId = found.id;
  }
  const questions = (input.questions ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (questions.length > 10 || questions.some((q) => q.length > 200)) throw ValidationFailed.one('questions', 'events:validation.questions');
  return {
    fields: {
      kind: input.kind,
      title: input.title,
      description: input.description,
      startsAt,
      endsAt,
      registrationDeadline,
      venue: input.venue || null,
      latitude,
      longitude,
      onlineUrl: input.onlineUrl || null,
      territoryKind: territory?.kind ?? null,
      territoryCode: territory?.code ?? null,
      searchTerms: searchTerms({ territoryKind: territory?.kind, territoryCode: territory?.code }),
      capacity: input.capacity ? Number(input.capacity) : null,
      animatorId,
      consultationId,
      phaseId,
    },
    questions,
  };
}

/** A question ending with "*" must be answered. */
async function setQuestions(tx: Tx, eventId: number, lines: string[]): Promise<void> {
  const existing = await tx.select().from(eventQuestions).where(eq(eventQuestions.eventId, eventId)).orderBy(asc(eventQuestions.position));
  const wanted = lines.map((line, i) => ({ position: i + 1, label: line.replace(/\s*\*$/, ''), required: line.endsWith('*') }));
  // Questions keep their ids when their text stays, so answers already given stay attached.
  const same = existing.length === wanted.length && existing.every((q, i) => q.label === wanted[i]!.label && q.required === wanted[i]!.required);
  if (same) return;
  await tx.delete(eventQuestions).where(eq(eventQuestions.eventId, eventId));
  if (wanted.length > 0) await tx.insert(eventQuestions).values(wanted.map((q) => ({ ...q, eventId })));
}

export async function createEvent(db: Db, actor: Actor, input: EventInput): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const { fields, questions } = await eventValues(tx, actor, input);
    const slug = await uniqueSlug(tx, `${input.title}`);
    const [row] = await tx.insert(events).values({ ...fields, slug, createdBy: actor.user?.id ?? null }).returning();
    await setQuestions(tx, row!.id, questions);
    // Told to the followers of its consultation, its territory's agenda (and the territories holding it) and its animator.
    await recordEvent(tx, 'event.created', actor.user?.id, {
      ...(row!.consultationId ? { consultationId: row!.consultationId } : {}),
      eventId: row!.id,
      title: row!.title,
      startsAt: row!.startsAt.toISOString(),
      animatorId: row!.animatorId,
      territories: territoryTargets(row!.territoryKind, row!.territoryCode),
    });
    return row!;
  });
}

/**
 * Raising the capacity gives the new seats to the waiting list at once, in order, each person told by mail; lowering
 * it below the confirmed count is refused rather than un-confirming anyone. The event row is locked as registrations
 * lock it, so the count checked is the count kept.
 */
export async function updateEvent(env: ServiceEnv, actor: Actor, event: EventDetail, input: EventInput): Promise<void> {
  await env.db.transaction(async (tx) => {
    const { fields, questions } = await eventValues(tx, actor, input);
    await lockEvent(tx, event.id);
    const [counted] = await tx.select({ n: count() }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'confirmed')));
    const confirmed = Number(counted?.n ?? 0);
    if (fields.capacity !== null && fields.capacity < confirmed) throw ValidationFailed.one('capacity', 'events:validation.capacityBelowConfirmed', { confirmed });
    const [updated] = await tx.update(events).set({ ...fields, updatedAt: now() }).where(eq(events.id, event.id)).returning();
    await setQuestions(tx, event.id, questions);
    if (updated!.startsAt > now()) await promote(env, tx, updated!);
  });
}

export function eventValuesForForm(event: EventDetail, local: (d: Date) => string): Record<string, unknown> {
  return {
    title: event.title,
    kind: event.kind,
    description: event.description,
    startsAt: local(event.startsAt),
    endsAt: local(event.endsAt),
    registrationDeadline: event.registrationDeadline ? local(event.registrationDeadline) : undefined,
    venue: event.venue ?? undefined,
    latitude: event.latitude ?? undefined,
    longitude: event.longitude ?? undefined,
    onlineUrl: event.onlineUrl ?? undefined,
    territory: event.territoryKind && event.territoryCode ? `${event.territoryKind}:${event.territoryCode}` : undefined,
    capacity: event.capacity ?? undefined,
    animator: event.animatorId ? String(event.animatorId) : '',
    phase: event.consultation && event.phase ? `${event.consultation.slug}:${event.phase.position}` : '',
    questions: event.questions.map((q) => `${q.label}${q.required ? ' *' : ''}`).join('\n'),
  };
}

/**
 * Publishing the minutes for the first time tells those who follow the event (its registered people among them), but
 * not the animator who published them.
 */
export async function publishMinutes(db: Db, event: EventRow, minutes: string, publish: boolean, actor?: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(events).set({ minutes, minutesPublishedAt: publish ? (event.minutesPublishedAt ?? now()) : null, updatedAt: now() }).where(eq(events.id, event.id));
    if (publish && !event.minutesPublishedAt) await recordEvent(tx, 'event.minutes', actor?.user?.id, { ...(event.consultationId ? { consultationId: event.consultationId } : {}), eventId: event.id, title: event.title }, `event.minutes:${event.id}`);
  });
}
