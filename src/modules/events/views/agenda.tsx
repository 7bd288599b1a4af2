// The agenda with its filters, pages and map, and the pieces event pages share (kinds, times, seats, territory).
import { dateFormat, formatLocale } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { FilterBar } from '../../../platform/views/filters.tsx';
import { Select, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { formatDate } from '../../consultations/views/components.tsx';
import { getTerritory, territoryKey } from '../../territories/data.ts';
import { resolveTerritory } from '../../territories/resolve.ts';
import { TerritoryInput, territoryLabel } from '../../territories/views.tsx';
import type { AgendaQuery } from '../inputs.ts';
import { eventKinds, type EventKind } from '../schema.ts';
import { agendaPageSize, seatsLeft, type Agenda, type AgendaItem } from '../service.ts';
import { FollowSlot } from '../../notifications/views/follow.tsx';

export function kindLabel(ctx: ViewContext, kind: EventKind): string {
  return ctx.ta(`events:kind.${kind}`);
}

/** "1 octobre 2020, 14:00 – 17:00" in Paris time, with a machine-readable start. */
export function When({ ctx, start, end }: { ctx: ViewContext; start: Date; end: Date }) {
  const sameDay = formatDate(ctx, start) === formatDate(ctx, end);
  const endText = sameDay ? dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(end) : formatDate(ctx, end, true);
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

export function Seats({ ctx, capacity, confirmed }: { ctx: ViewContext; capacity: number | null; confirmed: number }) {
  const left = seatsLeft({ capacity, confirmed });
  if (left === null) return <span>{ctx.t('events:seats.unlimited')}</span>;
  return left === 0 ? <span class="badge">{ctx.t('events:seats.full')}</span> : <span>{ctx.t('events:seats.left', { count: left })}</span>;
}

export function territoryText(ctx: ViewContext, kind: string | null, code: string | null): string {
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
          {item.cancelledAt ? <span class="badge badge-cancelled">{ctx.t('events:calledOff.badge')}</span> : ''} <span safe>{kindLabel(ctx, item.kind)}</span> ·{' '}
          <When ctx={ctx} start={item.startsAt} end={item.endsAt} />
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
  // In one order whatever the order of the address it was reached by: one page, one address (and one cache entry).
  params.sort();
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
  const past = q.when === 'past';
  // Each filtered view is a page of its own in the title too: past events, a territory's events.
  // Kept short: a territory's name may be long, and a title is read first by screen readers and cut in tabs.
  const title = agenda.territory
    ? ctx.ta(past ? 'events:agenda.pastTerritoryTitle' : 'events:agenda.territoryTitle', { name: agenda.territory.name })
    : ctx.ta(past ? 'events:agenda.pastTitle' : 'events:agenda.title');
  const form: FormState = { values: { ...q }, errors: {} };
  const inPerson = agenda.items.filter((i) => i.kind === 'in_person' && i.venue);
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1>{ctx.t('events:agenda.title')}</h1>
      <p>{ctx.t('events:agenda.intro')}</p>
      {agenda.territory ? <FollowSlot ctx={ctx} target={`territory:${agenda.territory.kind}:${agenda.territory.code}`} /> : ''}
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
      <FilterBar ctx={ctx} active={Boolean(q.territory || q.kind || q.consultation)}>
        <form method="get" action="/events" class="filters" aria-label={ctx.ta('events:agenda.filters')} novalidate>
          {past ? <input type="hidden" name="when" value="past" /> : ''}
          <TerritoryInput ctx={ctx} id="field-territory" name="territory" label={ctx.ta('events:agenda.territory')} hint={ctx.ta('events:agenda.territoryHint')} resolution={resolveTerritory(q.territory)} choiceHref={(t) => agendaHref(q, { territory: territoryKey(t), page: undefined })} />
          <Select ctx={ctx} form={form} name="kind" label={ctx.ta('events:field.kind')} placeholder={ctx.ta('events:agenda.allKinds')} options={eventKinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))} required />
          <Select ctx={ctx} form={form} name="consultation" label={ctx.ta('events:agenda.consultation')} placeholder={ctx.ta('events:agenda.allConsultations')} options={consultations.map((c) => ({ value: c.slug, label: c.title }))} required />
          <button type="submit">{ctx.t('events:agenda.filter')}</button>
          <a href={past ? '/events?when=past' : '/events'}>{ctx.t('form.reset')}</a>
        </form>
      </FilterBar>
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
