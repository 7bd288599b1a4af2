// The dashboard of a consultation or of one of its phases: key figures, participation over time, who took part (actor
// type, région, département), themes and kinds, workshops beside online, and the most supported, most debated and
// unanswered contributions. Every chart has its table.
import { dateFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Consultation, Phase } from '../../consultations/service.ts';
import type { Count, Figures } from '../figures.ts';
import type { Dashboard, PhaseAccess, rankings } from '../service.ts';
import { barChart, palette, timeChart } from './charts.ts';
import { AnalyticsStyles, ChartBlock, fmt, KeyFigures, Legend, RankedList } from './components.tsx';

type Rankings = Awaited<ReturnType<typeof rankings>>;

export function computedLine(ctx: ViewContext, at: Date | null) {
  if (!at) return <p class="meta">{ctx.t('analytics:dashboard.pending')}</p>;
  const when = dateFormat(ctx.locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at);
  return <p class="meta">{ctx.t('analytics:dashboard.computedAt', { when })}</p>;
}

function countRows(list: Count[], label: (c: Count) => string, max = 20): (string | number)[][] {
  return list.slice(0, max).map((c) => [label(c), c.count]);
}

function bars(list: Count[], label: (c: Count) => string, title: string, desc: string, max = 15) {
  return barChart(
    list.slice(0, max).map((c) => ({ label: label(c), value: c.count })),
    { title, desc },
  );
}

/** "Collectivité 12, Startup 8, …": the start of a chart's description, so its gist is read without the table. */
function gist(ctx: ViewContext, list: Count[], label: (c: Count) => string): string {
  return list
    .slice(0, 3)
    .map((c) => `${label(c)} ${fmt(ctx, c.count)}`)
    .join(', ');
}

export function FiguresSections({ ctx, figures, prefix }: { ctx: ViewContext; figures: Figures; prefix: string }) {
  const t = figures.totals;
  const actor = (c: Count) => (c.key === 'individual' ? ctx.ta('analytics:dashboard.individual') : ctx.ta(`organizations:type.${c.key}`));
  const kind = (c: Count) => ctx.ta(`consultations:kind.${c.key}`);
  const named = (c: Count) => c.label ?? c.key;
  const seriesNames = [ctx.ta('analytics:dashboard.series.contributions'), ctx.ta('analytics:dashboard.series.votes'), ctx.ta('analytics:dashboard.series.comments')];
  const days = figures.days;
  const timeline = timeChart(
    [
      { name: seriesNames[0]!, points: days.map((d) => ({ date: new Date(`${d.day}T12:00:00Z`), value: d.contributions })) },
      { name: seriesNames[1]!, points: days.map((d) => ({ date: new Date(`${d.day}T12:00:00Z`), value: d.votes })) },
      { name: seriesNames[2]!, points: days.map((d) => ({ date: new Date(`${d.day}T12:00:00Z`), value: d.comments })) },
    ],
    { title: ctx.ta('analytics:dashboard.timeline'), desc: ctx.ta('analytics:dashboard.timelineDesc', { days: days.length, first: days[0]?.day ?? '', last: days.at(-1)?.day ?? '' }) },
  );
  const origin: Count[] = [
    { key: 'online', label: ctx.ta('analytics:dashboard.online'), count: t.online },
    { key: 'workshop', label: ctx.ta('analytics:dashboard.workshop'), count: t.workshop },
  ];
  return (
    <>
      <section aria-labelledby={`${prefix}-figures`}>
        <h2 id={`${prefix}-figures`}>{ctx.t('analytics:dashboard.keyFigures')}</h2>
        <KeyFigures
          ctx={ctx}
          items={[
            { label: ctx.t('analytics:dashboard.contributions'), value: t.contributions },
            { label: ctx.t('analytics:dashboard.votes'), value: t.votes },
            { label: ctx.t('analytics:dashboard.arguments'), value: t.arguments },
            { label: ctx.t('analytics:dashboard.comments'), value: t.comments },
            ...(t.participants ? [{ label: ctx.t('analytics:dashboard.participants'), value: t.participants }] : []),
            { label: ctx.t('analytics:dashboard.unansweredNeeds'), value: t.unansweredNeeds },
            { label: ctx.t('analytics:dashboard.officialAnswers'), value: t.officialAnswers },
          ]}
        />
      </section>
      <section aria-labelledby={`${prefix}-participation`}>
        <h2 id={`${prefix}-participation`}>{ctx.t('analytics:dashboard.participation')}</h2>
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-timeline`}
          heading={ctx.t('analytics:dashboard.timeline')}
          safeSvg={timeline}
          caption={ctx.t('analytics:dashboard.timeline')}
          headers={[ctx.t('analytics:dashboard.day'), ctx.t('analytics:dashboard.series.contributions'), ctx.t('analytics:dashboard.series.votes'), ctx.t('analytics:dashboard.series.comments')]}
          rows={days.map((d) => [d.day, d.contributions, d.votes, d.comments])}
        >
          <Legend names={seriesNames} colours={palette} />
        </ChartBlock>
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-origin`}
          heading={ctx.t('analytics:dashboard.origin')}
          safeSvg={bars(origin, named, ctx.ta('analytics:dashboard.origin'), gist(ctx, origin, named))}
          caption={ctx.t('analytics:dashboard.origin')}
          headers={[ctx.t('analytics:dashboard.originColumn'), ctx.t('analytics:dashboard.contributions')]}
          rows={t.contributions ? countRows(origin, named) : []}
        />
      </section>
      <section aria-labelledby={`${prefix}-who`}>
        <h2 id={`${prefix}-who`}>{ctx.t('analytics:dashboard.who')}</h2>
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-actors`}
          heading={ctx.t('analytics:dashboard.actorTypes')}
          safeSvg={bars(figures.actorTypes, actor, ctx.ta('analytics:dashboard.actorTypes'), gist(ctx, figures.actorTypes, actor))}
          caption={ctx.t('analytics:dashboard.actorTypes')}
          headers={[ctx.t('analytics:dashboard.actorType'), ctx.t('analytics:dashboard.contributions')]}
          rows={countRows(figures.actorTypes, actor)}
        />
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-regions`}
          heading={ctx.t('analytics:dashboard.regions')}
          safeSvg={bars(figures.regions, named, ctx.ta('analytics:dashboard.regions'), gist(ctx, figures.regions, named))}
          caption={ctx.t('analytics:dashboard.regions')}
          headers={[ctx.t('analytics:dashboard.region'), ctx.t('analytics:dashboard.contributions')]}
          rows={countRows(figures.regions, named)}
        />
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-departements`}
          heading={ctx.t('analytics:dashboard.departements')}
          safeSvg={bars(figures.departements, named, ctx.ta('analytics:dashboard.departements'), gist(ctx, figures.departements, named))}
          caption={ctx.t('analytics:dashboard.departements')}
          headers={[ctx.t('analytics:dashboard.departement'), ctx.t('analytics:dashboard.contributions')]}
          rows={countRows(figures.departements, named, 30)}
        />
      </section>
      <section aria-labelledby={`${prefix}-what`}>
        <h2 id={`${prefix}-what`}>{ctx.t('analytics:dashboard.what')}</h2>
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-themes`}
          heading={ctx.t('analytics:dashboard.themes')}
          safeSvg={bars(figures.themes, named, ctx.ta('analytics:dashboard.themes'), gist(ctx, figures.themes, named))}
          caption={ctx.t('analytics:dashboard.themes')}
          headers={[ctx.t('analytics:dashboard.theme'), ctx.t('analytics:dashboard.contributions')]}
          rows={countRows(figures.themes, named)}
        />
        <ChartBlock
          ctx={ctx}
          id={`${prefix}-kinds`}
          heading={ctx.t('analytics:dashboard.kinds')}
          safeSvg={bars(figures.kinds, kind, ctx.ta('analytics:dashboard.kinds'), gist(ctx, figures.kinds, kind))}
          caption={ctx.t('analytics:dashboard.kinds')}
          headers={[ctx.t('analytics:dashboard.kind'), ctx.t('analytics:dashboard.contributions')]}
          rows={countRows(figures.kinds, kind)}
        />
      </section>
    </>
  );
}

function Rankings({ ctx, ranks }: { ctx: ViewContext; ranks: Rankings }) {
  return (
    <section aria-labelledby="rankings">
      <h2 id="rankings">{ctx.t('analytics:dashboard.rankings')}</h2>
      <div class="grid-auto">
        <RankedList ctx={ctx} id="supported" heading={ctx.t('analytics:dashboard.supported')} items={ranks.supported} measure="support" />
        <RankedList ctx={ctx} id="debated" heading={ctx.t('analytics:dashboard.debated')} items={ranks.debated} measure="debate" />
        <RankedList ctx={ctx} id="unanswered" heading={ctx.t('analytics:dashboard.unanswered')} items={ranks.unanswered} measure="support" />
      </div>
    </section>
  );
}

interface ConsultationDashboardProps {
  ctx: ViewContext;
  consultation: Consultation;
  dashboard: Dashboard;
  access: PhaseAccess[];
  seesAll: boolean;
  ranks: Rankings;
}

const base = (c: Consultation) => `/consultations/${c.slug}`;

export function ConsultationDashboardPage({ ctx, consultation, dashboard, access, seesAll, ranks }: ConsultationDashboardProps) {
  const title = ctx.ta('analytics:dashboard.title', { title: consultation.title });
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/consultations', label: ctx.ta('consultations:list.title') }, { href: base(consultation), label: consultation.title }, { label: ctx.ta('analytics:dashboard.crumb') }]}>
      <AnalyticsStyles ctx={ctx} />
      <h1 safe>{title}</h1>
      {computedLine(ctx, dashboard.computedAt)}
      {dashboard.hiddenPhases ? <p class="notice">{ctx.t('analytics:dashboard.hiddenPhases', { count: dashboard.hiddenPhases })}</p> : ''}
      <nav aria-label={ctx.ta('analytics:dashboard.phasesNav')}>
        <ul>
          {access.map((a) => (
            <li>
              <a href={`${base(consultation)}/phases/${a.phase.position}/dashboard`} safe>
                {ctx.ta('analytics:dashboard.phaseLink', { position: a.phase.position, title: a.phase.title })}
              </a>
              {a.restricted ? <span class="meta"> {ctx.t(seesAll ? 'analytics:dashboard.restrictedOrganizer' : 'analytics:dashboard.restricted')}</span> : ''}
              {!a.restricted || seesAll ? (
                <>
                  {' · '}
                  <a href={`${base(consultation)}/phases/${a.phase.position}/opinions`}>{ctx.t('analytics:opinions.link')}</a>
                  {' · '}
                  <a href={`${base(consultation)}/phases/${a.phase.position}/topics`}>{ctx.t('analytics:topics.link')}</a>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      </nav>
      <FiguresSections ctx={ctx} figures={dashboard.figures} prefix="c" />
      <Rankings ctx={ctx} ranks={ranks} />
      <section aria-labelledby="take-away">
        <h2 id="take-away">{ctx.t('analytics:dashboard.takeAway')}</h2>
        <p>
          <a href={`${base(consultation)}/open-data`}>{ctx.t('analytics:dashboard.openData')}</a> · <a href={`/api/v1${base(consultation)}/dashboard`}>{ctx.t('analytics:dashboard.json')}</a>
        </p>
      </section>
    </Layout>
  );
}

interface PhaseDashboardProps {
  ctx: ViewContext;
  consultation: Consultation;
  phase: Phase;
  dashboard: Dashboard;
  ranks: Rankings;
  restricted: boolean;
  privateUntilSynthesis: boolean;
  canManage: boolean;
}

export function PhaseDashboardPage({ ctx, consultation, phase, dashboard, ranks, restricted, privateUntilSynthesis, canManage }: PhaseDashboardProps) {
  const title = ctx.ta('analytics:dashboard.phaseTitle', { position: phase.position, title: phase.title });
  const phaseBase = `${base(consultation)}/phases/${phase.position}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      noindex={restricted}
      crumbs={[{ href: base(consultation), label: consultation.title }, { href: `${base(consultation)}/dashboard`, label: ctx.ta('analytics:dashboard.crumb') }, { label: ctx.ta('analytics:dashboard.phaseCrumb', { position: phase.position }) }]}
    >
      <AnalyticsStyles ctx={ctx} />
      <h1 safe>{title}</h1>
      {computedLine(ctx, dashboard.computedAt)}
      {restricted ? <p class="notice">{ctx.t('analytics:dashboard.restrictedNotice')}</p> : ''}
      <p>
        <a href={phaseBase}>{ctx.t('analytics:dashboard.toPhase')}</a> · <a href={`${phaseBase}/opinions`}>{ctx.t('analytics:opinions.link')}</a> · <a href={`${phaseBase}/topics`}>{ctx.t('analytics:topics.link')}</a>
      </p>
      <FiguresSections ctx={ctx} figures={dashboard.figures} prefix="p" />
      <Rankings ctx={ctx} ranks={ranks} />
      {canManage ? (
        <section aria-labelledby="dashboard-settings">
          <h2 id="dashboard-settings">{ctx.t('analytics:dashboard.settings')}</h2>
          <form method="post" action={`${phaseBase}/dashboard/settings`}>
            <CsrfField ctx={ctx} />
            <fieldset>
              <label>
                <input type="checkbox" name="privateUntilSynthesis" value="1" checked={privateUntilSynthesis} /> {ctx.t('analytics:dashboard.privateUntilSynthesis')}
              </label>
            </fieldset>
            <button type="submit">{ctx.t('analytics:dashboard.saveSettings')}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
