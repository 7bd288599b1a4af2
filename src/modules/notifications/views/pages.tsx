// The other pages of notifications: what I follow (and stop following), my e-mail choices per kind, and the
// confirmation of a one-click unsubscribe opened from a mail.
import { dateFormat, formatLocale } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Select, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { TargetLabel } from '../follows.ts';
import { kindNames, kinds, type Kind } from '../kinds.ts';
import { channels } from '../schema.ts';

export function FollowingPage({ ctx, follows }: { ctx: ViewContext; follows: (TargetLabel & { auto: boolean; since: Date })[] }): JSX.Element {
  const title = ctx.ta('notifications:following.title');
  const since = (d: Date) => dateFormat(formatLocale(ctx.locale), { dateStyle: 'medium', timeZone: 'Europe/Paris' }).format(d);
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/notifications', label: ctx.ta('notifications:list.title') }, { label: title }]} noindex>
      <h1>{ctx.t('notifications:following.title')}</h1>
      <p>{ctx.t('notifications:following.intro')}</p>
      {follows.length === 0 ? (
        <p>{ctx.t('notifications:following.none')}</p>
      ) : (
        <ul class="following">
          {follows.map((f) => (
            <li>
              <span class="badge">{ctx.t(`notifications:target.${f.type}`)}</span> <a href={f.href} safe>{f.label}</a>
              {f.context ? (
                <small>
                  {' '}
                  — <span safe>{f.context}</span>
                </small>
              ) : (
                ''
              )}
              <br />
              <small>{ctx.t(f.auto ? 'notifications:following.auto' : 'notifications:following.since', { date: since(f.since) })}</small>{' '}
              <form method="post" action="/follow" class="inline">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="target" value={f.target} />
                <input type="hidden" name="follow" value="0" />
                <input type="hidden" name="next" value="/following" />
                <button type="submit" class="secondary outline">
                  {ctx.t('notifications:follow.stop')}
                  <span class="visually-hidden" safe>{` ${f.label}`}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function SettingsPage({ ctx, form }: { ctx: ViewContext; form: FormState }): JSX.Element {
  const title = ctx.ta('notifications:settings.title');
  const options = channels.map((c) => ({ value: c, label: ctx.ta(`notifications:channel.${c}`) }));
  const group = (about: 'own' | 'followed') => kindNames.filter((k) => kinds[k].about === about);
  const labels = Object.fromEntries(kindNames.map((k) => [k, ctx.ta(`notifications:kind.${k}.label`)]));
  const fieldset = (about: 'own' | 'followed') => (
    <fieldset>
      <legend>{ctx.t(`notifications:settings.${about}`)}</legend>
      {group(about).map((k: Kind) => (
        <Select ctx={ctx} form={form} name={k} label={labels[k]!} hint={ctx.ta(`notifications:kind.${k}.hint`)} options={options} required />
      ))}
    </fieldset>
  );
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/account', label: ctx.ta('accounts:account.title') }, { label: title }]} noindex>
      <h1>{ctx.t('notifications:settings.title')}</h1>
      <p>{ctx.t('notifications:settings.intro')}</p>
      <p>
        <small>{ctx.t('notifications:settings.schedule')}</small>
      </p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action="/account/notifications" novalidate class="notification-settings">
        <CsrfField ctx={ctx} />
        {fieldset('own')}
        {fieldset('followed')}
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
      <p>
        <a href="/following">{ctx.t('notifications:following.title')}</a>
      </p>
    </Layout>
  );
}

export function UnsubscribePage({ ctx, token, scopeLabel, done }: { ctx: ViewContext; token: string; scopeLabel: string; done: boolean }): JSX.Element {
  const title = ctx.ta('notifications:unsubscribe.title');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="narrow">
        <h1>{ctx.t('notifications:unsubscribe.title')}</h1>
        {done ? (
          <>
            <p role="status">{ctx.t('notifications:unsubscribe.done', { what: scopeLabel })}</p>
            <p>
              <a href="/account/notifications">{ctx.t('notifications:unsubscribe.settings')}</a>
            </p>
          </>
        ) : (
          <>
            <p>{ctx.t('notifications:unsubscribe.confirm', { what: scopeLabel })}</p>
            <form method="post" action={`/unsubscribe/${token}`}>
              <button type="submit">{ctx.t('notifications:unsubscribe.button')}</button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}

/** A link that is not (or no longer) one of this server's: nothing changed, and where to set things instead. */
export function UnsubscribeInvalidPage({ ctx }: { ctx: ViewContext }): JSX.Element {
  const title = ctx.ta('notifications:unsubscribe.invalidTitle');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="narrow">
        <h1>{ctx.t('notifications:unsubscribe.invalidTitle')}</h1>
        <p>{ctx.t('notifications:unsubscribe.invalid')}</p>
        <p>
          <a href="/account/notifications">{ctx.t('notifications:unsubscribe.settings')}</a>
        </p>
      </div>
    </Layout>
  );
}
