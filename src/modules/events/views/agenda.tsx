// What everyone sees: the agenda with its filters, an event's page, and a person's own registrations and feed.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Select, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { formatDate, shortTitle } from '../../consultations/views/components.tsx';
import { getTerritory } from '../../territories/data.ts';
import { territoryLabel } from '../../territories/views.tsx';
import type { AgendaQuery } from '../inputs.ts';
import type { EventContribution } from '../offline.ts';
import type { MyEvent, Registration } from '../registrations.ts';
import { eventKinds, type EventKind } from '../schema.ts';
import { agendaPageSize, registrationOpen, seatsLeft, type Agenda, type AgendaItem, type EventDetail } from '../service.ts';

export function kindLabel(ctx: ViewContext, kind: EventKind): string {
  return ctx.ta(`events:kind.${kind}`);
}

/** "1 octobre 2020, 14:00 – 17:00" in Paris time, with a machine-readable start. */
export function When({ ctx, start, end }: { ctx: ViewContext; start: Date; end: Date }) {
  const sameDay = formatDate(ctx, start) === formatDate(ctx, end);
  const endText = sameDay ? new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(end) : formatDate(ctx, end, true);
  return (
    <span class="event-when" data-local-label={ctx.ta('events:localTime')}>
      <time datetime={start.toISOString()} safe>
        {formatDate(ctx, start, true)}
      </time>
      {' – '}
      <time datetime={end.toISOString()} safe>
        {endText}
      </time>
      <span class="meta"> {ctx.t('events:parisTime')}</span>
    </span>
  );
}

function Seats({ ctx, capacity, confirmed }: { ctx: ViewContext; capacity: number | null; confirmed: number }) {
  const left = seatsLeft({ capacity, confirmed });
  if (left === null) return <span>{ctx.t('events:seats.unlimited')}</span>;
  return left === 0 ? <span class="badge">{ctx.t('events:seats.full')}</span> : <span>{ctx.t('events:seats.left', { count: left })}</span>;
}

function territoryText(ctx: ViewContext, kind: string | null, code: string | null): string {
  const t = kind && code ? getTerritory(kind, code) : undefined;
  return t ? territoryLabel(ctx, t) : '';
}

function AgendaCard({ ctx, item }: { ctx: ViewContext; item: AgendaItem }) {
  const territory = territoryText(ctx, item.territoryKind, item.territoryCode);
  return (
    <li>
      <article>
        <h2>
          <a href={`/events/${item.id}`} safe>
            {item.title}
          </a>
        </h2>
        <p class="meta">
          <span safe>{kindLabel(ctx, item.kind)}</span> · <When ctx={ctx} start={item.startsAt} end={item.endsAt} />
        </p>
        <p class="meta">
          {item.venue ? <span safe>{item.venue}</span> : ''}
          {item.venue && territory ? ' · ' : ''}
          {territory ? <span safe>{territory}</span> : ''}
        </p>
        <p class="meta">
          <Seats ctx={ctx} capacity={item.capacity} confirmed={item.confirmed} />
          {item.animatorName ? (
            <>
              {' · '}
              {ctx.t('events:animatedBy')} <span safe>{item.animatorName}</span>
            </>
          ) : (
            ''
          )}
          {item.consultationTitle ? (
            <>
              {' · '}
              <span safe>{item.consultationTitle}</span>
            </>
          ) : (
            ''
          )}
        </p>
      </article>
    </li>
  );
}

function agendaHref(q: AgendaQuery, changes: Partial<AgendaQuery>): string {
  const all = { ...q, ...changes };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'when' && v === 'upcoming')) params.set(k, String(v));
  const s = params.toString();
  return s ? `/events?${s}` : '/events';
}

interface AgendaProps {
  ctx: ViewContext;
  q: AgendaQuery;
  agenda: Agenda;
  consultations: { slug: string; title: string }[];
  canCreate: boolean;
  /** the tile URL template when a map is configured */
  mapTiles?: string;
}

/**
 * The map of the in-person events of the page, drawn by Leaflet when scripts run and tiles are configured; hidden
 * otherwise. The list of venues next to it says the same, for everyone.
 */
function EventsMap({ ctx, items, tiles }: { ctx: ViewContext; items: AgendaItem[]; tiles: string }) {
  const points = items.filter((i) => i.latitude !== null && i.longitude !== null).map((i) => ({ lat: i.latitude, lng: i.longitude, title: i.title, url: `/events/${i.id}` }));
  if (points.length === 0) return '';
  const v = ctx.assetVersion;
  return (
    <>
      <link rel="stylesheet" href={`/assets/leaflet.css?v=${v}`} />
      <link rel="stylesheet" href={`/assets/css/events.css?v=${v}`} />
      <section id="events-map" class="events-map" hidden aria-label={ctx.ta('events:agenda.map')} data-tiles={tiles} data-attribution={ctx.ta('events:agenda.mapAttribution', { host: /^https?:\/\/([^/]+)/.exec(tiles)?.[1] ?? '' })} data-points={JSON.stringify(points)}></section>
      <script src={`/assets/leaflet.js?v=${v}`} defer></script>
      <script src={`/assets/js/events-map.js?v=${v}`} defer></script>
    </>
  );
}

/**
 * The agenda works without JavaScript and without map tiles: filters are a GET form, pages are links, and in-person
 * events list their address (the list is the map's alternative).
 */
export function AgendaPage({ ctx, q, agenda, consultations, canCreate, mapTiles }: AgendaProps) {
  const title = ctx.ta('events:agenda.title');
  const past = q.when === 'past';
  const form: FormState = { values: { ...q }, errors: {} };
  const inPerson = agenda.items.filter((i) => i.kind === 'in_person' && i.venue);
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1>{ctx.t('events:agenda.title')}</h1>
      <p>{ctx.t('events:agenda.intro')}</p>
      {canCreate ? (
        <p>
          <a href="/events/new" class="button">
            {ctx.t('events:agenda.create')}
          </a>
        </p>
      ) : (
        ''
      )}
      <nav aria-label={ctx.ta('events:agenda.when')}>
        <ul class="tabs">
          <li>
            <a href={agendaHref(q, { when: undefined, page: undefined })} aria-current={past ? undefined : 'page'}>
              {ctx.t('events:agenda.upcoming')}
            </a>
          </li>
          <li>
            <a href={agendaHref(q, { when: 'past', page: undefined })} aria-current={past ? 'page' : undefined}>
              {ctx.t('events:agenda.past')}
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action="/events" class="filters" aria-label={ctx.ta('events:agenda.filters')} novalidate>
        {past ? <input type="hidden" name="when" value="past" /> : ''}
        <div class="field">
          <label for="field-territory">{ctx.t('events:agenda.territory')}</label>
          <input type="search" id="field-territory" name="territory" value={q.territory} maxlength={100} aria-describedby="hint-territory" />
          <small id="hint-territory">{ctx.t('events:agenda.territoryHint')}</small>
        </div>
        <Select ctx={ctx} form={form} name="kind" label={ctx.ta('events:field.kind')} placeholder={ctx.ta('events:agenda.allKinds')} options={eventKinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))} required />
        <Select ctx={ctx} form={form} name="consultation" label={ctx.ta('events:agenda.consultation')} placeholder={ctx.ta('events:agenda.allConsultations')} options={consultations.map((c) => ({ value: c.slug, label: c.title }))} required />
        <button type="submit">{ctx.t('events:agenda.filter')}</button>
      </form>
      {agenda.territory ? <p class="meta" safe>{ctx.ta('events:agenda.territoryRead', { name: territoryLabel(ctx, agenda.territory) })}</p> : ''}
      <p role="status">{ctx.t('events:agenda.count', { count: agenda.total })}</p>
      {agenda.items.length === 0 ? (
        <p>{ctx.t(past ? 'events:agenda.emptyPast' : 'events:agenda.empty')}</p>
      ) : (
        <ul class="card-list">
          {agenda.items.map((item) => (
            <AgendaCard ctx={ctx} item={item} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={agenda.page} pageSize={agendaPageSize} total={agenda.total} href={(page) => agendaHref(q, { page })} />
      {inPerson.length > 0 ? (
        <section aria-labelledby="places-title">
          <h2 id="places-title">{ctx.t('events:agenda.places')}</h2>
          {mapTiles ? <EventsMap ctx={ctx} items={inPerson} tiles={mapTiles} /> : ''}
          <ul>
            {inPerson.map((i) => (
              <li>
                <a href={`/events/${i.id}`} safe>
                  {i.title}
                </a>
                {' — '}
                <span safe>{i.venue}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {agenda.territory ? (
        <p>
          <a href={`/events/calendar/${agenda.territory.kind}/${agenda.territory.code}`}>{ctx.t('events:calendar.territoryFeed', { name: agenda.territory.name })}</a>
        </p>
      ) : (
        ''
      )}
      <script src={`/assets/js/events-time.js?v=${ctx.assetVersion}`} defer></script>
    </Layout>
  );
}

interface EventPageProps {
  ctx: ViewContext;
  event: EventDetail;
  safeDescription: string;
  safeMinutes: string;
  registration?: Registration;
  rank: number;
  canManage: boolean;
  speakFor: { id: number; name: string }[];
  form: FormState;
  contributions: EventContribution[];
}

function RegistrationBox({ ctx, event, registration, rank, speakFor, form }: Pick<EventPageProps, 'ctx' | 'event' | 'registration' | 'rank' | 'speakFor' | 'form'>) {
  const active = registration && registration.status !== 'cancelled' ? registration : undefined;
  if (active) {
    return (
      <section aria-labelledby="registration-title" class="registration">
        <h2 id="registration-title">{ctx.t('events:registration.title')}</h2>
        <p>{active.status === 'confirmed' ? ctx.t('events:registration.confirmed') : ctx.t('events:registration.waiting', { rank })}</p>
        {active.status === 'confirmed' && event.onlineUrl ? (
          <p>
            {ctx.t('events:registration.onlineLink')}{' '}
            <a href={event.onlineUrl} rel="noopener noreferrer" safe>
              {event.onlineUrl}
            </a>
          </p>
        ) : (
          ''
        )}
        <form method="post" action={`/events/${event.id}/cancel`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="secondary">
            {ctx.t('events:registration.cancel')}
          </button>
        </form>
      </section>
    );
  }
  if (!registrationOpen(event)) return <p>{ctx.t('events:registration.closed')}</p>;
  if (!ctx.user) {
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(`/events/${event.id}`)}`} class="button">
          {ctx.t('events:registration.signIn')}
        </a>
      </p>
    );
  }
  const full = seatsLeft(event) === 0 || event.waiting > 0;
  const labels: Record<string, string> = Object.fromEntries(event.questions.map((q) => [`q${q.id}`, q.label]));
  return (
    <section aria-labelledby="registration-title" class="registration">
      <h2 id="registration-title">{ctx.t('events:registration.title')}</h2>
      {full ? <p>{ctx.t('events:registration.fullNotice')}</p> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ organization: ctx.ta('events:field.registerFor'), ...labels }} />
      <form method="post" action={`/events/${event.id}/register`} novalidate>
        <CsrfField ctx={ctx} />
        {speakFor.length > 0 ? (
          <Select ctx={ctx} form={form} name="organization" label={ctx.ta('events:field.registerFor')} required options={[{ value: '', label: ctx.ta('events:field.myself') }, ...speakFor.map((o) => ({ value: String(o.id), label: o.name }))]} />
        ) : (
          ''
        )}
        {event.questions.map((q) => {
          const name = `q${q.id}`;
          const error = form.errors[name];
          return (
            <div class="field">
              <label for={`field-${name}`}>
                <span safe>{q.label}</span>
                {q.required ? '' : <span class="optional"> {ctx.t('form.optional')}</span>}
              </label>
              <input id={`field-${name}`} name={name} type="text" maxlength={500} value={form.values[name] as string | undefined} required={q.required} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `error-${name}` : undefined} />
              {error ? (
                <small id={`error-${name}`} class="field-error">
                  {ctx.t(error.key.includes(':') ? error.key : `validation:${error.key}`, error.values)}
                </small>
              ) : (
                ''
              )}
            </div>
          );
        })}
        <button type="submit">{full ? ctx.t('events:registration.joinWaitingList') : ctx.t('events:registration.register')}</button>
      </form>
    </section>
  );
}

export function EventPage({ ctx, event, safeDescription, safeMinutes, registration, rank, canManage, speakFor, form, contributions }: EventPageProps) {
  const territory = territoryText(ctx, event.territoryKind, event.territoryCode);
  return (
    <Layout ctx={ctx} title={shortTitle(event.title)} crumbs={[{ href: '/events', label: ctx.ta('events:agenda.title') }, { label: event.title }]}>
      <article>
        <h1 safe>{event.title}</h1>
        <p class="meta">
          <span safe>{kindLabel(ctx, event.kind)}</span> · <When ctx={ctx} start={event.startsAt} end={event.endsAt} />
        </p>
        {canManage ? (
          <nav aria-label={ctx.ta('events:manage.nav')}>
            <ul class="inline-list">
              <li>
                <a href={`/events/${event.id}/edit`}>{ctx.t('events:manage.edit')}</a>
              </li>
              <li>
                <a href={`/events/${event.id}/attendees`}>{ctx.t('events:manage.attendees')}</a>
              </li>
              <li>
                <a href={`/events/${event.id}/minutes`}>{ctx.t('events:manage.minutes')}</a>
              </li>
              <li>
                <a href={`/events/${event.id}/contributions/new`}>{ctx.t('events:manage.offline')}</a>
              </li>
              <li>
                <a href={`/events/${event.id}/import`}>{ctx.t('events:manage.import')}</a>
              </li>
            </ul>
          </nav>
        ) : (
          ''
        )}
        <dl class="facts">
          {event.venue ? (
            <>
              <dt>{ctx.t('events:field.venue')}</dt>
              <dd safe>{event.venue}</dd>
            </>
          ) : (
            ''
          )}
          {territory ? (
            <>
              <dt>{ctx.t('events:field.territory')}</dt>
              <dd safe>{territory}</dd>
            </>
          ) : (
            ''
          )}
          <dt>{ctx.t('events:field.capacity')}</dt>
          <dd>
            <Seats ctx={ctx} capacity={event.capacity} confirmed={event.confirmed} />
            {event.waiting > 0 ? <> · {ctx.t('events:seats.waiting', { count: event.waiting })}</> : ''}
          </dd>
          {event.registrationDeadline ? (
            <>
              <dt>{ctx.t('events:field.registrationDeadline')}</dt>
              <dd safe>{formatDate(ctx, event.registrationDeadline, true)}</dd>
            </>
          ) : (
            ''
          )}
          {event.animator ? (
            <>
              <dt>{ctx.t('events:animatedBy')}</dt>
              <dd>
                <a href={`/organizations/${event.animator.slug}`} safe>
                  {event.animator.name}
                </a>
              </dd>
            </>
          ) : (
            ''
          )}
          {event.consultation && event.phase ? (
            <>
              <dt>{ctx.t('events:field.feeds')}</dt>
              <dd>
                <a href={`/consultations/${event.consultation.slug}/phases/${event.phase.position}`} safe>
                  {`${event.consultation.title} — ${event.phase.title}`}
                </a>
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>
        <p>
          <a href={`/events/${event.id}/calendar.ics`} download={`${event.slug}.ics`}>
            {ctx.t('events:calendar.download')}
          </a>
        </p>
        <div class="prose">{safeDescription}</div>
        <RegistrationBox ctx={ctx} event={event} registration={registration} rank={rank} speakFor={speakFor} form={form} />
        {event.minutesPublishedAt && safeMinutes ? (
          <section aria-labelledby="minutes-title">
            <h2 id="minutes-title">{ctx.t('events:minutes.title')}</h2>
            <div class="prose">{safeMinutes}</div>
          </section>
        ) : (
          ''
        )}
        {contributions.length > 0 ? (
          <section aria-labelledby="contributions-title">
            <h2 id="contributions-title">{ctx.t('events:contributions.title', { count: contributions.length })}</h2>
            <ul>
              {contributions.map((c) => (
                <li>
                  <a href={`/contributions/${c.id}`} safe>
                    {c.title}
                  </a>
                  {c.participantName ? <span class="meta" safe>{` — ${c.participantName}`}</span> : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
      </article>
      <script src={`/assets/js/events-time.js?v=${ctx.assetVersion}`} defer></script>
    </Layout>
  );
}

export function MyEventsPage({ ctx, items, feedUrl, hasFeed }: { ctx: ViewContext; items: MyEvent[]; feedUrl?: string; hasFeed: boolean }) {
  const title = ctx.ta('events:mine.title');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/events', label: ctx.ta('events:agenda.title') }, { label: title }]} noindex>
      <h1>{ctx.t('events:mine.title')}</h1>
      {items.length === 0 ? (
        <p>{ctx.t('events:mine.empty')}</p>
      ) : (
        <ul class="card-list">
          {items.map((e) => (
            <li>
              <a href={`/events/${e.id}`} safe>
                {e.title}
              </a>{' '}
              · <When ctx={ctx} start={e.startsAt} end={e.endsAt} /> · {ctx.t(`events:status.${e.status}`)}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="feed-title">
        <h2 id="feed-title">{ctx.t('events:mine.feedTitle')}</h2>
        <p>{ctx.t('events:mine.feedIntro')}</p>
        {feedUrl ? (
          <p>
            {ctx.t('events:mine.feedOnce')} <code safe>{feedUrl}</code>
          </p>
        ) : (
          ''
        )}
        <form method="post" action="/events/mine/feed">
          <CsrfField ctx={ctx} />
          <button type="submit" class={hasFeed ? 'secondary' : undefined}>
            {hasFeed ? ctx.t('events:mine.feedRenew') : ctx.t('events:mine.feedCreate')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
