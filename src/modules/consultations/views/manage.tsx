// The consultation's management page split into tabs (each its own address, platform/views/tabs.tsx): the general
// form stays in forms.tsx, the other tabs are here — the cover, the phases, the themes and the syntheses to write.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, FileField, type FormState } from '../../../platform/views/form.tsx';
import type { Tab } from '../../../platform/views/tabs.tsx';
import { phaseStatus } from '../phases.ts';
import type { Consultation } from '../service.ts';
import { PhaseList, ThemeList } from './arrange.tsx';
import { shortTitle } from './components.tsx';
import { managePath, type ManageTab } from './manage-tabs.ts';

/** Each tab's title names it, so the browser's history and tabs tell them apart (70 characters with " · Parvis"). */
export function manageTitle(heading: string, tabs: Tab<ManageTab>[], tab: ManageTab): string {
  if (tab === 'general') return shortTitle(heading);
  const label = tabs.find((t) => t.id === tab)!.label;
  return `${shortTitle(heading, 58 - label.length)} — ${label}`;
}

interface PanelProps {
  ctx: ViewContext;
  consultation: Consultation;
  tab: Exclude<ManageTab, 'general'>;
  themeForm: FormState;
  coverForm: FormState;
  /** the phases whose synthesis is published */
  synthesized: Set<number>;
}

export function ManagePanel(props: PanelProps) {
  const { ctx, consultation, tab } = props;
  const title = <h2 id={`${tab}-title`}>{ctx.t(`consultations:manage.tab.${tab}`)}</h2>;
  return (
    <section aria-labelledby={`${tab}-title`}>
      {title}
      {tab === 'cover' ? <CoverPanel ctx={ctx} consultation={consultation} form={props.coverForm} /> : ''}
      {tab === 'phases' ? <PhasesPanel ctx={ctx} consultation={consultation} /> : ''}
      {tab === 'themes' ? <ThemesPanel ctx={ctx} consultation={consultation} form={props.themeForm} /> : ''}
      {tab === 'syntheses' ? <SynthesesPanel ctx={ctx} consultation={consultation} synthesized={props.synthesized} /> : ''}
    </section>
  );
}

/** Where a consultation without phases says what to do next, so the organizer need not look for the tab. */
export function AddPhaseLink({ ctx, consultation }: { ctx: ViewContext; consultation: Consultation }) {
  return (
    <p>
      <a href={`/consultations/${consultation.slug}/phases/new`}>{ctx.t('consultations:manage.addPhase')}</a>
    </p>
  );
}

function CoverPanel({ ctx, consultation, form }: { ctx: ViewContext; consultation: Consultation; form: FormState }) {
  const scoped = { ...form, idPrefix: 'cover-' };
  return (
    <>
      {consultation.coverFileId ? <img src={`/consultations/${consultation.slug}/cover?v=${consultation.coverFileId}`} alt={ctx.ta('consultations:cover.current')} class="cover-preview" /> : <p>{ctx.t('consultations:cover.none')}</p>}
      <ErrorSummary ctx={ctx} form={scoped} labels={{ cover: ctx.ta('consultations:cover.field') }} />
      <form method="post" action={`/consultations/${consultation.slug}/cover`} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <FileField ctx={ctx} form={scoped} name="cover" label={ctx.ta('consultations:cover.field')} hint={ctx.ta('consultations:cover.hint')} accept="image/png,image/jpeg,image/webp" required />
        <button type="submit">{ctx.t('consultations:cover.submit')}</button>
      </form>
    </>
  );
}

function PhasesPanel({ ctx, consultation }: { ctx: ViewContext; consultation: Consultation }) {
  return (
    <>
      {consultation.phases.length === 0 ? <p>{ctx.t('consultations:consultation.noPhase')}</p> : <PhaseList ctx={ctx} consultation={consultation} />}
      <AddPhaseLink ctx={ctx} consultation={consultation} />
    </>
  );
}

function ThemesPanel({ ctx, consultation, form }: { ctx: ViewContext; consultation: Consultation; form: FormState }) {
  const label = ctx.ta('consultations:field.themeLabel');
  return (
    <>
      <ThemeList ctx={ctx} consultation={consultation} />
      <ErrorSummary ctx={ctx} form={form} labels={{ label }} />
      <form method="post" action={`/consultations/${consultation.slug}/themes`} novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="label" label={label} required maxlength={80} />
        <button type="submit">{ctx.t('consultations:manage.addTheme')}</button>
      </form>
    </>
  );
}

/** Each phase's synthesis: read it once published, write it once the phase is closed, wait before. */
function SynthesesPanel({ ctx, consultation, synthesized }: { ctx: ViewContext; consultation: Consultation; synthesized: Set<number> }) {
  if (consultation.phases.length === 0) return <p>{ctx.t('consultations:consultation.noPhase')}</p>;
  return (
    <ul>
      {consultation.phases.map((phase) => {
        const state = synthesized.has(phase.id) ? 'published' : phaseStatus(phase) === 'closed' ? 'toWrite' : 'notClosed';
        return (
          <li>
            <a href={`/consultations/${consultation.slug}/phases/${phase.position}/synthesis`} safe>
              {phase.title}
            </a>{' '}
            <span class={`badge badge-synthesis-${state}`}>{ctx.t(`consultations:manage.syntheses.${state}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}
