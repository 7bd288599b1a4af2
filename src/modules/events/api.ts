// The events part of the JSON API: the agenda and an event for everyone, the signed-in person's registrations,
// registering and cancelling with a token, and the calendar file — through the same services as the pages.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ValidationFailed } from '../../platform/errors.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { calendar } from './calendar.ts';
import { AgendaQuery, IdParams, KindSchema } from './inputs.ts';
import { eventContributionList } from './offline.ts';
import './policy.ts';
import { cancel, myEvents, myRegistration, register } from './registrations.ts';
import { agendaPageSize, findEvent, listAgenda, readEvent, registrationOpen, seatsLeft, type EventDetail } from './service.ts';
import { sendCalendar } from './routes.tsx';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Union([Type.Literal('confirmed'), Type.Literal('waiting'), Type.Literal('cancelled')]);
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

const EventSummary = Type.Object({
  id: Type.Integer(),
  kind: KindSchema,
  title: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  venue: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  territory: Nullable(Type.String({ description: 'kind:code' })),
  capacity: Nullable(Type.Integer({ description: 'null: unlimited' })),
  seatsLeft: Nullable(Type.Integer()),
  animator: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String({ format: 'date-time', description: 'set when the animators called it off' })),
  url: Type.String(),
});

const EventItem = Type.Object({
  ...EventSummary.properties,
  cancelReason: Nullable(Type.String()),
  description: Type.String({ description: 'Markdown' }),
  registrationDeadline: Nullable(Type.String({ format: 'date-time' })),
  registrationOpen: Type.Boolean(),
  waiting: Type.Integer(),
  onlineUrl: Nullable(Type.String({ description: 'only for confirmed registrations and the animators' })),
  consultation: Nullable(Type.String()),
  phase: Nullable(Type.Integer()),
  questions: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String(), required: Type.Boolean() })),
  minutes: Nullable(Type.String({ description: 'Markdown, once published' })),
  contributions: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), participant: Nullable(Type.String()), url: Type.String() })),
  calendar: Type.String(),
  myRegistration: Nullable(Status),
});

const RegistrationBody = Type.Object({
  organization: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$', description: 'id of an organization you belong to' })),
  answers: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]{1,9}$' }), Type.String({ maxLength: 500 }), { description: 'question id -> answer' })),
});

const checkedInHandler = () => () => true;

export function eventApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;

  const summary = (e: Pick<EventDetail, 'id' | 'kind' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'latitude' | 'longitude' | 'territoryKind' | 'territoryCode' | 'capacity' | 'confirmed' | 'cancelledAt'>, animator: string | null) => ({
    id: e.id,
    kind: e.kind,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    venue: e.venue,
    latitude: e.latitude,
    longitude: e.longitude,
    territory: e.territoryKind && e.territoryCode ? `${e.territoryKind}:${e.territoryCode}` : null,
    capacity: e.capacity,
    seatsLeft: seatsLeft(e),
    animator,
    cancelledAt: e.cancelledAt?.toISOString() ?? null,
    url: url(`/events/${e.id}`),
  });

  app.get(
    '/api/v1/events',
    { config: { rule: 'event.read' }, schema: { tags: ['events'], summary: 'The agenda: upcoming (or past) events, 20 a page, with the filters of its page', querystring: AgendaQuery, response: { 200: Type.Object({ items: Type.Array(EventSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) } } },
    async (req) => {
      const agenda = await listAgenda(env.db, parse(AgendaQuery, req.query));
      return { items: agenda.items.map((i) => summary(i, i.animatorName)), total: agenda.total, page: agenda.page, pageSize: agendaPageSize };
    },
  );

  app.get(
    '/api/v1/events/registrations',
    { config: { rule: 'event.register' }, schema: { tags: ['events'], summary: 'Your registrations (confirmed and waiting)', security: [{ token: [] }], response: { 200: Type.Object({ items: Type.Array(Type.Object({ event: Type.Integer(), title: Type.String(), startsAt: Type.String({ format: 'date-time' }), status: Status, url: Type.String() })) }) } } },
    async (req) => ({ items: (await myEvents(env, req.actor.user!.id)).map((e) => ({ event: e.id, title: e.title, startsAt: e.startsAt.toISOString(), status: e.status, url: url(`/events/${e.id}`) })) }),
  );

  app.get(
    '/api/v1/events/:id',
    { config: { rule: 'event.read' }, schema: { tags: ['events'], summary: 'One event with its questions, minutes and the contributions entered from it', params: IdParams, response: { 200: EventItem } } },
    async (req) => {
      const { event } = await readEvent(env.db, req.actor, parse(IdParams, req.params).id);
      const [mine, contributions] = await Promise.all([myRegistration(env, req.actor, event.id), eventContributionList(env.db, event.id)]);
      const seesLink = mine?.status === 'confirmed' || can(req.actor, 'event.manage', event);
      return {
        ...summary(event, event.animator?.name ?? null),
        description: event.description,
        registrationDeadline: event.registrationDeadline?.toISOString() ?? null,
        registrationOpen: registrationOpen(event),
        waiting: event.waiting,
        onlineUrl: seesLink ? event.onlineUrl : null,
        consultation: event.consultation?.slug ?? null,
        phase: event.phase?.position ?? null,
        questions: event.questions.map((q) => ({ id: q.id, label: q.label, required: q.required })),
        minutes: event.minutesPublishedAt ? event.minutes : null,
        cancelReason: event.cancelledAt ? event.cancelReason : null,
        contributions: contributions.map((c) => ({ id: c.id, title: c.title, participant: c.participantName, url: url(`/contributions/${c.id}`) })),
        calendar: url(`/api/v1/events/${event.id}/calendar.ics`),
        myRegistration: mine?.status ?? null,
      };
    },
  );

  app.get(
    '/api/v1/events/:id/calendar.ics',
    { config: { rule: 'event.read' }, schema: { tags: ['events'], summary: 'The event as an iCalendar file (text/calendar)', params: IdParams } },
    async (req, reply) => {
      const { event } = await readEvent(env.db, req.actor, parse(IdParams, req.params).id);
      const mine = await myRegistration(env, req.actor, event.id);
      const seesLink = mine?.status === 'confirmed' || can(req.actor, 'event.manage', event);
      return sendCalendar(reply, `${event.slug}.ics`, calendar(event.title, [{ ...event, onlineUrl: seesLink ? event.onlineUrl : null, tentative: mine?.status === 'waiting' }], env.config.publicUrl));
    },
  );

  app.post(
    '/api/v1/events/:id/registration',
    {
      config: { rule: 'event.register' },
      validatorCompiler: checkedInHandler,
      schema: { tags: ['events'], summary: 'Register (confirmed while seats are left, else on the waiting list)', security: [{ token: [] }], params: IdParams, body: RegistrationBody, response: { 200: Type.Object({ status: Status }), 409: { description: 'registration is closed (code registration_closed)', ...ErrorBody } } },
    },
    async (req) => {
      const { event } = await readEvent(env.db, req.actor, parse(IdParams, req.params).id);
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { organization?: unknown; answers?: unknown };
      const input = parse(RegistrationBody, body);
      const answers = input.answers ?? {};
      const status = await register(env, req.actor, event, { organization: input.organization, answers });
      return { status };
    },
  );

  app.post(
    '/api/v1/events/:id/registration/cancel',
    { config: { rule: 'event.register' }, schema: { tags: ['events'], summary: 'Cancel your registration; a freed seat goes to the first waiting person', security: [{ token: [] }], params: IdParams, response: { 200: Type.Object({ status: Status }) } } },
    async (req) => {
      const event = await findEvent(env.db, parse(IdParams, req.params).id);
      await cancel(env, req.actor, event.id);
      const mine = await myRegistration(env, req.actor, event.id);
      if (!mine) throw ValidationFailed.one('registration', 'events:validation.notRegistered');
      return { status: mine.status };
    },
  );
}
