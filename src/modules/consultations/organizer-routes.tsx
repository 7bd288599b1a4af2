// Pages where organizers act on what was said: official answers, merging duplicates, and the synthesis of a closed
// phase; and the chain of needs, ideas and features any reader can follow.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { ConfirmPage, isConfirmed } from '../../platform/views/confirm.tsx';
import type { FormState } from '../../platform/views/form.tsx';
import { answerContribution } from './answers.ts';
import { showContribution } from './contribution-page.tsx';
import type { Contribution } from './contributions.ts';
import { loadConsultation, loadContribution, loadPhase } from './http.ts';
import { AnswerInput, ChainQuery, MergeInput, SynthesisInput } from './inputs.ts';
import { chain } from './links.ts';
import { findMergeTarget, mergeContribution } from './merge.ts';
import { phaseStatus } from './phases.ts';
import './policy.ts';
import type { Consultation, Phase } from './service.ts';
import { findSynthesis, PhaseNotClosed, renderSynthesis, saveSynthesis } from './syntheses.ts';
import { ChainPage } from './views/links.tsx';
import { SynthesisPage } from './views/organizer.tsx';

export function organizerRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  /** Loads a contribution for its consultation's organizers. */
  async function managed(req: FastifyRequest) {
    const loaded = await loadContribution(env.db, req);
    req.authorize('consultation.manage', loaded.consultation);
    return loaded;
  }

  /** On bad input the contribution's page comes back with the organizer's form filled in and the error beside the field. */
  function rejected(req: FastifyRequest, reply: FastifyReply, consultation: Consultation, contribution: Contribution, which: 'answer' | 'merge') {
    return (form: FormState) => showContribution(env, req, reply, consultation, contribution, { organizer: { [which]: form } }, 422);
  }

  app.post('/contributions/:id/answer', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, contribution } = await managed(req);
    return submitForm(reply, req.body, AnswerInput, async (input) => {
      await answerContribution(env.db, req.actor, contribution, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.answered' }).redirect(`/contributions/${contribution.id}`, 303);
    }, rejected(req, reply, consultation, contribution, 'answer'));
  });

  // Merging is shown first with both titles: the number typed may not be the one meant.
  app.get('/contributions/:id/merge', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, contribution } = await managed(req);
    return submitForm(reply, req.query, MergeInput, async (input) => {
      const kept = await findMergeTarget(env.db, contribution, intoId(input));
      const ctx = req.view();
      const numbered = (c: Contribution) => `#${c.id} — ${c.title}`;
      return reply.page(
        ConfirmPage({
          ctx,
          title: ctx.ta('confirm.merge.title'),
          consequence: ctx.ta('confirm.merge.consequence'),
          items: [numbered(contribution), numbered(kept)],
          action: `/contributions/${contribution.id}/merge`,
          back: `/contributions/${contribution.id}`,
          hidden: { into: String(kept.id) },
        }),
      );
    }, rejected(req, reply, consultation, contribution, 'merge'));
  });

  app.post('/contributions/:id/merge', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, contribution } = await managed(req);
    return submitForm(reply, req.body, MergeInput, async (input) => {
      if (!isConfirmed(req.body)) {
        const target = await findMergeTarget(env.db, contribution, intoId(input));
        return reply.redirect(`/contributions/${contribution.id}/merge?into=${target.id}`, 303);
      }
      const kept = await mergeContribution(env, req.actor, contribution, intoId(input));
      return reply.flash({ kind: 'success', key: 'consultations:flash.merged' }).redirect(`/contributions/${kept.id}`, 303);
    }, rejected(req, reply, consultation, contribution, 'merge'));
  });

  async function synthesisPage(req: FastifyRequest, consultation: Consultation, phase: Phase, form?: FormState) {
    const synthesis = await findSynthesis(env.db, phase.id);
    const canManage = can(req.actor, 'consultation.manage', consultation);
    const safeBody = synthesis?.publishedAt ? await renderSynthesis(env.db, consultation, synthesis) : undefined;
    const closed = phaseStatus(phase) === 'closed';
    const editor = canManage && closed ? (form ?? { values: { body: synthesis?.body ?? '' }, errors: {} }) : undefined;
    return SynthesisPage({ ctx: req.view(), consultation, phase, synthesis, safeBody, form: editor, canManage, closed });
  }

  // Visitors get the published text only (the page cache holds visitors' pages alone).
  app.get('/consultations/:slug/phases/:phase/synthesis', { config: { rule: 'consultation.read', cache: true } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req);
    return reply.page(synthesisPage(req, consultation, phase));
  });

  app.post('/consultations/:slug/phases/:phase/synthesis', { config: { rule: 'consultation.manage' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req, 'consultation.manage');
    const publish = (req.body as { intent?: unknown } | undefined)?.intent !== 'draft';
    const base = `/consultations/${consultation.slug}/phases/${phase.position}/synthesis`;
    try {
      return await submitForm(reply, req.body, SynthesisInput, async (input) => {
        await saveSynthesis(env.db, req.actor, consultation, phase, input, publish);
        return reply.flash({ kind: 'success', key: publish ? 'consultations:flash.synthesisPublished' : 'consultations:flash.saved' }).redirect(base, 303);
      }, (form) => synthesisPage(req, consultation, phase, form));
    } catch (error) {
      if (!(error instanceof PhaseNotClosed)) throw error;
      return reply.page(synthesisPage(req, consultation, phase, { values: formValues(req.body), errors: { body: { key: 'consultations:synthesis.notClosed' } } }), 409);
    }
  });

  app.get('/consultations/:slug/chain', { config: { rule: 'consultation.read', cache: true } }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req);
    const { page, unanswered } = readChainQuery(req.query);
    const result = await chain(env.db, consultation, page, unanswered);
    return reply.page(ChainPage({ ctx: req.view(), consultation, ...result, unansweredOnly: unanswered, page }));
  });
}

const intoId = (input: MergeInput) => Number(input.into.replace('#', ''));

/** Lenient like the lists: a mistyped page number shows the first page. */
function readChainQuery(query: unknown): { page: number; unanswered: boolean } {
  try {
    const q = parse(ChainQuery, query);
    return { page: q.page ?? 1, unanswered: q.unanswered === '1' };
  } catch (error) {
    if (error instanceof ValidationFailed) return { page: 1, unanswered: false };
    throw error;
  }
}
