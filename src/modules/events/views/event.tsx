// An event's page (facts, registration with its questions, minutes, contributions from the room) and a person's own
// registrations with their private calendar feed.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Select, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { formatDate, shortTitle } from '../../consultations/views/components.tsx';
import type { EventContribution } from '../offline.ts';
import type { MyEvent, Registration } from '../registrations.ts';
import { registrationOpen, seatsLeft, type EventDetail } from '../service.ts';
import { kindLabel, Seats, territoryText, When } from './agenda.tsx';
import { FollowSlot } from '../../notifications/views/follow.tsx';
import { HiddenBanner } from '../../moderation/views/components.tsx';
import { ReportLink } from '../../moderation/views/report.tsx';
import type { HiddenNotice } from '../../moderation/visibility.ts';

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
  /** the room's drafts waiting for the animators' review (0 for everyone else) */
  drafts: number;
  /** hidden by the moderators: set for the few who still read it */
  hidden?: HiddenNotice;
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

export function EventPage({ ctx, event, safeDescription, safeMinutes, registration, rank, canManage, speakFor, form, contributions, drafts, hidden }: EventPageProps) {
  const territory = territoryText(ctx, event.territoryKind, event.territoryCode);
  return (
    <Layout ctx={ctx} title={shortTitle(event.title)} crumbs={[{ href: '/events', label: ctx.ta('events:agenda.title') }, { label: event.title }]}>
      <article>
        <h1 safe>{event.title}</h1>
        <FollowSlot ctx={ctx} target={`event:${event.id}`} />
        {hidden ? <HiddenBanner ctx={ctx} notice={hidden} author={event.createdBy !== null && event.createdBy === ctx.user?.id} /> : ''}
        <p class="meta">
          <span safe>{kindLabel(ctx, event.kind)}</span> · <When ctx={ctx} start={event.startsAt} end={event.endsAt} /> · <ReportLink ctx={ctx} kind="event" id={event.id} authorId={event.createdBy} />
        </p>
        {event.cancelledAt ? (
          <section class="notice" role="note" aria-labelledby="called-off-title">
            <h2 id="called-off-title">{ctx.t('events:calledOff.title')}</h2>
            <p safe>{event.cancelReason ?? ''}</p>
          </section>
        ) : (
          ''
        )}
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
              {drafts > 0 ? (
                <li>
                  <a href={`/events/${event.id}/drafts`}>{ctx.t('events:manage.drafts', { count: drafts })}</a>
                </li>
              ) : (
                ''
              )}
              {event.cancelledAt ? (
                ''
              ) : (
                <li>
                  <a href={`/events/${event.id}/call-off`}>{ctx.t('events:calledOff.link')}</a>
                </li>
              )}
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
