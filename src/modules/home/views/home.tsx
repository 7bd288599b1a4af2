// The home page: what Parvis is, then what is going on now, each with a way in.
import { dateFormat, formatLocale, numberFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ConsultationSummary } from '../../consultations/service.ts';
import type { SynthesisLink } from '../../consultations/showcase.ts';
import { ConsultationCard } from '../../consultations/views/card.tsx';
import type { HomeFigures } from '../figures.ts';
import type { AgendaItem } from '../../events/service.ts';
import type { ProjectListItem } from '../../projects/service.ts';

const day = (ctx: ViewContext, date: Date) => dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(date);

interface HomeProps {
  ctx: ViewContext;
  figures: HomeFigures;
  consultations: ConsultationSummary[];
  showcase?: { item: ConsultationSummary; syntheses: SynthesisLink[] };
  events: AgendaItem[];
  projects: ProjectListItem[];
}

function Now({ ctx, id, title, more, moreHref, empty, children }: { ctx: ViewContext; id: string; title: JSX.Element; more: JSX.Element; moreHref: string; empty: boolean; children: JSX.Element }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p>{ctx.t('home:now.none')}</p> : <ul class="card-list">{children}</ul>}
      <p>
        <a href={moreHref}>{more}</a>
      </p>
    </section>
  );
}

/** One thing going on: its title as a link, then what to know at a glance. */
function Card({ href, title, children }: { href: string; title: string; children: JSX.Element }) {
  return (
    <li>
      <article>
        <h3>
          <a href={href} safe>
            {title}
          </a>
        </h3>
        <p class="meta">{children}</p>
      </article>
    </li>
  );
}

function Figures({ ctx, figures }: { ctx: ViewContext; figures: HomeFigures }) {
  const n = numberFormat(formatLocale(ctx.locale), {});
  const shownFigures = (['participants', 'contributions', 'organizations', 'workshops'] as const).filter((k) => figures[k] !== null);
  return (
    <section aria-labelledby="figures-title" class="home-figures">
      <h2 id="figures-title" class="visually-hidden">{ctx.t('home:figures.title')}</h2>
      <dl>
        {shownFigures.map((k) => (
          <div>
            <dt>{ctx.t(`home:figures.${k}`, { count: figures[k]! })}</dt>
            <dd safe>{n.format(figures[k]!)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const steps = ['needs', 'ideas', 'tools'] as const;

function HowItWorks({ ctx }: { ctx: ViewContext }) {
  return (
    <section aria-labelledby="how-title" class="home-steps">
      <h2 id="how-title">{ctx.t('home:how.title')}</h2>
      <ol>
        {steps.map((step) => (
          <li>
            <h3>{ctx.t(`home:how.${step}.title`)}</h3>
            <p>{ctx.t(`home:how.${step}.body`)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function HomePage({ ctx, figures, consultations, showcase, events, projects }: HomeProps) {
  return (
    <Layout ctx={ctx} title={ctx.ta('home:title')}>
      <section class="hero">
        <h1>{ctx.t('home:title')}</h1>
        <p class="lead">{ctx.t('home:lead')}</p>
        <p>
          <a href="/consultations" class="button">
            {ctx.t('home:cta.consultations')}
          </a>{' '}
          {ctx.user ? (
            ''
          ) : (
            <a href="/register" class="button secondary">
              {ctx.t('home:cta.join')}
            </a>
          )}
        </p>
      </section>
      <Figures ctx={ctx} figures={figures} />
      <Now ctx={ctx} id="now-consultations" title={ctx.t('home:consultations.title')} more={ctx.t('home:now.allConsultations')} moreHref="/consultations" empty={consultations.length === 0}>
        <>
        {consultations.map((c) => (
          <ConsultationCard ctx={ctx} item={c} level={3} />
        ))}
        </>
      </Now>
      {showcase ? (
        <section aria-labelledby="showcase-title">
          <h2 id="showcase-title">{ctx.t('home:showcase.title')}</h2>
          <ul class="card-list">
            <ConsultationCard ctx={ctx} item={showcase.item} level={3} syntheses={showcase.syntheses} />
          </ul>
        </section>
      ) : (
        ''
      )}
      <HowItWorks ctx={ctx} />
      <Now ctx={ctx} id="now-events" title={ctx.t('home:workshops.title')} more={ctx.t('home:now.agenda')} moreHref="/events" empty={events.length === 0}>
        <>
        {events.map((e) => (
          <Card href={`/events/${e.id}`} title={e.title}>
            <>
                <time datetime={e.startsAt.toISOString()} safe>
                  {day(ctx, e.startsAt)}
                </time>
                {e.venue ? (
                  <>
                    {' · '}
                    <span safe>{e.venue}</span>
                  </>
                ) : (
                  ''
                )}
            </>
          </Card>
        ))}
        </>
      </Now>
      <Now ctx={ctx} id="now-projects" title={ctx.t('home:projects.title')} more={ctx.t('home:now.allProjects')} moreHref="/projects" empty={projects.length === 0}>
        <>
        {projects.map((p) => (
          <Card href={`/projects/${p.id}`} title={p.title}>
            <>
                <span safe>{p.owner.name}</span>
                {p.deadline ? (
                  <>
                    {' · '}
                    {ctx.t('home:now.deadline', { date: day(ctx, p.deadline) })}
                  </>
                ) : (
                  ''
                )}
            </>
          </Card>
        ))}
        </>
      </Now>
      <p>
        <a href="/organizations">{ctx.t('home:cta.directory')}</a>
      </p>
    </Layout>
  );
}
