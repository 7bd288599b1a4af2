// Arguments for and against, and the thread of comments, under a contribution. Plain forms; several comment forms
// share the page, so each field's id carries the comment it answers.
import type { ViewContext } from '../../../platform/views/context.ts';
import { ConfirmPage } from '../../../platform/views/confirm.tsx';
import { CsrfField, ErrorSummary, messageKey, type FormState } from '../../../platform/views/form.tsx';
import { excerptOf } from '../../moderation/kinds.ts';
import type { ArgumentView, CommentView } from '../reactions.ts';
import { maxDepth } from '../reactions.ts';
import { argumentSides } from '../schema.ts';
import { formatDate } from './components.tsx';
import { FormTrap } from '../../moderation/views/trap.tsx';
import { HiddenBanner, HiddenPlaceholder } from '../../moderation/views/components.tsx';
import { ReportLink } from '../../moderation/views/report.tsx';
import { personName } from '../../accounts/views/name.tsx';

export interface ReactionForms {
  argument?: FormState;
  comment?: FormState;
}

/** What was typed, to show it again. */
function typed(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function FieldError({ ctx, form, name, id }: { ctx: ViewContext; form?: FormState; name: string; id: string }) {
  const error = form?.errors[name];
  if (!error) return '';
  return (
    <small id={id} class="field-error">
      {ctx.t(messageKey(error.key), error.values)}
    </small>
  );
}

interface ArgumentsProps {
  ctx: ViewContext;
  contributionId: number;
  items: ArgumentView[];
  canArgue: boolean;
  form?: FormState;
}

export function ArgumentsSection({ ctx, contributionId, items, canArgue, form }: ArgumentsProps) {
  const textError = form?.errors.text;
  return (
    <section aria-labelledby="arguments-title">
      <h2 id="arguments-title">{ctx.t('consultations:arguments.title')}</h2>
      <div class="grid">
        {argumentSides.map((side) => {
          const list = items.filter((a) => a.side === side);
          return (
            <div>
              <h3>{ctx.t(`consultations:arguments.${side}`, { count: list.length })}</h3>
              {list.length === 0 ? <p class="meta">{ctx.t('consultations:arguments.none')}</p> : ''}
              <ul>
                {list.map((a) => (
                  <li id={`argument-${a.id}-item`}>
                    {a.hidden ? <HiddenBanner ctx={ctx} notice={a.hidden} author={a.authoredByMe === true} /> : ''}
                    <p safe>{a.text}</p>
                    <div class="meta">
                      <span safe>{personName(ctx, a.authorName)}</span> · {ctx.t('consultations:arguments.supports', { count: a.supports })} ·{' '}
                      <ReportLink ctx={ctx} kind="argument" id={a.id} />
                      {canArgue && ctx.slot ? ctx.slot('support', `${a.id}:${contributionId}`) : ''}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
      {canArgue ? (
        <form method="post" action={`/contributions/${contributionId}/arguments`} novalidate>
          <CsrfField ctx={ctx} />
          <FormTrap ctx={ctx} form={form} />
          {form ? <ErrorSummary ctx={ctx} form={form} labels={{ side: ctx.ta('consultations:arguments.side'), text: ctx.ta('consultations:arguments.text') }} /> : ''}
          <fieldset id="field-side">
            <legend>{ctx.t('consultations:arguments.side')}</legend>
            {argumentSides.map((side) => (
              <label>
                <input type="radio" name="side" value={side} checked={(form?.values.side ?? 'for') === side} />
                {ctx.t(`consultations:arguments.${side}Label`)}
              </label>
            ))}
            <FieldError ctx={ctx} form={form} name="side" id="error-side" />
          </fieldset>
          <label for="field-text">{ctx.t('consultations:arguments.text')}</label>
          <textarea id="field-text" name="text" rows="2" maxlength={500} aria-invalid={textError ? 'true' : undefined} aria-describedby={textError ? 'error-text' : undefined} safe>
            {typed(form?.values.text)}
          </textarea>
          <FieldError ctx={ctx} form={form} name="text" id="error-text" />
          <button type="submit">{ctx.t('consultations:arguments.add')}</button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

/** A rejected comment shows under the form it came from, or under the new-comment form if that one is gone. */
function CommentForm({ ctx, contributionId, parent, form }: { ctx: ViewContext; contributionId: number; parent?: number; form?: FormState }) {
  const key = parent ?? 'new';
  const mine = form && String(form.values.target) === String(key) ? form : undefined;
  const error = mine?.errors.body ?? mine?.errors.parent;
  const action = `/contributions/${contributionId}/comments`;
  return (
    <form method="post" action={action} data-hx-post={action} data-hx-target="#comments" data-hx-swap="outerHTML" novalidate>
      <CsrfField ctx={ctx} />
      <FormTrap ctx={ctx} form={mine} />
      {parent ? <input type="hidden" name="parent" value={String(parent)} /> : ''}
      <label for={`comment-${key}`}>{parent ? ctx.t('consultations:comments.reply') : ctx.t('consultations:comments.new')}</label>
      <textarea id={`comment-${key}`} name="body" rows="3" maxlength={3000} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `comment-${key}-error` : undefined} safe>
        {typed(mine?.values.body)}
      </textarea>
      {error ? (
        <small id={`comment-${key}-error`} class="field-error" role="alert">
          {ctx.t(messageKey(error.key), error.values)}
        </small>
      ) : (
        ''
      )}
      <button type="submit" id={`comment-${key}-send`}>
        {ctx.t('consultations:comments.send')}
      </button>
    </form>
  );
}

interface CommentsProps {
  ctx: ViewContext;
  contributionId: number;
  items: CommentView[];
  canComment: boolean;
  form?: FormState;
  /** set in the fragment htmx swaps in after a comment is posted */
  posted?: boolean;
}

function Thread({ ctx, props, parentId }: { ctx: ViewContext; props: CommentsProps; parentId: number | null }) {
  const children = props.items.filter((c) => c.parentId === parentId);
  if (children.length === 0) return '';
  return (
    <ul class="comments">
      {children.map((c) => (
        <li id={`comment-${c.id}-item`}>
          <article>
            {c.deleted ? (
              <p class="meta">{ctx.t('consultations:comments.deleted')}</p>
            ) : c.masked && c.hidden ? (
              <HiddenPlaceholder ctx={ctx} notice={c.hidden} />
            ) : (
              <>
                {c.hidden ? <HiddenBanner ctx={ctx} notice={c.hidden} author={c.authorId !== null && c.authorId === ctx.user?.id} /> : ''}
                <p class="meta">
                  <span safe>{personName(ctx, c.authorName)}</span> · <time datetime={c.createdAt.toISOString()} safe>{formatDate(ctx, c.createdAt, true)}</time>
                  {c.edited ? <> · {ctx.t('consultations:comments.edited')}</> : ''}
                </p>
                <p class="comment-body" safe>
                  {c.body}
                </p>
                <div class="meta">
                  {ctx.slot && c.authorId !== null ? ctx.slot('commentEdit', `${c.id}:${c.authorId}:${c.createdAt.getTime()}`) : ''} <ReportLink ctx={ctx} kind="comment" id={c.id} />{' '}
                  {ctx.slot ? ctx.slot('commentDelete', `${c.id}:${c.authorId ?? 0}`) : ''}
                </div>
              </>
            )}
            {props.canComment && c.depth < maxDepth && !c.deleted ? (
              <details>
                <summary>{ctx.t('consultations:comments.reply')}</summary>
                <CommentForm ctx={ctx} contributionId={props.contributionId} parent={c.id} form={props.form} />
              </details>
            ) : (
              ''
            )}
          </article>
          <Thread ctx={ctx} props={props} parentId={c.id} />
        </li>
      ))}
    </ul>
  );
}

export function CommentsSection(input: CommentsProps) {
  const { ctx, form } = input;
  const answerable = (id: unknown) => input.items.some((c) => String(c.id) === String(id) && c.depth < maxDepth && !c.deleted);
  const props = form ? { ...input, form: { ...form, values: { ...form.values, target: answerable(form.values.parent) ? form.values.parent : 'new' } } } : input;
  return (
    <section id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{ctx.t('consultations:comments.title', { count: props.items.filter((c) => !c.deleted).length })}</h2>
      {input.posted ? (
        <p role="status" class="notice">
          {ctx.t('consultations:comments.posted')}
        </p>
      ) : (
        ''
      )}
      <Thread ctx={ctx} props={props} parentId={null} />
      {props.canComment ? <CommentForm ctx={ctx} contributionId={props.contributionId} form={props.form} /> : <p class="meta">{ctx.t('consultations:comments.closed')}</p>}
    </section>
  );
}

/** The support button of an argument, as this person sees it (a slot of the page: contribution-slots.tsx). */
export function SupportForm({ ctx, argumentId, supported }: { ctx: ViewContext; argumentId: number; supported: boolean }) {
  return (
    <form method="post" action={`/arguments/${argumentId}/support`} class="inline">
      <CsrfField ctx={ctx} />
      {supported ? <input type="hidden" name="remove" value="1" /> : ''}
      <button type="submit" class="secondary outline" aria-pressed={supported ? 'true' : 'false'}>
        {supported ? ctx.t('consultations:arguments.unsupport') : ctx.t('consultations:arguments.support')}
      </button>
    </form>
  );
}

/** The delete action of a comment, for its author and moderators (a slot of the page): a link to its confirmation. */
export function CommentDeleteForm({ ctx, commentId }: { ctx: ViewContext; commentId: number }) {
  return (
    <a href={`/comments/${commentId}/delete`} class="button secondary outline">
      {ctx.t('consultations:comments.delete')}
    </a>
  );
}

/** Asks before a comment is deleted; a moderator deleting someone else's gives the reason its author is told. */
export function CommentDeletePage({ ctx, comment, moderated, form }: { ctx: ViewContext; comment: { id: number; contributionId: number; body: string }; moderated: boolean; form?: FormState }) {
  return ConfirmPage({
    ctx,
    title: ctx.ta('confirm.deleteComment.title', { id: comment.id }),
    consequence: ctx.ta('confirm.deleteComment.consequence'),
    items: comment.body ? [excerptOf(comment.body, 200)] : [],
    action: `/comments/${comment.id}/delete`,
    back: `/contributions/${comment.contributionId}#comment-${comment.id}-item`,
    reason: moderated ? 'required' : undefined,
    reasonHint: moderated ? ctx.ta('confirm.deleteComment.reasonHint') : undefined,
    form,
  });
}
