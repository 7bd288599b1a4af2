// The steps of a process (a consultation's phases) as an ordered list: screen readers announce "list, N items" and
// each step's state in words, sighted readers see the state as an icon and a colour too — never colour alone.
// Horizontal on wide screens, a vertical line on small ones (parvis.css, "Phase stepper").
import { dateFormat, formatLocale } from '../intl.ts';
import type { ViewContext } from './context.ts';
import { Icon } from './icons.tsx';

export type StepState = 'done' | 'current' | 'upcoming';

export interface Step {
  state: StepState;
  title: string;
  href: string;
  startsAt: Date;
  endsAt: Date;
  /** the question the step asks, quoted under its title */
  question?: string;
  /** what the page adds: counts, links, calls to act */
  details?: JSX.Element;
}

/** Closed is done, open is current, the rest is to come: the state follows from dates, never from a stored field. */
export function stepState(status: 'upcoming' | 'open' | 'closed'): StepState {
  return status === 'closed' ? 'done' : status === 'open' ? 'current' : 'upcoming';
}

function Marker({ state }: { state: StepState }) {
  if (state === 'done') return <Icon name="check" />;
  // A filled disc for where we are, a ring for what comes: shapes that differ without their colour.
  return (
    <svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      {state === 'current' ? <circle cx="12" cy="12" r="7" fill="currentColor" /> : <circle cx="12" cy="12" r="6" fill="none" stroke="currentColor" stroke-width="2.5" />}
    </svg>
  );
}

function StepDates({ ctx, startsAt, endsAt }: { ctx: ViewContext; startsAt: Date; endsAt: Date }) {
  const format = dateFormat(formatLocale(ctx.locale), { timeZone: 'Europe/Paris', dateStyle: 'medium' });
  return (
    <p class="step-dates">
      <time datetime={startsAt.toISOString()} safe>
        {format.format(startsAt)}
      </time>
      {' – '}
      <time datetime={endsAt.toISOString()} safe>
        {format.format(endsAt)}
      </time>
    </p>
  );
}

/** Each step's title is an h3: the stepper sits in a section of its own under an h2. */
export function Stepper({ ctx, steps }: { ctx: ViewContext; steps: Step[] }) {
  return (
    <ol class="stepper">
      {steps.map((step) => (
        <li class={`step step-${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
          <span class="step-marker">
            <Marker state={step.state} />
          </span>
          <div class="step-body">
            <h3 class="step-title">
              <span class="visually-hidden">{ctx.t(`stepper.state.${step.state}`)}</span>
              <a href={step.href} safe>
                {step.title}
              </a>
            </h3>
            <StepDates ctx={ctx} startsAt={step.startsAt} endsAt={step.endsAt} />
            {step.question ? <blockquote safe>{step.question}</blockquote> : ''}
            {step.details ? step.details : ''}
          </div>
        </li>
      ))}
    </ol>
  );
}
