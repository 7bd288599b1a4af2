// The moderation charter to accept again when a new version is in force, and the admins' page that publishes one.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, TextArea, emptyForm, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { When } from './components.tsx';

interface CharterProps {
  ctx: ViewContext;
  title: string;
  safeBody: string;
  version: string;
  summary: string;
  next: string;
  form?: FormState;
}

export function AcceptCharterPage({ ctx, title, safeBody, version, summary, next, form = emptyForm }: CharterProps) {
  return (
    <Layout ctx={ctx} title={ctx.ta('moderation:charter.acceptTitle')} noindex>
      <article class="narrow">
        <h1>{ctx.t('moderation:charter.acceptTitle')}</h1>
        <p>{ctx.t('moderation:charter.acceptIntro', { version })}</p>
        {summary ? (
          <div class="notice">
            <p>
              <strong>{ctx.t('moderation:charter.changes')}</strong> <span safe>{summary}</span>
            </p>
          </div>
        ) : (
          ''
        )}
        <section aria-labelledby="charter-title" class="prose">
          <h2 id="charter-title" safe>
            {title}
          </h2>
          {safeBody}
        </section>
        <form method="post" action="/charter" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <ErrorSummary ctx={ctx} form={form} labels={{ accept: ctx.ta('moderation:charter.accept') }} />
          <Checkbox ctx={ctx} form={form} name="accept" required label={ctx.t('moderation:charter.accept')} />
          <button type="submit">{ctx.t('moderation:charter.submit')}</button>
        </form>
        <form method="post" action={ctx.signOutAction} class="inline">
          <CsrfField ctx={ctx} />
          <p>
            {ctx.t('moderation:charter.refuse')}{' '}
            <button type="submit" class="secondary outline">
              {ctx.t('nav.logout')}
            </button>
          </p>
        </form>
      </article>
    </Layout>
  );
}

interface PublishProps {
  ctx: ViewContext;
  history: { version: string; summary: string; publishedAt: Date }[];
  current: string;
  form?: FormState;
}

export function PublishCharterPage({ ctx, history, current, form = emptyForm }: PublishProps) {
  const title = ctx.ta('moderation:charter.publishTitle');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/admin', label: ctx.ta('nav.admin') }, { label: title }]} noindex>
      <h1>{ctx.t('moderation:charter.publishTitle')}</h1>
      <p>{ctx.t('moderation:charter.current', { version: current })}</p>
      <p>
        {ctx.t('moderation:charter.editText')} <a href="/admin/pages/charter">{ctx.t('moderation:charter.editLink')}</a>
      </p>
      <form method="post" action="/admin/charter" novalidate>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={{ version: ctx.ta('moderation:charter.version'), summary: ctx.ta('moderation:charter.summary') }} />
        <Field ctx={ctx} form={form} name="version" label={ctx.ta('moderation:charter.version')} hint={ctx.ta('moderation:charter.versionHint')} required maxlength={40} />
        <TextArea ctx={ctx} form={form} name="summary" label={ctx.ta('moderation:charter.summary')} hint={ctx.ta('moderation:charter.summaryHint')} required rows={3} maxlength={1000} />
        <button type="submit">{ctx.t('moderation:charter.publish')}</button>
      </form>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{ctx.t('moderation:charter.history')}</h2>
        <ul>
          {history.map((v) => (
            <li>
              <strong safe>{v.version}</strong> · <When ctx={ctx} date={v.publishedAt} /> · <span safe>{v.summary}</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
