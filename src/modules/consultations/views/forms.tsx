// The forms of the module: a contribution, and for organizers a consultation, a phase and a theme.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkboxes, CsrfField, DefaultButton, emptyForm, ErrorSummary, Field, Select, TextArea, type FormState, type Option } from '../../../platform/views/form.tsx';
import { Tabs } from '../../../platform/views/tabs.tsx';
import { Layout, type Crumb } from '../../../platform/views/layout.tsx';
import type { Territory } from '../../territories/data.ts';
import { codesState } from '../../territories/resolve.ts';
import { TerritoryList, TerritoryPicker } from '../../territories/views.tsx';
import { answers, type LinkItem } from '../links.ts';
import { contributionKinds } from '../schema.ts';
import type { SimilarItem } from '../similar.ts';
import { LinkPicker, SimilarList } from './links.tsx';
import type { Consultation, Organizer, Phase } from '../service.ts';
import { DraftBanner } from './arrange.tsx';
import { AddPhaseLink, ManagePanel, manageTitle } from './manage.tsx';
import { managePath, manageTabs, type ManageTab } from './manage-tabs.ts';
import { kindLabel, shortTitle } from './components.tsx';
import { FormTrap } from '../../moderation/views/trap.tsx';

export interface TerritoryState {
  current?: Territory;
  matches: Territory[];
  query?: string;
}

interface ContributionFormProps {
  ctx: ViewContext;
  form: FormState;
  consultation: Consultation;
  phase: Phase;
  territory: TerritoryState;
  /** the organizations the author may speak for */
  speakFor: Organizer[];
  /** contributions of earlier phases it may answer */
  candidates: LinkItem[];
  preview?: Preview;
  /** a new contribution, or a draft, may be saved as a draft */
  canDraft: boolean;
  /** when editing: itself, left out of the similar ones */
  excludeId?: number;
  action: string;
  heading: string;
  crumbs: Crumb[];
}

export interface Preview {
  title: string;
  safeBody: string;
  similar: SimilarItem[];
}

function PreviewPanel({ ctx, preview }: { ctx: ViewContext; preview: Preview }) {
  const { safeBody } = preview;
  return (
    <section class="preview" aria-labelledby="preview-title" tabindex="-1" id="preview">
      <h2 id="preview-title">{ctx.t('consultations:preview.title')}</h2>
      <article>
        <h3 safe>{preview.title}</h3>
        <div class="prose">{safeBody}</div>
      </article>
      {preview.similar.length ? <SimilarList ctx={ctx} items={preview.similar} /> : <p class="meta">{ctx.t('consultations:similar.none')}</p>}
    </section>
  );
}

export function ContributionFormPage({ ctx, form, consultation, phase, territory, speakFor, candidates, preview, canDraft, excludeId, action, heading, crumbs }: ContributionFormProps) {
  const labels = {
    title: ctx.ta('consultations:field.title'),
    body: ctx.ta('consultations:field.body'),
    kind: ctx.ta('consultations:field.kind'),
    themes: ctx.ta('consultations:field.themes'),
    territory: ctx.ta('territories:legend'),
    organization: ctx.ta('consultations:field.organization'),
    answers: ctx.ta('consultations:links.pickerLabel'),
  };
  const answerable = [...new Set(phase.kinds.flatMap((k) => (answers[k] ? [answers[k]!] : [])))];
  const similarUrl = `/consultations/${consultation.slug}/similar${excludeId ? `?exclude=${excludeId}` : ''}`;
  const kinds: Option[] = contributionKinds.filter((k) => phase.kinds.includes(k)).map((k) => ({ value: k, label: kindLabel(ctx, k) }));
  const values = kinds.length === 1 && !form.values.kind ? { ...form, values: { ...form.values, kind: kinds[0]!.value } } : form;
  return (
    <Layout ctx={ctx} title={shortTitle(heading)} crumbs={[...crumbs, { label: heading }]} noindex>
      <h1 safe>{heading}</h1>
      <blockquote safe>{phase.question}</blockquote>
      {preview ? <PreviewPanel ctx={ctx} preview={preview} /> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} novalidate>
        <DefaultButton name="intent" value="publish">
          {ctx.t('consultations:contribution.publish')}
        </DefaultButton>
        <CsrfField ctx={ctx} />
        <FormTrap ctx={ctx} form={form} />
        <Field
          ctx={ctx}
          form={values}
          name="title"
          label={labels.title}
          hint={ctx.ta('consultations:similar.fieldHint')}
          required
          maxlength={140}
          enhance={{ 'data-hx-get': similarUrl, 'data-hx-trigger': 'input changed delay:500ms', 'data-hx-target': '#similar', 'data-hx-swap': 'outerHTML', 'data-hx-sync': 'this:replace' }}
        />
        {/* The live region stays in the page while htmx replaces what is inside, so changes are announced. */}
        <div aria-live="polite">{preview ? <div id="similar"></div> : <SimilarList ctx={ctx} items={[]} />}</div>
        <TextArea ctx={ctx} form={values} name="body" label={labels.body} hint={ctx.ta('form.markdownHint')} required rows={10} maxlength={10000} />
        <Select ctx={ctx} form={values} name="kind" label={labels.kind} options={kinds} required />
        {answerable.map((kind) => (
          <LinkPicker ctx={ctx} form={values} candidates={candidates.filter((c) => c.kind === kind)} answeredKind={kind} />
        ))}
        {consultation.themes.length > 0 ? <Checkboxes ctx={ctx} form={values} name="themes" legend={labels.themes} options={consultation.themes.map((t) => ({ value: t.slug, label: t.label }))} /> : ''}
        <TerritoryPicker ctx={ctx} form={values} current={territory.current} matches={territory.matches} query={territory.query} />
        <Select
          ctx={ctx}
          form={values}
          name="organization"
          label={labels.organization}
          required
          options={[{ value: '', label: ctx.ta('consultations:field.myself') }, ...speakFor.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        {speakFor.length ? (
          <p class="meta">
            <a href="/account/speaking-for">{ctx.t('organizations:speakingFor.change')}</a>
          </p>
        ) : (
          ''
        )}
        <div class="actions">
          <button type="submit" name="intent" value="publish">
            {ctx.t('consultations:contribution.publish')}
          </button>{' '}
          <button type="submit" name="intent" value="preview" class="secondary">
            {ctx.t('consultations:contribution.preview')}
          </button>{' '}
          {canDraft ? (
            <button type="submit" name="intent" value="draft" class="secondary outline">
              {ctx.t('consultations:contribution.saveDraft')}
            </button>
          ) : (
            ''
          )}
        </div>
      </form>
    </Layout>
  );
}

interface ConsultationFormProps {
  ctx: ViewContext;
  form: FormState;
  choices: Organizer[];
  consultation?: Consultation;
  themeForm?: FormState;
  coverForm?: FormState;
  /** editing: the tab shown (manage.tsx) */
  tab?: ManageTab;
  /** editing: the phases whose synthesis is published */
  synthesized?: Set<number>;
}

/** Creating a consultation, or editing one, its cover, phases, themes and syntheses each under a tab. */
export function ConsultationFormPage({ ctx, form, choices, consultation, themeForm = emptyForm, coverForm = emptyForm, tab = 'general', synthesized = new Set() }: ConsultationFormProps) {
  const labels = {
    title: ctx.ta('consultations:field.title'),
    description: ctx.ta('consultations:field.description'),
    organizers: ctx.ta('consultations:field.organizers'),
    territoryCodes: ctx.ta('consultations:field.territoryCodes'),
  };
  const heading = consultation ? ctx.ta('consultations:manage.editTitle', { title: consultation.title }) : ctx.ta('consultations:manage.newTitle');
  const action = consultation ? `/consultations/${consultation.slug}/edit` : '/consultations/new';
  const crumbs: Crumb[] = [{ href: '/consultations', label: ctx.ta('consultations:list.title') }];
  if (consultation) crumbs.push({ href: `/consultations/${consultation.slug}`, label: consultation.title });
  const tabs = manageTabs(ctx);
  return (
    <Layout ctx={ctx} title={consultation ? manageTitle(heading, tabs, tab) : shortTitle(heading)} crumbs={[...crumbs, { label: heading }]} noindex>
      <h1 safe>{heading}</h1>
      {consultation && consultation.publishedAt === null ? <DraftBanner ctx={ctx} consultation={consultation} /> : ''}
      {consultation ? <Tabs ctx={ctx} base={managePath(consultation)} tabs={tabs} current={tab} label={ctx.ta('consultations:manage.tabsLabel')} /> : ''}
      {consultation && tab !== 'general' ? (
        <ManagePanel ctx={ctx} consultation={consultation} tab={tab} themeForm={themeForm} coverForm={coverForm} synthesized={synthesized} />
      ) : (
        <>
          <ErrorSummary ctx={ctx} form={form} labels={labels} />
          <form method="post" action={action} novalidate>
            <CsrfField ctx={ctx} />
            <Field ctx={ctx} form={form} name="title" label={labels.title} required maxlength={140} />
            <TextArea ctx={ctx} form={form} name="description" label={labels.description} hint={ctx.ta('form.markdownHint')} required rows={10} />
            <Checkboxes ctx={ctx} form={form} name="organizers" legend={labels.organizers} options={choices.map((o) => ({ value: String(o.id), label: o.name }))} />
            <TerritoryList ctx={ctx} form={form} name="territoryCodes" legend={labels.territoryCodes} hint={ctx.ta('consultations:field.territoryCodesHint')} {...codesState(form.values)} />
            <button type="submit">{ctx.t('form.save')}</button>
          </form>
          {consultation && consultation.phases.length === 0 ? <AddPhaseLink ctx={ctx} consultation={consultation} /> : ''}
        </>
      )}
    </Layout>
  );
}

function PhaseFields({ ctx, form, action }: { ctx: ViewContext; form: FormState; action: string }) {
  const labels = {
    title: ctx.ta('consultations:field.phaseTitle'),
    question: ctx.ta('consultations:field.question'),
    startsAt: ctx.ta('consultations:field.startsAt'),
    endsAt: ctx.ta('consultations:field.endsAt'),
    kinds: ctx.ta('consultations:field.kinds'),
    commentsOpenUntil: ctx.ta('consultations:field.commentsOpenUntil'),
  };
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="title" label={labels.title} required maxlength={140} />
        <TextArea ctx={ctx} form={form} name="question" label={labels.question} required rows={2} maxlength={500} />
        <Field ctx={ctx} form={form} name="startsAt" label={labels.startsAt} type="datetime-local" hint={ctx.ta('consultations:field.parisTime')} required />
        <Field ctx={ctx} form={form} name="endsAt" label={labels.endsAt} type="datetime-local" required />
        <Checkboxes ctx={ctx} form={form} name="kinds" legend={labels.kinds} options={contributionKinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))} />
        <Field ctx={ctx} form={form} name="commentsOpenUntil" label={labels.commentsOpenUntil} type="datetime-local" />
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
    </>
  );
}

/** Adding a phase (after the last one), or editing one. */
export function PhaseFormPage({ ctx, form, consultation, phase }: { ctx: ViewContext; form: FormState; consultation: Consultation; phase?: Phase }) {
  const heading = phase ? ctx.ta('consultations:manage.editPhase', { title: phase.title }) : ctx.ta('consultations:manage.addPhase');
  const base = `/consultations/${consultation.slug}/phases`;
  return (
    <Layout
      ctx={ctx}
      title={shortTitle(heading)}
      crumbs={[{ href: '/consultations', label: ctx.ta('consultations:list.title') }, { href: `/consultations/${consultation.slug}/edit`, label: consultation.title }, { label: heading }]}
      noindex
    >
      <h1 safe>{heading}</h1>
      <PhaseFields ctx={ctx} form={form} action={phase ? `${base}/${phase.position}/edit` : base} />
    </Layout>
  );
}
