// The person's own space: profile, e-mail address, password and personal API tokens.
import { dateFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, Select, TextArea, emptyForm, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { DataTable } from '../../../platform/views/table.tsx';

export interface AccountForms {
  profile?: FormState;
  email?: FormState;
  password?: FormState;
  remove?: FormState;
}

interface Profile {
  email: string;
  displayName: string;
  bio: string;
  locale: string;
}

const label = (ctx: ViewContext, name: string) => ctx.ta(`accounts:field.${name}`);

export function AccountPage({ ctx, profile, forms = {} }: { ctx: ViewContext; profile: Profile; forms?: AccountForms }) {
  const profileForm = forms.profile ?? { values: profile as unknown as Record<string, unknown>, errors: {} };
  // Three forms ask for the current password: each gets its own element ids.
  const emailForm = { ...(forms.email ?? emptyForm), idPrefix: 'email-' };
  const passwordForm = { ...(forms.password ?? emptyForm), idPrefix: 'password-' };
  const removeForm = { ...(forms.remove ?? emptyForm), idPrefix: 'delete-' };
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:account.title')} crumbs={[{ label: ctx.ta('accounts:account.title') }]} noindex>
      <h1>{ctx.t('accounts:account.title')}</h1>
      <p>
        <a href="/me">{ctx.t('me:title')}</a> · <a href="/account/speaking-for">{ctx.t('organizations:speakingFor.title')}</a> · <a href="/account/tokens">{ctx.t('accounts:tokens.title')}</a> · <a href="/account/notifications">{ctx.t('notifications:settings.title')}</a> ·{' '}
        <a href="/following">{ctx.t('notifications:following.title')}</a>
      </p>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{ctx.t('accounts:account.profile')}</h2>
        <ErrorSummary ctx={ctx} form={profileForm} labels={{ displayName: label(ctx, 'displayName'), bio: label(ctx, 'bio'), locale: label(ctx, 'locale') }} />
        <form method="post" action="/account" novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={profileForm} name="displayName" label={label(ctx, 'displayName')} required autocomplete="name" maxlength={80} />
          <TextArea ctx={ctx} form={profileForm} name="bio" label={label(ctx, 'bio')} maxlength={2000} rows={4} />
          <Select
            ctx={ctx}
            form={profileForm}
            name="locale"
            label={label(ctx, 'locale')}
            required
            options={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
          />
          <button type="submit">{ctx.t('form.save')}</button>
        </form>
      </section>
      <section aria-labelledby="email-title">
        <h2 id="email-title">{ctx.t('accounts:account.email')}</h2>
        <p>
          {ctx.t('accounts:account.currentEmail')} <strong safe>{profile.email}</strong>
        </p>
        <ErrorSummary ctx={ctx} form={emailForm} labels={{ newEmail: label(ctx, 'newEmail'), currentPassword: label(ctx, 'currentPassword') }} />
        <form method="post" action="/account/email" novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={emailForm} name="newEmail" type="email" label={label(ctx, 'newEmail')} required autocomplete="email" maxlength={254} />
          <Field ctx={ctx} form={emailForm} name="currentPassword" type="password" label={label(ctx, 'currentPassword')} required autocomplete="current-password" keep={false} />
          <button type="submit">{ctx.t('accounts:account.changeEmail')}</button>
        </form>
      </section>
      <section aria-labelledby="password-title">
        <h2 id="password-title">{ctx.t('accounts:account.password')}</h2>
        <ErrorSummary ctx={ctx} form={passwordForm} labels={{ currentPassword: label(ctx, 'currentPassword'), newPassword: label(ctx, 'newPassword') }} />
        <form method="post" action="/account/password" novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={passwordForm} name="currentPassword" type="password" label={label(ctx, 'currentPassword')} required autocomplete="current-password" keep={false} />
          <Field ctx={ctx} form={passwordForm} name="newPassword" type="password" label={label(ctx, 'newPassword')} hint={ctx.ta('accounts:hint.password')} required autocomplete="new-password" keep={false} maxlength={128} />
          <button type="submit">{ctx.t('accounts:account.changePassword')}</button>
        </form>
      </section>
      <section aria-labelledby="data-title">
        <h2 id="data-title">{ctx.t('accounts:account.data')}</h2>
        <p>{ctx.t('accounts:account.dataIntro')}</p>
        <p>
          <a href="/account/data" download="parvis-mes-donnees.json">
            {ctx.t('accounts:account.download')}
          </a>
        </p>
        <h3>{ctx.t('accounts:account.delete')}</h3>
        <p>{ctx.t('accounts:account.deleteIntro')}</p>
        <ErrorSummary ctx={ctx} form={removeForm} labels={{ currentPassword: label(ctx, 'currentPassword'), confirm: label(ctx, 'confirmDelete') }} />
        <form method="post" action="/account/delete" novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={removeForm} name="currentPassword" type="password" label={label(ctx, 'currentPassword')} required autocomplete="current-password" keep={false} />
          <Checkbox ctx={ctx} form={removeForm} name="confirm" required label={ctx.t('accounts:field.confirmDelete')} />
          <button type="submit" class="secondary">
            {ctx.t('accounts:account.deleteSubmit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  scopes: string[];
}

export function TokensPage({ ctx, tokens, created, form = emptyForm }: { ctx: ViewContext; tokens: TokenRow[]; created?: string; form?: FormState }) {
  const date = (d: Date | null) => (d ? dateFormat(ctx.locale, { timeZone: 'Europe/Paris', year: 'numeric', month: 'numeric', day: 'numeric' }).format(d) : ctx.ta('accounts:tokens.never'));
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:tokens.title')} crumbs={[{ href: '/account', label: ctx.ta('accounts:account.title') }, { label: ctx.ta('accounts:tokens.title') }]} noindex>
      <h1>{ctx.t('accounts:tokens.title')}</h1>
      <p>{ctx.t('accounts:tokens.intro')}</p>
      {created ? (
        <div class="flash flash-success" role="status">
          <p>{ctx.t('accounts:tokens.createdOnce')}</p>
          <p>
            <code safe>{created}</code>
          </p>
        </div>
      ) : (
        ''
      )}
      {tokens.length === 0 ? (
        <p>{ctx.t('accounts:tokens.none')}</p>
      ) : (
        <DataTable caption={ctx.t('accounts:tokens.caption')} headers={[ctx.t('accounts:field.tokenName'), ctx.t('accounts:tokens.prefix'), ctx.t('accounts:tokens.created'), ctx.t('accounts:tokens.lastUsed'), ctx.t('accounts:tokens.scopes'), ctx.t('accounts:tokens.actions')]}>
            {tokens.map((token) => (
              <tr>
                <td safe>{token.name}</td>
                <td>
                  <code safe>{`${token.prefix}…`}</code>
                </td>
                <td safe>{date(token.createdAt)}</td>
                <td safe>{date(token.lastUsedAt)}</td>
                <td safe>{ctx.ta(token.scopes.includes('write') ? 'accounts:tokens.scopeWrite' : 'accounts:tokens.scopeRead')}</td>
                <td>
                  <form method="post" action={`/account/tokens/${token.id}/revoke`} class="inline">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="secondary outline" aria-label={ctx.ta('accounts:tokens.revokeNamed', { name: token.name })}>
                      {ctx.t('accounts:tokens.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
        </DataTable>
      )}
      <h2>{ctx.t('accounts:tokens.new')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={{ name: ctx.ta('accounts:field.tokenName') }} />
      <form method="post" action="/account/tokens" novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="name" label={ctx.ta('accounts:field.tokenName')} required maxlength={60} />
        <Select
          ctx={ctx}
          form={form.values.scope ? form : { ...form, values: { ...form.values, scope: 'write' } }}
          name="scope"
          label={ctx.ta('accounts:tokens.scope')}
          options={[
            { value: 'write', label: ctx.ta('accounts:tokens.scopeWrite') },
            { value: 'read', label: ctx.ta('accounts:tokens.scopeRead') },
          ]}
        />
        <button type="submit">{ctx.t('accounts:tokens.create')}</button>
      </form>
    </Layout>
  );
}
