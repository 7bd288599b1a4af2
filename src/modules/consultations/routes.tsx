// HTML pages of consultations: the list, a consultation with its timeline, a phase's contributions, and the
// organizers' forms for the consultation, its phases and themes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/views/form.tsx';
import { now } from '../../platform/clock.ts';
import { withTerritoryCodes } from '../territories/resolve.ts';
import { ConsultationInput, PhaseInput, PhaseParams, SlugParams, ThemeInput, withLists } from './inputs.ts';
import { arrangeRoutes } from './arrange-routes.tsx';
import { getCover, saveCover } from './cover.ts';
import { registerSearch } from '../search/providers.ts';
import { consultationSearch, contributionSearch } from './search.ts';
import { registerPersonalData } from '../../platform/personal-data.ts';
import { consultationPersonalData } from './personal-data.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import { sendStoredFile, uploadedBytes } from '../../platform/files/upload.ts';
import { parse } from '../../platform/validation.ts';
import { extensionOf } from '../organizations/logo.ts';
import { draftsIn, listContributions, readListQuery } from './listing.ts';
import { synthesizedPhases } from './syntheses.ts';
import { eventsByPhase } from '../events/phase-events.ts';
import { findVisibleConsultation, loadConsultation, loadPhase } from './http.ts';
import { parisLocal } from './phases.ts';
import './policy.ts';
import { addPhase, addTheme, consultationValues, createConsultation, listConsultations, organizationChoices, phaseCounts, updateConsultation, updatePhase, type Consultation, type Phase } from './service.ts';
import { ConsultationListPage, ConsultationPage } from './views/consultation.tsx';
import { ConsultationFormPage, PhaseFormPage } from './views/forms.tsx';
import { managePath, manageTabs, type ManageTab } from './views/manage-tabs.ts';
import { tabOf } from '../../platform/views/tabs.tsx';
import { DraftsSection, PhasePage } from './views/phase.tsx';

export function phaseValues(phase: Phase): Record<string, unknown> {
  return {
    title: phase.title,
    question: phase.question,
    startsAt: parisLocal(phase.startsAt),
    endsAt: parisLocal(phase.endsAt),
    kinds: phase.kinds,
    commentsOpenUntil: phase.commentsOpenUntil ? parisLocal(phase.commentsOpenUntil) : undefined,
  };
}

export function consultationRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  registerSearch(consultationSearch);
  registerSearch(contributionSearch);
  registerPersonalData('consultations', consultationPersonalData);
  arrangeRoutes(app);

  async function formPage(req: FastifyRequest, form: FormState, consultation?: Consultation, tab: ManageTab = 'general', tabForm: FormState = emptyForm) {
    const [choices, synthesized] = await Promise.all([
      organizationChoices(env.db, req.actor, consultation?.organizerIds ?? []),
      consultation && tab === 'syntheses' ? synthesizedPhases(env.db, consultation) : new Set<number>(),
    ]);
    const forms = { themeForm: tab === 'themes' ? tabForm : emptyForm, coverForm: tab === 'cover' ? tabForm : emptyForm };
    return ConsultationFormPage({ ctx: req.view(), form, choices, consultation, tab, synthesized, ...forms });
  }
  const editForm = (consultation: Consultation): FormState => ({ values: consultationValues(consultation), errors: {} });

  app.get('/consultations', { config: { rule: 'consultation.read', cache: 'signed-in' } }, async (req, reply) => {
    const items = await listConsultations(env.db, req.actor);
    return reply.page(ConsultationListPage({ ctx: req.view(), items, canCreate: can(req.actor, 'consultation.create') }));
  });

  app.get('/consultations/new', { config: { rule: 'consultation.create' } }, async (req, reply) => reply.page(formPage(req, emptyForm)));
  app.post('/consultations/new', { config: { rule: 'consultation.create' } }, async (req, reply) =>
    submitForm(reply, withTerritoryCodes(withLists(req.body, 'organizers')), ConsultationInput, async (input) => {
      const row = await createConsultation(env.db, req.actor, input);
      // A draft: the organizers add phases and themes, preview it at its address, then publish it.
      return reply.flash({ kind: 'success', key: 'consultations:flash.created' }).redirect(`/consultations/${row.slug}/edit`, 303);
    }, (form) => formPage(req, form)),
  );

  app.get('/consultations/:slug', { config: { rule: 'consultation.read', cache: 'signed-in' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req);
    const [counts, synthesized, workshops] = await Promise.all([phaseCounts(env.db, consultation.id), synthesizedPhases(env.db, consultation), eventsByPhase(env.db, consultation.id)]);
    const safeDescription = renderMarkdown(consultation.description);
    return reply.page(ConsultationPage({ ctx: req.view(), consultation, safeDescription, counts, synthesized, workshops, canManage: can(req.actor, 'consultation.manage', consultation) }));
  });

  // The same for every person of a persona but for their drafts, filled in for each (page-serving.ts).
  const drafts = async (req: FastifyRequest) => {
    if (!req.actor.user) return '';
    const { slug, phase } = parse(PhaseParams, req.params);
    return String(await DraftsSection({ ctx: req.view(), drafts: await draftsIn(env.db, req.actor, slug, phase) }));
  };
  app.get('/consultations/:slug/phases/:phase', { config: { rule: 'consultation.read', cache: 'signed-in', slots: { drafts } } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req);
    const q = readListQuery(req.query, consultation, now());
    const [list, synthesized] = await Promise.all([listContributions(env.db, phase, q), synthesizedPhases(env.db, consultation)]);
    const canManage = can(req.actor, 'consultation.manage', consultation);
    return reply.page(PhasePage({ ctx: req.view(), consultation, phase, q, list, synthesis: synthesized.has(phase.id) ? 'published' : canManage ? 'write' : undefined }));
  });

  app.get('/consultations/:slug/edit', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    const { tab, ...typed } = formValues(req.query);
    return reply.page(formPage(req, { values: { ...consultationValues(consultation), ...typed }, errors: {} }, consultation, tabOf({ tab }, manageTabs(req.view()))));
  });
  app.post('/consultations/:slug/edit', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    return submitForm(reply, withTerritoryCodes(withLists(req.body, 'organizers')), ConsultationInput, async (input) => {
      await updateConsultation(env.db, req.actor, consultation, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.saved' }).redirect(`/consultations/${consultation.slug}`, 303);
    }, (form) => formPage(req, form, consultation));
  });

  app.get('/consultations/:slug/phases/new', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    return reply.page(PhaseFormPage({ ctx: req.view(), form: emptyForm, consultation }));
  });
  app.post('/consultations/:slug/phases', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    return submitForm(reply, withLists(req.body, 'kinds'), PhaseInput, async (input) => {
      await addPhase(env.db, consultation, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.saved' }).redirect(managePath(consultation, 'phases'), 303);
    }, (form) => PhaseFormPage({ ctx: req.view(), form, consultation }));
  });

  app.get('/consultations/:slug/phases/:phase/edit', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req, 'consultation.manage');
    return reply.page(PhaseFormPage({ ctx: req.view(), form: { values: phaseValues(phase), errors: {} }, consultation, phase }));
  });
  app.post('/consultations/:slug/phases/:phase/edit', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req, 'consultation.manage');
    return submitForm(reply, withLists(req.body, 'kinds'), PhaseInput, async (input) => {
      await updatePhase(env.db, phase, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.saved' }).redirect(managePath(consultation, 'phases'), 303);
    }, (form) => PhaseFormPage({ ctx: req.view(), form, consultation, phase }));
  });

  app.post('/consultations/:slug/themes', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    return submitForm(reply, req.body, ThemeInput, async (input) => {
      await addTheme(env.db, consultation, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.saved' }).redirect(managePath(consultation, 'themes'), 303);
    }, (form) => formPage(req, editForm(consultation), consultation, 'themes', form));
  });

  app.post('/consultations/:slug/cover', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req, 'consultation.manage');
    try {
      await saveCover(env.db, req.actor, consultation, await uploadedBytes(req.body, 'cover'));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.page(formPage(req, editForm(consultation), consultation, 'cover', { values: {}, errors: error.fields }), 422);
    }
    return reply.flash({ kind: 'success', key: 'consultations:cover.saved' }).redirect(managePath(consultation, 'cover'), 303);
  });

  app.get('/consultations/:slug/cover', { config: { rule: 'consultation.read' } }, async (req, reply) => {
    const { slug } = parse(SlugParams, req.params);
    const cover = await getCover(env.db, slug);
    if (!cover) throw new NotFound('cover');
    if (!cover.published) await findVisibleConsultation(env.db, req, slug);
    return sendStoredFile(reply, cover, { filename: `cover.${extensionOf(cover.contentType)}`, versioned: (req.query as { v?: unknown }).v === cover.id });
  });
}
