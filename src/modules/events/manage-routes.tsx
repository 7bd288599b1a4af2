// The animators' pages: create and edit events, registrations and attendance, messages, the attendee list as CSV,
// minutes, contributions typed from the room and the CSV import; the platform admins' animator designations.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { parse } from '../../platform/validation.ts';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { parisLocal } from '../consultations/phases.ts';
import { territoryState } from '../organizations/routes.tsx';
import { withTerritories } from '../territories/resolve.ts';
import { attendeeRows, toCsv } from './export.ts';
import { AnimatorInput, CallOffInput, DraftParams, EventInput, IdParams, MessageInput, MinutesInput, RoomContributionInput } from './inputs.ts';
import { addRoomContribution, decodeCsv, discardRoomDraft, guessMapping, importRows, importTarget, checkRows, kindsOf, parseCsvText, publishRoomDrafts, roomDrafts, type Mapping, type ParsedCsv } from './offline.ts';
import './policy.ts';
import { attendees, callOff, markAttendance, messageRegistered } from './registrations.ts';
import { animatorChoices, animatorOrganizations, createEvent, designateAnimator, eventValuesForForm, findEvent, phaseChoices, publishMinutes, removeAnimator, updateEvent, type EventDetail } from './service.ts';
import { AnimatorsPage, AttendeesPage, CallOffPage, EventFormPage, ImportPreviewPage, ImportUploadPage, MinutesPage, RoomContributionPage, RoomDraftsPage } from './views/manage.tsx';

/** After an import: read the rows over as drafts first, or publish them at once. */
type PublishChoice = 'draft' | 'now';

interface FilePart {
  toBuffer(): Promise<Buffer>;
}

function mappingOf(body: Record<string, unknown>, columns: number): Mapping {
  const column = (name: string) => {
    const v = body[name];
    if (typeof v !== 'string' || v === '') return null;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n < columns ? n : null;
  };
  return { title: column('title') ?? 0, body: column('body'), participant: column('participant'), kind: column('kind'), themes: column('themes'), territory: column('territory') };
}

export function eventManageRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function load(req: FastifyRequest): Promise<EventDetail> {
    const event = await findEvent(env.db, parse(IdParams, req.params).id);
    req.authorize('event.manage', event);
    return event;
  }

  async function formPage(req: FastifyRequest, form: FormState, event?: EventDetail) {
    const [animators, phases] = await Promise.all([animatorChoices(env.db, req.actor), phaseChoices(env.db)]);
    // An admin editing keeps the current animator even if it was removed from the designations since.
    const options = animators.map((o) => ({ value: String(o.id), label: o.name }));
    if (event?.animator && !options.some((o) => o.value === String(event.animator!.id))) options.push({ value: String(event.animator.id), label: event.animator.name });
    return EventFormPage({ ctx: req.view(), form, event, animators: options, phases, territory: territoryState(form.values) });
  }

  async function authorizeCreate(req: FastifyRequest) {
    const animators = await animatorChoices(env.db, req.actor);
    req.authorize('event.create', { animatorIds: animators.map((a) => a.id) });
  }

  app.get('/events/new', { config: { rule: 'event.create' } }, async (req, reply) => {
    await authorizeCreate(req);
    return reply.page(formPage(req, { values: { kind: 'in_person' }, errors: {} }));
  });
  app.post('/events/new', { config: { rule: 'event.create' } }, async (req, reply) => {
    await authorizeCreate(req);
    return submitForm(reply, withTerritories(req.body), EventInput, async (input) => {
      const row = await createEvent(env.db, req.actor, input);
      return reply.flash({ kind: 'success', key: 'events:flash.created' }).redirect(`/events/${row.id}`, 303);
    }, (form) => formPage(req, form));
  });

  app.get('/events/:id/edit', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return reply.page(formPage(req, { values: eventValuesForForm(event, parisLocal), errors: {} }, event));
  });
  app.post('/events/:id/edit', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return submitForm(reply, withTerritories(req.body), EventInput, async (input) => {
      await updateEvent(env, req.actor, event, input);
      return reply.flash({ kind: 'success', key: 'events:flash.saved' }).redirect(`/events/${event.id}`, 303);
    }, (form) => formPage(req, form, event));
  });

  app.get('/events/:id/attendees', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return reply.page(AttendeesPage({ ctx: req.view(), event, list: await attendees(env, event.id), messageForm: emptyForm }));
  });

  app.get('/events/:id/attendees.csv', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    const excel = (req.query as { excel?: unknown }).excel === '1';
    const t = req.i18n;
    const labels = { name: t.ta('events:attendees.name'), email: t.ta('events:attendees.email'), organization: t.ta('events:attendees.organization'), status: t.ta('events:attendees.status'), attended: t.ta('events:attendees.present'), registeredAt: t.ta('events:attendees.registeredAt') };
    const rows = attendeeRows(await attendees(env, event.id), event.questions, labels, (s) => t.ta(`events:status.${s}`), (v) => (v === null ? '' : t.ta(v ? 'events:attendees.yes' : 'events:attendees.no')));
    return reply
      .type(`text/csv; charset=utf-8${excel ? '' : '; header=present'}`)
      .header('content-disposition', `attachment; filename="${event.slug}-inscrits${excel ? '-excel' : ''}.csv"`)
      .header('cache-control', 'no-store')
      .send(toCsv(rows, excel));
  });

  app.post('/events/:id/attendance', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    const raw = formValues(req.body).present;
    const ids = [raw].flat().filter((v): v is string => typeof v === 'string' && /^[0-9]{1,9}$/.test(v)).map(Number);
    await markAttendance(env, event.id, ids);
    return reply.flash({ kind: 'success', key: 'events:flash.attendance' }).redirect(`/events/${event.id}/attendees`, 303);
  });

  app.post('/events/:id/message', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return submitForm(reply, req.body, MessageInput, async (input) => {
      const count = await messageRegistered(env, event, input);
      return reply.flash({ kind: 'success', key: 'events:flash.messaged', vars: { count: String(count) } }).redirect(`/events/${event.id}/attendees`, 303);
    }, async (form) => AttendeesPage({ ctx: req.view(), event, list: await attendees(env, event.id), messageForm: form }));
  });

  app.get('/events/:id/call-off', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    if (event.cancelledAt) return reply.redirect(`/events/${event.id}`, 303);
    return reply.page(CallOffPage({ ctx: req.view(), event, form: emptyForm }));
  });
  app.post('/events/:id/call-off', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return submitForm(reply, req.body, CallOffInput, async (input) => {
      await callOff(env, event, input);
      return reply.flash({ kind: 'success', key: 'events:flash.calledOff' }).redirect(`/events/${event.id}`, 303);
    }, (form) => CallOffPage({ ctx: req.view(), event, form }));
  });

  app.get('/events/:id/minutes', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return reply.page(MinutesPage({ ctx: req.view(), event, form: { values: { minutes: event.minutes ?? '' }, errors: {} } }));
  });
  app.post('/events/:id/minutes', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return submitForm(reply, req.body, MinutesInput, async (input) => {
      const publish = input.publish === 'yes';
      await publishMinutes(env.db, event, input.minutes, publish, req.actor);
      return reply.flash({ kind: 'success', key: publish ? 'events:flash.minutesPublished' : 'events:flash.minutesSaved' }).redirect(publish ? `/events/${event.id}` : `/events/${event.id}/minutes`, 303);
    }, (form) => MinutesPage({ ctx: req.view(), event, form }));
  });

  function kindOptions(req: FastifyRequest, event: EventDetail) {
    try {
      return kindsOf(event).map((k) => ({ value: k, label: req.i18n.ta(`consultations:kind.${k}`) }));
    } catch {
      return [];
    }
  }

  app.get('/events/:id/contributions/new', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return reply.page(RoomContributionPage({ ctx: req.view(), event, form: emptyForm, kinds: kindOptions(req, event) }));
  });
  app.post('/events/:id/contributions/new', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return submitForm(reply, req.body, RoomContributionInput, async (input) => {
      await addRoomContribution(env.db, req.actor, event, input);
      return reply.flash({ kind: 'success', key: 'events:flash.contributionAdded' }).redirect(`/events/${event.id}/contributions/new`, 303);
    }, (form) => RoomContributionPage({ ctx: req.view(), event, form, kinds: kindOptions(req, event) }));
  });

  const fieldLabels = (req: FastifyRequest) => ({
    title: req.i18n.ta('events:field.contributionTitle'),
    body: req.i18n.ta('events:field.contributionBody'),
    participant: req.i18n.ta('events:field.participant'),
    kind: req.i18n.ta('events:field.contributionKind'),
    themes: req.i18n.ta('events:importColumns.themes'),
    territory: req.i18n.ta('events:importColumns.territory'),
  });

  async function preview(req: FastifyRequest, event: EventDetail, text: string, parsed: ParsedCsv, mapping: Mapping, publish: PublishChoice = 'draft') {
    const { errors } = checkRows(parsed, mapping, await importTarget(env.db, event));
    return ImportPreviewPage({ ctx: req.view(), event, parsed, mapping, errors, data: Buffer.from(text, 'utf8').toString('base64'), fieldLabels: fieldLabels(req), publish });
  }

  const uploadError = (req: FastifyRequest, event: EventDetail, error: ValidationFailed) => ImportUploadPage({ ctx: req.view(), event, form: { values: {}, errors: error.fields } });

  app.get('/events/:id/import', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return reply.page(ImportUploadPage({ ctx: req.view(), event, form: emptyForm }));
  });

  app.post('/events/:id/import', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    try {
      kindsOf(event);
      const file = (req.body as { file?: FilePart } | undefined)?.file;
      if (!file || typeof file.toBuffer !== 'function') throw ValidationFailed.one('file', 'validation:required');
      const text = decodeCsv(await file.toBuffer());
      const parsed = parseCsvText(text);
      return reply.page(await preview(req, event, text, parsed, guessMapping(parsed.header)));
    } catch (error) {
      if (error instanceof ValidationFailed) return reply.page(uploadError(req, event, error), 422);
      throw error;
    }
  });

  app.post('/events/:id/import/confirm', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    const body = formValues(req.body);
    try {
      kindsOf(event);
      const data = typeof body.data === 'string' && /^[A-Za-z0-9+/=\s]*$/.test(body.data) ? Buffer.from(body.data, 'base64') : Buffer.alloc(0);
      const text = decodeCsv(data);
      const parsed = parseCsvText(text);
      const mapping = mappingOf(body, parsed.header.length);
      // Anything but an explicit "publish now" keeps the rows as drafts: nothing goes public unread by mistake.
      const publish: PublishChoice = body.publish === 'now' ? 'now' : 'draft';
      if (body.action !== 'import') return reply.page(await preview(req, event, text, parsed, mapping, publish));
      const result = await importRows(env.db, req.actor, event, parsed, mapping, publish === 'now' ? 'published' : 'draft');
      if (result.errors.length > 0) return reply.page(await preview(req, event, text, parsed, mapping, publish), 422);
      const vars = { count: String(result.imported) };
      if (publish === 'now') return reply.flash({ kind: 'success', key: 'events:flash.imported', vars }).redirect(`/events/${event.id}`, 303);
      return reply.flash({ kind: 'success', key: 'events:flash.importedDrafts', vars }).redirect(`/events/${event.id}/drafts`, 303);
    } catch (error) {
      if (error instanceof ValidationFailed) return reply.page(uploadError(req, event, error), 422);
      throw error;
    }
  });

  app.get('/events/:id/drafts', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    return reply.page(RoomDraftsPage({ ctx: req.view(), event, drafts: await roomDrafts(env.db, event.id) }));
  });
  app.post('/events/:id/drafts/publish', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    const count = await publishRoomDrafts(env.db, req.actor, event);
    return reply.flash({ kind: 'success', key: 'events:flash.draftsPublished', vars: { count: String(count) } }).redirect(`/events/${event.id}`, 303);
  });
  app.post('/events/:id/drafts/:contribution/discard', { config: { rule: 'event.manage' } }, async (req, reply) => {
    const event = await load(req);
    await discardRoomDraft(env.db, event, parse(DraftParams, req.params).contribution);
    return reply.flash({ kind: 'success', key: 'events:flash.draftDiscarded' }).redirect(`/events/${event.id}/drafts`, 303);
  });

  app.get('/admin/events/animators', { config: { rule: 'event.designate' } }, async (req, reply) => reply.page(AnimatorsPage({ ctx: req.view(), animators: await animatorOrganizations(env.db), form: emptyForm })));
  app.post('/admin/events/animators', { config: { rule: 'event.designate' } }, async (req, reply) =>
    submitForm(reply, req.body, AnimatorInput, async (input) => {
      await designateAnimator(env.db, req.actor, input.organization);
      return reply.flash({ kind: 'success', key: 'events:flash.animatorAdded' }).redirect('/admin/events/animators', 303);
    }, async (form) => AnimatorsPage({ ctx: req.view(), animators: await animatorOrganizations(env.db), form })),
  );
  app.post('/admin/events/animators/:id/remove', { config: { rule: 'event.designate' } }, async (req, reply) => {
    await removeAnimator(env.db, parse(IdParams, req.params).id);
    return reply.flash({ kind: 'success', key: 'events:flash.animatorRemoved' }).redirect('/admin/events/animators', 303);
  });
}
