// The moderation queue: one row per reported item with its count and reasons and the text as reported, filters and
// orders as a GET form, and the whole list inside one form for actions on a selection (forms cannot nest: each item's
// own actions are on its page).
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, fieldId, messageKey, type FormState } from '../../../platform/views/form.tsx';
import { FilterBar, FilterSelect } from '../../../platform/views/filters.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { bulkActions, queueOrders } from '../inputs.ts';
import type { AccountView, QueueFilters, QueueItem } from '../queue.ts';
import { queuePageSize } from '../queue.ts';
import { reportableKinds, reportReasons } from '../schema.ts';
import { KindBadge, ModerationTabs, formatWhen, When } from './components.tsx';

function query(f: QueueFilters, page: number): string {
  const params = new URLSearchParams();
  if (f.tab !== 'open') params.set('tab', f.tab);
  if (f.kind) params.set('kind', f.kind);
  if (f.reason) params.set('reason', f.reason);
  if (f.consultationId) params.set('consultation', String(f.consultationId));
  if (f.order !== 'newest') params.set('order', f.order);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/moderation?${text}` : '/moderation';
}

function Filters({ ctx, filters, consultations }: { ctx: ViewContext; filters: QueueFilters; consultations: { id: number; title: string }[] }) {
  return (
    <FilterBar ctx={ctx} active={Boolean(filters.kind || filters.reason || filters.consultationId)}>
      <form method="get" action="/moderation" class="filters" role="search" aria-label={ctx.ta('moderation:queue.filters')}>
        {filters.tab !== 'open' ? <input type="hidden" name="tab" value={filters.tab} /> : ''}
        <div class="grid">
          <FilterSelect ctx={ctx} name="kind" label={ctx.ta('moderation:queue.kind')} current={filters.kind} options={reportableKinds.map((k) => ({ value: k, label: ctx.ta(`moderation:kind.${k}`) }))} />
          <FilterSelect ctx={ctx} name="reason" label={ctx.ta('moderation:queue.reason')} current={filters.reason} options={reportReasons.map((r) => ({ value: r, label: ctx.ta(`moderation:reason.${r}`) }))} />
          <FilterSelect ctx={ctx} name="consultation" label={ctx.ta('moderation:queue.consultation')} current={filters.consultationId ? String(filters.consultationId) : undefined} options={consultations.map((c) => ({ value: String(c.id), label: c.title }))} />
          {filters.tab === 'open' ? (
            <label for="filter-order">
              {ctx.t('moderation:queue.order')}
              <select id="filter-order" name="order">
                {queueOrders.map((o) => (
                  <option value={o} selected={filters.order === o}>
                    {ctx.t(`moderation:queue.orders.${o}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            ''
          )}
        </div>
        <button type="submit" class="secondary">
          {ctx.t('moderation:queue.apply')}
        </button>
      </form>
    </FilterBar>
  );
}

function Row({ ctx, item }: { ctx: ViewContext; item: QueueItem }) {
  const checkbox = `select-${item.id}`;
  return (
    <li class="moderation-row">
      <article>
        <header>
          <input type="checkbox" id={checkbox} name="items" value={String(item.id)} />{' '}
          <label for={checkbox} class="inline">
            <KindBadge ctx={ctx} kind={item.kind} /> <span safe>{item.title || ctx.ta(`moderation:kind.${item.kind}`)}</span>
          </label>
        </header>
        <p class="meta">
          {item.openReports > 0 ? ctx.t('moderation:queue.reports', { count: item.openReports }) : ''}
          {item.reasons.length > 0 ? (
            <>
              {' · '}
              <span safe>{item.reasons.map((r) => ctx.ta(`moderation:reason.${r}`)).join(', ')}</span>
            </>
          ) : (
            ''
          )}
          {item.lastReportedAt ? <> · <When ctx={ctx} date={item.lastReportedAt} /></> : ''}
          {item.consultationTitle ? (
            <>
              {' · '}
              <span safe>{item.consultationTitle}</span>
            </>
          ) : (
            ''
          )}
        </p>
        {item.excerpt ? <blockquote safe>{item.excerpt}</blockquote> : ''}
        <p class="meta">
          {ctx.t('moderation:queue.author')} <span safe>{item.authorName || ctx.ta('moderation:queue.noAuthor')}</span>
          {item.authorBlocked ? <> · <span class="badge">{ctx.t('moderation:account.blocked')}</span></> : ''}
          {item.hiddenAt ? <> · <span class="badge">{ctx.t(item.hiddenAutomatically ? 'moderation:queue.hiddenAuto' : 'moderation:queue.hidden')}</span></> : ''}
        </p>
        <p>
          <a href={`/moderation/items/${item.id}`}>{ctx.t('moderation:queue.review')}</a>
        </p>
      </article>
    </li>
  );
}

function BulkActions({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const reasonError = form.errors.reason;
  return (
    <fieldset class="bulk-actions">
      <legend>{ctx.t('moderation:bulk.legend')}</legend>
      <div class="grid">
        <label for={fieldId(form, 'field', 'action')}>
          {ctx.t('moderation:bulk.action')}
          <select id={fieldId(form, 'field', 'action')} name="action">
            {bulkActions.map((a) => (
              <option value={a} selected={form.values.action === a}>
                {ctx.t(`moderation:bulk.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label for={fieldId(form, 'field', 'reason')}>
          {ctx.t('moderation:bulk.reason')}
          <input
            type="text"
            id={fieldId(form, 'field', 'reason')}
            name="reason"
            maxlength={500}
            value={typeof form.values.reason === 'string' ? form.values.reason : ''}
            aria-invalid={reasonError ? 'true' : undefined}
            aria-describedby={reasonError ? fieldId(form, 'error', 'reason') : fieldId(form, 'hint', 'reason')}
          />
          <small id={fieldId(form, 'hint', 'reason')}>{ctx.t('moderation:bulk.reasonHint')}</small>
          {reasonError ? (
            <small id={fieldId(form, 'error', 'reason')} class="field-error">
              {ctx.t(messageKey(reasonError.key), reasonError.values)}
            </small>
          ) : (
            ''
          )}
        </label>
      </div>
      <button type="submit">{ctx.t('moderation:bulk.submit')}</button>
    </fieldset>
  );
}

interface QueuePageProps {
  ctx: ViewContext;
  filters: QueueFilters;
  items: QueueItem[];
  total: number;
  consultations: { id: number; title: string }[];
  /** organizers see their consultations' items only */
  organizerOnly: boolean;
  form?: FormState;
}

export function QueuePage({ ctx, filters, items, total, consultations, organizerOnly, form = { values: {}, errors: {} } }: QueuePageProps) {
  // Each tab is a page of its own, named so in the title.
  const title = `${ctx.ta('moderation:queue.title')} — ${ctx.ta(`moderation:queue.tab.${filters.tab}`)}`;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{ctx.t('moderation:queue.title')}</h1>
      {organizerOnly ? <p class="meta">{ctx.t('moderation:queue.organizerScope')}</p> : ''}
      <ModerationTabs ctx={ctx} current={filters.tab} />
      <Filters ctx={ctx} filters={filters} consultations={consultations} />
      <p role="status">{ctx.t(filters.tab === 'hidden' ? 'moderation:queue.hiddenCount' : 'moderation:queue.count', { count: total })}</p>
      {items.length === 0 ? (
        <p>{ctx.t(filters.tab === 'hidden' ? 'moderation:queue.noneHidden' : 'moderation:queue.none')}</p>
      ) : (
        <form method="post" action="/moderation/bulk" novalidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} labels={{ items: ctx.ta('moderation:bulk.items'), reason: ctx.ta('moderation:bulk.reason') }} />
          <div id={fieldId(form, 'field', 'items')} tabindex="-1">
            {form.errors.items ? (
              <p class="field-error" id={fieldId(form, 'error', 'items')}>
                {ctx.t(messageKey(form.errors.items.key))}
              </p>
            ) : (
              ''
            )}
            <ul class="moderation-list">
              {items.map((item) => (
                <Row ctx={ctx} item={item} />
              ))}
            </ul>
          </div>
          <BulkActions ctx={ctx} form={form} />
        </form>
      )}
      <Pagination ctx={ctx} page={filters.page} pageSize={queuePageSize} total={total} href={(p) => query(filters, p)} />
    </Layout>
  );
}

export function BlockedPage({ ctx, items, total, page }: { ctx: ViewContext; items: AccountView[]; total: number; page: number }) {
  const title = `${ctx.ta('moderation:queue.title')} — ${ctx.ta('moderation:queue.tab.blocked')}`;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{ctx.t('moderation:queue.title')}</h1>
      <ModerationTabs ctx={ctx} current="blocked" />
      <p role="status">{ctx.t('moderation:account.blockedCount', { count: total })}</p>
      <ul>
        {items.map((a) => (
          <li>
            <a href={`/moderation/accounts/${a.id}`} safe>
              {a.displayName || a.email}
            </a>{' '}
            <span class="meta">
              {ctx.t('moderation:account.blockedOn', { date: formatWhen(ctx, a.blockedAt) })}
            </span>
          </li>
        ))}
      </ul>
      <Pagination ctx={ctx} page={page} pageSize={queuePageSize} total={total} href={(p) => `/moderation?tab=blocked&page=${p}`} />
    </Layout>
  );
}
