// The one confirmation step before what cannot be undone: a page of its own (a GET, so it works without JavaScript and
// from a link), saying what will happen to what, and a form that posts to the action's own route with the marker that
// says the person saw this page. The action's route sends any POST without the marker back here, so no one-click form
// can do the harm.
import { ValidationFailed } from '../errors.ts';
import type { ViewContext } from './context.ts';
import { CsrfField, emptyForm, ErrorSummary, TextArea, type FormState } from './form.tsx';
import { Layout } from './layout.tsx';

/** The field a confirmation form carries; an action's POST acts only when it is there. */
export const confirmMarker = 'confirmed';

export function isConfirmed(body: unknown): boolean {
  return (body as Record<string, unknown> | undefined)?.[confirmMarker] === '1';
}

export const reasonLimits = { min: 3, max: 500 } as const;

/** The reason typed on a confirmation page, trimmed; refused (beside the field) when required and missing or too long. */
export function reasonOf(body: unknown, required: boolean): string | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.reason;
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason.length > reasonLimits.max) throw ValidationFailed.one('reason', 'tooLong', { max: reasonLimits.max });
  if (!reason) {
    if (required) throw ValidationFailed.one('reason', 'required');
    return undefined;
  }
  if (reason.length < reasonLimits.min) throw ValidationFailed.one('reason', 'tooShort', { min: reasonLimits.min });
  return reason;
}

export interface ConfirmProps {
  ctx: ViewContext;
  /** the question the page asks, e.g. "Block the account of X?" (already translated) */
  title: string;
  /** what will happen, in a sentence or two */
  consequence: string;
  /** the names or titles of what the action touches, shown as a list */
  items?: string[];
  /** the action's POST route */
  action: string;
  /** where "Cancel" goes: the page the person came from */
  back: string;
  /** asks a reason; `required` refuses the form without one */
  reason?: 'optional' | 'required';
  /** who reads the reason, said under the field */
  reasonHint?: string;
  /** fields the action needs besides the reason (e.g. the contribution to merge into) */
  hidden?: Record<string, string>;
  /** the confirming button's label; "Confirm" by default */
  submit?: string;
  /** a refused confirmation comes back with what was typed and why */
  form?: FormState;
}

export function ConfirmPage(props: ConfirmProps): JSX.Element {
  const { ctx, form = emptyForm } = props;
  const reasonLabel = ctx.ta('confirm.reason');
  return (
    <Layout ctx={ctx} title={props.title} noindex>
      <h1 safe>{props.title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ reason: reasonLabel }} />
      <p safe>{props.consequence}</p>
      {props.items?.length ? (
        <ul class="confirm-items">
          {props.items.map((item) => (
            <li>
              <strong safe>{item}</strong>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <p>{ctx.t('confirm.irreversible')}</p>
      <form method="post" action={props.action} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name={confirmMarker} value="1" />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.reason ? <TextArea ctx={ctx} form={form} name="reason" label={reasonLabel} hint={props.reasonHint} required={props.reason === 'required'} maxlength={reasonLimits.max} rows={4} /> : ''}
        <div class="actions">
          <button type="submit">{props.submit ? <span safe>{props.submit}</span> : ctx.t('confirm.submit')}</button>{' '}
          <a href={props.back} class="secondary">
            {ctx.t('confirm.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
