// The list of consultations and a consultation's page: description, organizers and the timeline of its phases.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ConsultationSummary, Consultation } from '../service.ts';
import { currentPhase } from '../phases.ts';
import { DateSpan, StatusBadge, formatDate, kindLabel, shortTitle, statusOf } from './components.tsx';
import { FollowSlot } from '../../notifications/views/follow.tsx';
import { isDraft } from '../drafts.ts';
import { DraftBanner } from './arrange.tsx';

export function ConsultationListPage({ ctx, items, canCreate }: { ctx: ViewContext; items: ConsultationSummary[]; canCreate: boolean }) {
  const title = ctx.ta('consultations:list.title');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1>{ctx.t('consultations:list.title')}</h1>
      <p>{ctx.t('consultations:list.intro')}</p>
      {canCreate ? (
        <p>
          <a href="/consultations/new" class="button">
            {ctx.t('consultations:list.create')}
          </a>
        </p>
      ) : (
        ''
      )}
      {items.length === 0 ? (
        <p>{ctx.t('consultations:list.empty')}</p>
      ) : (
        <ul class="card-list">
          {items.map((c) => (
            <li>
              <article>
                <h2>
                  <a href={`/consultations/${c.slug}`} safe>
                    {c.title}
                  </a>
                  {c.draft ? <> <span class="badge">{ctx.t('consultations:drafting.badge')}</span></> : ''}
                </h2>
                <p class="meta">
                  {c.startsAt && c.endsAt ? ctx.t('consultations:phase.dates', { start: formatDate(ctx, c.startsAt), end: formatDate(ctx, c.endsAt) }) : ''}{' '}
                  · {ctx.t('consultations:list.phases', { count: c.phaseCount })} · {ctx.t('consultations:list.contributions', { count: c.contributionCount })}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

interface ConsultationPageProps {
  ctx: ViewContext;
  consultation: Consultation;
  safeDescription: string;
  counts: Map<number, number>;
  canManage: boolean;
  /** the phases whose synthesis is published */
  synthesized: Set<number>;
}

export function ConsultationPage({ ctx, consultation, safeDescription, counts, canManage, synthesized }: ConsultationPageProps) {
  const current = currentPhase(consultation.phases);
  const base = `/consultations/${consultation.slug}`;
  const draft = isDraft(consultation);
  return (
    <Layout ctx={ctx} title={shortTitle(consultation.title)} crumbs={[{ href: '/consultations', label: ctx.ta('consultations:list.title') }, { label: consultation.title }]}>
      <article>
        <h1 safe>{consultation.title}</h1>
        <FollowSlot ctx={ctx} target={`consultation:${consultation.id}`} />
        {consultation.coverFileId ? <img src={`/consultations/${consultation.slug}/cover?v=${consultation.coverFileId}`} alt="" class="cover" /> : ''}
        {draft ? <DraftBanner ctx={ctx} consultation={consultation} /> : ''}
        {canManage ? (
          <p>
            <a href={`${base}/edit`}>{ctx.t('consultations:manage.edit')}</a>
          </p>
        ) : (
          ''
        )}
        <div class="prose">{safeDescription}</div>
        <section aria-labelledby="organizers-title">
          <h2 id="organizers-title">{ctx.t('consultations:consultation.organizers')}</h2>
          <ul>
            {consultation.organizers.map((o) => (
              <li>
                <a href={`/organizations/${o.slug}`} safe>
                  {o.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
        {consultation.themes.length > 0 ? (
          <section aria-labelledby="themes-title">
            <h2 id="themes-title">{ctx.t('consultations:consultation.themes')}</h2>
            <ul class="tags">
              {consultation.themes.map((t) => (
                <li safe>{t.label}</li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{ctx.t('consultations:consultation.timeline')}</h2>
          {consultation.phases.length > 1 ? (
            <p>
              <a href={`${base}/chain`}>{ctx.t('consultations:chain.link')}</a>
            </p>
          ) : (
            ''
          )}
          <p>
            <a href={`${base}/dashboard`}>{ctx.t('analytics:dashboard.crumb')}</a> · <a href={`${base}/open-data`}>{ctx.t('opendata:title')}</a>
          </p>
          {consultation.phases.length === 0 ? <p>{ctx.t('consultations:consultation.noPhase')}</p> : ''}
          <ol class="timeline">
            {consultation.phases.map((phase) => {
              const status = statusOf(phase);
              return (
                <li aria-current={phase.id === current?.id ? 'step' : undefined} class={`phase phase-${status}`}>
                  <h3>
                    <a href={`${base}/phases/${phase.position}`} safe>
                      {phase.title}
                    </a>
                  </h3>
                  <p class="meta">
                    <StatusBadge ctx={ctx} status={status} /> <DateSpan ctx={ctx} phase={phase} />
                  </p>
                  <blockquote safe>{phase.question}</blockquote>
                  <p class="meta">
                    <span safe>{phase.kinds.map((k) => kindLabel(ctx, k)).join(', ')}</span> · {ctx.t('consultations:list.contributions', { count: counts.get(phase.id) ?? 0 })}
                  </p>
                  {synthesized.has(phase.id) ? (
                    <p>
                      <a href={`${base}/phases/${phase.position}/synthesis`}>{ctx.t('consultations:synthesis.link')}</a>
                    </p>
                  ) : (
                    ''
                  )}
                  {status === 'open' && !draft ? (
                    <p>
                      <a href={`${base}/phases/${phase.position}/contribute`} class="button">
                        {ctx.t('consultations:consultation.callToAct')}
                      </a>
                    </p>
                  ) : (
                    ''
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      </article>
    </Layout>
  );
}
