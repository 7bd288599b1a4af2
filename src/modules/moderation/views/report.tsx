// Reporting: the link beside each piece of content, the form (a page without JavaScript, in place with htmx) and what
// the person is told once it is sent.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, TextArea, fieldId, messageKey, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { shortTitle } from '../../consultations/views/components.tsx';
import { reportReasons, type ReportableKind } from '../schema.ts';
import { FormTrap } from './trap.tsx';

const reportHref = (kind: ReportableKind, id: number) => `/reports/new?kind=${kind}&id=${id}`;

/**
 * The "Report" link of an item. The same for every visitor (pages that show it stay cacheable): a visitor who follows
 * it is asked to sign in first; the form refuses one's own content, and given `authorId` its author is not offered the
 * link at all. With htmx the form opens in place.
 */
export function ReportLink({ ctx, kind, id, authorId }: { ctx: ViewContext; kind: ReportableKind; id: number; authorId?: number | null }) {
  if (authorId != null && authorId === ctx.user?.id) return '';
  const href = reportHref(kind, id);
  return (
    <a href={href} class="report-link" rel="nofollow" data-hx-get={`${href}&inline=1`} data-hx-target="this" data-hx-swap="outerHTML" aria-label={ctx.ta(`moderation:report.linkLabel.${kind}`)}>
      {ctx.t('moderation:report.link')}
    </a>
  );
}

export interface ReportTarget {
  kind: ReportableKind;
  id: number;
  title: string;
  excerpt: string;
  /** where the person goes back to */
  href: string;
}

function ReasonField({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const error = form.errors.reason;
  const errorId = fieldId(form, 'error', 'reason');
  return (
    <fieldset id={fieldId(form, 'field', 'reason')} aria-describedby={error ? errorId : undefined}>
      <legend>{ctx.t('moderation:report.reason')}</legend>
      {reportReasons.map((reason) => (
        <label>
          <input type="radio" name="reason" value={reason} checked={form.values.reason === reason} aria-invalid={error ? 'true' : undefined} />
          {ctx.t(`moderation:reason.${reason}`)}
        </label>
      ))}
      {error ? (
        <small id={errorId} class="field-error">
          {ctx.t(messageKey(error.key), error.values)}
        </small>
      ) : (
        ''
      )}
    </fieldset>
  );
}

export function ReportForm({ ctx, target, form, inline }: { ctx: ViewContext; target: ReportTarget; form: FormState; inline?: boolean }) {
  const scoped: FormState = { ...form, idPrefix: `report-${target.kind}-${target.id}-` };
  const labels = { reason: ctx.ta('moderation:report.reason'), details: ctx.ta('moderation:report.details') };
  return (
    <form method="post" action="/reports" class="report-form" data-hx-post={inline ? '/reports' : undefined} data-hx-target={inline ? 'this' : undefined} data-hx-swap={inline ? 'outerHTML' : undefined} novalidate>
      <CsrfField ctx={ctx} />
      <FormTrap ctx={ctx} form={form} />
      <input type="hidden" name="kind" value={target.kind} />
      <input type="hidden" name="id" value={String(target.id)} />
      {inline ? <input type="hidden" name="inline" value="1" /> : ''}
      {inline ? <p class="meta">{ctx.t('moderation:report.inlineTitle')}</p> : ''}
      {!inline ? <ErrorSummary ctx={ctx} form={scoped} labels={labels} /> : ''}
      <ReasonField ctx={ctx} form={scoped} />
      <TextArea ctx={ctx} form={scoped} name="details" label={labels.details} hint={ctx.ta('moderation:report.detailsHint')} rows={3} maxlength={1000} />
      <button type="submit">{ctx.t('moderation:report.send')}</button>
      {inline ? (
        ''
      ) : (
        <p>
          <a href={target.href}>{ctx.t('moderation:report.cancel')}</a>
        </p>
      )}
    </form>
  );
}

export function ReportPage({ ctx, target, form }: { ctx: ViewContext; target: ReportTarget; form: FormState }) {
  const title = ctx.ta('moderation:report.title');
  const what = target.title || ctx.ta(`moderation:kind.${target.kind}`);
  return (
    <Layout ctx={ctx} title={shortTitle(`${title} — ${what}`)} crumbs={[{ href: target.href, label: what }, { label: title }]} noindex>
      <article class="narrow">
        <h1>{ctx.t('moderation:report.title')}</h1>
        <p>{ctx.t('moderation:report.intro')}</p>
        <blockquote>
          <p class="meta">
            {ctx.t(`moderation:kind.${target.kind}`)}
            {target.title ? (
              <>
                {' · '}
                <span safe>{target.title}</span>
              </>
            ) : (
              ''
            )}
          </p>
          <p safe>{target.excerpt}</p>
        </blockquote>
        <ReportForm ctx={ctx} target={target} form={form} />
        <p class="meta">
          {ctx.t('moderation:report.charterBefore')} <a href="/pages/charter">{ctx.t('moderation:report.charterLink')}</a>
        </p>
      </article>
    </Layout>
  );
}

/** In place of the form once sent (htmx). */
export function ReportSent({ ctx, already }: { ctx: ViewContext; already: boolean }) {
  return (
    <p class="notice report-sent" role="status">
      {ctx.t(already ? 'moderation:report.already' : 'moderation:report.thanks')}
    </p>
  );
}
