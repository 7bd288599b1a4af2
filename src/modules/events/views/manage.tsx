// The animators' pages: the event form, registrations with attendance and messages, minutes, offline input and
// the CSV import; and the platform admins' list of animator organizations.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkbox, CsrfField, DefaultButton, ErrorSummary, Field, Radios, Select, TextArea, type FormState, type Option } from '../../../platform/views/form.tsx';
import { Layout, type Crumb } from '../../../platform/views/layout.tsx';
import { DataTable } from '../../../platform/views/table.tsx';
import { shortTitle } from '../../consultations/views/components.tsx';
import type { Territory } from '../../territories/data.ts';
import { TerritoryPicker } from '../../territories/views.tsx';
import type { Mapping, ParsedCsv, RoomDraft, RowError } from '../offline.ts';
import type { Attendee } from '../registrations.ts';
import { eventKinds } from '../schema.ts';
import type { EventDetail } from '../service.ts';
import { kindLabel } from './agenda.tsx';

function crumbsFor(ctx: ViewContext, event: EventDetail | undefined, label: string): Crumb[] {
  const base: Crumb[] = [{ href: '/events', label: ctx.ta('events:agenda.title') }];
  if (event) base.push({ href: `/events/${event.id}`, label: event.title });
  return [...base, { label }];
}

interface EventFormProps {
  ctx: ViewContext;
  form: FormState;
  event?: EventDetail;
  animators: Option[];
  phases: Option[];
  territory: { current?: Territory; matches: Territory[]; query?: string };
}

export function EventFormPage({ ctx, form, event, animators, phases, territory }: EventFormProps) {
  const heading = event ? ctx.ta('events:form.editTitle') : ctx.ta('events:form.newTitle');
  const l = (k: string) => ctx.ta(`events:field.${k}`);
  const labels = {
    title: l('title'),
    kind: l('kind'),
    description: l('description'),
    startsAt: l('startsAt'),
    endsAt: l('endsAt'),
    registrationDeadline: l('registrationDeadline'),
    venue: l('venue'),
    latitude: l('latitude'),
    longitude: l('longitude'),
    onlineUrl: l('onlineUrl'),
    territory: l('territory'),
    capacity: l('capacity'),
    animator: l('animator'),
    phase: l('phase'),
    questions: l('questions'),
  };
  return (
    <Layout ctx={ctx} title={shortTitle(event ? `${heading} — ${event.title}` : heading)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1 safe>{heading}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={event ? `/events/${event.id}/edit` : '/events/new'} novalidate>
        <DefaultButton>{ctx.t('events:form.save')}</DefaultButton>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="title" label={labels.title} required maxlength={140} />
        <Select ctx={ctx} form={form} name="kind" label={labels.kind} required options={eventKinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))} />
        <TextArea ctx={ctx} form={form} name="description" label={labels.description} hint={ctx.ta('form.markdownHint')} required rows={8} maxlength={20000} />
        <Field ctx={ctx} form={form} name="startsAt" type="datetime-local" label={labels.startsAt} hint={ctx.ta('events:form.parisHint')} required />
        <Field ctx={ctx} form={form} name="endsAt" type="datetime-local" label={labels.endsAt} required />
        <Field ctx={ctx} form={form} name="registrationDeadline" type="datetime-local" label={labels.registrationDeadline} hint={ctx.ta('events:form.deadlineHint')} />
        <Field ctx={ctx} form={form} name="venue" label={labels.venue} hint={ctx.ta('events:form.venueHint')} maxlength={300} />
        <Field ctx={ctx} form={form} name="latitude" label={labels.latitude} inputmode="decimal" maxlength={12} />
        <Field ctx={ctx} form={form} name="longitude" label={labels.longitude} inputmode="decimal" maxlength={12} />
        <Field ctx={ctx} form={form} name="onlineUrl" type="url" label={labels.onlineUrl} hint={ctx.ta('events:form.onlineHint')} maxlength={500} />
        <TerritoryPicker ctx={ctx} form={form} current={territory.current} matches={territory.matches} query={territory.query} />
        <Field ctx={ctx} form={form} name="capacity" label={labels.capacity} hint={ctx.ta('events:form.capacityHint')} inputmode="numeric" maxlength={6} />
        <Select ctx={ctx} form={form} name="animator" label={labels.animator} required options={animators} />
        <Select ctx={ctx} form={form} name="phase" label={labels.phase} options={[{ value: '', label: ctx.ta('events:form.noPhase') }, ...phases]} />
        <TextArea ctx={ctx} form={form} name="questions" label={labels.questions} hint={ctx.ta('events:form.questionsHint')} rows={4} maxlength={2000} />
        <button type="submit">{ctx.t('events:form.save')}</button>
      </form>
    </Layout>
  );
}

interface AttendeesProps {
  ctx: ViewContext;
  event: EventDetail;
  list: Attendee[];
  messageForm: FormState;
}

export function AttendeesPage({ ctx, event, list, messageForm }: AttendeesProps) {
  const heading = ctx.ta('events:attendees.title');
  const confirmed = list.filter((a) => a.status === 'confirmed');
  const labels = { subject: ctx.ta('events:field.subject'), body: ctx.ta('events:field.message') };
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:attendees.heading', { title: event.title })}</h1>
      <p>
        <a href={`/events/${event.id}/attendees.csv`} download={`${event.slug}-inscrits.csv`}>
          {ctx.t('events:attendees.csv')}
        </a>
        {' · '}
        <a href={`/events/${event.id}/attendees.csv?excel=1`} download={`${event.slug}-inscrits-excel.csv`}>
          {ctx.t('events:attendees.excel')}
        </a>
      </p>
      <form method="post" action={`/events/${event.id}/attendance`}>
        <CsrfField ctx={ctx} />
        <DataTable
          caption={ctx.t('events:attendees.caption', { confirmed: confirmed.length, total: list.length })}
          headers={[ctx.t('events:attendees.name'), ctx.t('events:attendees.organization'), ctx.t('events:attendees.status'), ...event.questions.map((q) => <span safe>{q.label}</span>), ctx.t('events:attendees.present')]}
        >
          {list.map((a) => (
            <tr>
              <td safe>{a.name}</td>
              <td safe>{a.organization ?? ''}</td>
              <td>{ctx.t(`events:status.${a.status}`)}</td>
              {event.questions.map((q) => (
                <td safe>{a.answers[String(q.id)] ?? ''}</td>
              ))}
              <td>
                {a.status === 'confirmed' ? (
                  <input type="checkbox" name="present" value={String(a.id)} checked={a.attended === true} aria-label={ctx.ta('events:attendees.presentOf', { name: a.name })} />
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {confirmed.length > 0 ? <button type="submit">{ctx.t('events:attendees.saveAttendance')}</button> : ''}
      </form>
      <section aria-labelledby="message-title">
        <h2 id="message-title">{ctx.t('events:attendees.messageTitle')}</h2>
        <ErrorSummary ctx={ctx} form={messageForm} labels={labels} />
        <form method="post" action={`/events/${event.id}/message`} novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={messageForm} name="subject" label={labels.subject} required maxlength={140} />
          <TextArea ctx={ctx} form={messageForm} name="body" label={labels.body} required rows={6} maxlength={5000} />
          <button type="submit">{ctx.t('events:attendees.send', { count: confirmed.length })}</button>
        </form>
      </section>
    </Layout>
  );
}

/** Calling the event off: why (sent to everyone registered), and a box to tick so it is never done by a slip. */
export function CallOffPage({ ctx, event, form }: { ctx: ViewContext; event: EventDetail; form: FormState }) {
  const heading = ctx.ta('events:calledOff.heading');
  const labels = { reason: ctx.ta('events:calledOff.reason'), confirm: ctx.ta('events:calledOff.confirm') };
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:calledOff.headingFor', { title: event.title })}</h1>
      <p>{ctx.t('events:calledOff.explain', { count: event.confirmed + event.waiting })}</p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`/events/${event.id}/call-off`} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="reason" label={labels.reason} hint={ctx.ta('events:calledOff.reasonHint')} required rows={4} maxlength={1000} />
        <Checkbox ctx={ctx} form={form} name="confirm" label={<span>{ctx.t('events:calledOff.confirm')}</span>} required />
        <button type="submit">{ctx.t('events:calledOff.submit')}</button>
      </form>
    </Layout>
  );
}

export function MinutesPage({ ctx, event, form }: { ctx: ViewContext; event: EventDetail; form: FormState }) {
  const heading = ctx.ta('events:minutes.editTitle');
  const labels = { minutes: ctx.ta('events:minutes.title') };
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:minutes.heading', { title: event.title })}</h1>
      <p>{event.minutesPublishedAt ? ctx.t('events:minutes.isPublished') : ctx.t('events:minutes.isDraft')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`/events/${event.id}/minutes`} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="minutes" label={labels.minutes} hint={ctx.ta('form.markdownHint')} required rows={14} maxlength={50000} />
        <button type="submit" name="publish" value="yes">
          {ctx.t('events:minutes.publish')}
        </button>{' '}
        <button type="submit" name="publish" value="no" class="secondary">
          {ctx.t('events:minutes.saveDraft')}
        </button>
      </form>
    </Layout>
  );
}

export function RoomContributionPage({ ctx, event, form, kinds }: { ctx: ViewContext; event: EventDetail; form: FormState; kinds: Option[] }) {
  const heading = ctx.ta('events:offline.title');
  const labels = { title: ctx.ta('events:field.contributionTitle'), body: ctx.ta('events:field.contributionBody'), kind: ctx.ta('events:field.contributionKind'), participant: ctx.ta('events:field.participant') };
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:offline.heading', { title: event.title })}</h1>
      <p>{ctx.t('events:offline.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ form: '', ...labels }} />
      <form method="post" action={`/events/${event.id}/contributions/new`} novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="title" label={labels.title} required maxlength={140} />
        <TextArea ctx={ctx} form={form} name="body" label={labels.body} hint={ctx.ta('form.markdownHint')} required rows={6} maxlength={10000} />
        {kinds.length > 1 ? <Select ctx={ctx} form={form} name="kind" label={labels.kind} required options={kinds} /> : ''}
        <Field ctx={ctx} form={form} name="participant" label={labels.participant} hint={ctx.ta('events:offline.participantHint')} maxlength={100} />
        <button type="submit">{ctx.t('events:offline.add')}</button>
      </form>
      <p>
        <a href={`/events/${event.id}/import`}>{ctx.t('events:manage.import')}</a>
      </p>
    </Layout>
  );
}

export function ImportUploadPage({ ctx, event, form }: { ctx: ViewContext; event: EventDetail; form: FormState }) {
  const heading = ctx.ta('events:import.title');
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:import.heading', { title: event.title })}</h1>
      <p>{ctx.t('events:import.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ file: ctx.ta('events:import.file') }} />
      <form method="post" action={`/events/${event.id}/import`} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="field-file">{ctx.t('events:import.file')}</label>
          <input type="file" id="field-file" name="file" accept=".csv,text/csv" required aria-describedby={form.errors.file ? 'hint-file error-file' : 'hint-file'} aria-invalid={form.errors.file ? 'true' : undefined} />
          <small id="hint-file">{ctx.t('events:import.fileHint')}</small>
          {form.errors.file ? (
            <small id="error-file" class="field-error">
              {ctx.t(form.errors.file.key, form.errors.file.values)}
            </small>
          ) : (
            ''
          )}
        </div>
        <button type="submit">{ctx.t('events:import.upload')}</button>
      </form>
    </Layout>
  );
}

interface PreviewProps {
  ctx: ViewContext;
  event: EventDetail;
  parsed: ParsedCsv;
  mapping: Mapping;
  errors: RowError[];
  /** the file's text, carried to the next step in the form */
  data: string;
  fieldLabels: Record<string, string>;
  /** 'draft' (read over, then publish together) or 'now' */
  publish: string;
}

export function ImportPreviewPage({ ctx, event, parsed, mapping, errors, data, fieldLabels, publish }: PreviewProps) {
  const heading = ctx.ta('events:import.previewTitle');
  const columns: Option[] = parsed.header.map((h, i) => ({ value: String(i), label: `${i + 1}. ${h || '—'}` }));
  const none: Option = { value: '', label: ctx.ta('events:import.noColumn') };
  const form: FormState = { values: { publish, title: String(mapping.title), body: mapping.body === null ? '' : String(mapping.body), participant: mapping.participant === null ? '' : String(mapping.participant), kind: mapping.kind === null ? '' : String(mapping.kind), themes: mapping.themes === null ? '' : String(mapping.themes), territory: mapping.territory === null ? '' : String(mapping.territory) }, errors: {} };
  const shown = parsed.rows.slice(0, 50);
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:import.previewHeading', { count: parsed.rows.length })}</h1>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" tabindex="-1" id="error-summary" aria-labelledby="row-errors-title">
          <h2 id="row-errors-title">{ctx.t('events:import.rowErrors', { count: errors.length })}</h2>
          <ul>
            {errors.map((e) => (
              <li>
                {ctx.t('events:import.line', { line: e.line })} <span safe>{fieldLabels[e.field] ?? e.field}</span> : {ctx.t(e.key, e.values)}
              </li>
            ))}
          </ul>
          <p>{ctx.t('events:import.nothingImported')}</p>
        </div>
      ) : (
        <p role="status">{ctx.t('events:import.ready', { count: parsed.rows.length })}</p>
      )}
      <form method="post" action={`/events/${event.id}/import/confirm`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="data" value={data} />
        <fieldset>
          <legend>{ctx.t('events:import.mapping')}</legend>
          <Select ctx={ctx} form={form} name="title" label={fieldLabels.title!} required options={columns} />
          <Select ctx={ctx} form={form} name="body" label={fieldLabels.body!} options={[none, ...columns]} />
          <Select ctx={ctx} form={form} name="participant" label={fieldLabels.participant!} options={[none, ...columns]} />
          <Select ctx={ctx} form={form} name="kind" label={fieldLabels.kind!} options={[none, ...columns]} />
          <Select ctx={ctx} form={form} name="themes" label={fieldLabels.themes!} hint={ctx.ta('events:importColumns.themesHint')} options={[none, ...columns]} />
          <Select ctx={ctx} form={form} name="territory" label={fieldLabels.territory!} hint={ctx.ta('events:importColumns.territoryHint')} options={[none, ...columns]} />
        </fieldset>
        <Radios
          ctx={ctx}
          form={form}
          name="publish"
          legend={ctx.ta('events:import.afterwards')}
          options={[
            { value: 'draft', label: ctx.ta('events:import.asDrafts') },
            { value: 'now', label: ctx.ta('events:import.publishNow') },
          ]}
        />
        <button type="submit" name="action" value="preview" class="secondary">
          {ctx.t('events:import.previewAgain')}
        </button>{' '}
        <button type="submit" name="action" value="import">
          {ctx.t('events:import.confirm', { count: parsed.rows.length })}
        </button>
      </form>
      <DataTable caption={ctx.t('events:import.previewCaption', { shown: shown.length, total: parsed.rows.length })} headers={[ctx.t('events:import.lineHeader'), ...parsed.header.map((h) => <span safe>{h}</span>)]}>
        {shown.map((r) => (
          <tr class={errors.some((e) => e.line === r.line) ? 'row-error' : undefined}>
            <td safe>{String(r.line)}</td>
            {parsed.header.map((_, i) => (
              <td safe>{r.cells[i] ?? ''}</td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p>
        <a href={`/events/${event.id}/import`}>{ctx.t('events:import.another')}</a>
      </p>
    </Layout>
  );
}

/** The room's drafts, read over by the animators before they publish them together. */
export function RoomDraftsPage({ ctx, event, drafts }: { ctx: ViewContext; event: EventDetail; drafts: RoomDraft[] }) {
  const heading = ctx.ta('events:drafts.title');
  return (
    <Layout ctx={ctx} title={shortTitle(`${heading} — ${event.title}`)} crumbs={crumbsFor(ctx, event, heading)} noindex>
      <h1>{ctx.t('events:drafts.heading', { title: event.title })}</h1>
      {drafts.length === 0 ? (
        <p>{ctx.t('events:drafts.none')}</p>
      ) : (
        <>
          <p>{ctx.t('events:drafts.intro', { count: drafts.length })}</p>
          <form method="post" action={`/events/${event.id}/drafts/publish`}>
            <CsrfField ctx={ctx} />
            <button type="submit">{ctx.t('events:drafts.publish', { count: drafts.length })}</button>
          </form>
          <ol class="room-drafts">
            {drafts.map((d) => (
              <li>
                <h2 safe>{d.title}</h2>
                <p class="meta">
                  <span safe>{ctx.ta(`consultations:kind.${d.kind}`)}</span>
                  {d.participantName ? <span safe>{` · ${ctx.ta('events:drafts.saidBy', { name: d.participantName })}`}</span> : ''}
                </p>
                {d.body !== d.title ? <p class="room-draft-body" safe>{d.body}</p> : ''}
                <form method="post" action={`/events/${event.id}/drafts/${d.id}/discard`} class="inline">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="secondary" aria-label={ctx.ta('events:drafts.discardOf', { title: d.title })}>
                    {ctx.t('events:drafts.discard')}
                  </button>
                </form>
              </li>
            ))}
          </ol>
        </>
      )}
      <p>
        <a href={`/events/${event.id}`}>{ctx.t('events:drafts.back')}</a>
      </p>
    </Layout>
  );
}

export function AnimatorsPage({ ctx, animators, form }: { ctx: ViewContext; animators: { id: number; slug: string; name: string }[]; form: FormState }) {
  const heading = ctx.ta('events:animators.title');
  const labels = { organization: ctx.ta('events:animators.organization') };
  return (
    <Layout ctx={ctx} title={heading} crumbs={[{ href: '/events', label: ctx.ta('events:agenda.title') }, { label: heading }]} noindex>
      <h1>{ctx.t('events:animators.title')}</h1>
      <p>{ctx.t('events:animators.intro')}</p>
      {animators.length === 0 ? (
        <p>{ctx.t('events:animators.none')}</p>
      ) : (
        <ul>
          {animators.map((a) => (
            <li>
              <a href={`/organizations/${a.slug}`} safe>
                {a.name}
              </a>{' '}
              <form method="post" action={`/admin/events/animators/${a.id}/remove`} class="inline">
                <CsrfField ctx={ctx} />
                <button type="submit" class="secondary" aria-label={ctx.ta('events:animators.removeOf', { name: a.name })}>
                  {ctx.t('events:animators.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action="/admin/events/animators" novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="organization" label={labels.organization} hint={ctx.ta('events:animators.hint')} required maxlength={80} />
        <button type="submit">{ctx.t('events:animators.add')}</button>
      </form>
    </Layout>
  );
}
