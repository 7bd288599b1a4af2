// The person's choice of whom they speak for by default, on a page of its own linked from the account page and from
// the contribution form.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { submitForm } from '../../platform/http/forms.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Select, type FormState } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { chooseSpeakingFor, speakingFor, type SpeakingFor } from './speaking-for.ts';

const SpeakingForInput = Type.Object({ organization: Type.Optional(Type.String({ maxLength: 12, pattern: '^[0-9]{0,10}$', 'x-error': 'choice' })) });

export function SpeakingForPage({ ctx, state, form }: { ctx: ViewContext; state: SpeakingFor; form: FormState }) {
  const title = ctx.ta('organizations:speakingFor.title');
  const label = ctx.ta('consultations:field.organization');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/account', label: ctx.ta('accounts:account.title') }, { label: title }]} noindex>
      <h1>{ctx.t('organizations:speakingFor.title')}</h1>
      <p>{ctx.t('organizations:speakingFor.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ organization: label }} />
      <form method="post" action="/account/speaking-for" novalidate>
        <CsrfField ctx={ctx} />
        <Select
          ctx={ctx}
          form={form}
          name="organization"
          label={label}
          hint={state.choices.length ? undefined : ctx.ta('organizations:speakingFor.noOrganization')}
          required
          options={[{ value: '', label: ctx.ta('consultations:field.myself') }, ...state.choices.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
    </Layout>
  );
}

export function speakingForRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  const manage = { rule: 'account.manage' };
  const page = async (req: FastifyRequest, form?: FormState) => {
    const state = await speakingFor(env.db, req.actor.user!.id);
    return SpeakingForPage({ ctx: req.view(), state, form: form ?? { values: { organization: state.current === null ? '' : String(state.current) }, errors: {} } });
  };
  app.get('/account/speaking-for', { config: manage }, async (req, reply) => reply.page(page(req)));
  app.get(
    '/api/v1/me/speaking-for',
    {
      config: manage,
      schema: {
        tags: ['accounts'],
        summary: 'Whom the person speaks for by default: the organizations they may choose and the one chosen (null: themselves)',
        security: [{ token: [] }],
        response: { 200: Type.Object({ choices: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })), current: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (req) => speakingFor(env.db, req.actor.user!.id),
  );
  app.post('/account/speaking-for', { config: manage }, async (req, reply) =>
    submitForm(reply, req.body, SpeakingForInput, async (input) => {
      await chooseSpeakingFor(env.db, req.actor, input.organization ?? null);
      return reply.flash({ kind: 'success', key: 'organizations:speakingFor.saved' }).redirect('/account/speaking-for', 303);
    }, (form) => page(req, form)),
  );
}
