// HTML pages of the analytics: dashboards of a consultation and of a phase, opinion groups, topic groups (and what
// organizers do with them), and the platform dashboard for admins. Public pages are kept in the page cache: they read
// one row of figures and a few short lists, and the job refreshes the figures.
import { analyticsLibraries } from './libraries.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { submitForm } from '../../platform/http/forms.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { findVisibleConsultation } from '../consultations/http.ts';
import { findPhase, type Consultation, type Phase } from '../consultations/service.ts';
import { PhaseParams, SlugParams } from '../consultations/inputs.ts';
import './policy.ts';
import type { AnalyticsScope } from './policy.ts';
import { analyticsSettingsOf, consultationDashboard, moveToTopic, opinionView, phaseAccess, phaseDashboard, platformDashboard, rankings, renameTopic, requestTopics, setPhasePrivacy, topicGroup, topicList } from './service.ts';
import { ConsultationDashboardPage, PhaseDashboardPage } from './views/dashboard.tsx';
import { OpinionsPage } from './views/opinions.tsx';
import { PlatformDashboardPage } from './views/platform.tsx';
import { TopicPage, TopicsPage } from './views/topics.tsx';

export const TopicParams = Type.Object({ ...PhaseParams.properties, group: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
export const TopicQuery = Type.Object({ after: Type.Optional(Type.String({ pattern: '^[0-9.]{1,12}:[0-9]{1,10}$' })) });
export const SettingsInput = Type.Object({ privateUntilSynthesis: Type.Optional(Type.Literal('1')) });
export const RenameInput = Type.Object({ label: Type.String({ maxLength: 200 }) });
export const MoveInput = Type.Object({ contribution: Type.String({ minLength: 1, maxLength: 12, pattern: '^#?[0-9]{1,10}$' }), group: Type.String({ pattern: '^[0-9]{1,10}$' }) });

export interface PhaseContext {
  consultation: Consultation;
  phase: Phase;
  scope: AnalyticsScope;
}

/** Loads a phase and checks the rule against its analytics scope (kept for organizers or not). */
export async function analyticsPhase(req: FastifyRequest, rule: 'analytics.read' | 'analytics.manage', params: unknown = req.params): Promise<PhaseContext> {
  const { slug, phase: position } = parse(PhaseParams, params);
  const consultation = await findVisibleConsultation(req.server.ctx.db, req, slug);
  const phase = findPhase(consultation, position);
  const access = await phaseAccess(req.server.ctx.db, { ...consultation, phases: [phase] });
  const scope = { organizerIds: consultation.organizerIds, restricted: access[0]!.restricted };
  req.authorize(rule, scope);
  return { consultation, phase, scope };
}

/** Before a page draws a chart or groups: the libraries that do it, loaded on first use (libraries.ts). */
async function withLibraries(): Promise<void> {
  await analyticsLibraries();
}

export function analyticsRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  app.get('/consultations/:slug/dashboard', { preHandler: withLibraries, config: { rule: 'analytics.read', cache: true } }, async (req, reply) => {
    const { slug } = parse(SlugParams, req.params);
    const consultation = await findVisibleConsultation(env.db, req, slug);
    req.authorize('analytics.read', { organizerIds: consultation.organizerIds, restricted: false });
    const access = await phaseAccess(env.db, consultation);
    const seesAll = can(req.actor, 'analytics.manage', { organizerIds: consultation.organizerIds, restricted: false });
    const shown = access.filter((a) => seesAll || !a.restricted).map((a) => a.phase);
    const [dashboard, ranks] = await Promise.all([consultationDashboard(env.db, consultation, access, seesAll), rankings(env.db, shown)]);
    return reply.page(ConsultationDashboardPage({ ctx: req.view(), consultation, dashboard, access, seesAll, ranks }));
  });

  app.get('/consultations/:slug/phases/:phase/dashboard', { preHandler: withLibraries, config: { rule: 'analytics.read', cache: true } }, async (req, reply) => {
    const { consultation, phase, scope } = await analyticsPhase(req, 'analytics.read');
    const [dashboard, ranks, settings] = await Promise.all([phaseDashboard(env.db, phase), rankings(env.db, [phase]), analyticsSettingsOf(env.db, phase.id)]);
    const canManage = can(req.actor, 'analytics.manage', scope);
    return reply.page(PhaseDashboardPage({ ctx: req.view(), consultation, phase, dashboard, ranks, restricted: scope.restricted, privateUntilSynthesis: settings.privateUntilSynthesis, canManage }));
  });

  app.post('/consultations/:slug/phases/:phase/dashboard/settings', { config: { rule: 'analytics.manage' } }, async (req, reply) => {
    const { consultation, phase } = await analyticsPhase(req, 'analytics.manage');
    const input = parse(SettingsInput, req.body);
    await setPhasePrivacy(env.db, req.actor, phase, input.privateUntilSynthesis === '1');
    return reply.flash({ kind: 'success', key: 'analytics:flash.settings' }).redirect(`/consultations/${consultation.slug}/phases/${phase.position}/dashboard`, 303);
  });

  app.get('/consultations/:slug/phases/:phase/opinions', { preHandler: withLibraries, config: { rule: 'analytics.read', cache: true } }, async (req, reply) => {
    const { consultation, phase } = await analyticsPhase(req, 'analytics.read');
    return reply.page(OpinionsPage({ ctx: req.view(), consultation, phase, view: await opinionView(env.db, phase) }));
  });

  app.get('/consultations/:slug/phases/:phase/topics', { preHandler: withLibraries, config: { rule: 'analytics.read', cache: true } }, async (req, reply) => {
    const { consultation, phase, scope } = await analyticsPhase(req, 'analytics.read');
    const list = await topicList(env.db, phase);
    return reply.page(TopicsPage({ ctx: req.view(), consultation, phase, ...list, canManage: can(req.actor, 'analytics.manage', scope) }));
  });

  async function topicPage(req: FastifyRequest, ctx: PhaseContext, form: FormState = emptyForm) {
    const { group } = parse(TopicParams, req.params);
    const { after } = parse(TopicQuery, req.query);
    const [similarity, id] = after ? after.split(':').map(Number) : [];
    const data = await topicGroup(env.db, ctx.phase, group, after ? { similarity: similarity!, id: id! } : undefined);
    const last = data.members.at(-1);
    const nextHref = data.more && last ? `/consultations/${ctx.consultation.slug}/phases/${ctx.phase.position}/topics/${group}?after=${last.similarity}:${last.id}` : undefined;
    return TopicPage({ ctx: req.view(), consultation: ctx.consultation, phase: ctx.phase, data, canManage: can(req.actor, 'analytics.manage', ctx.scope), form, nextHref });
  }

  app.get('/consultations/:slug/phases/:phase/topics/:group', { preHandler: withLibraries, config: { rule: 'analytics.read', cache: true } }, async (req, reply) => {
    const loaded = await analyticsPhase(req, 'analytics.read');
    return reply.page(topicPage(req, loaded));
  });

  app.post('/consultations/:slug/phases/:phase/topics/:group/rename', { config: { rule: 'analytics.manage' } }, async (req, reply) => {
    const loaded = await analyticsPhase(req, 'analytics.manage');
    const { group } = parse(TopicParams, req.params);
    return submitForm(reply, req.body, RenameInput, async (input) => {
      await renameTopic(env.db, req.actor, loaded.phase, group, input.label);
      return reply.flash({ kind: 'success', key: 'analytics:flash.renamed' }).redirect(`/consultations/${loaded.consultation.slug}/phases/${loaded.phase.position}/topics/${group}`, 303);
    }, (form) => topicPage(req, loaded, form));
  });

  app.post('/consultations/:slug/phases/:phase/topics/:group/move', { config: { rule: 'analytics.manage' } }, async (req, reply) => {
    const loaded = await analyticsPhase(req, 'analytics.manage');
    const { group } = parse(TopicParams, req.params);
    return submitForm(reply, req.body, MoveInput, async (input) => {
      await moveToTopic(env.db, req.actor, loaded.phase, Number(input.contribution.replace('#', '')), group);
      return reply.flash({ kind: 'success', key: 'analytics:flash.moved' }).redirect(`/consultations/${loaded.consultation.slug}/phases/${loaded.phase.position}/topics/${group}`, 303);
    }, (form) => topicPage(req, loaded, form));
  });

  app.post('/consultations/:slug/phases/:phase/topics/recompute', { config: { rule: 'analytics.manage' } }, async (req, reply) => {
    const { consultation, phase } = await analyticsPhase(req, 'analytics.manage');
    await requestTopics(env.db, req.actor, phase);
    return reply.flash({ kind: 'info', key: 'analytics:flash.recompute' }).redirect(`/consultations/${consultation.slug}/phases/${phase.position}/topics`, 303);
  });

  app.get('/admin/dashboard', { preHandler: withLibraries, config: { rule: 'analytics.platform' } }, async (req, reply) => {
    return reply.page(PlatformDashboardPage({ ctx: req.view(), ...(await platformDashboard(env.db)) }));
  });
}
