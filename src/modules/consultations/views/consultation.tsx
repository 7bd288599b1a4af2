// The list of consultations and a consultation's page: description, organizers and the timeline of its phases.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ConsultationSummary, Consultation, Phase } from '../service.ts';
import { currentPhase } from '../phases.ts';
import { StatusBadge, formatDate, kindLabel, shortTitle, statusOf } from './components.tsx';
import { Stepper, stepState, type Step } from '../../../platform/views/stepper.tsx';
import type { PhaseEvent } from '../../events/phase-events.ts';
import { FollowSlot } from '../../notifications/views/follow.tsx';
import { isDraft } from '../drafts.ts';
import { DraftBanner } from './arrange.tsx';
import { ConsultationCard, ConsultationCover } from './card.tsx';

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
            <ConsultationCard ctx={ctx} item={c} />
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
  /** the workshops feeding each phase, by phase id */
  workshops: Map<number, PhaseEvent[]>;
}

export function ConsultationPage({ ctx, consultation, safeDescription, counts, canManage, synthesized, workshops }: ConsultationPageProps) {
  const current = currentPhase(consultation.phases);
  const base = `/consultations/${consultation.slug}`;
  const draft = isDraft(consultation);
  return (
    <Layout ctx={ctx} title={shortTitle(consultation.title)} crumbs={[{ href: '/consultations', label: ctx.ta('consultations:list.title') }, { label: consultation.title }]}>
      <article>
        <h1 safe>{consultation.title}</h1>
        <FollowSlot ctx={ctx} target={`consultation:${consultation.id}`} />
        <ConsultationCover ctx={ctx} slug={consultation.slug} coverFileId={consultation.coverFileId} coverName={consultation.coverName} eager />
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
                <li>
                  {current ? (
                    <a href={`${base}/phases/${current.position}?theme=${encodeURIComponent(t.slug)}`} safe>
                      {t.label}
                    </a>
                  ) : (
                    <span safe>{t.label}</span>
                  )}
                </li>
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
          <Stepper ctx={ctx} steps={consultation.phases.map((phase) => phaseStep(ctx, base, phase, { count: counts.get(phase.id) ?? 0, workshops: workshops.get(phase.id) ?? [], synthesized: synthesized.has(phase.id), draft }))} />
        </section>
      </article>
    </Layout>
  );
}

interface StepFacts {
  count: number;
  workshops: PhaseEvent[];
  synthesized: boolean;
  draft: boolean;
}

/** A phase as a step of the consultation's stepper: its state, what was said in it, the workshops feeding it, what to do. */
function phaseStep(ctx: ViewContext, base: string, phase: Phase, facts: StepFacts): Step {
  const status = statusOf(phase);
  const path = `${base}/phases/${phase.position}`;
  return {
    state: stepState(status),
    title: phase.title,
    href: path,
    startsAt: phase.startsAt,
    endsAt: phase.endsAt,
    question: phase.question,
    details: (
      <>
        <p class="meta">
          <StatusBadge ctx={ctx} status={status} /> <span safe>{phase.kinds.map((k) => kindLabel(ctx, k)).join(', ')}</span> · {ctx.t('consultations:list.contributions', { count: facts.count })}
        </p>
        {facts.workshops.length > 0 ? (
          <div class="step-workshops">
            <p class="meta">{ctx.t('consultations:consultation.workshops', { count: facts.workshops.length })}</p>
            <ul>
              {facts.workshops.map((w) => (
                <li>
                  <a href={`/events/${w.id}`} safe>
                    {w.title}
                  </a>{' '}
                  <time class="meta" datetime={w.startsAt.toISOString()} safe>
                    {formatDate(ctx, w.startsAt)}
                  </time>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        {facts.synthesized ? (
          <p>
            <a href={`${path}/synthesis`}>{ctx.t('consultations:synthesis.link')}</a>
          </p>
        ) : (
          ''
        )}
        {status === 'open' && !facts.draft ? (
          <p>
            <a href={`${path}/contribute`} class="button">
              {ctx.t('consultations:consultation.callToAct')}
            </a>
          </p>
        ) : (
          ''
        )}
      </>
    ),
  };
}
