// Organizers' pages to publish a draft and to rearrange a consultation: phases moved and deleted, themes renamed and
// deleted. Each destructive action has a confirmation page, so all of it works without JavaScript. A successful write
// outdates the cached pages (request.ts), which is how a publication reaches visitors at once.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { submitForm } from '../../platform/http/forms.ts';
import { parse } from '../../platform/validation.ts';
import { deletePhase, deleteTheme, findTheme, movePhase, PhaseNotEmpty, renameTheme, themeUsage, usageCap } from './arrangement.ts';
import { publishConsultation } from './drafts.ts';
import { loadConsultation, loadPhase } from './http.ts';
import { MoveInput, ThemeInput, ThemeParams } from './inputs.ts';
import './policy.ts';
import type { Consultation, Phase, Theme } from './service.ts';
import { DeletePage, PublishPage, ThemeRenamePage } from './views/arrange.tsx';
import { managePath } from './views/manage-tabs.ts';

export function arrangeRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function managedTheme(req: FastifyRequest): Promise<{ consultation: Consultation; theme: Theme }> {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    return { consultation, theme: findTheme(consultation, parse(ThemeParams, req.params).theme) };
  }

  app.get('/consultations/:slug/publish', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    return reply.page(PublishPage({ ctx: req.view(), consultation }));
  });
  app.post('/consultations/:slug/publish', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    await publishConsultation(env.db, consultation);
    return reply.flash({ kind: 'success', key: 'consultations:drafting.flash.published' }).redirect(`/consultations/${consultation.slug}`, 303);
  });

  app.post('/consultations/:slug/phases/:phase/move', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req, 'consultation.manage');
    const { direction } = parse(MoveInput, req.body);
    await movePhase(env.db, consultation, phase, direction);
    return reply.flash({ kind: 'success', key: 'consultations:drafting.flash.moved' }).redirect(managePath(consultation, 'phases'), 303);
  });

  function phaseDeletePage(req: FastifyRequest, consultation: Consultation, phase: Phase, refused = false) {
    const ctx = req.view();
    return DeletePage({
      ctx,
      consultation,
      heading: ctx.ta('consultations:drafting.phase.deleteTitle', { title: phase.title }),
      explain: ctx.ta(refused ? 'consultations:drafting.phase.notEmpty' : 'consultations:drafting.phase.deleteExplain'),
      action: `/consultations/${consultation.slug}/phases/${phase.position}/delete`,
      refused,
      tab: 'phases',
    });
  }
  app.get('/consultations/:slug/phases/:phase/delete', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req, 'consultation.manage');
    return reply.page(phaseDeletePage(req, consultation, phase));
  });
  app.post('/consultations/:slug/phases/:phase/delete', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req, 'consultation.manage');
    try {
      await deletePhase(env.db, consultation, phase);
    } catch (error) {
      if (!(error instanceof PhaseNotEmpty)) throw error;
      return reply.page(phaseDeletePage(req, consultation, phase, true), 409);
    }
    return reply.flash({ kind: 'success', key: 'consultations:drafting.flash.phaseDeleted' }).redirect(managePath(consultation, 'phases'), 303);
  });

  app.get('/consultations/:slug/themes/:theme/edit', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, theme } = await managedTheme(req);
    return reply.page(ThemeRenamePage({ ctx: req.view(), consultation, theme, form: { values: { label: theme.label }, errors: {} } }));
  });
  app.post('/consultations/:slug/themes/:theme/edit', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, theme } = await managedTheme(req);
    return submitForm(reply, req.body, ThemeInput, async (input) => {
      await renameTheme(env.db, consultation, theme, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.saved' }).redirect(managePath(consultation, 'themes'), 303);
    }, (form) => ThemeRenamePage({ ctx: req.view(), consultation, theme, form }));
  });

  // Deleting a theme used by contributions takes it off them, after a confirmation saying how many: the contributions
  // stay, filed under their other themes.
  app.get('/consultations/:slug/themes/:theme/delete', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, theme } = await managedTheme(req);
    const used = await themeUsage(env.db, theme);
    const ctx = req.view();
    const explain = used > usageCap ? ctx.ta('consultations:drafting.theme.usedMore', { count: usageCap }) : ctx.ta('consultations:drafting.theme.used', { count: used });
    const path = `/consultations/${consultation.slug}/themes/${encodeURIComponent(theme.slug)}/delete`;
    return reply.page(DeletePage({ ctx, consultation, heading: ctx.ta('consultations:drafting.theme.deleteTitle', { label: theme.label }), explain, action: path, tab: 'themes' }));
  });
  app.post('/consultations/:slug/themes/:theme/delete', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, theme } = await managedTheme(req);
    await deleteTheme(env.db, theme);
    return reply.flash({ kind: 'success', key: 'consultations:drafting.flash.themeDeleted' }).redirect(managePath(consultation, 'themes'), 303);
  });
}
