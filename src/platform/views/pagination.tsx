// Page links for any long list: plain links (no JavaScript), the current page marked for assistive technologies.
import type { ViewContext } from './context.ts';

interface PaginationProps {
  ctx: ViewContext;
  page: number;
  pageSize: number;
  total: number;
  /** the address of a page, with the list's other parameters kept */
  href: (page: number) => string;
}

/** The pages worth a link: the first, the last, and two either side of the current one; gaps are null. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of shown) {
    const previous = out[out.length - 1];
    if (typeof previous === 'number' && p - previous > 1) out.push(null);
    out.push(p);
  }
  return out;
}

export function Pagination({ ctx, page, pageSize, total, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <></>;
  return (
    <nav class="pagination" aria-label={ctx.ta('pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {ctx.t('pagination.previous')}
            </a>
          </li>
        ) : (
          ''
        )}
        {pageWindow(page, pages).map((p) =>
          p === null ? (
            <li aria-hidden="true">…</li>
          ) : (
            <li>
              <a href={href(p)} aria-label={ctx.ta('pagination.page', { page: p, pages })} aria-current={p === page ? 'page' : undefined}>
                {p}
              </a>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {ctx.t('pagination.next')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}
