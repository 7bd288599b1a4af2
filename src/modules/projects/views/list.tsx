// The projects list: filters as a plain GET form, the results as cards, and the located ones as a list of places,
// drawn on a Leaflet map too when tiles are configured and scripts run.
import type { ViewContext } from '../../../platform/views/context.ts';
import { FilterBar, FilterSelect } from '../../../platform/views/filters.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { DomainList, TerritoryName } from '../../organizations/views/components.tsx';
import type { ListQuery } from '../inputs.ts';
import { territoryKey } from '../../territories/data.ts';
import type { TerritoryResolution } from '../../territories/resolve.ts';
import { TerritoryInput } from '../../territories/views.tsx';
import type { Domain } from '../../organizations/schema.ts';
import type { ProjectListItem } from '../service.ts';
import { StateBadge, domainOptions, formatDate, stageOptions, stateOptions, pageTitle } from './components.tsx';
import { PlaceList, ProjectsMap, isLocated } from './map.tsx';
import { ProjectIllustration } from './illustration.tsx';

export function listHref(q: ListQuery, page = q.page ?? 1): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'domain', 'stage', 'state', 'territory'] as const) if (q[key]) params.set(key, String(q[key]));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/projects?${search}` : '/projects';
}

function Filters({ ctx, q, territory }: { ctx: ViewContext; q: ListQuery; territory: TerritoryResolution }) {
  return (
    <FilterBar ctx={ctx} active={Boolean(q.q || q.domain || q.stage || q.state || territory.text)}>
      <form method="get" action="/projects" class="filters" role="search" aria-label={ctx.ta('projects:list.filters')}>
        <div class="grid">
          <label for="filter-q">
            {ctx.t('projects:list.q')}
            <input type="search" id="filter-q" name="q" value={q.q} maxlength={100} />
          </label>
          <FilterSelect ctx={ctx} name="domain" label={ctx.ta('projects:field.domains')} options={domainOptions(ctx)} current={q.domain} />
          <FilterSelect ctx={ctx} name="stage" label={ctx.ta('projects:field.stage')} options={stageOptions(ctx)} current={q.stage} />
          <FilterSelect ctx={ctx} name="state" label={ctx.ta('projects:field.state')} options={stateOptions(ctx)} current={q.state} />
          <TerritoryInput ctx={ctx} id="filter-territory" name="territory" label={ctx.ta('projects:list.territory')} hint={ctx.ta('projects:list.territoryHint')} resolution={territory} choiceHref={(t) => listHref({ ...q, territory: territoryKey(t) }, 1)} />
        </div>
        <button type="submit">{ctx.t('form.filter')}</button> <a href="/projects">{ctx.t('form.reset')}</a>
      </form>
    </FilterBar>
  );
}

export function ProjectCard({ ctx, project }: { ctx: ViewContext; project: ProjectListItem }) {
  return (
    <li>
      <article>
        <ProjectIllustration ctx={ctx} domains={project.domains} />
        <header>
          <h3>
            <a href={`/projects/${project.id}`} safe>
              {project.title}
            </a>
          </h3>
          <p class="meta">
            <StateBadge ctx={ctx} state={project.state} /> <span safe>{project.owner.name}</span> · {ctx.t(`projects:stage.${project.stage}`)}
            {project.visibility !== 'public' ? <> · {ctx.t(`projects:visibility.${project.visibility}`)}</> : ''}
          </p>
        </header>
        <p safe>{project.problem.length > 240 ? `${project.problem.slice(0, 240)}…` : project.problem}</p>
        <p class="meta">
          <TerritoryName ctx={ctx} kind={project.territoryKind} code={project.territoryCode} />
          {project.deadline ? <> · {ctx.t('projects:list.deadline', { date: formatDate(ctx, project.deadline) })}</> : ''}
        </p>
        <DomainList ctx={ctx} values={project.domains as Domain[]} />
      </article>
    </li>
  );
}

function ProjectPlaces({ ctx, items, tiles }: { ctx: ViewContext; items: ProjectListItem[]; tiles?: string }) {
  if (!items.some(isLocated)) return '';
  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">{ctx.t('projects:map.title')}</h2>
      <ProjectsMap ctx={ctx} projects={items} tiles={tiles} label={ctx.ta('projects:map.label')} />
      <PlaceList ctx={ctx} projects={items} />
    </section>
  );
}

export function ProjectListPage({ ctx, q, territory, items, total, pageSize, canCreate, canMatch, mapTiles }: { ctx: ViewContext; q: ListQuery; territory: TerritoryResolution; items: ProjectListItem[]; total: number; pageSize: number; canCreate: boolean; canMatch: boolean; mapTiles?: string }) {
  const title = ctx.ta('projects:list.title');
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={[{ label: title }]}>
      <h1>{ctx.t('projects:list.title')}</h1>
      <p>{ctx.t('projects:list.intro')}</p>
      <p>
        {canCreate ? (
          <a href="/projects/new" class="button">
            {ctx.t('projects:list.create')}
          </a>
        ) : (
          ''
        )}{' '}
        {canMatch ? (
          <a href="/projects/for-you" class="button secondary">
            {ctx.t('projects:forYou.title')}
          </a>
        ) : (
          ''
        )}{' '}
        {ctx.user ? <a href="/projects/alerts">{ctx.t('projects:alerts.title')}</a> : ''}
      </p>
      <Filters ctx={ctx} q={q} territory={territory} />
      <section aria-labelledby="results-title">
        <h2 id="results-title" aria-live="polite">
          {ctx.t('projects:list.count', { count: total })}
        </h2>
        {items.length === 0 ? (
          <p>{ctx.t('projects:list.empty')}</p>
        ) : (
          <ul class="card-list">
            {items.map((project) => (
              <ProjectCard ctx={ctx} project={project} />
            ))}
          </ul>
        )}
        <Pagination ctx={ctx} page={q.page ?? 1} pageSize={pageSize} total={total} href={(page) => listHref(q, page)} />
      </section>
      <ProjectPlaces ctx={ctx} items={items} tiles={mapTiles} />
    </Layout>
  );
}
