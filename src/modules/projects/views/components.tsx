// Pieces the project pages share: state and stage labels, dates, amounts, the project card and the page frame.
import { dateFormat, formatLocale, numberFormat } from '../../../platform/intl.ts';
import { formatNumber } from '../../../platform/numbers.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { domainOptions } from '../../organizations/views/components.tsx';
import { projectStages, projectStates, projectVisibilities, type ProjectState } from '../schema.ts';
import type { Reason } from '../matching.ts';

export const stageOptions = (ctx: ViewContext) => projectStages.map((value) => ({ value, label: ctx.ta(`projects:stage.${value}`) }));
export const stateOptions = (ctx: ViewContext) => projectStates.map((value) => ({ value, label: ctx.ta(`projects:state.${value}`) }));
export const visibilityOptions = (ctx: ViewContext) => projectVisibilities.map((value) => ({ value, label: ctx.ta(`projects:visibility.${value}`) }));
export { domainOptions };

/** A page's <title> stays under 70 characters with the site's name: long project titles are cut there. */
export function pageTitle(title: string): string {
  return title.length > 50 ? `${title.slice(0, 49).trimEnd()}…` : title;
}

export function formatDate(ctx: ViewContext, date: Date, withTime = false): string {
  return dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) }).format(date);
}

export function formatEuros(ctx: ViewContext, amount: number): string {
  return numberFormat(formatLocale(ctx.locale), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(amount);
}

/** A latitude or longitude as it was typed, in the reader's language: "45,7719". */
export function formatCoordinate(ctx: ViewContext, degrees: number): string {
  return formatNumber(ctx.locale, degrees, { maxDecimals: 10, grouping: false });
}

/** A score out of 5, "4,5", or a weighted one always with two decimals, "4,30". */
export function formatScore(ctx: ViewContext, score: number, fixed = false): string {
  return formatNumber(ctx.locale, score, { minDecimals: fixed ? 2 : 0, maxDecimals: 2 });
}

/** "10 000 € – 50 000 €", "from 10 000 €", "up to 50 000 €", or nothing. */
export function rangeText(ctx: ViewContext, min: number | null, max: number | null): string | undefined {
  if (min !== null && max !== null) return ctx.ta('projects:range.between', { min: formatEuros(ctx, min), max: formatEuros(ctx, max) });
  if (min !== null) return ctx.ta('projects:range.from', { min: formatEuros(ctx, min) });
  if (max !== null) return ctx.ta('projects:range.upTo', { max: formatEuros(ctx, max) });
  return undefined;
}

export function StateBadge({ ctx, state }: { ctx: ViewContext; state: ProjectState }) {
  return <span class={`badge badge-state-${state}`}>{ctx.t(`projects:state.${state}`)}</span>;
}

export function ReasonList({ ctx, reasons }: { ctx: ViewContext; reasons: Reason[] }) {
  return (
    <ul class="tags">
      {reasons.map((r) => (
        <li>
          {r.kind === 'domain'
            ? ctx.t('projects:reason.domain', { domain: ctx.ta(`organizations:domain.${r.domain}`) })
            : r.kind === 'territory'
              ? ctx.t(`projects:reason.territory.${r.level}`)
              : ctx.t(`projects:reason.${r.kind}`)}
        </li>
      ))}
    </ul>
  );
}

/** The links of a project's own pages, shown on each of them. */
export function ProjectTabs({ ctx, project, current, owner }: { ctx: ViewContext; project: { id: number }; current: string; owner: boolean }) {
  const tabs: [string, string][] = [
    ['', 'projects:tab.project'],
    ['/questions', 'projects:tab.questions'],
    ...(owner ? ([['/responses', 'projects:tab.responses'], ['/criteria', 'projects:tab.criteria'], ['/matches', 'projects:tab.matches']] as [string, string][]) : []),
  ];
  return (
    <nav aria-label={ctx.ta('projects:tab.label')} class="tabs">
      <ul>
        {tabs.map(([suffix, key]) => (
          <li>
            <a href={`/projects/${project.id}${suffix}`} aria-current={suffix === current ? 'page' : undefined}>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
