// Traceability on the pages: what a contribution answers and what answers it, the chain of a consultation, the
// picker in the contribution form, and the similar contributions shown while writing.
import type { ViewContext } from '../../../platform/views/context.ts';
import { fieldId, messageKey, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { chainPageSize, type ChainNeed, type LinkItem } from '../links.ts';
import type { SimilarItem } from '../similar.ts';
import { shortTitle } from './components.tsx';
import type { Consultation } from '../service.ts';
import type { ContributionKind } from '../schema.ts';

export function LinkTo({ ctx, item }: { ctx: ViewContext; item: LinkItem }) {
  return (
    <a href={`/contributions/${item.id}`}>
      <span safe>{item.title}</span> <span class="meta">{ctx.t('consultations:links.number', { id: item.id })}</span>
    </a>
  );
}

function LinkList({ ctx, items }: { ctx: ViewContext; items: LinkItem[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li>
          <span class="badge">{ctx.t(`consultations:kind.${item.kind}`)}</span> <LinkTo ctx={ctx} item={item} />
        </li>
      ))}
    </ul>
  );
}

interface LinksSectionProps {
  ctx: ViewContext;
  kind: ContributionKind;
  answers: LinkItem[];
  answeredBy: LinkItem[];
  /** where to write a contribution answering this one, when a later phase is open */
  answerHref?: string;
}

export function LinksSection({ ctx, kind, answers, answeredBy, answerHref }: LinksSectionProps) {
  if (answers.length === 0 && answeredBy.length === 0 && !answerHref && kind === 'need') {
    return (
      <section aria-labelledby="links-title">
        <h2 id="links-title">{ctx.t('consultations:links.title')}</h2>
        <p class="meta">{ctx.t('consultations:links.noAnswerYet')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">{ctx.t('consultations:links.title')}</h2>
      {kind !== 'need' ? (
        <>
          <h3>{ctx.t(`consultations:links.answers.${kind}`)}</h3>
          {answers.length ? <LinkList ctx={ctx} items={answers} /> : <p class="meta">{ctx.t('consultations:links.answersNone')}</p>}
        </>
      ) : (
        ''
      )}
      {kind !== 'feature' ? (
        <>
          <h3>{ctx.t(`consultations:links.answeredBy.${kind}`)}</h3>
          {answeredBy.length ? <LinkList ctx={ctx} items={answeredBy} /> : <p class="meta">{ctx.t('consultations:links.noAnswerYet')}</p>}
        </>
      ) : (
        ''
      )}
      {answerHref ? (
        <p>
          <a href={answerHref} class="button secondary">
            {ctx.t(`consultations:links.answerThis.${kind}`)}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

/** Checkboxes for the contributions being answered, and a search that works without JavaScript (it resubmits the form). */
export function LinkPicker({ ctx, form, candidates, answeredKind }: { ctx: ViewContext; form: FormState; candidates: LinkItem[]; answeredKind: ContributionKind }) {
  const raw = form.values.answers;
  const chosen = new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(String));
  const error = form.errors.answers;
  const query = typeof form.values.answersQuery === 'string' ? form.values.answersQuery : '';
  return (
    <fieldset id={fieldId(form, 'field', 'answers')} aria-describedby={error ? fieldId(form, 'error', 'answers') : 'answers-hint'}>
      <legend>{ctx.t(`consultations:links.pickerLegend.${answeredKind}`)}</legend>
      <small id="answers-hint">{ctx.t('consultations:links.pickerHint')}</small>
      {candidates.length ? (
        <div class="checkbox-grid">
          {candidates.map((c) => (
            <label>
              <input type="checkbox" name="answers" value={String(c.id)} checked={chosen.has(String(c.id))} />
              <span safe>{c.title}</span> <span class="meta">{ctx.t('consultations:links.number', { id: c.id })}</span>
            </label>
          ))}
        </div>
      ) : (
        <p class="meta">{ctx.t('consultations:links.pickerNone')}</p>
      )}
      {error ? (
        <small id={fieldId(form, 'error', 'answers')} class="field-error">
          {ctx.t(messageKey(error.key), error.values)}
        </small>
      ) : (
        ''
      )}
      <div class="inline-search">
        <label for="field-answersQuery">{ctx.t('consultations:links.search')}</label>
        <input type="search" id="field-answersQuery" name="answersQuery" value={query} maxlength={100} />
        <button type="submit" name="_search" value="answers" class="secondary" formnovalidate>
          {ctx.t('consultations:links.searchButton')}
        </button>
      </div>
    </fieldset>
  );
}

/** The similar contributions, as an htmx fragment while typing or inside the preview. */
export function SimilarList({ ctx, items }: { ctx: ViewContext; items: SimilarItem[] }) {
  if (items.length === 0) return <div id="similar"></div>;
  return (
    <div id="similar" class="similar">
      <p>
        <strong>{ctx.t('consultations:similar.title', { count: items.length })}</strong> {ctx.t('consultations:similar.hint')}
      </p>
      <ul>
        {items.map((item) => (
          <li>
            <span class="badge">{ctx.t(`consultations:kind.${item.kind}`)}</span> <LinkTo ctx={ctx} item={item} />
            {item.phaseOpen ? <span class="meta"> — {ctx.t('consultations:similar.support')}</span> : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface ChainPageProps {
  ctx: ViewContext;
  consultation: Consultation;
  needs: ChainNeed[];
  total: number;
  unanswered: number;
  unansweredOnly: boolean;
  page: number;
}

export function ChainPage({ ctx, consultation, needs, total, unanswered, unansweredOnly, page }: ChainPageProps) {
  const base = `/consultations/${consultation.slug}/chain`;
  const title = ctx.ta('consultations:chain.title');
  const href = (p: number, only = unansweredOnly) => {
    const params = new URLSearchParams();
    if (only) params.set('unanswered', '1');
    if (p > 1) params.set('page', String(p));
    const search = params.toString();
    return search ? `${base}?${search}` : base;
  };
  return (
    <Layout ctx={ctx} title={shortTitle(`${unansweredOnly ? ctx.ta('consultations:chain.unansweredTitle') : title} — ${consultation.title}`)} crumbs={[{ href: '/consultations', label: ctx.ta('consultations:list.title') }, { href: `/consultations/${consultation.slug}`, label: consultation.title }, { label: title }]}>
      <h1>{ctx.t('consultations:chain.title')}</h1>
      <p>{ctx.t('consultations:chain.intro')}</p>
      <p>
        {ctx.t('consultations:chain.counts', { total, unanswered })}{' '}
        {unansweredOnly ? <a href={href(1, false)}>{ctx.t('consultations:chain.showAll')}</a> : <a href={href(1, true)}>{ctx.t('consultations:chain.showUnanswered')}</a>}
      </p>
      {needs.length === 0 ? <p>{ctx.t('consultations:chain.empty')}</p> : ''}
      {/* The column names only on wide screens, where the list is drawn as three columns; each item keeps its badge. */}
      <div class="chain-columns" aria-hidden="true">
        <span>{ctx.t('consultations:chain.needs')}</span>
        <span>{ctx.t('consultations:chain.ideas')}</span>
        <span>{ctx.t('consultations:chain.features')}</span>
      </div>
      <ol class="chain">
        {needs.map((need) => (
          <li class="chain-need">
            <p class="chain-item">
              <span class="badge">{ctx.t('consultations:kind.need')}</span> <LinkTo ctx={ctx} item={need} />
            </p>
            {need.ideas.length === 0 ? (
              <p class="meta unanswered">{ctx.t('consultations:links.noAnswerYet')}</p>
            ) : (
              <ul class="chain-ideas">
                {need.ideas.map((idea) => (
                  <li class="chain-idea">
                    <p class="chain-item">
                      <span class="badge">{ctx.t('consultations:kind.idea')}</span> <LinkTo ctx={ctx} item={idea} />
                    </p>
                    {idea.features.length ? (
                      <ul class="chain-features">
                        {idea.features.map((feature) => (
                          <li class="chain-item">
                            <span class="badge">{ctx.t('consultations:kind.feature')}</span> <LinkTo ctx={ctx} item={feature} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      ''
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <Pagination ctx={ctx} page={page} pageSize={chainPageSize} total={unansweredOnly ? unanswered : total} href={(p) => href(p)} />
    </Layout>
  );
}
