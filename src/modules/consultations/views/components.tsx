// Pieces every consultation page shares: dates, phase status, kinds, contribution cards and the vote bar.
import { dateFormat, formatLocale } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { TerritoryName } from '../../organizations/views/components.tsx';
import type { Tally } from '../contributions.ts';
import type { ListItem } from '../listing.ts';
import { phaseStatus, type PhaseStatus } from '../phases.ts';
import { voteValues, type ContributionKind, type VoteValue } from '../schema.ts';
import type { Phase } from '../service.ts';
import { AttributionLine, attributionOf } from '../attribution.tsx';

export function formatDate(ctx: ViewContext, date: Date, withTime = false): string {
  return dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) }).format(date);
}

/** A page title stays short in tabs and search results (the layout adds the site's name). */
export function shortTitle(text: string, max = 55): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function DateSpan({ ctx, phase }: { ctx: ViewContext; phase: Pick<Phase, 'startsAt' | 'endsAt'> }) {
  return (
    <span>
      {ctx.t('consultations:phase.dates', { start: formatDate(ctx, phase.startsAt), end: formatDate(ctx, phase.endsAt) })}
    </span>
  );
}

export function StatusBadge({ ctx, status }: { ctx: ViewContext; status: PhaseStatus }) {
  return <span class={`badge badge-${status}`}>{ctx.t(`consultations:status.${status}`)}</span>;
}

export function AnswerStatusBadge({ ctx, status }: { ctx: ViewContext; status: string | null }) {
  return status ? <span class={`badge badge-answer-${status}`}>{ctx.t(`consultations:answer.status.${status}`)}</span> : '';
}

export function kindLabel(ctx: ViewContext, kind: ContributionKind): string {
  return ctx.ta(`consultations:kind.${kind}`);
}

export function ContributionCard({ ctx, item }: { ctx: ViewContext; item: ListItem }) {
  return (
    <li>
      <article>
        <header>
          <p class="meta">
            <span class="badge">{ctx.t(`consultations:kind.${item.kind}`)}</span> <AnswerStatusBadge ctx={ctx} status={item.answerStatus} />
          </p>
          <h3>
            <a href={`/contributions/${item.id}`} safe>
              {item.title}
            </a>
          </h3>
          <p class="meta">
            <AttributionLine ctx={ctx} attribution={attributionOf(item.authorName, item.organizationName, item.origin)} /> · <time datetime={item.createdAt.toISOString()} safe>{formatDate(ctx, item.createdAt)}</time>{' '}
            <TerritoryName ctx={ctx} kind={item.territoryKind} code={item.territoryCode} />
          </p>
        </header>
        <p class="meta">
          {ctx.t('consultations:vote.summary', { agree: item.agree, mixed: item.mixed, disagree: item.disagree })} · {ctx.t('consultations:list.debate', { count: item.debate })}
        </p>
      </article>
    </li>
  );
}

export interface VoteBarProps {
  ctx: ViewContext;
  contributionId: number;
  tally: Tally;
  mine?: VoteValue;
  /** whether the phase is open and the person signed in */
  canVote: boolean;
  signedIn: boolean;
}

/**
 * Plain forms that post and come back without JavaScript. With htmx only the form is replaced, its buttons keeping
 * their ids so focus stays on the one pressed, and the summary — a live region that stays in the page — gets its
 * new text out of band, so screen readers announce it. The form shows the reader's own vote: a slot, filled for each
 * person (contribution-slots.tsx), so that the page around it is the same for everyone.
 */
export function VoteBar({ ctx, contributionId, tally, open }: { ctx: ViewContext; contributionId: number; tally: Tally; open: boolean }) {
  return (
    <section id="vote-bar" class="vote-bar" aria-labelledby="vote-title">
      <h2 id="vote-title">{ctx.t('consultations:vote.title')}</h2>
      <p id="vote-summary" aria-live="polite">
        {ctx.t('consultations:vote.summary', { agree: tally.agree, mixed: tally.mixed, disagree: tally.disagree })}
      </p>
      {ctx.slot ? ctx.slot('vote', `${contributionId}:${open ? 1 : 0}`) : ''}
    </section>
  );
}

/** What htmx swaps after a vote: the form, and the summary's text out of band. */
export function VoteUpdate(props: VoteBarProps) {
  const { ctx, tally } = props;
  return (
    <>
      <VoteForm {...props} />
      <p id="vote-summary" data-hx-swap-oob="innerHTML">
        {ctx.t('consultations:vote.summary', { agree: tally.agree, mixed: tally.mixed, disagree: tally.disagree })}
      </p>
    </>
  );
}

export function VoteForm({ ctx, contributionId, mine, canVote, signedIn }: Omit<VoteBarProps, 'tally'>) {
  const action = `/contributions/${contributionId}/vote`;
  return (
    <div id="vote-form">
      {canVote ? (
        <form method="post" action={action} data-hx-post={action} data-hx-target="#vote-form" data-hx-swap="outerHTML" class="inline">
          <CsrfField ctx={ctx} />
          <div role="group" aria-label={ctx.ta('consultations:vote.title')}>
            {voteValues.map((value) => (
              <button type="submit" id={`vote-${value}`} name="value" value={value} aria-pressed={mine === value ? 'true' : 'false'} class={mine === value ? '' : 'outline'}>
                {ctx.t(`consultations:vote.${value}`)}
              </button>
            ))}
            {mine ? (
              <button type="submit" id="vote-none" name="value" value="none" class="secondary outline">
                {ctx.t('consultations:vote.remove')}
              </button>
            ) : (
              ''
            )}
          </div>
        </form>
      ) : (
        <p class="meta">{signedIn ? ctx.t('consultations:vote.closed') : ctx.t('consultations:vote.signIn')}</p>
      )}
    </div>
  );
}

/** A phase's status, computed now: used by pages that show several phases. */
export const statusOf = (phase: Phase) => phaseStatus(phase);
