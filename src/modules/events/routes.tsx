// HTML pages of events that everyone uses: the agenda, an event, registering and cancelling, calendar files and
// feeds, and a person's own registrations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { getTerritory } from '../territories/data.ts';
import { organizationChoices } from '../consultations/service.ts';
import { calendar, hasFeed, personalEntries, renewFeedToken, territoryEntries } from './calendar.ts';
import { AgendaQuery, IdParams, RegistrationInput } from './inputs.ts';
import { eventContributionList, roomDraftCount } from './offline.ts';
import './policy.ts';
import { cancel, myEvents, myRegistration, register, RegistrationClosed, waitingRank } from './registrations.ts';
import { animatorChoices, consultationsWithEvents, findEvent, listAgenda, readEvent, type EventDetail } from './service.ts';
import type { HiddenNotice } from '../moderation/visibility.ts';
import { AgendaPage } from './views/agenda.tsx';
import { EventPage, MyEventsPage } from './views/event.tsx';
import { registerPersonalData } from '../../platform/personal-data.ts';
import { registerSearch } from '../search/providers.ts';
import { eventPersonalData } from './personal-data.ts';
import { eventSearch } from './search.ts';

/** Answers to the registration questions come as q<id> fields. */
export function answersOf(body: unknown): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [key, value] of Object.entries(formValues(body))) {
    const match = /^q([0-9]{1,9})$/.exec(key);
    if (match && typeof value === 'string') answers[match[1]!] = value;
  }
  return answers;
}

export function sendCalendar(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, max-age=300').send(body);
}

export function agendaQuery(query: unknown): AgendaQuery {
  try {
    return parse(AgendaQuery, query);
  } catch (error) {
    // A hand-edited address with a bad filter shows the whole agenda rather than an error.
    if (error instanceof ValidationFailed) return {};
    throw error;
  }
}

export function eventRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  registerSearch(eventSearch);
  registerPersonalData('events', eventPersonalData);

  async function eventPage(req: FastifyRequest, event: EventDetail, form: FormState = emptyForm, hidden?: HiddenNotice) {
    const registration = await myRegistration(env, req.actor, event.id);
    const canManage = can(req.actor, 'event.manage', event);
    const [rank, speakFor, contributions, drafts] = await Promise.all([
      registration?.status === 'waiting' ? waitingRank(env, registration) : Promise.resolve(0),
      req.actor.user ? organizationChoices(env.db, req.actor) : Promise.resolve([]),
      eventContributionList(env.db, event.id),
      canManage ? roomDraftCount(env.db, event.id) : Promise.resolve(0),
    ]);
    const safeDescription = renderMarkdown(event.description);
    const safeMinutes = event.minutes && event.minutesPublishedAt ? renderMarkdown(event.minutes) : '';
    return EventPage({ ctx: req.view(), event: canManage || registration?.status === 'confirmed' ? event : { ...event, onlineUrl: null }, safeDescription, safeMinutes, registration, rank, canManage, speakFor, form, contributions, drafts, hidden });
  }

  app.get('/events', { config: { rule: 'event.read', cache: 'signed-in' } }, async (req, reply) => {
    const q = agendaQuery(req.query);
    const [agenda, consultations, animators] = await Promise.all([listAgenda(env.db, q), consultationsWithEvents(env.db), req.actor.user ? animatorChoices(env.db, req.actor) : Promise.resolve([])]);
    return reply.page(AgendaPage({ ctx: req.view(), q, agenda, consultations, canCreate: animators.length > 0, mapTiles: env.config.mapTileUrl }));
  });

  app.get('/events/mine', { config: { rule: 'event.register' } }, async (req, reply) => {
    const userId = req.actor.user!.id;
    const [items, feed] = await Promise.all([myEvents(env, userId), hasFeed(env.db, userId)]);
    return reply.page(MyEventsPage({ ctx: req.view(), items, hasFeed: feed }));
  });

  // The secret address is shown once, on the page this answers, like an API token.
  app.post('/events/mine/feed', { config: { rule: 'event.register' } }, async (req, reply) => {
    const userId = req.actor.user!.id;
    const token = await renewFeedToken(env.db, userId);
    const items = await myEvents(env, userId);
    return reply.header('cache-control', 'no-store').page(MyEventsPage({ ctx: req.view(), items, hasFeed: true, feedUrl: `${env.config.publicUrl}/events/feeds/${token}` }));
  });

  app.get('/events/feeds/:token', { config: { rule: 'event.read' } }, async (req, reply) => {
    const token = String((req.params as { token?: unknown }).token ?? '').replace(/\.ics$/, '');
    const entries = await personalEntries(env.db, token);
    return sendCalendar(reply.header('x-robots-tag', 'noindex'), 'parvis.ics', calendar('Parvis', entries, env.config.publicUrl));
  });

  app.get('/events/calendar/:kind/:code', { config: { rule: 'event.read' } }, async (req, reply) => {
    const { kind, code } = req.params as { kind: string; code: string };
    const territory = getTerritory(String(kind), String(code).replace(/\.ics$/, ''));
    if (!territory) return reply.code(404).type('text/plain').send('not found');
    const entries = await territoryEntries(env.db, territory);
    return sendCalendar(reply, `parvis-${territory.kind}-${territory.code}.ics`, calendar(`Parvis — ${territory.name}`, entries, env.config.publicUrl));
  });

  app.get('/events/:id', { config: { rule: 'event.read', cache: true } }, async (req, reply) => {
    const { event, hidden } = await readEvent(env.db, req.actor, parse(IdParams, req.params).id);
    return reply.page(eventPage(req, event, emptyForm, hidden));
  });

  app.get('/events/:id/calendar.ics', { config: { rule: 'event.read' } }, async (req, reply) => {
    const { event } = await readEvent(env.db, req.actor, parse(IdParams, req.params).id);
    const registration = await myRegistration(env, req.actor, event.id);
    const seesLink = registration?.status === 'confirmed' || can(req.actor, 'event.manage', event);
    return sendCalendar(reply, `${event.slug}.ics`, calendar(event.title, [{ ...event, onlineUrl: seesLink ? event.onlineUrl : null, tentative: registration?.status === 'waiting' }], env.config.publicUrl));
  });

  app.post('/events/:id/register', { config: { rule: 'event.register' } }, async (req, reply) => {
    const { event, hidden } = await readEvent(env.db, req.actor, parse(IdParams, req.params).id);
    try {
      const input = parse(RegistrationInput, req.body);
      const status = await register(env, req.actor, event, { organization: input.organization, answers: answersOf(req.body) });
      return reply.flash({ kind: 'success', key: `events:flash.${status}` }).redirect(`/events/${event.id}`, 303);
    } catch (error) {
      if (error instanceof ValidationFailed) return reply.page(eventPage(req, event, { values: formValues(req.body), errors: error.fields }, hidden), 422);
      // Closed while the form was open: say so on the event's page rather than on an error page.
      if (error instanceof RegistrationClosed) return reply.flash({ kind: 'error', key: 'events:registration.closed' }).redirect(`/events/${event.id}`, 303);
      throw error;
    }
  });

  app.post('/events/:id/cancel', { config: { rule: 'event.register' } }, async (req, reply) => {
    const event = await findEvent(env.db, parse(IdParams, req.params).id);
    await cancel(env, req.actor, event.id);
    return reply.flash({ kind: 'success', key: 'events:flash.cancelled' }).redirect(`/events/${event.id}`, 303);
  });
}
