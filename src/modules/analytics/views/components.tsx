// Pieces every analytics page uses: a chart with its table, a row of key figures, a ranked list of contributions.
import type { Children } from '@kitajs/html';
import { numberFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { DataTable } from '../../../platform/views/table.tsx';
import type { RankedItem } from '../service.ts';

export const fmt = (ctx: ViewContext, n: number) => numberFormat(ctx.locale === 'en' ? 'en-GB' : 'fr-FR', {}).format(n);
export const pct = (ctx: ViewContext, share: number) => numberFormat(ctx.locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(share);

export function AnalyticsStyles({ ctx }: { ctx: ViewContext }) {
  return <link rel="stylesheet" href={`/assets/css/analytics.css?v=${ctx.assetVersion}`} />;
}

interface ChartProps {
  ctx: ViewContext;
  id: string;
  heading: JSX.Element;
  /** SVG from charts.ts: Plot's output, its text escaped by the DOM it was built in */
  safeSvg: string;
  caption: JSX.Element;
  headers: JSX.Element[];
  rows: (string | number)[][];
  /** the heading's level: 3 under a page's sections, 2 on a page that has none */
  level?: 2 | 3;
  children?: Children;
}

/** A chart, then the same figures as a table (in a <details>, open without scripts as with them). */
export function ChartBlock({ ctx, id, heading, safeSvg, caption, headers, rows, level = 3, children }: ChartProps) {
  return (
    <section class="chart" aria-labelledby={id}>
      {level === 2 ? <h2 id={id}>{heading}</h2> : <h3 id={id}>{heading}</h3>}
      {rows.length === 0 ? (
        <p class="meta">{ctx.t('analytics:dashboard.noData')}</p>
      ) : (
        <>
          {safeSvg}
          {children}
          <details>
            <summary>{ctx.t('analytics:dashboard.table')}</summary>
            <DataTable caption={caption} headers={headers}>
              {rows.map((row) => (
                <tr>
                  {row.map((cell, i) => (i === 0 ? <th scope="row" safe>{String(cell)}</th> : <td class="number">{typeof cell === 'number' ? fmt(ctx, cell) : <span safe>{cell}</span>}</td>))}
                </tr>
              ))}
            </DataTable>
          </details>
        </>
      )}
    </section>
  );
}

export function KeyFigures({ ctx, items }: { ctx: ViewContext; items: { label: JSX.Element; value: number }[] }) {
  return (
    <dl class="key-figures">
      {items.map(({ label, value }) => (
        <div>
          <dt>{label}</dt>
          <dd safe>{fmt(ctx, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A legend in HTML for charts with several colours (the table says the same). */
export function Legend({ names, colours }: { names: string[]; colours: string[] }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      {names.map((name, i) => (
        <li>
          <span class={`swatch swatch-${i % colours.length}`}></span> <span safe>{name}</span>
        </li>
      ))}
    </ul>
  );
}

export function RankedList({ ctx, id, heading, items, measure }: { ctx: ViewContext; id: string; heading: JSX.Element; items: RankedItem[]; measure: 'support' | 'debate' }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {items.length === 0 ? (
        <p class="meta">{ctx.t('analytics:dashboard.noData')}</p>
      ) : (
        <ol>
          {items.map((item) => (
            <li>
              <a href={`/contributions/${item.id}`} safe>
                {item.title}
              </a>{' '}
              <span class="meta">
                {measure === 'support'
                  ? ctx.t('analytics:dashboard.supportCounts', { agree: fmt(ctx, item.agree), mixed: fmt(ctx, item.mixed), disagree: fmt(ctx, item.disagree) })
                  : ctx.t('analytics:dashboard.debateCount', { count: item.debate, n: fmt(ctx, item.debate) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
