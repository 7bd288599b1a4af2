// The opinion groups of a phase: the method in plain words, the map of voters, each group's size, then the
// contributions every group agrees with and those that divide them, with how each group voted.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Consultation, Phase } from '../../consultations/service.ts';
import type { OpinionView } from '../service.ts';
import { opinionMap, palette } from './charts.ts';
import { AnalyticsStyles, fmt, Legend, pct } from './components.tsx';
import { computedLine } from './dashboard.tsx';

export const groupName = (ctx: ViewContext, i: number) => ctx.ta('analytics:opinions.group', { letter: String.fromCharCode(65 + i) });

type Entry = NonNullable<OpinionView['result']>['contributions'][number];

function GroupVotesTable({ ctx, entry, names, caption }: { ctx: ViewContext; entry: Entry; names: string[]; caption: string }) {
  return (
    <table class="group-votes">
      <caption class="visually-hidden" safe>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t('analytics:opinions.groupColumn')}</th>
          <th scope="col">{ctx.t('analytics:opinions.agree')}</th>
          <th scope="col">{ctx.t('analytics:opinions.mixed')}</th>
          <th scope="col">{ctx.t('analytics:opinions.disagree')}</th>
        </tr>
      </thead>
      <tbody>
        {entry.groups.map((g, i) => {
          const n = g.agree + g.mixed + g.disagree;
          const share = (x: number) => (n ? `${pct(ctx, x / n)} (${fmt(ctx, x)})` : '—');
          return (
            <tr>
              <th scope="row" safe>
                {names[i]}
              </th>
              <td class="number" safe>{share(g.agree)}</td>
              <td class="number" safe>{share(g.mixed)}</td>
              <td class="number" safe>{share(g.disagree)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function EntryList({ ctx, ids, view, names, id, heading, empty }: { ctx: ViewContext; ids: number[]; view: OpinionView; names: string[]; id: string; heading: JSX.Element; empty: JSX.Element }) {
  const entries = ids.flatMap((cid) => {
    const entry = view.result!.contributions.find((c) => c.id === cid);
    const title = view.titles.get(cid);
    return entry && title ? [{ entry, title }] : [];
  });
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {entries.length === 0 ? (
        <p class="meta">{empty}</p>
      ) : (
        <ol class="opinion-list">
          {entries.map(({ entry, title }) => (
            <li>
              <a href={`/contributions/${entry.id}`} safe>
                {title.title}
              </a>
              <GroupVotesTable ctx={ctx} entry={entry} names={names} caption={ctx.ta('analytics:opinions.votesOf', { title: title.title })} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function OpinionsPage({ ctx, consultation, phase, view }: { ctx: ViewContext; consultation: Consultation; phase: Phase; view: OpinionView }) {
  const title = ctx.ta('analytics:opinions.title', { position: phase.position, title: phase.title });
  const r = view.result;
  const names = (r?.groupSizes ?? []).map((_, i) => groupName(ctx, i));
  const base = `/consultations/${consultation.slug}/phases/${phase.position}`;
  const safeMap = r ? opinionMap(r.points, names, { title: ctx.ta('analytics:opinions.map'), desc: ctx.ta('analytics:opinions.mapDesc', { groups: names.map((n, i) => `${n}: ${r.groupSizes[i]}`).join(', ') }) }) : '';
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: `/consultations/${consultation.slug}`, label: consultation.title }, { href: `${base}/dashboard`, label: ctx.ta('analytics:dashboard.crumb') }, { label: ctx.ta('analytics:opinions.crumb') }]}>
      <AnalyticsStyles ctx={ctx} />
      <h1 safe>{title}</h1>
      {computedLine(ctx, view.computedAt)}
      <details open>
        <summary>{ctx.t('analytics:opinions.methodTitle')}</summary>
        <p>{ctx.t('analytics:opinions.method1')}</p>
        <p>{ctx.t('analytics:opinions.method2')}</p>
        <p>{ctx.t('analytics:opinions.method3')}</p>
      </details>
      {!r || r.groupSizes.length === 0 ? (
        <p class="notice">{ctx.t('analytics:opinions.notEnough', { voters: r?.voters ?? 0 })}</p>
      ) : (
        <>
          <section aria-labelledby="groups">
            <h2 id="groups">{ctx.t('analytics:opinions.groups', { count: r.groupSizes.length })}</h2>
            <p>{ctx.t('analytics:opinions.summary', { voters: fmt(ctx, r.voters), considered: fmt(ctx, r.considered), groups: r.groupSizes.length })}</p>
            <section class="chart" aria-labelledby="opinion-map">
              <h3 id="opinion-map">{ctx.t('analytics:opinions.map')}</h3>
              {safeMap}
              <Legend names={names} colours={palette} />
              <details>
                <summary>{ctx.t('analytics:dashboard.table')}</summary>
                <table>
                  <caption>{ctx.t('analytics:opinions.sizes')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{ctx.t('analytics:opinions.groupColumn')}</th>
                      <th scope="col">{ctx.t('analytics:opinions.people')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.groupSizes.map((size, i) => (
                      <tr>
                        <th scope="row" safe>
                          {names[i]}
                        </th>
                        <td class="number" safe>{fmt(ctx, size)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </section>
          </section>
          <EntryList ctx={ctx} ids={r.consensus.slice(0, 20)} view={view} names={names} id="consensus" heading={ctx.t('analytics:opinions.consensus')} empty={ctx.t('analytics:opinions.noConsensus')} />
          <EntryList ctx={ctx} ids={r.divisive.slice(0, 20)} view={view} names={names} id="divisive" heading={ctx.t('analytics:opinions.divisive')} empty={ctx.t('analytics:opinions.noDivisive')} />
        </>
      )}
    </Layout>
  );
}
