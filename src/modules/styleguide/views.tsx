// The catalogue of the design system for developers: every shared component, in each of its states, drawn by the
// components themselves with made-up data, so a change to one is seen here before it is seen on a page.
import type { Children } from '@kitajs/html';
import { now } from '../../platform/clock.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ConfirmPage } from '../../platform/views/confirm.tsx';
import { EmptyState } from '../../platform/views/empty.tsx';
import { FilterBar, FilterSelect } from '../../platform/views/filters.tsx';
import { Checkboxes, ErrorSummary, Field, Select, TextArea, type FormState } from '../../platform/views/form.tsx';
import { storedIllustrationName } from '../../platform/views/illustrations.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { Pagination } from '../../platform/views/pagination.tsx';
import { Stepper, type Step } from '../../platform/views/stepper.tsx';
import { DataTable } from '../../platform/views/table.tsx';
import { Tabs, type Tab } from '../../platform/views/tabs.tsx';
import { ConsultationCard } from '../consultations/views/card.tsx';
import { AnswerStatusBadge, ContributionCard, StatusBadge } from '../consultations/views/components.tsx';
import { answerStatuses } from '../consultations/schema.ts';
import { OrganizationCard, TypeBadge } from '../organizations/views/components.tsx';
import { projectStates } from '../projects/schema.ts';
import { StateBadge } from '../projects/views/components.tsx';
import { ProjectCard } from '../projects/views/list.tsx';

const day = 86_400_000;

export const sampleTabIds = ['first', 'second', 'third'] as const;
export type SampleTab = (typeof sampleTabIds)[number];
export const sampleTabs = (ctx: ViewContext): Tab<SampleTab>[] => sampleTabIds.map((id) => ({ id, label: ctx.ta(`styleguide:tabs.${id}`) }));

function Section({ ctx, id, children }: { ctx: ViewContext; id: string; children: Children }) {
  return (
    <section aria-labelledby={`sg-${id}`} class="styleguide-section">
      <h2 id={`sg-${id}`}>{ctx.t(`styleguide:${id}.title`)}</h2>
      <p class="meta">{ctx.t(`styleguide:${id}.about`)}</p>
      {children}
    </section>
  );
}

function Buttons({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="actions">
      <button type="button">{ctx.t('styleguide:buttons.primary')}</button> <button type="button" class="secondary">{ctx.t('styleguide:buttons.secondary')}</button>{' '}
      <button type="button" class="outline">{ctx.t('styleguide:buttons.outline')}</button>{' '}
      <button type="button" class="secondary outline">{ctx.t('styleguide:buttons.secondaryOutline')}</button>{' '}
      <button type="button" disabled>
        {ctx.t('styleguide:buttons.disabled')}
      </button>{' '}
      <a href="/styleguide#sg-buttons" class="button">
        {ctx.t('styleguide:buttons.link')}
      </a>
    </div>
  );
}

function Badges({ ctx }: { ctx: ViewContext }) {
  const row = (label: string, badges: JSX.Element[]) => (
    <li>
      <span safe>{label}</span> {badges.map((b) => <>{b} </>)}
    </li>
  );
  return (
    <ul class="styleguide-badges">
      {row(ctx.ta('styleguide:badges.phase'), (['upcoming', 'open', 'closed'] as const).map((s) => <StatusBadge ctx={ctx} status={s} />))}
      {row(ctx.ta('styleguide:badges.answer'), answerStatuses.map((s) => <AnswerStatusBadge ctx={ctx} status={s} />))}
      {row(ctx.ta('styleguide:badges.project'), projectStates.map((s) => <StateBadge ctx={ctx} state={s} />))}
      {row(ctx.ta('styleguide:badges.organization'), [<TypeBadge ctx={ctx} type="collectivite" verified />, <TypeBadge ctx={ctx} type="startup" verified={false} />])}
      {row(ctx.ta('styleguide:badges.other'), [<span class="badge badge-cancelled">{ctx.t('events:calledOff.badge')}</span>, <span class="badge">{ctx.t('consultations:kind.idea')}</span>, <span class="badge">{ctx.t('consultations:drafting.badge')}</span>])}
    </ul>
  );
}

/** One step in each state, dated from the clock so the states stay true whatever the day. */
export function sampleSteps(ctx: ViewContext, at = now()): Step[] {
  const at_ = at.getTime();
  const step = (key: string, state: Step['state'], from: number, to: number): Step => ({
    state,
    title: ctx.ta(`styleguide:stepper.${key}`),
    href: '/styleguide#sg-stepper',
    startsAt: new Date(at_ + from * day),
    endsAt: new Date(at_ + to * day),
    question: ctx.ta('styleguide:stepper.question'),
    details: <p class="meta">{ctx.t('consultations:list.contributions', { count: state === 'upcoming' ? 0 : 12 })}</p>,
  });
  return [step('done', 'done', -60, -30), step('current', 'current', -10, 20), step('upcoming', 'upcoming', 30, 60)];
}

function Filters({ ctx }: { ctx: ViewContext }) {
  const kinds = (['need', 'idea', 'feature'] as const).map((k) => ({ value: k, label: ctx.ta(`consultations:kind.${k}`) }));
  return (
    <FilterBar ctx={ctx} active={false}>
      <form method="get" action="/styleguide">
        <div class="grid">
          <FilterSelect ctx={ctx} name="kind" label={ctx.ta('consultations:field.kind')} options={kinds} />
          <FilterSelect ctx={ctx} name="status" label={ctx.ta('styleguide:badges.answer')} options={answerStatuses.map((s) => ({ value: s, label: ctx.ta(`consultations:answer.status.${s}`) }))} />
          <label for="filter-q">
            {ctx.t('styleguide:filters.words')}
            <input type="search" id="filter-q" name="q" maxlength={100} />
          </label>
        </div>
        <button type="submit">{ctx.t('form.filter')}</button> <a href="/styleguide">{ctx.t('form.reset')}</a>
      </form>
    </FilterBar>
  );
}

function Table({ ctx }: { ctx: ViewContext }) {
  const rows = [
    ['Lyon', '1 204', '38'],
    ['Marseille', '980', '21'],
    ['Villeurbanne', '312', '9'],
  ];
  return (
    <DataTable caption={ctx.t('styleguide:table.caption')} headers={[ctx.t('styleguide:table.place'), ctx.t('styleguide:table.participants'), ctx.t('styleguide:table.workshops')]}>
      {rows.map(([place, people, workshops]) => (
        <tr>
          <th scope="row" safe>
            {place}
          </th>
          <td safe>{people}</td>
          <td safe>{workshops}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A rejected form as every form shows one: the summary first, each error beside its field, what was typed kept. */
function RejectedForm({ ctx }: { ctx: ViewContext }) {
  const form: FormState = {
    values: { title: 'Pi', body: '', kind: 'idea', themes: ['mobility'] },
    errors: { title: { key: 'tooShort', values: { min: 3 } }, body: { key: 'required' } },
    idPrefix: 'sg-',
  };
  const labels = { title: ctx.ta('consultations:field.title'), body: ctx.ta('consultations:field.body'), kind: ctx.ta('consultations:field.kind'), themes: ctx.ta('consultations:field.themes') };
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="get" action="/styleguide" novalidate>
        <Field ctx={ctx} form={form} name="title" label={labels.title} hint={ctx.ta('styleguide:form.hint')} required maxlength={140} />
        <TextArea ctx={ctx} form={form} name="body" label={labels.body} required rows={3} />
        <Select ctx={ctx} form={form} name="kind" label={labels.kind} required options={(['need', 'idea', 'feature'] as const).map((k) => ({ value: k, label: ctx.ta(`consultations:kind.${k}`) }))} placeholder={ctx.ta('form.choose')} />
        <Checkboxes ctx={ctx} form={form} name="themes" legend={labels.themes} options={[{ value: 'mobility', label: ctx.ta('styleguide:form.mobility') }, { value: 'energy', label: ctx.ta('styleguide:form.energy') }]} />
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
    </>
  );
}

function Cards({ ctx, at }: { ctx: ViewContext; at: Date }) {
  const t = at.getTime();
  const consultation = (slug: string, open: boolean) => ({
    slug,
    title: ctx.ta(`styleguide:cards.${open ? 'open' : 'closed'}`),
    description: '',
    startsAt: new Date(t - 60 * day),
    endsAt: new Date(t + (open ? 20 : -5) * day),
    phaseCount: 2,
    contributionCount: open ? 48 : 212,
    draft: false,
    coverFileId: 'styleguide',
    coverName: storedIllustrationName(open ? 'park' : 'tram'),
    current: { position: 2, title: ctx.ta('styleguide:stepper.current'), startsAt: new Date(t - 10 * day), endsAt: new Date(t + (open ? 20 : -5) * day) },
  });
  return (
    <ul class="card-list">
      <ConsultationCard ctx={ctx} item={consultation('styleguide-open', true)} level={3} />
      <ConsultationCard ctx={ctx} item={consultation('styleguide-closed', false)} level={3} syntheses={[{ position: 1, title: ctx.ta('styleguide:stepper.done') }]} />
      <ContributionCard
        ctx={ctx}
        item={{ id: 1, title: ctx.ta('styleguide:cards.contribution'), kind: 'idea', createdAt: new Date(t - 3 * day), authorId: null, authorName: 'Camille Martin', organizationId: null, organizationName: null, territoryKind: null, territoryCode: null, answerStatus: 'retained', agree: 14, mixed: 3, disagree: 2, debate: 5 }}
      />
      <ProjectCard
        ctx={ctx}
        project={{ id: 1, title: ctx.ta('styleguide:cards.project'), problem: ctx.ta('styleguide:cards.problem'), state: 'open', stage: 'idea', visibility: 'public', domains: [], territoryKind: null, territoryCode: null, latitude: null, longitude: null, deadline: new Date(t + 30 * day), owner: { slug: 'styleguide', name: 'Métropole' } }}
      />
      <OrganizationCard ctx={ctx} org={{ slug: 'styleguide', name: ctx.ta('styleguide:cards.organization'), type: 'collectivite', domains: [], territoryKind: null, territoryCode: null, logoFileId: null, verifiedAt: new Date(t) }} />
    </ul>
  );
}

export function StyleguidePage({ ctx, tab, page }: { ctx: ViewContext; tab: SampleTab; page: number }) {
  const at = now();
  const title = ctx.ta('styleguide:title');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{ctx.t('styleguide:title')}</h1>
      <p>{ctx.t('styleguide:intro')}</p>
      <Section ctx={ctx} id="buttons">
        <Buttons ctx={ctx} />
      </Section>
      <Section ctx={ctx} id="badges">
        <Badges ctx={ctx} />
      </Section>
      <Section ctx={ctx} id="stepper">
        <Stepper ctx={ctx} steps={sampleSteps(ctx, at)} />
      </Section>
      <Section ctx={ctx} id="tabs">
        <Tabs ctx={ctx} base="/styleguide" tabs={sampleTabs(ctx)} current={tab} />
        <p>{ctx.t('styleguide:tabs.shown', { tab: sampleTabs(ctx).find((t) => t.id === tab)!.label })}</p>
      </Section>
      <Section ctx={ctx} id="filters">
        <Filters ctx={ctx} />
      </Section>
      <Section ctx={ctx} id="table">
        <Table ctx={ctx} />
      </Section>
      <Section ctx={ctx} id="form">
        <RejectedForm ctx={ctx} />
      </Section>
      <Section ctx={ctx} id="confirm">
        <p>
          <a href="/styleguide?view=confirm">{ctx.t('styleguide:confirm.link')}</a>
        </p>
      </Section>
      <Section ctx={ctx} id="empty">
        <EmptyState message={ctx.t('styleguide:empty.message')} action={{ href: '/styleguide#sg-empty', label: ctx.ta('styleguide:empty.action') }} />
      </Section>
      <Section ctx={ctx} id="pagination">
        <Pagination ctx={ctx} page={page} pageSize={10} total={120} href={(p) => `/styleguide?page=${p}#sg-pagination`} />
      </Section>
      <Section ctx={ctx} id="cards">
        <Cards ctx={ctx} at={at} />
      </Section>
    </Layout>
  );
}

/** The confirmation page as it is, with a reason asked and refused, so both its parts and its error are seen. */
export function StyleguideConfirmPage({ ctx }: { ctx: ViewContext }) {
  return ConfirmPage({
    ctx,
    title: ctx.ta('styleguide:confirm.title'),
    consequence: ctx.ta('styleguide:confirm.consequence'),
    items: [ctx.ta('styleguide:cards.contribution'), ctx.ta('styleguide:cards.project')],
    action: '/styleguide',
    back: '/styleguide#sg-confirm',
    reason: 'required',
    reasonHint: ctx.ta('styleguide:confirm.hint'),
    form: { values: { reason: 'x' }, errors: { reason: { key: 'tooShort', values: { min: 3 } } } },
  });
}
