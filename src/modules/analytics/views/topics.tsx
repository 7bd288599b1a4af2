// Topic groups of a phase: each group named by its words (or the name organizers gave it) with the contributions
// closest to it; a group's own page lists them all. Organizers rename a group, move a contribution, copy the Markdown
// that cites the group in a synthesis, and ask for new groups.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Consultation, Phase } from '../../consultations/service.ts';
import { maxLabel, topicCitation, type topicGroup, type TopicSummary } from '../service.ts';
import { AnalyticsStyles, fmt } from './components.tsx';
import { computedLine } from './dashboard.tsx';

export const topicName = (g: { label: string | null; terms: string[] }) => g.label ?? g.terms.join(', ');

interface TopicsProps {
  ctx: ViewContext;
  consultation: Consultation;
  phase: Phase;
  groups: TopicSummary[];
  computedAt: Date | null;
  requested: boolean;
  canManage: boolean;
}

export function TopicsPage({ ctx, consultation, phase, groups, computedAt, requested, canManage }: TopicsProps) {
  const title = ctx.ta('analytics:topics.title', { position: phase.position, title: phase.title });
  const base = `/consultations/${consultation.slug}/phases/${phase.position}`;
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: `/consultations/${consultation.slug}`, label: consultation.title }, { href: `${base}/dashboard`, label: ctx.ta('analytics:dashboard.crumb') }, { label: ctx.ta('analytics:topics.crumb') }]}>
      <AnalyticsStyles ctx={ctx} />
      <h1 safe>{title}</h1>
      {computedLine(ctx, computedAt)}
      <details>
        <summary>{ctx.t('analytics:topics.methodTitle')}</summary>
        <p>{ctx.t('analytics:topics.method')}</p>
      </details>
      {groups.length === 0 ? <p class="notice">{ctx.t('analytics:topics.none')}</p> : ''}
      <ol class="topic-list">
        {groups.map((g) => (
          <li>
            <h2 id={`topic-${g.id}`}>
              <a href={`${base}/topics/${g.id}`} safe>
                {topicName(g)}
              </a>{' '}
              <span class="meta">{ctx.t('analytics:topics.size', { count: g.size, n: fmt(ctx, g.size) })}</span>
            </h2>
            {g.label ? <p class="meta">{ctx.t('analytics:topics.terms', { terms: g.terms.join(', ') })}</p> : ''}
            <ul>
              {g.examples.map((e) => (
                <li>
                  <a href={`/contributions/${e.id}`} safe>
                    {e.title}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {canManage ? (
        <form method="post" action={`${base}/topics/recompute`}>
          <CsrfField ctx={ctx} />
          <p class="meta">{requested ? ctx.t('analytics:topics.requested') : ctx.t('analytics:topics.recomputeHint')}</p>
          <button type="submit" class="secondary">
            {ctx.t('analytics:topics.recompute')}
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

type GroupData = Awaited<ReturnType<typeof topicGroup>>;

interface TopicProps {
  ctx: ViewContext;
  consultation: Consultation;
  phase: Phase;
  data: GroupData;
  canManage: boolean;
  form: FormState;
  nextHref?: string;
}

export function TopicPage({ ctx, consultation, phase, data, canManage, form, nextHref }: TopicProps) {
  const name = topicName(data.group);
  const base = `/consultations/${consultation.slug}/phases/${phase.position}`;
  const here = `${base}/topics/${data.group.id}`;
  return (
    <Layout ctx={ctx} title={name} crumbs={[{ href: `/consultations/${consultation.slug}`, label: consultation.title }, { href: `${base}/topics`, label: ctx.ta('analytics:topics.crumb') }, { label: name }]}>
      <AnalyticsStyles ctx={ctx} />
      <h1 safe>{name}</h1>
      <p class="meta">
        {ctx.t('analytics:topics.terms', { terms: data.group.terms.join(', ') })} · {ctx.t('analytics:topics.size', { count: data.group.size, n: fmt(ctx, data.group.size) })}
      </p>
      <ErrorSummary ctx={ctx} form={form} labels={{ label: ctx.ta('analytics:topics.label'), contribution: ctx.ta('analytics:topics.contribution') }} />
      <ul class="topic-members">
        {data.members.map((m) => (
          <li>
            <a href={`/contributions/${m.id}`} safe>
              {m.title}
            </a>{' '}
            <span class="meta">
              {ctx.t(`consultations:kind.${m.kind}`)}
              {m.pinned ? <> · {ctx.t('analytics:topics.pinned')}</> : ''}
            </span>
          </li>
        ))}
      </ul>
      {nextHref ? (
        <p>
          <a href={nextHref}>{ctx.t('analytics:topics.more')}</a>
        </p>
      ) : (
        ''
      )}
      {canManage ? (
        <section aria-labelledby="organize">
          <h2 id="organize">{ctx.t('analytics:topics.organize')}</h2>
          <form method="post" action={`${here}/rename`}>
            <CsrfField ctx={ctx} />
            <Field ctx={ctx} form={{ ...form, values: { label: form.values.label ?? data.group.label ?? '' } }} name="label" label={ctx.ta('analytics:topics.label')} hint={ctx.ta('analytics:topics.labelHint')} maxlength={maxLabel} />
            <button type="submit">{ctx.t('analytics:topics.rename')}</button>
          </form>
          <form method="post" action={`${here}/move`}>
            <CsrfField ctx={ctx} />
            <Field ctx={ctx} form={form} name="contribution" label={ctx.ta('analytics:topics.contribution')} hint={ctx.ta('analytics:topics.contributionHint')} inputmode="numeric" required />
            <input type="hidden" name="group" value={String(data.group.id)} />
            <button type="submit">{ctx.t('analytics:topics.move')}</button>
          </form>
          <label for="topic-citation">{ctx.t('analytics:topics.cite')}</label>
          <input id="topic-citation" readonly value={topicCitation(consultation, phase, data.group)} aria-describedby="topic-citation-hint" />
          <small id="topic-citation-hint">
            {ctx.t('analytics:topics.citeHint')} <a href={`${base}/synthesis`}>{ctx.t('analytics:topics.toSynthesis')}</a>
          </small>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
