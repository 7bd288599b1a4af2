// Pages for getting in: register, sign in, check your mail, confirm an address, forgotten and new password.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, emptyForm, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { FormTrap } from '../../moderation/views/trap.tsx';

function labels(ctx: ViewContext, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, ctx.ta(`accounts:field.${n}`)]));
}

/** The way in through ProConnect, on the sign-in and registration pages, when this instance is configured for it. */
export function ProConnectButton({ ctx, next }: { ctx: ViewContext; next?: string }) {
  if (!ctx.proconnect) return '';
  const href = next && next !== '/' ? `/auth/proconnect?next=${encodeURIComponent(next)}` : '/auth/proconnect';
  return (
    <>
      <p>
        <a href={href} class="button">
          {ctx.t('proconnect:button.label')}
        </a>
      </p>
      <p>
        <small>
          {ctx.t('proconnect:button.charterBefore')} <a href="/pages/charter">{ctx.t('proconnect:button.charterLink')}</a>.{' '}
          <a href="https://www.proconnect.gouv.fr/">{ctx.t('proconnect:button.what')}</a>
        </small>
      </p>
      <p>{ctx.t('proconnect:button.or')}</p>
    </>
  );
}

export function RegisterPage({ ctx, form = emptyForm }: { ctx: ViewContext; form?: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:register.title')} noindex>
      <article class="narrow">
        <h1>{ctx.t('accounts:register.title')}</h1>
        <p>{ctx.t('accounts:register.intro')}</p>
        <ErrorSummary ctx={ctx} form={form} labels={labels(ctx, ['email', 'displayName', 'password', 'charter'])} />
        <ProConnectButton ctx={ctx} />
        <form method="post" action="/register" novalidate>
          <CsrfField ctx={ctx} />
          <FormTrap ctx={ctx} form={form} />
          <Field ctx={ctx} form={form} name="email" type="email" label={ctx.ta('accounts:field.email')} required autocomplete="email" maxlength={254} />
          <Field ctx={ctx} form={form} name="displayName" label={ctx.ta('accounts:field.displayName')} hint={ctx.ta('accounts:hint.displayName')} required autocomplete="name" maxlength={80} />
          <Field ctx={ctx} form={form} name="password" type="password" label={ctx.ta('accounts:field.password')} hint={ctx.ta('accounts:hint.password')} required autocomplete="new-password" keep={false} maxlength={128} />
          <Checkbox
            ctx={ctx}
            form={form}
            name="charter"
            required
            label={
              <>
                {ctx.t('accounts:register.charterBefore')} <a href="/pages/charter">{ctx.t('accounts:register.charterLink')}</a>
              </>
            }
          />
          <button type="submit">{ctx.t('accounts:register.submit')}</button>
        </form>
        <p>
          {ctx.t('accounts:register.already')} <a href="/login">{ctx.t('nav.login')}</a>
        </p>
      </article>
    </Layout>
  );
}

export function CheckMailPage({ ctx, reason }: { ctx: ViewContext; reason: 'register' | 'reset' | 'unverified' | 'emailChange' }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:checkMail.title')} noindex>
      <article class="narrow">
        <h1>{ctx.t('accounts:checkMail.title')}</h1>
        <p role="status">{ctx.t(`accounts:checkMail.${reason}`)}</p>
        <p>{ctx.t('accounts:checkMail.spam')}</p>
      </article>
    </Layout>
  );
}

export function LoginPage({ ctx, form = emptyForm, next, failed }: { ctx: ViewContext; form?: FormState; next?: string; failed?: boolean }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:login.title')} noindex>
      <article class="narrow">
        <h1>{ctx.t('accounts:login.title')}</h1>
        {failed ? (
          <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
            <p>{ctx.t('accounts:login.failed')}</p>
          </div>
        ) : (
          <ErrorSummary ctx={ctx} form={form} labels={labels(ctx, ['email', 'password'])} />
        )}
        <ProConnectButton ctx={ctx} next={next} />
        <form method="post" action="/login" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next ?? '/'} />
          <Field ctx={ctx} form={form} name="email" type="email" label={ctx.ta('accounts:field.email')} required autocomplete="username" maxlength={254} />
          <Field ctx={ctx} form={form} name="password" type="password" label={ctx.ta('accounts:field.password')} required autocomplete="current-password" keep={false} maxlength={128} />
          <button type="submit">{ctx.t('accounts:login.submit')}</button>
        </form>
        <p>
          <a href="/password/forgot">{ctx.t('accounts:login.forgot')}</a>
        </p>
        <p>
          {ctx.t('accounts:login.noAccount')} <a href="/register">{ctx.t('nav.register')}</a>
        </p>
      </article>
    </Layout>
  );
}

/** Following a mail link shows a button: a mail scanner that fetches the link changes nothing. */
export function ConfirmTokenPage({ ctx, token, change, form = emptyForm }: { ctx: ViewContext; token: string; change: boolean; form?: FormState }) {
  const key = change ? 'confirmChange' : 'confirm';
  return (
    <Layout ctx={ctx} title={ctx.ta(`accounts:${key}.title`)} noindex>
      <article class="narrow">
        <h1>{ctx.t(`accounts:${key}.title`)}</h1>
        <ErrorSummary ctx={ctx} form={form} labels={{ token: ctx.ta('accounts:field.link') }} />
        <p>{ctx.t(`accounts:${key}.intro`)}</p>
        <form method="post" action={change ? '/account/email/confirm' : '/verify'}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} id="field-token" />
          <button type="submit">{ctx.t(`accounts:${key}.submit`)}</button>
        </form>
      </article>
    </Layout>
  );
}

export function ForgotPage({ ctx, form = emptyForm }: { ctx: ViewContext; form?: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:forgot.title')} noindex>
      <article class="narrow">
        <h1>{ctx.t('accounts:forgot.title')}</h1>
        <p>{ctx.t('accounts:forgot.intro')}</p>
        <ErrorSummary ctx={ctx} form={form} labels={labels(ctx, ['email'])} />
        <form method="post" action="/password/forgot" novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={form} name="email" type="email" label={ctx.ta('accounts:field.email')} required autocomplete="email" maxlength={254} />
          <button type="submit">{ctx.t('accounts:forgot.submit')}</button>
        </form>
      </article>
    </Layout>
  );
}

export function ResetPage({ ctx, token, form = emptyForm }: { ctx: ViewContext; token: string; form?: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('accounts:reset.title')} noindex>
      <article class="narrow">
        <h1>{ctx.t('accounts:reset.title')}</h1>
        <ErrorSummary ctx={ctx} form={form} labels={{ ...labels(ctx, ['password']), token: ctx.ta('accounts:field.link') }} />
        <form method="post" action="/password/reset" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} id="field-token" />
          <Field ctx={ctx} form={form} name="password" type="password" label={ctx.ta('accounts:field.newPassword')} hint={ctx.ta('accounts:hint.password')} required autocomplete="new-password" keep={false} maxlength={128} />
          <button type="submit">{ctx.t('accounts:reset.submit')}</button>
        </form>
      </article>
    </Layout>
  );
}
