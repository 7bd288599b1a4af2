// What organizers see to prepare a consultation: the draft's banner, the confirmation to publish, the phases with
// their move and delete buttons, the themes with rename and delete, and the pages confirming a deletion. Every action
// is a plain form: nothing here needs JavaScript.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../../platform/views/form.tsx';
import { Layout, type Crumb } from '../../../platform/views/layout.tsx';
import type { Consultation, Phase, Theme } from '../service.ts';
import { shortTitle } from './components.tsx';
import { managePath } from './manage-tabs.ts';

const base = (c: Consultation) => `/consultations/${c.slug}`;

/** Above every page of a draft, for the organizers who alone see it. */
export function DraftBanner({ ctx, consultation }: { ctx: ViewContext; consultation: Consultation }) {
  return (
    <section class="notice draft-banner" aria-labelledby="draft-banner-title">
      <h2 id="draft-banner-title">{ctx.t('consultations:drafting.banner.title')}</h2>
      <p>{ctx.t('consultations:drafting.banner.explain')}</p>
      <p>
        <a href={`${base(consultation)}/publish`} class="button">
          {ctx.t('consultations:drafting.publish')}
        </a>
      </p>
    </section>
  );
}

const manageCrumbs = (ctx: ViewContext, c: Consultation): Crumb[] => [
  { href: '/consultations', label: ctx.ta('consultations:list.title') },
  { href: base(c), label: c.title },
  { href: `${base(c)}/edit`, label: ctx.ta('consultations:manage.edit') },
];

/** Publishing asks once, and says what it changes. */
export function PublishPage({ ctx, consultation }: { ctx: ViewContext; consultation: Consultation }) {
  const heading = ctx.ta('consultations:drafting.confirm.title', { title: consultation.title });
  const published = consultation.publishedAt !== null;
  return (
    <Layout ctx={ctx} title={shortTitle(heading)} crumbs={[...manageCrumbs(ctx, consultation), { label: ctx.ta('consultations:drafting.publish') }]} noindex>
      <h1 safe>{heading}</h1>
      {published ? (
        <p>{ctx.t('consultations:drafting.confirm.already')}</p>
      ) : (
        <>
          <p>{ctx.t('consultations:drafting.confirm.explain')}</p>
          {consultation.phases.length === 0 ? <p class="notice">{ctx.t('consultations:drafting.confirm.noPhase')}</p> : ''}
          <form method="post" action={`${base(consultation)}/publish`}>
            <CsrfField ctx={ctx} />
            <button type="submit">{ctx.t('consultations:drafting.confirm.submit')}</button> <a href={base(consultation)}>{ctx.t('consultations:drafting.cancel')}</a>
          </form>
        </>
      )}
    </Layout>
  );
}

/** The phases in order on the management page, each with what may be done to it. */
export function PhaseList({ ctx, consultation }: { ctx: ViewContext; consultation: Consultation }) {
  const list = consultation.phases;
  return (
    <ol class="arrange">
      {list.map((p, i) => {
        const path = `${base(consultation)}/phases/${p.position}`;
        return (
          <li>
            <a href={`${path}/edit`} safe>
              {p.title}
            </a>{' '}
            {i > 0 ? <MoveButton ctx={ctx} path={path} phase={p} direction="up" /> : ''}
            {i < list.length - 1 ? <MoveButton ctx={ctx} path={path} phase={p} direction="down" /> : ''}
            <a href={`${path}/delete`} aria-label={ctx.ta('consultations:drafting.phase.deleteNamed', { title: p.title })}>
              {ctx.t('consultations:drafting.delete')}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

function MoveButton({ ctx, path, phase, direction }: { ctx: ViewContext; path: string; phase: Phase; direction: 'up' | 'down' }) {
  return (
    <form method="post" action={`${path}/move`} class="inline">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="secondary outline" aria-label={ctx.ta(`consultations:drafting.phase.${direction}Named`, { title: phase.title })}>
        {ctx.t(`consultations:drafting.phase.${direction}`)}
      </button>{' '}
    </form>
  );
}

export function ThemeList({ ctx, consultation }: { ctx: ViewContext; consultation: Consultation }) {
  return (
    <ul class="arrange">
      {consultation.themes.map((t) => {
        const path = `${base(consultation)}/themes/${encodeURIComponent(t.slug)}`;
        return (
          <li>
            <span safe>{t.label}</span> <a href={`${path}/edit`} aria-label={ctx.ta('consultations:drafting.theme.renameNamed', { label: t.label })}>{ctx.t('consultations:drafting.theme.rename')}</a>{' '}
            <a href={`${path}/delete`} aria-label={ctx.ta('consultations:drafting.theme.deleteNamed', { label: t.label })}>
              {ctx.t('consultations:drafting.delete')}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function ThemeRenamePage({ ctx, consultation, theme, form }: { ctx: ViewContext; consultation: Consultation; theme: Theme; form: FormState }) {
  const heading = ctx.ta('consultations:drafting.theme.renameTitle', { label: theme.label });
  const label = ctx.ta('consultations:drafting.theme.label');
  return (
    <Layout ctx={ctx} title={shortTitle(heading)} crumbs={[...manageCrumbs(ctx, consultation), { label: heading }]} noindex>
      <h1 safe>{heading}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ label }} />
      <form method="post" action={`${base(consultation)}/themes/${encodeURIComponent(theme.slug)}/edit`} novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="label" label={label} hint={ctx.ta('consultations:drafting.theme.renameHint')} required maxlength={80} />
        <button type="submit">{ctx.t('form.save')}</button> <a href={managePath(consultation, 'themes')}>{ctx.t('consultations:drafting.cancel')}</a>
      </form>
    </Layout>
  );
}

interface DeletePageProps {
  ctx: ViewContext;
  consultation: Consultation;
  heading: string;
  /** what the deletion does, or why it is refused */
  explain: string;
  action: string;
  /** refused: the page says why and offers no button */
  refused?: boolean;
  /** the management tab the page came from, where "cancel" goes back to */
  tab: 'phases' | 'themes';
}

/** Confirming a deletion: what goes with it, or why it cannot be done. */
export function DeletePage({ ctx, consultation, heading, explain, action, refused, tab }: DeletePageProps) {
  return (
    <Layout ctx={ctx} title={shortTitle(heading)} crumbs={[...manageCrumbs(ctx, consultation), { label: heading }]} noindex>
      <h1 safe>{heading}</h1>
      {refused ? (
        <p class="notice" role="alert" safe>
          {explain}
        </p>
      ) : (
        <>
          <p safe>{explain}</p>
          <form method="post" action={action}>
            <CsrfField ctx={ctx} />
            <button type="submit">{ctx.t('consultations:drafting.confirmDelete')}</button> <a href={managePath(consultation, tab)}>{ctx.t('consultations:drafting.cancel')}</a>
          </form>
        </>
      )}
      {refused ? (
        <p>
          <a href={managePath(consultation, tab)}>{ctx.t('consultations:drafting.back')}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
