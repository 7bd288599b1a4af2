// Creating and editing an organization; on the edit page also its logo and the verification of its type.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkboxes, CsrfField, DefaultButton, ErrorSummary, Field, Select, TextArea, emptyForm, messageKey, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Territory } from '../../territories/data.ts';
import { TerritoryPicker } from '../../territories/views.tsx';
import type { Organization } from '../service.ts';
import { domainOptions, logoUrl, typeOptions } from './components.tsx';

export interface TerritoryState {
  current?: Territory;
  matches: Territory[];
  query?: string;
}

interface FormPageProps {
  ctx: ViewContext;
  form: FormState;
  territory: TerritoryState;
  /** absent when creating */
  org?: Organization;
  logoForm?: FormState;
  registerAvailable?: boolean;
}

const label = (ctx: ViewContext, name: string) => ctx.ta(`organizations:field.${name}`);

function LogoSection({ ctx, org, form }: { ctx: ViewContext; org: Organization; form: FormState }) {
  const logo = logoUrl(org);
  const error = form.errors.logo;
  return (
    <section aria-labelledby="logo-title">
      <h2 id="logo-title">{ctx.t('organizations:logo.title')}</h2>
      {logo ? <img src={logo} alt={ctx.ta('organizations:page.logoAlt', { name: org.name })} class="logo" /> : <p>{ctx.t('organizations:logo.none')}</p>}
      <ErrorSummary ctx={ctx} form={form} labels={{ logo: label(ctx, 'logo') }} />
      <form method="post" action={`/organizations/${org.slug}/logo`} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <label for="field-logo">
          {ctx.t('organizations:field.logo')}
          <input
            type="file"
            id="field-logo"
            name="logo"
            accept="image/png,image/jpeg,image/webp"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'hint-logo error-logo' : 'hint-logo'}
          />
          <small id="hint-logo">{ctx.t('organizations:logo.hint')}</small>
          {error ? (
            <small id="error-logo" class="field-error">
              {ctx.t(messageKey(error.key), error.values)}
            </small>
          ) : (
            ''
          )}
        </label>
        <button type="submit">{ctx.t('organizations:logo.submit')}</button>
      </form>
    </section>
  );
}

function VerifySection({ ctx, org, registerAvailable }: { ctx: ViewContext; org: Organization; registerAvailable: boolean }) {
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{ctx.t('organizations:verify.title')}</h2>
      <p>{ctx.t(org.verifiedAt ? 'organizations:verify.done' : 'organizations:verify.intro')}</p>
      {registerAvailable ? (
        <form method="post" action={`/organizations/${org.slug}/siret/verify`}>
          <CsrfField ctx={ctx} />
          <button type="submit">
            {ctx.t('organizations:verify.submit')}
          </button>
        </form>
      ) : (
        <p>{ctx.t('organizations:verify.unavailable')}</p>
      )}
    </section>
  );
}

export function OrganizationFormPage({ ctx, form, territory, org, logoForm = emptyForm, registerAvailable = false }: FormPageProps) {
  const editing = org !== undefined;
  const title = editing ? ctx.ta('organizations:form.editTitle', { name: org.name }) : ctx.ta('organizations:form.newTitle');
  const action = editing ? `/organizations/${org.slug}/edit` : '/organizations/new';
  const crumbs = editing
    ? [{ href: '/organizations', label: ctx.ta('organizations:directory.title') }, { href: `/organizations/${org.slug}`, label: org.name }, { label: ctx.ta('organizations:form.edit') }]
    : [{ href: '/organizations', label: ctx.ta('organizations:directory.title') }, { label: title }];
  const labels = Object.fromEntries(['name', 'type', 'description', 'website', 'domains', 'territory', 'siret'].map((n) => [n, label(ctx, n)]));
  const submit = editing ? ctx.t('form.save') : ctx.t('organizations:form.create');
  return (
    <Layout ctx={ctx} title={title} crumbs={crumbs} noindex>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} novalidate>
        <DefaultButton>{submit}</DefaultButton>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="name" label={labels.name!} required maxlength={120} autocomplete="organization" />
        <Select ctx={ctx} form={form} name="type" label={labels.type!} hint={ctx.ta('organizations:hint.type')} required options={typeOptions(ctx)} placeholder={ctx.ta('organizations:form.chooseType')} />
        <TextArea ctx={ctx} form={form} name="description" label={labels.description!} maxlength={5000} rows={6} />
        <Field ctx={ctx} form={form} name="website" type="url" label={labels.website!} hint={ctx.ta('organizations:hint.website')} maxlength={500} autocomplete="url" inputmode="url" />
        <Checkboxes ctx={ctx} form={form} name="domains" legend={labels.domains!} options={domainOptions(ctx)} />
        <TerritoryPicker ctx={ctx} form={form} current={territory.current} matches={territory.matches} query={territory.query} />
        <Field ctx={ctx} form={form} name="siret" label={labels.siret!} hint={ctx.ta('organizations:hint.siret')} inputmode="numeric" maxlength={20} />
        <button type="submit">{submit}</button>
      </form>
      {editing ? <LogoSection ctx={ctx} org={org} form={logoForm} /> : ''}
      {editing ? <VerifySection ctx={ctx} org={org} registerAvailable={registerAvailable} /> : ''}
    </Layout>
  );
}
