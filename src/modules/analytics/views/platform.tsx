// The platform-wide dashboard for admins: accounts, organizations by type and verification, activity per day.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PlatformFigures } from '../platform.ts';
import { barChart, palette, timeChart } from './charts.ts';
import { AnalyticsStyles, ChartBlock, KeyFigures, Legend } from './components.tsx';
import { computedLine } from './dashboard.tsx';

export function PlatformDashboardPage({ ctx, figures, computedAt }: { ctx: ViewContext; figures: PlatformFigures | null; computedAt: Date | null }) {
  const title = ctx.ta('analytics:platform.title');
  const f = figures;
  const names = [ctx.ta('analytics:dashboard.series.contributions'), ctx.ta('analytics:dashboard.series.votes'), ctx.ta('analytics:dashboard.series.comments'), ctx.ta('analytics:platform.accountsSeries')];
  const days = f?.days ?? [];
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const safeActivity = timeChart(
    [
      { name: names[0]!, points: days.map((d) => ({ date: at(d.day), value: d.contributions })) },
      { name: names[1]!, points: days.map((d) => ({ date: at(d.day), value: d.votes })) },
      { name: names[2]!, points: days.map((d) => ({ date: at(d.day), value: d.comments })) },
      { name: names[3]!, points: days.map((d) => ({ date: at(d.day), value: d.accounts })) },
    ],
    { title: ctx.ta('analytics:platform.activity'), desc: ctx.ta('analytics:dashboard.timelineDesc', { days: days.length, first: days[0]?.day ?? '', last: days.at(-1)?.day ?? '' }) },
  );
  const organizations = f?.organizations ?? [];
  const typeName = (type: string) => ctx.ta(`organizations:type.${type}`);
  const safeOrganizations = barChart(
    organizations.map((o) => ({ label: typeName(o.type), value: o.verified + o.claimed })),
    { title: ctx.ta('analytics:platform.organizations'), desc: organizations.map((o) => `${typeName(o.type)} ${o.verified + o.claimed}`).join(', ') },
  );
  return (
    <Layout ctx={ctx} title={title} noindex crumbs={[{ href: '/admin', label: ctx.ta('admin:title') }, { label: title }]}>
      <AnalyticsStyles ctx={ctx} />
      <h1 safe>{title}</h1>
      {computedLine(ctx, computedAt)}
      {f ? (
        <>
          <KeyFigures
            ctx={ctx}
            items={[
              { label: ctx.t('analytics:platform.accounts'), value: f.accounts.total },
              { label: ctx.t('analytics:platform.verifiedAccounts'), value: f.accounts.verified },
              { label: ctx.t('analytics:platform.newAccounts'), value: f.accounts.newLast30Days },
              { label: ctx.t('analytics:platform.blocked'), value: f.accounts.blocked },
              { label: ctx.t('analytics:platform.consultations'), value: f.counts.consultations },
              { label: ctx.t('analytics:dashboard.contributions'), value: f.counts.contributions },
              { label: ctx.t('analytics:platform.events'), value: f.counts.events },
              { label: ctx.t('analytics:platform.projects'), value: f.counts.projects },
            ]}
          />
          <ChartBlock
            ctx={ctx}
            id="activity"
            level={2}
            heading={ctx.t('analytics:platform.activity')}
            safeSvg={safeActivity}
            caption={ctx.t('analytics:platform.activity')}
            headers={[ctx.t('analytics:dashboard.day'), ...names.map((n) => <span safe>{n}</span>)]}
            rows={days.map((d) => [d.day, d.contributions, d.votes, d.comments, d.accounts])}
          >
            <Legend names={names} colours={palette} />
          </ChartBlock>
          <ChartBlock
            ctx={ctx}
            id="organizations"
            level={2}
            heading={ctx.t('analytics:platform.organizations')}
            safeSvg={safeOrganizations}
            caption={ctx.t('analytics:platform.organizations')}
            headers={[ctx.t('analytics:dashboard.actorType'), ctx.t('analytics:platform.verified'), ctx.t('analytics:platform.claimed')]}
            rows={organizations.map((o) => [typeName(o.type), o.verified, o.claimed])}
          />
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
