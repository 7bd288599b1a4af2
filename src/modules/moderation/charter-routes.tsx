// The moderation charter: accepting the version in force (asked of everyone who accepted an older one) and, for
// platform admins, publishing a new version.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { formValues, safeNext, submitForm } from '../../platform/http/forms.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { parse } from '../../platform/validation.ts';
import { getPage, localized } from '../pages/service.ts';
import { acceptCharter, charterHistory, currentCharter, publishCharterVersion } from './charter.ts';
import { CharterInput, CharterVersionInput } from './inputs.ts';
import './policy.ts';
import { AcceptCharterPage, PublishCharterPage } from './views/charter.tsx';
import type { FormState } from '../../platform/views/form.tsx';

const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });

export function charterRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function acceptPage(locale: 'fr' | 'en', next: string, form?: FormState) {
    const [page, charter] = await Promise.all([getPage(env.db, 'charter'), currentCharter(env.db)]);
    const { title, body } = localized(page, locale);
    return { title, safeBody: renderMarkdown(body), version: charter.version, summary: charter.summary, next, form };
  }

  app.get('/charter', { config: { rule: 'charter.accept' } }, async (req, reply) => {
    let next = '/';
    try {
      next = safeNext(parse(NextQuery, req.query).next);
    } catch {
      next = '/';
    }
    return reply.page(AcceptCharterPage({ ctx: req.view(), ...(await acceptPage(req.locale, next)) }));
  });

  app.post('/charter', { config: { rule: 'charter.accept' } }, async (req, reply) => {
    const next = safeNext(formValues(req.body).next);
    const page = await acceptPage(req.locale, next);
    return submitForm(reply, req.body, CharterInput, async () => {
      await acceptCharter(env.db, req.actor);
      return reply.flash({ kind: 'success', key: 'moderation:flash.charterAccepted' }).redirect(next, 303);
    }, (form) => AcceptCharterPage({ ctx: req.view(), ...page, form }));
  });

  async function publishPage(form?: FormState) {
    const [history, charter] = await Promise.all([charterHistory(env.db), currentCharter(env.db)]);
    return { history, current: charter.version, form };
  }

  app.get('/admin/charter', { config: { rule: 'charter.publish' } }, async (req, reply) => reply.page(PublishCharterPage({ ctx: req.view(), ...(await publishPage()) })));

  app.post('/admin/charter', { config: { rule: 'charter.publish' } }, async (req, reply) => {
    const page = await publishPage();
    return submitForm(reply, req.body, CharterVersionInput, async (input) => {
      await publishCharterVersion(env.db, req.actor, input);
      return reply.flash({ kind: 'success', key: 'moderation:flash.charterPublished' }).redirect('/admin/charter', 303);
    }, (form) => PublishCharterPage({ ctx: req.view(), ...page, form }));
  });
}
