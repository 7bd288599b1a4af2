// Static pages (legal notice, accessibility, charter, contact) and their editing in the back office.
import type { FastifyInstance } from 'fastify';
import { submitForm } from '../../platform/http/forms.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import './policy.ts';
import { PageInput, getPage, isPageSlug, localized, savePage } from './service.ts';
import { EditPage, StaticPage } from './views/page.tsx';
import { NotFound } from '../../platform/errors.ts';

export function pageRoutes(app: FastifyInstance): void {
  const { db } = app.ctx;
  app.get<{ Params: { slug: string } }>('/pages/:slug', { config: { rule: 'page.read', cache: true } }, async (req, reply) => {
    const page = await getPage(db, req.params.slug);
    const { title, body } = localized(page, req.locale);
    return reply.page(StaticPage({ ctx: req.view(), title, safeBody: renderMarkdown(body), editable: can(req.actor, 'page.edit'), slug: page.slug }));
  });
  app.get<{ Params: { slug: string } }>('/admin/pages/:slug', { config: { rule: 'page.edit' } }, async (req, reply) => {
    const { slug, ...values } = await getPage(db, req.params.slug);
    return reply.page(EditPage({ ctx: req.view(), slug, form: { values, errors: {} } }));
  });
  app.post<{ Params: { slug: string } }>('/admin/pages/:slug', { config: { rule: 'page.edit' } }, async (req, reply) => {
    const slug = req.params.slug;
    if (!isPageSlug(slug)) throw new NotFound('page');
    return submitForm(reply, req.body, PageInput, async (input) => {
      await savePage(db, req.actor, slug, input);
      return reply.flash({ kind: 'success', key: 'pages:saved' }).redirect(`/pages/${slug}`, 303);
    }, (form) => EditPage({ ctx: req.view(), slug, form }));
  });
}
