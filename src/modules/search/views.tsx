// The search page: one field, then the results by kind, each with its words found marked.
import { dateFormat, formatLocale } from '../../platform/intl.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { Pagination } from '../../platform/views/pagination.tsx';
import type { SearchHit } from './providers.ts';
import type { SearchGroup } from './routes.tsx';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The excerpt escaped, then its match markers (which cannot come from the text: control characters are refused on input) made <mark>. */
function markedExcerpt(excerpt: string): string {
  return escapeHtml(excerpt.replace(/[\u0000\u0003-\u0008\u000b\u000c\u000e-\u001f]/g, '')).replace(/\u0001/g, '<mark>').replace(/\u0002/g, '</mark>');
}

function Hit({ ctx, hit }: { ctx: ViewContext; hit: SearchHit }) {
  const safeExcerpt = markedExcerpt(hit.excerpt);
  const date = hit.date ? dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(hit.date) : undefined;
  return (
    <li>
      <h3>
        <a href={hit.href} safe>
          {hit.title}
        </a>
      </h3>
      {hit.context || date ? (
        <p class="meta">
          {date ? (
            <time datetime={hit.date!.toISOString()} safe>
              {date}
            </time>
          ) : (
            ''
          )}
          <span safe>{hit.context ?? ''}</span>
        </p>
      ) : (
        ''
      )}
      <p>{safeExcerpt}</p>
    </li>
  );
}

function href(q: string, type?: string, page = 1): string {
  const params = new URLSearchParams({ q });
  if (type) params.set('type', type);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

interface SearchPageProps {
  ctx: ViewContext;
  q: string;
  type?: string;
  page: number;
  groups: SearchGroup[];
  types: string[];
}

export function SearchPage({ ctx, q, type, page, groups, types }: SearchPageProps) {
  const total = groups.reduce((n, g) => n + g.total, 0);
  const capped = groups.some((g) => g.capped);
  const title = q ? ctx.ta('search:titleFor', { q }) : ctx.ta('search:title');
  return (
    <Layout ctx={ctx} title={title.length > 55 ? `${title.slice(0, 54)}…` : title} crumbs={[{ label: ctx.ta('search:title') }]} noindex={q !== ''}>
      <h1>{ctx.t('search:title')}</h1>
      <form method="get" action="/search" role="search">
        <label for="search-q">{ctx.t('search:label')}</label>
        <input type="search" id="search-q" name="q" value={q} maxlength={200} aria-describedby="search-hint" />
        <small id="search-hint">{ctx.t('search:hint')}</small>
        <label for="search-type">{ctx.t('search:in')}</label>
        <select id="search-type" name="type">
          <option value="">{ctx.t('search:everywhere')}</option>
          {types.map((t) => (
            <option value={t} selected={t === type}>
              {ctx.t(`search:type.${t}`)}
            </option>
          ))}
        </select>
        <button type="submit">{ctx.t('search:submit')}</button>
      </form>
      {q.length === 1 ? <p>{ctx.t('search:tooShort')}</p> : ''}
      {q.length >= 2 ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" aria-live="polite">
            {ctx.t(capped ? 'search:countMore' : 'search:count', { count: total })}
          </h2>
          {groups
            .filter((g) => g.total > 0)
            .map((g) => (
              <section aria-labelledby={`results-${g.type}`}>
                <h2 id={`results-${g.type}`}>
                  {ctx.t(`search:type.${g.type}`)} ({g.capped ? ctx.t('search:atLeast', { count: g.total }) : g.total})
                </h2>
                <ul class="search-results">
                  {g.hits.map((hit) => (
                    <Hit ctx={ctx} hit={hit} />
                  ))}
                </ul>
                {type ? (
                  <Pagination ctx={ctx} page={page} pageSize={10} total={g.total} href={(p) => href(q, type, p)} />
                ) : g.total > g.hits.length ? (
                  <p>
                    <a href={href(q, g.type)}>{ctx.t(g.capped ? 'search:moreMany' : 'search:more', { count: g.total, type: ctx.ta(`search:type.${g.type}`) })}</a>
                  </p>
                ) : (
                  ''
                )}
              </section>
            ))}
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
