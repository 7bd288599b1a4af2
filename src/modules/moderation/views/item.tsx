// One reported item for a moderator: what it says now and what it said when reported, every report with its reason
// and details, and the decisions (hide with a reason, restore, dismiss the reports, see the author's account).
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { LoadedItem } from '../kinds.ts';
import type { ReportView } from '../queue.ts';
import type { ModerationItem } from '../service.ts';
import { KindBadge, formatWhen, When } from './components.tsx';

export interface ItemForms {
  hide?: FormState;
  restore?: FormState;
}

interface ItemPageProps {
  ctx: ViewContext;
  item: ModerationItem;
  /** the item as it stands; null when it no longer exists */
  current: LoadedItem | null;
  reports: ReportView[];
  author?: { id: number; name: string; blocked: boolean };
  canBlock: boolean;
  forms?: ItemForms;
}

function State({ ctx, item }: { ctx: ViewContext; item: ModerationItem }) {
  if (!item.hiddenAt) return <p>{ctx.t('moderation:item.visible')}</p>;
  const how = item.hiddenByBlock ? 'moderation:item.hiddenByBlock' : item.hiddenBy === null ? 'moderation:item.hiddenAuto' : 'moderation:item.hiddenBy';
  return (
    <p>
      <strong>{ctx.t(how, { date: formatWhen(ctx, item.hiddenAt) })}</strong>
      {item.hiddenReason ? (
        <>
          {' '}
          {ctx.t('moderation:item.reasonShown')} <q safe>{item.hiddenReason}</q>
        </>
      ) : (
        ''
      )}
    </p>
  );
}

export function ItemPage({ ctx, item, current, reports, author, canBlock, forms = {} }: ItemPageProps) {
  const title = ctx.ta('moderation:item.title', { kind: ctx.ta(`moderation:kind.${item.kind}`) });
  const latest = reports[0];
  const changed = current && latest && (latest.snapshotBody !== current.body || latest.snapshotTitle !== current.title);
  const hide = forms.hide ?? { values: { reason: item.hiddenReason ?? '' }, errors: {} };
  const restore = forms.restore ?? { values: {}, errors: {} };
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/moderation', label: ctx.ta('moderation:queue.title') }, { label: item.title || title }]} noindex>
      <h1>
        <KindBadge ctx={ctx} kind={item.kind} /> <span safe>{item.title || title}</span>
      </h1>
      <State ctx={ctx} item={item} />
      <p class="meta">
        {ctx.t('moderation:queue.reports', { count: item.openReports })}
        {current ? (
          <>
            {' · '}
            <a href={item.href}>{ctx.t('moderation:item.seeInPlace')}</a>
          </>
        ) : (
          <> · {ctx.t('moderation:item.gone')}</>
        )}
        {author ? (
          <>
            {' · '}
            {ctx.t('moderation:queue.author')}{' '}
            {canBlock ? (
              <a href={`/moderation/accounts/${author.id}`} safe>
                {author.name}
              </a>
            ) : (
              <span safe>{author.name}</span>
            )}
            {author.blocked ? <> · <span class="badge">{ctx.t('moderation:account.blocked')}</span></> : ''}
          </>
        ) : (
          ''
        )}
      </p>

      <section aria-labelledby="current-title">
        <h2 id="current-title">{ctx.t(changed ? 'moderation:item.nowChanged' : 'moderation:item.now')}</h2>
        {current ? <blockquote class="moderated-text" safe>{current.body}</blockquote> : <p>{ctx.t('moderation:item.gone')}</p>}
      </section>

      <section aria-labelledby="decide-title">
        <h2 id="decide-title">{ctx.t('moderation:item.decide')}</h2>
        <div class="grid">
          <form method="post" action={`/moderation/items/${item.id}/hide`} novalidate>
            <CsrfField ctx={ctx} />
            <ErrorSummary ctx={ctx} form={{ ...hide, idPrefix: 'hide-' }} labels={{ reason: ctx.ta('moderation:item.hideReason') }} />
            <TextArea ctx={ctx} form={{ ...hide, idPrefix: 'hide-' }} name="reason" label={ctx.ta('moderation:item.hideReason')} hint={ctx.ta('moderation:item.hideReasonHint')} required rows={2} maxlength={500} />
            <button type="submit">{ctx.t(item.hiddenAt ? 'moderation:item.keepHidden' : 'moderation:item.hide')}</button>
          </form>
          <div>
            {item.hiddenAt ? (
              <form method="post" action={`/moderation/items/${item.id}/restore`} novalidate>
                <CsrfField ctx={ctx} />
                <p>{ctx.t('moderation:item.restoreExplain')}</p>
                <button type="submit" class="secondary">
                  {ctx.t('moderation:item.restore')}
                </button>
              </form>
            ) : (
              ''
            )}
            {item.openReports > 0 ? (
              <form method="post" action={`/moderation/items/${item.id}/dismiss`} novalidate>
                <CsrfField ctx={ctx} />
                <p>{ctx.t(item.hiddenAt && item.hiddenBy === null && !item.hiddenByBlock ? 'moderation:item.dismissRestores' : 'moderation:item.dismissExplain')}</p>
                <button type="submit" class="secondary outline">
                  {ctx.t('moderation:item.dismiss')}
                </button>
              </form>
            ) : (
              ''
            )}
            {restore.errors.form ? <p class="field-error">{ctx.t('moderation:item.failed')}</p> : ''}
          </div>
        </div>
      </section>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{ctx.t('moderation:item.reportsTitle', { count: reports.length })}</h2>
        <ol class="reports">
          {reports.map((r) => (
            <li>
              <p class="meta">
                <strong>{ctx.t(`moderation:reason.${r.reason}`)}</strong> · <span safe>{r.reporterName || ctx.ta('moderation:queue.noAuthor')}</span> · <When ctx={ctx} date={r.createdAt} />
                {r.closedAt ? <> · {ctx.t(`moderation:outcome.${r.outcome ?? 'dismissed'}`, { date: formatWhen(ctx, r.closedAt) })}</> : <> · {ctx.t('moderation:item.open')}</>}
              </p>
              {r.details ? <p safe>{r.details}</p> : ''}
              <details>
                <summary>{ctx.t('moderation:item.snapshot')}</summary>
                {r.snapshotTitle ? <p><strong safe>{r.snapshotTitle}</strong></p> : ''}
                <blockquote class="moderated-text" safe>{r.snapshotBody}</blockquote>
              </details>
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
