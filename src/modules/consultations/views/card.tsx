// A consultation as a card, on the home page and the list: its cover, where it stands (the current phase and its
// deadline), and how many have taken part. A finished one with published syntheses leads to them.
import { now } from '../../../platform/clock.ts';
import { dateFormat, formatLocale } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { IllustrationImage, illustrationNamed } from '../../../platform/views/illustrations.tsx';
import { phaseStatus } from '../phases.ts';
import type { ConsultationSummary } from '../service.ts';
import type { SynthesisLink } from '../showcase.ts';
import { StatusBadge } from './components.tsx';

const dayMs = 86_400_000;

/** "15 janvier", with the year only when it is not this one. */
function shortDay(ctx: ViewContext, date: Date, at: Date): string {
  const year = (d: Date) => dateFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(d);
  const sameYear = year(date) === year(at);
  return dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
}

/** A week or less before the end, the days left say more than a date. */
export function deadlineText(ctx: ViewContext, endsAt: Date, at = now()): string {
  const left = Math.ceil((endsAt.getTime() - at.getTime()) / dayMs);
  return left <= 7 ? ctx.ta('consultations:card.daysLeft', { count: left }) : ctx.ta('consultations:card.until', { date: shortDay(ctx, endsAt, at) });
}

/** An uploaded cover is decorative (its form says so) and of any shape; a drawn illustration has its own alt text. */
export function ConsultationCover({ ctx, slug, coverFileId, coverName, class: className = 'cover', eager = false }: { ctx: ViewContext; slug: string; coverFileId: string | null; coverName?: string | null; class?: string; eager?: boolean }) {
  if (!coverFileId) return '';
  const illustration = illustrationNamed(coverName);
  if (illustration) return <IllustrationImage ctx={ctx} name={illustration} class={className} eager={eager} />;
  return <img src={`/consultations/${slug}/cover?v=${coverFileId}`} alt="" class={className} loading={eager ? undefined : 'lazy'} />;
}

interface CardProps {
  ctx: ViewContext;
  item: ConsultationSummary;
  /** h2 on the list, h3 under a section of the home page */
  level?: 2 | 3;
  /** the published syntheses of a finished consultation shown anyway */
  syntheses?: SynthesisLink[];
}

function Standing({ ctx, item, syntheses }: Omit<CardProps, 'level'>) {
  const phase = item.current;
  if (!phase) return <p class="meta">{ctx.t('consultations:consultation.noPhase')}</p>;
  const at = now();
  const status = phaseStatus({ ...phase, commentsOpenUntil: null }, at);
  const base = `/consultations/${item.slug}`;
  if (status === 'open') {
    return (
      <p class="card-standing">
        <strong>{ctx.t('consultations:card.openNow')}</strong> <a href={`${base}/phases/${phase.position}`} safe>{phase.title}</a>{' '}
        · <time datetime={phase.endsAt.toISOString()} safe>{deadlineText(ctx, phase.endsAt, at)}</time>
      </p>
    );
  }
  if (status === 'upcoming') {
    return (
      <p class="card-standing">
        <span safe>{phase.title}</span> · <time datetime={phase.startsAt.toISOString()} safe>{ctx.ta('consultations:card.from', { date: shortDay(ctx, phase.startsAt, at) })}</time>
      </p>
    );
  }
  if (!syntheses?.length) return <p class="card-standing">{ctx.t('consultations:card.ended', { date: shortDay(ctx, phase.endsAt, at) })}</p>;
  return (
    <div class="card-standing">
      <p>{ctx.t('consultations:card.readSyntheses')}</p>
      <ul>
        {syntheses.map((s) => (
          <li>
            <a href={`${base}/phases/${s.position}/synthesis`} safe>
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ConsultationCard({ ctx, item, level = 2, syntheses }: CardProps) {
  const status = item.current ? phaseStatus({ ...item.current, commentsOpenUntil: null }) : undefined;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li>
      <article class="consultation-card">
        <ConsultationCover ctx={ctx} slug={item.slug} coverFileId={item.coverFileId} coverName={item.coverName} class="card-cover" />
        <Heading>
          <a href={`/consultations/${item.slug}`} safe>
            {item.title}
          </a>
        </Heading>
        <p class="meta">
          {status ? <StatusBadge ctx={ctx} status={status} /> : ''}
          {item.draft ? <> <span class="badge">{ctx.t('consultations:drafting.badge')}</span></> : ''} {ctx.t('consultations:list.contributions', { count: item.contributionCount })}
        </p>
        <Standing ctx={ctx} item={item} syntheses={syntheses} />
      </article>
    </li>
  );
}
