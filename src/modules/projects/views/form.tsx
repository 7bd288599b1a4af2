// Creating and editing a project.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkboxes, CsrfField, DefaultButton, ErrorSummary, Field, Select, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { TerritoryPicker } from '../../territories/views.tsx';
import type { TerritoryState } from '../../organizations/views/form.tsx';
import type { OrganizationRef, Project } from '../service.ts';
import { domainOptions, stageOptions, visibilityOptions, pageTitle } from './components.tsx';
import { LocationPicker } from './map.tsx';

const fieldNames = ['title', 'organization', 'context', 'problem', 'expected', 'territory', 'latitude', 'longitude', 'domains', 'stage', 'timeline', 'deadline', 'budgetMin', 'budgetMax', 'visibility', 'invited'];

export function ProjectFormPage({ ctx, form, territory, choices, project, mapTiles }: { ctx: ViewContext; form: FormState; territory: TerritoryState; choices: OrganizationRef[]; project?: Project; mapTiles?: string }) {
  const title = project ? ctx.ta('projects:form.editTitle', { title: project.title }) : ctx.ta('projects:form.newTitle');
  const action = project ? `/projects/${project.id}/edit` : '/projects/new';
  const labels = Object.fromEntries(fieldNames.map((n) => [n, ctx.ta(`projects:field.${n}`)]));
  const crumbs = project
    ? [{ href: '/projects', label: ctx.ta('projects:list.title') }, { href: `/projects/${project.id}`, label: project.title }, { label: ctx.ta('projects:manage.edit') }]
    : [{ href: '/projects', label: ctx.ta('projects:list.title') }, { label: title }];
  const submit = project ? ctx.t('form.save') : ctx.t('projects:form.create');
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={crumbs} noindex>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} novalidate>
        <DefaultButton>{submit}</DefaultButton>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="title" label={labels.title!} required maxlength={200} />
        {project ? (
          <input type="hidden" name="organization" value={String(project.ownerOrganizationId)} />
        ) : (
          <Select ctx={ctx} form={form} name="organization" label={labels.organization!} required options={choices.map((c) => ({ value: String(c.id), label: c.name }))} hint={ctx.ta('projects:hint.organization')} />
        )}
        <TextArea ctx={ctx} form={form} name="context" label={labels.context!} hint={ctx.ta('projects:hint.markdown')} maxlength={10000} rows={5} />
        <TextArea ctx={ctx} form={form} name="problem" label={labels.problem!} required maxlength={10000} rows={6} />
        <TextArea ctx={ctx} form={form} name="expected" label={labels.expected!} maxlength={10000} rows={5} />
        <TerritoryPicker ctx={ctx} form={form} current={territory.current} matches={territory.matches} query={territory.query} />
        <Field ctx={ctx} form={form} name="latitude" label={labels.latitude!} hint={ctx.ta('projects:hint.point')} inputmode="decimal" maxlength={20} />
        <Field ctx={ctx} form={form} name="longitude" label={labels.longitude!} inputmode="decimal" maxlength={20} />
        <LocationPicker ctx={ctx} tiles={mapTiles} />
        <Checkboxes ctx={ctx} form={form} name="domains" legend={labels.domains!} options={domainOptions(ctx)} />
        <Select ctx={ctx} form={form} name="stage" label={labels.stage!} required options={stageOptions(ctx)} />
        <Field ctx={ctx} form={form} name="timeline" label={labels.timeline!} hint={ctx.ta('projects:hint.timeline')} maxlength={500} />
        <Field ctx={ctx} form={form} name="deadline" type="datetime-local" label={labels.deadline!} hint={ctx.ta('projects:hint.deadline')} />
        <Field ctx={ctx} form={form} name="budgetMin" label={labels.budgetMin!} hint={ctx.ta('projects:hint.euros')} inputmode="numeric" maxlength={20} />
        <Field ctx={ctx} form={form} name="budgetMax" label={labels.budgetMax!} inputmode="numeric" maxlength={20} />
        <Select ctx={ctx} form={form} name="visibility" label={labels.visibility!} required options={visibilityOptions(ctx)} hint={ctx.ta('projects:hint.visibility')} />
        <TextArea ctx={ctx} form={form} name="invited" label={labels.invited!} hint={ctx.ta('projects:hint.invited')} maxlength={4000} rows={3} />
        <button type="submit">{submit}</button>
      </form>
    </Layout>
  );
}
