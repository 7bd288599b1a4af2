// The projects list: filters as a plain GET form, the results as cards, and the located ones on a static map with
// the same projects as a table beside it (no tiles, no script: the map is a drawing, the table is the alternative).
import type { ViewContext } from '../../../platform/views/context.ts';
import { FilterBar, FilterSelect } from '../../../platform/views/filters.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { DataTable } from '../../../platform/views/table.tsx';
import { DomainList, TerritoryName } from '../../organizations/views/components.tsx';
import type { ListQuery } from '../inputs.ts';
import type { Domain } from '../../organizations/schema.ts';
import type { ProjectListItem } from '../service.ts';
import { StateBadge, domainOptions, formatCoordinate, formatDate, stageOptions, stateOptions, pageTitle } from './components.tsx';

export function listHref(q: ListQuery, page = q.page ?? 1): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'domain', 'stage', 'state', 'territory'] as const) if (q[key]) params.set(key, String(q[key]));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/projects?${search}` : '/projects';
}

function Filters({ ctx, q }: { ctx: ViewContext; q: ListQuery }) {
  return (
    <FilterBar ctx={ctx} active={Boolean(q.q || q.domain || q.stage || q.state || q.territory)}>
      <form method="get" action="/projects" class="filters" role="search" aria-label={ctx.ta('projects:list.filters')}>
        <div class="grid">
          <label for="filter-q">
            {ctx.t('projects:list.q')}
            <input type="search" id="filter-q" name="q" value={q.q} maxlength={100} />
          </label>
          <FilterSelect ctx={ctx} name="domain" label={ctx.ta('projects:field.domains')} options={domainOptions(ctx)} current={q.domain} />
          <FilterSelect ctx={ctx} name="stage" label={ctx.ta('projects:field.stage')} options={stageOptions(ctx)} current={q.stage} />
          <FilterSelect ctx={ctx} name="state" label={ctx.ta('projects:field.state')} options={stateOptions(ctx)} current={q.state} />
          <label for="filter-territory">
            {ctx.t('projects:list.territory')}
            <input type="text" id="filter-territory" name="territory" value={q.territory} maxlength={40} aria-describedby="filter-territory-hint" />
            <small id="filter-territory-hint">{ctx.t('projects:list.territoryHint')}</small>
          </label>
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

// Metropolitan France's bounding box, drawn as a plain equirectangular sketch.
const box = { west: -5.5, east: 10, south: 41, north: 51.5 };

/** Where a point falls on the map drawing (400 × 400), from its coordinates. */
export function mapPosition(latitude: number, longitude: number): { x: number; y: number } {
  return { x: Math.round(((longitude - box.west) / (box.east - box.west)) * 400), y: Math.round(((box.north - latitude) / (box.north - box.south)) * 400) };
}

/** The drawing itself: an outline and one dot per point, nothing anyone wrote; served as an image. */
export function mapSvg(points: { latitude: number; longitude: number }[]): string {
  const dots = points
    .map((p) => mapPosition(p.latitude, p.longitude))
    .filter(({ x, y }) => x >= 0 && x <= 400 && y >= 0 && y <= 400)
    .map(({ x, y }) => `<circle cx="${x}" cy="${y}" r="7" fill="#0b5cad" stroke="#ffffff" stroke-width="2"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400"><rect x="0" y="0" width="400" height="400" fill="#f4f6f8" stroke="#4a5568"/>${dots}</svg>`;
}

function ProjectMap({ ctx, q, items }: { ctx: ViewContext; q: ListQuery; items: ProjectListItem[] }) {
  const located = items.filter((p) => p.latitude !== null && p.longitude !== null);
  if (located.length === 0) return '';
  const search = listHref(q).replace(/^\/projects/, '');
  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">{ctx.t('projects:map.title')}</h2>
      <img src={`/projects/map.svg${search}`} alt={ctx.ta('projects:map.svgTitle', { count: located.length })} width="320" height="320" class="project-map" />
      <DataTable caption={ctx.t('projects:map.tableCaption')} headers={[ctx.t('projects:field.title'), ctx.t('projects:map.latitude'), ctx.t('projects:map.longitude')]}>
        {located.map((p) => (
          <tr>
            <td>
              <a href={`/projects/${p.id}`} safe>
                {p.title}
              </a>
            </td>
            <td safe>{formatCoordinate(ctx, p.latitude!)}</td>
            <td safe>{formatCoordinate(ctx, p.longitude!)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export function ProjectListPage({ ctx, q, items, total, pageSize, canCreate, canMatch }: { ctx: ViewContext; q: ListQuery; items: ProjectListItem[]; total: number; pageSize: number; canCreate: boolean; canMatch: boolean }) {
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
      <Filters ctx={ctx} q={q} />
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
      <ProjectMap ctx={ctx} q={q} items={items} />
    </Layout>
  );
}
