// The public directory: a filter form that works as a plain GET, the results as cards, and page links.
import type { ViewContext } from '../../../platform/views/context.ts';
import { FilterBar, FilterSelect } from '../../../platform/views/filters.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { resolveTerritory } from '../../territories/resolve.ts';
import { TerritoryInput } from '../../territories/views.tsx';
import type { DirectoryEntry, DirectoryQuery } from '../directory.ts';
import { OrganizationCard, domainOptions, typeOptions } from './components.tsx';

/** The directory's address for a query, with only the filters in use: links stay short and shareable. */
export function directoryHref(query: DirectoryQuery, page = query.page): string {
  const { q, type, domain, territory, verified } = query.filters;
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (type) params.set('type', type);
  if (domain) params.set('domain', domain);
  if (territory) params.set('territory', `${territory.kind}:${territory.code}`);
  if (verified) params.set('verified', '1');
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/organizations?${search}` : '/organizations';
}

function Filters({ ctx, query }: { ctx: ViewContext; query: DirectoryQuery }) {
  const { filters } = query;
  const active = Boolean(filters.q || filters.type || filters.domain || filters.territory || filters.verified);
  return (
    <FilterBar ctx={ctx} active={active}>
      <form method="get" action="/organizations" class="filters" role="search" aria-label={ctx.ta('organizations:directory.filters')}>
        <div class="grid">
          <label for="filter-q">
            {ctx.t('organizations:directory.q')}
            <input type="search" id="filter-q" name="q" value={filters.q} maxlength={200} />
          </label>
          <FilterSelect ctx={ctx} name="type" label={ctx.ta('organizations:field.type')} options={typeOptions(ctx)} current={filters.type} />
          <FilterSelect ctx={ctx} name="domain" label={ctx.ta('organizations:field.domain')} options={domainOptions(ctx)} current={filters.domain} />
          <TerritoryInput
            ctx={ctx}
            id="filter-territory"
            name="territory"
            label={ctx.ta('organizations:directory.territory')}
            hint={ctx.ta('organizations:directory.territoryHint')}
            resolution={resolveTerritory(filters.territoryText)}
            choiceHref={(t) => directoryHref({ filters: { ...filters, territory: t }, page: 1 })}
          />
        </div>
        <label>
          <input type="checkbox" name="verified" value="1" checked={filters.verified === true} />
          {ctx.t('organizations:directory.verifiedOnly')}
        </label>
        <button type="submit">{ctx.t('form.filter')}</button> <a href="/organizations">{ctx.t('form.reset')}</a>
      </form>
    </FilterBar>
  );
}

export function DirectoryPage({ ctx, query, items, total, pageSize }: { ctx: ViewContext; query: DirectoryQuery; items: DirectoryEntry[]; total: number; pageSize: number }) {
  const title = ctx.ta('organizations:directory.title');
  return (
    <Layout ctx={ctx} title={query.page > 1 ? ctx.ta('organizations:directory.titlePage', { page: query.page }) : title} crumbs={[{ label: title }]}>
      <h1>{ctx.t('organizations:directory.title')}</h1>
      <p>{ctx.t('organizations:directory.intro')}</p>
      {ctx.user ? (
        <p>
          <a href="/organizations/new" class="button">
            {ctx.t('organizations:directory.create')}
          </a>
        </p>
      ) : (
        ''
      )}
      <Filters ctx={ctx} query={query} />
      <section aria-labelledby="results-title">
        <h2 id="results-title" aria-live="polite">
          {ctx.t('organizations:directory.count', { count: total })}
        </h2>
        {items.length === 0 ? (
          <p>{ctx.t('organizations:directory.empty')}</p>
        ) : (
          <ul class="card-list">
            {items.map((org) => (
              <OrganizationCard ctx={ctx} org={org} />
            ))}
          </ul>
        )}
        <Pagination ctx={ctx} page={query.page} pageSize={pageSize} total={total} href={(page) => directoryHref(query, page)} />
      </section>
    </Layout>
  );
}
