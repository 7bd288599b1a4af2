// What organizers add to a contribution and a phase: the official answer (shown first to everyone), the tools to
// answer and merge, and the phase's synthesis with its editor.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, Select, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Contribution } from '../contributions.ts';
import { answerStatuses } from '../schema.ts';
import type { Consultation, Phase } from '../service.ts';
import type { Synthesis } from '../syntheses.ts';
import { AnswerStatusBadge, formatDate, shortTitle } from './components.tsx';
import { personName } from '../../accounts/views/name.tsx';

export function OfficialAnswer({ ctx, contribution: c, safeAnswer, answerer }: { ctx: ViewContext; contribution: Contribution; safeAnswer: string; answerer: string }) {
  return (
    <section class="official-answer" aria-labelledby="answer-title">
      <h2 id="answer-title">
        {ctx.t('consultations:answer.title')} <AnswerStatusBadge ctx={ctx} status={c.answerStatus} />
      </h2>
      <div class="prose">{safeAnswer}</div>
      <p class="meta">
        <span safe>{personName(ctx, answerer)}</span>
        {c.answeredAt ? (
          <>
            {' · '}
            <time datetime={c.answeredAt.toISOString()} safe>
              {formatDate(ctx, c.answeredAt)}
            </time>
          </>
        ) : (
          ''
        )}
      </p>
    </section>
  );
}

export interface OrganizerForms {
  answer?: FormState;
  merge?: FormState;
}

/** Two forms on one page: their ids carry a prefix so they stay unique. */
export function OrganizerTools({ ctx, contribution: c, forms }: { ctx: ViewContext; contribution: Contribution; forms: OrganizerForms }) {
  const answer: FormState = forms.answer ?? { values: { status: c.answerStatus ?? '', answer: c.answer ?? '' }, errors: {} };
  const merge: FormState = forms.merge ?? { values: {}, errors: {} };
  const answerLabels = { status: ctx.ta('consultations:answer.statusLabel'), answer: ctx.ta('consultations:answer.text') };
  return (
    <section aria-labelledby="organizer-title" class="organizer-tools">
      <h2 id="organizer-title">{ctx.t('consultations:organizer.title')}</h2>
      <h3 id="answer-form-title">{c.answer ? ctx.t('consultations:answer.edit') : ctx.t('consultations:answer.add')}</h3>
      <ErrorSummary ctx={ctx} form={{ ...answer, idPrefix: 'answer-' }} labels={answerLabels} />
      <form method="post" action={`/contributions/${c.id}/answer`} novalidate aria-labelledby="answer-form-title">
        <CsrfField ctx={ctx} />
        <Select
          ctx={ctx}
          form={{ ...answer, idPrefix: 'answer-' }}
          name="status"
          label={answerLabels.status}
          required
          options={answerStatuses.map((s) => ({ value: s, label: ctx.ta(`consultations:answer.status.${s}`) }))}
          placeholder={ctx.ta('consultations:answer.choose')}
        />
        <TextArea ctx={ctx} form={{ ...answer, idPrefix: 'answer-' }} name="answer" label={answerLabels.answer} hint={ctx.ta('form.markdownHint')} required rows={5} maxlength={10000} />
        <button type="submit">{ctx.t('consultations:answer.publish')}</button>
      </form>
      <h3 id="merge-form-title">{ctx.t('consultations:merge.title')}</h3>
      <p class="meta">{ctx.t('consultations:merge.explain')}</p>
      <ErrorSummary ctx={ctx} form={{ ...merge, idPrefix: 'merge-' }} labels={{ into: ctx.ta('consultations:merge.into') }} />
      <form method="post" action={`/contributions/${c.id}/merge`} novalidate aria-labelledby="merge-form-title">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={{ ...merge, idPrefix: 'merge-' }} name="into" label={ctx.ta('consultations:merge.into')} hint={ctx.ta('consultations:merge.intoHint')} required maxlength={12} inputmode="numeric" />
        <button type="submit" class="secondary">
          {ctx.t('consultations:merge.submit')}
        </button>
      </form>
    </section>
  );
}

interface SynthesisPageProps {
  ctx: ViewContext;
  consultation: Consultation;
  phase: Phase;
  synthesis?: Synthesis;
  /** the published text, rendered with its citations as links */
  safeBody?: string;
  /** for organizers: the editor, once the phase has closed */
  form?: FormState;
  canManage: boolean;
  closed: boolean;
}

export function SynthesisPage({ ctx, consultation, phase, synthesis, safeBody, form, canManage, closed }: SynthesisPageProps) {
  const title = ctx.ta('consultations:synthesis.title', { phase: phase.title });
  const published = synthesis?.publishedAt;
  return (
    <Layout
      ctx={ctx}
      title={shortTitle(title)}
      crumbs={[
        { href: '/consultations', label: ctx.ta('consultations:list.title') },
        { href: `/consultations/${consultation.slug}`, label: consultation.title },
        { href: `/consultations/${consultation.slug}/phases/${phase.position}`, label: phase.title },
        { label: ctx.ta('consultations:synthesis.crumb') },
      ]}
      noindex={!published}
    >
      <h1 safe>{title}</h1>
      {published && safeBody !== undefined ? (
        <article>
          <p class="meta">{ctx.t('consultations:synthesis.publishedOn', { date: formatDate(ctx, published) })}</p>
          <div class="prose">{safeBody}</div>
        </article>
      ) : (
        <p>{ctx.t('consultations:synthesis.none')}</p>
      )}
      {canManage ? (
        closed && form ? (
          <section aria-labelledby="synthesis-form-title">
            <h2 id="synthesis-form-title">{published ? ctx.t('consultations:synthesis.edit') : ctx.t('consultations:synthesis.write')}</h2>
            {synthesis && !published ? <p class="meta">{ctx.t('consultations:synthesis.draftSaved')}</p> : ''}
            <ErrorSummary ctx={ctx} form={form} labels={{ body: ctx.ta('consultations:synthesis.body') }} />
            <form method="post" novalidate>
              <CsrfField ctx={ctx} />
              <TextArea ctx={ctx} form={form} name="body" label={ctx.ta('consultations:synthesis.body')} hint={ctx.ta('consultations:synthesis.hint')} required rows={16} maxlength={50000} />
              <button type="submit" name="intent" value="publish">
                {ctx.t('consultations:synthesis.publish')}
              </button>{' '}
              {published ? (
                ''
              ) : (
                <button type="submit" name="intent" value="draft" class="secondary">
                  {ctx.t('consultations:synthesis.saveDraft')}
                </button>
              )}
            </form>
          </section>
        ) : (
          <p class="meta">{ctx.t('consultations:synthesis.notClosed')}</p>
        )
      ) : (
        ''
      )}
    </Layout>
  );
}
