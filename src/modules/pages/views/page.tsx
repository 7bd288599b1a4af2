// A static page, and its editing form for platform admins.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

export function StaticPage({ ctx, title, safeBody, editable, slug }: { ctx: ViewContext; title: string; safeBody: string; editable: boolean; slug: string }) {
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <article class="prose">
        <h1 safe>{title}</h1>
        {safeBody}
        {editable ? (
          <p>
            <a href={`/admin/pages/${slug}`}>{ctx.t('pages:edit')}</a>
          </p>
        ) : (
          ''
        )}
      </article>
    </Layout>
  );
}

export function EditPage({ ctx, slug, form }: { ctx: ViewContext; slug: string; form: FormState }) {
  const labels = {
    titleFr: ctx.ta('pages:field.titleFr'),
    titleEn: ctx.ta('pages:field.titleEn'),
    bodyFr: ctx.ta('pages:field.bodyFr'),
    bodyEn: ctx.ta('pages:field.bodyEn'),
  };
  const title = ctx.ta('pages:editTitle', { slug });
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/admin', label: ctx.ta('nav.admin') }, { label: title }]} noindex>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`/admin/pages/${slug}`} novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="titleFr" label={labels.titleFr} required maxlength={120} />
        <TextArea ctx={ctx} form={form} name="bodyFr" label={labels.bodyFr} hint={ctx.ta('form.markdownHint')} required rows={12} />
        <Field ctx={ctx} form={form} name="titleEn" label={labels.titleEn} required maxlength={120} />
        <TextArea ctx={ctx} form={form} name="bodyEn" label={labels.bodyEn} hint={ctx.ta('form.markdownHint')} required rows={12} />
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
    </Layout>
  );
}
