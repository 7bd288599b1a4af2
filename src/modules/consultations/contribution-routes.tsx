// HTML pages of contributions: writing one in an open phase, reading it, its history, editing it, voting on it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { submitForm } from '../../platform/http/forms.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import type { FormState } from '../../platform/views/form.tsx';
import { territoryState } from '../organizations/routes.tsx';
import { PhaseClosed, contributionHistory, contributionValues, createContribution, editContribution, myVote, vote, voteTally, type Contribution } from './contributions.ts';
import { loadContribution, loadPhase } from './http.ts';
import { ContributionInput, VoteInput, withLists } from './inputs.ts';
import { isOpen } from './phases.ts';
import './policy.ts';
import { organizationChoices, type Consultation, type Phase } from './service.ts';
import { VoteBar } from './views/components.tsx';
import { ContributionPage, HistoryPage } from './views/contribution.tsx';
import { ContributionFormPage } from './views/forms.tsx';

const closedForm = (values: Record<string, unknown>): FormState => ({ values, errors: { form: { key: 'consultations:phaseClosed' } } });

function isTerritorySearch(body: Record<string, unknown>): boolean {
  return body._search === 'territory';
}

export function contributionRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function formPage(req: FastifyRequest, form: FormState, consultation: Consultation, phase: Phase, contribution?: Contribution) {
    const speakFor = await organizationChoices(env.db, req.actor);
    const crumbs = [
      { href: '/consultations', label: req.view().ta('consultations:list.title') },
      { href: `/consultations/${consultation.slug}`, label: consultation.title },
      { href: `/consultations/${consultation.slug}/phases/${phase.position}`, label: phase.title },
    ];
    const ctx = req.view();
    return ContributionFormPage({
      ctx,
      form,
      consultation,
      phase,
      territory: territoryState(form.values),
      speakFor,
      action: contribution ? `/contributions/${contribution.id}/edit` : `/consultations/${consultation.slug}/phases/${phase.position}/contribute`,
      heading: contribution ? ctx.ta('consultations:contribution.editTitle') : ctx.ta('consultations:contribution.newTitle'),
      crumbs,
    });
  }

  /** A write refused because the phase closed shows the form again, with what was typed and why. */
  async function submit(req: FastifyRequest, reply: FastifyReply, consultation: Consultation, phase: Phase, act: (input: ContributionInput) => Promise<FastifyReply>, contribution?: Contribution) {
    const body = withLists(req.body, 'themes');
    if (isTerritorySearch(body)) return reply.page(formPage(req, { values: body, errors: {} }, consultation, phase, contribution));
    try {
      return await submitForm(reply, body, ContributionInput, act, (form) => formPage(req, form, consultation, phase, contribution));
    } catch (error) {
      if (error instanceof PhaseClosed) return reply.page(formPage(req, closedForm(body), consultation, phase, contribution), 409);
      throw error;
    }
  }

  app.get('/consultations/:slug/phases/:phase/contribute', { config: { rule: 'contribution.create' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req);
    if (!isOpen(phase)) return reply.page(formPage(req, closedForm({}), consultation, phase), 409);
    return reply.page(formPage(req, { values: {}, errors: {} }, consultation, phase));
  });
  app.post('/consultations/:slug/phases/:phase/contribute', { config: { rule: 'contribution.create' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req);
    return submit(req, reply, consultation, phase, async (input) => {
      const row = await createContribution(env.db, req.actor, consultation, phase, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.published' }).redirect(`/contributions/${row.id}`, 303);
    });
  });

  app.get('/contributions/:id', { config: { rule: 'consultation.read', cache: true } }, async (req, reply) => {
    const { consultation, contribution } = await loadContribution(env.db, req);
    const [tally, mine] = await Promise.all([voteTally(env.db, contribution.id), myVote(env.db, req.actor, contribution.id)]);
    const safeBody = renderMarkdown(contribution.body);
    return reply.page(
      ContributionPage({ ctx: req.view(), consultation, contribution, safeBody, tally, mine, canEdit: can(req.actor, 'contribution.edit', contribution), signedIn: req.actor.signedIn }),
    );
  });

  app.get('/contributions/:id/history', { config: { rule: 'consultation.read', cache: true } }, async (req, reply) => {
    const { consultation, contribution } = await loadContribution(env.db, req);
    const revisions = (await contributionHistory(env.db, contribution.id)).map((revision) => ({ revision, safeBody: renderMarkdown(revision.body) }));
    return reply.page(HistoryPage({ ctx: req.view(), consultation, contribution, revisions }));
  });

  app.get('/contributions/:id/edit', { config: { rule: 'contribution.edit' } }, async (req, reply) => {
    const { consultation, contribution } = await loadContribution(env.db, req, 'contribution.edit');
    const values = contributionValues(contribution, consultation);
    if (!isOpen(contribution.phase)) return reply.page(formPage(req, closedForm(values), consultation, contribution.phase, contribution), 409);
    return reply.page(formPage(req, { values, errors: {} }, consultation, contribution.phase, contribution));
  });
  app.post('/contributions/:id/edit', { config: { rule: 'contribution.edit' } }, async (req, reply) => {
    const { consultation, contribution } = await loadContribution(env.db, req, 'contribution.edit');
    return submit(req, reply, consultation, contribution.phase, async (input) => {
      await editContribution(env.db, req.actor, consultation, contribution, input);
      return reply.flash({ kind: 'success', key: 'consultations:flash.saved' }).redirect(`/contributions/${contribution.id}`, 303);
    }, contribution);
  });

  // With htmx the vote bar answers itself; without JavaScript the browser goes back to the contribution.
  app.post('/contributions/:id/vote', { config: { rule: 'contribution.vote' } }, async (req, reply) => {
    const { contribution } = await loadContribution(env.db, req);
    const htmx = req.headers['hx-request'] === 'true';
    let refused = false;
    try {
      await vote(env.db, req.actor, contribution, parse(VoteInput, req.body));
    } catch (error) {
      if (!(error instanceof PhaseClosed)) throw error;
      refused = true;
    }
    if (!htmx) {
      if (refused) reply.flash({ kind: 'error', key: 'consultations:phaseClosed' });
      return reply.redirect(`/contributions/${contribution.id}`, 303);
    }
    const [tally, mine] = await Promise.all([voteTally(env.db, contribution.id), myVote(env.db, req.actor, contribution.id)]);
    return reply.page(VoteBar({ ctx: req.view(), contributionId: contribution.id, tally, mine, canVote: !refused && isOpen(contribution.phase), signedIn: true }));
  });
}
