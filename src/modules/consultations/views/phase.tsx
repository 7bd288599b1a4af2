// A phase's page: its question, a call to act while open, then its contributions with orders, filters and pages.
import type { ViewContext } from '../../../platform/views/context.ts';
import { FilterBar, FilterSelect } from '../../../platform/views/filters.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { typeOptions } from '../../organizations/views/components.tsx';
import { resolveTerritory } from '../../territories/resolve.ts';
import { TerritoryInput } from '../../territories/views.tsx';
import { orders, pageSize, type ListPage, type ListQuery } from '../listing.ts';
import { answerStatuses, contributionKinds } from '../schema.ts';
import type { Consultation, Phase } from '../service.ts';
import { ContributionCard, DateSpan, StatusBadge, kindLabel, shortTitle, statusOf } from './components.tsx';
import { FollowSlot } from '../../notifications/views/follow.tsx';
import { isDraft } from '../drafts.ts';
import { DraftBanner } from './arrange.tsx';

/** The list's address with only the parameters in use, so links stay short and the random order keeps its seed. */
export function listHref(base: string, q: ListQuery, page = q.page): string {
  const params = new URLSearchParams();
  if (q.order !== 'newest') params.set('order', q.order);
  if (q.order === 'random') params.set('seed', String(q.seed));
  if (q.theme) params.set('theme', q.theme.slug);
  if (q.territory) params.set('territory', `${q.territory.kind}:${q.territory.code}`);
  if (q.actorType) params.set('actor', q.actorType);
  if (q.kind) params.set('kind', q.kind);
  if (q.status) params.set('status', q.status);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

function Filters({ ctx, base, consultation, phase, q }: { ctx: ViewContext; base: string; consultation: Consultation; phase: Phase; q: ListQuery }) {
  const orderOptions = orders.map((o) => ({ value: o, label: ctx.ta(`consultations:order.${o}`) }));
  return (
    <FilterBar ctx={ctx} active={Boolean(q.theme || q.actorType || q.kind || q.status || q.territory)}>
      <form method="get" action={base} class="filters" role="search" aria-label={ctx.ta('consultations:filters.label')}>
        <div class="grid">
          <label>
            {ctx.t('consultations:filters.order')}
            <select id="filter-order" name="order">
              {orderOptions.map((o) => (
                <option value={o.value} selected={o.value === q.order} safe>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          {q.order === 'random' ? <input type="hidden" name="seed" value={String(q.seed)} /> : ''}
          {consultation.themes.length > 0 ? (
            <FilterSelect ctx={ctx} name="theme" label={ctx.ta('consultations:filters.theme')} options={consultation.themes.map((t) => ({ value: t.slug, label: t.label }))} current={q.theme?.slug} />
          ) : (
            ''
          )}
          <FilterSelect ctx={ctx} name="actor" label={ctx.ta('consultations:filters.actor')} options={typeOptions(ctx)} current={q.actorType} />
          {phase.kinds.length > 1 ? (
            <FilterSelect ctx={ctx} name="kind" label={ctx.ta('consultations:filters.kind')} options={contributionKinds.filter((k) => phase.kinds.includes(k)).map((k) => ({ value: k, label: kindLabel(ctx, k) }))} current={q.kind} />
          ) : (
            ''
          )}
          <FilterSelect ctx={ctx} name="status" label={ctx.ta('consultations:filters.status')} options={answerStatuses.map((s) => ({ value: s, label: ctx.ta(`consultations:answer.status.${s}`) }))} current={q.status} />
          <TerritoryInput ctx={ctx} id="filter-territory" name="territory" label={ctx.ta('consultations:filters.territory')} hint={ctx.ta('consultations:filters.territoryHint')} resolution={resolveTerritory(q.territoryText)} choiceHref={(t) => listHref(base, { ...q, territory: t }, 1)} />
        </div>
        <button type="submit">{ctx.t('form.filter')}</button> <a href={base}>{ctx.t('form.reset')}</a>
      </form>
    </FilterBar>
  );
}

interface PhasePageProps {
  ctx: ViewContext;
  consultation: Consultation;
  phase: Phase;
  q: ListQuery;
  list: ListPage;
  /** a link to the synthesis when published, or to write it for organizers */
  synthesis?: 'published' | 'write';
}

/** The reader's own drafts in this phase: the page's personal slot, filled in for each person (routes.tsx). */
export function DraftsSection({ ctx, drafts }: { ctx: ViewContext; drafts: { id: number; title: string }[] }) {
  if (drafts.length === 0) return <></>;
  return (
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title">{ctx.t('consultations:draft.mine')}</h2>
      <ul>
        {drafts.map((d) => (
          <li>
            <a href={`/contributions/${d.id}`} safe>
              {d.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PhasePage({ ctx, consultation, phase, q, list, synthesis }: PhasePageProps) {
  // A marker filled in with the reader's DraftsSection as the page is sent (page-serving.ts): no text of anyone's.
  const safeDraftsSlot = ctx.slot?.('drafts') ?? '';
  const { items, total } = list;
  const base = `/consultations/${consultation.slug}/phases/${phase.position}`;
  const status = statusOf(phase);
  const draft = isDraft(consultation);
  // The theme's own list is a page of its own (linked from the consultation's themes): its title says which.
  const named = q.theme ? ctx.ta('consultations:phase.titleTheme', { title: phase.title, theme: q.theme.label }) : phase.title;
  return (
    <Layout
      ctx={ctx}
      title={shortTitle(q.page > 1 ? ctx.ta('consultations:phase.titlePage', { title: named, page: q.page }) : named)}
      crumbs={[{ href: '/consultations', label: ctx.ta('consultations:list.title') }, { href: `/consultations/${consultation.slug}`, label: consultation.title }, { label: phase.title }]}
    >
      <h1 safe>{phase.title}</h1>
      <p class="meta">
        <StatusBadge ctx={ctx} status={status} /> <DateSpan ctx={ctx} phase={phase} />
      </p>
      {draft ? <DraftBanner ctx={ctx} consultation={consultation} /> : ''}
      <FollowSlot ctx={ctx} target={`phase:${phase.id}`} />
      <blockquote safe>{phase.question}</blockquote>
      {synthesis === 'published' || (synthesis === 'write' && status === 'closed') ? (
        <p>
          <a href={`${base}/synthesis`}>{synthesis === 'published' ? ctx.t('consultations:synthesis.link') : ctx.t('consultations:synthesis.write')}</a>
        </p>
      ) : (
        ''
      )}
      {safeDraftsSlot}
      {status === 'open' && !draft ? (
        <p>
          <a href={`${base}/contribute`} class="button">
            {ctx.t('consultations:consultation.callToAct')}
          </a>
        </p>
      ) : (
        ''
      )}
      <Filters ctx={ctx} base={base} consultation={consultation} phase={phase} q={q} />
      <section aria-labelledby="results-title">
        <h2 id="results-title">{ctx.t(list.capped ? 'consultations:list.contributionsMore' : 'consultations:list.contributions', { count: total })}</h2>
        {items.length === 0 ? (
          <p>{ctx.t('consultations:phase.empty')}</p>
        ) : (
          <ul class="card-list">
            {items.map((item) => (
              <ContributionCard ctx={ctx} item={item} />
            ))}
          </ul>
        )}
        <Pagination ctx={ctx} page={q.page} pageSize={pageSize} total={total} href={(page) => listHref(base, q, page)} />
      </section>
    </Layout>
  );
}
