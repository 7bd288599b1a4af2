// One account for a moderator: who it is, what it wrote (hidden or not), and blocking it — with everything it wrote in
// debates hidden in the same action — or unblocking it.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkbox, CsrfField, ErrorSummary, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { AccountView } from '../queue.ts';
import { KindBadge, formatWhen, When } from './components.tsx';

interface Writing {
  kind: string;
  id: number;
  title: string;
  excerpt: string;
  href: string;
  hidden: boolean;
}

export function AccountPage({ ctx, account, writings, form = { values: { hideContent: '1' }, errors: {} } }: { ctx: ViewContext; account: AccountView; writings: Writing[]; form?: FormState }) {
  const name = account.displayName || account.email;
  const title = ctx.ta('moderation:account.title', { name });
  const visible = writings.filter((w) => !w.hidden).length;
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/moderation', label: ctx.ta('moderation:queue.title') }, { label: name }]} noindex>
      <h1 safe>{title}</h1>
      <dl class="facts">
        <dt>{ctx.t('moderation:account.email')}</dt>
        <dd safe>{account.email}</dd>
        <dt>{ctx.t('moderation:account.since')}</dt>
        <dd><When ctx={ctx} date={account.createdAt} /></dd>
        <dt>{ctx.t('moderation:account.status')}</dt>
        <dd>{account.blockedAt ? ctx.t('moderation:account.blockedOn', { date: formatWhen(ctx, account.blockedAt) }) : ctx.t('moderation:account.active')}</dd>
      </dl>
      {account.blockedAt ? (
        <form method="post" action={`/moderation/accounts/${account.id}/unblock`}>
          <CsrfField ctx={ctx} />
          <p>{ctx.t('moderation:account.unblockExplain')}</p>
          <button type="submit" class="secondary">
            {ctx.t('moderation:account.unblock')}
          </button>
        </form>
      ) : (
        <form method="post" action={`/moderation/accounts/${account.id}/block`} novalidate>
          <CsrfField ctx={ctx} />
          <h2>{ctx.t('moderation:account.block')}</h2>
          <ErrorSummary ctx={ctx} form={form} labels={{ reason: ctx.ta('moderation:account.reason') }} />
          <TextArea ctx={ctx} form={form} name="reason" label={ctx.ta('moderation:account.reason')} hint={ctx.ta('moderation:account.reasonHint')} required rows={2} maxlength={500} />
          <Checkbox ctx={ctx} form={form} name="hideContent" label={ctx.t('moderation:account.hideContent', { count: visible })} />
          <button type="submit">{ctx.t('moderation:account.blockSubmit')}</button>
        </form>
      )}
      <section aria-labelledby="writings-title">
        <h2 id="writings-title">{ctx.t('moderation:account.writings', { count: writings.length })}</h2>
        {writings.length === 0 ? <p>{ctx.t('moderation:account.noWritings')}</p> : ''}
        <ul>
          {writings.map((w) => (
            <li>
              <KindBadge ctx={ctx} kind={w.kind} /> {w.hidden ? <span class="badge">{ctx.t('moderation:queue.hidden')}</span> : ''}{' '}
              <a href={w.href} safe>
                {w.title || w.excerpt}
              </a>
              {w.title ? <p class="meta" safe>{w.excerpt}</p> : ''}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
