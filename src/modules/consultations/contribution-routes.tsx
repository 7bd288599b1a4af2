// HTML pages of contributions: writing one in an open phase, reading it, its history, editing it, voting on it,
// arguing and commenting.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import type { FormState } from '../../platform/views/form.tsx';
import { territoryState } from '../organizations/routes.tsx';
import { PhaseClosed, contributionHistory, contributionValues, createContribution, editContribution, myVote, vote, voteTally, type Contribution } from './contributions.ts';
import { loadContribution, loadPhase } from './http.ts';
import { ArgumentInput, CommentEdit, CommentInput, ContributionInput, IdParams, VoteInput, withLists } from './inputs.ts';
import { commentsOpen, isOpen } from './phases.ts';
import { addArgument, addComment, deleteComment, editComment, editable, findArgument, findComment, listArguments, listComments, supportArgument } from './reactions.ts';
import './policy.ts';
import { organizationChoices, type Consultation, type Phase } from './service.ts';
import { VoteBar } from './views/components.tsx';
import { CommentEditPage, ContributionPage, HistoryPage } from './views/contribution.tsx';
import type { ReactionForms } from './views/reactions.tsx';
import { ContributionFormPage } from './views/forms.tsx';

const closedForm = (values: Record<string, unknown>): FormState => ({ values, errors: { form: { key: 'consultations:phaseClosed' } } });

function isTerritorySearch(body: Record<string, unknown>): boolean {
  return body._search === 'territory';
}

export function contributionRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  /** The contribution's page; after a rejected argument or comment, with that form's input and errors. */
  async function showContribution(req: FastifyRequest, reply: FastifyReply, consultation: Consultation, contribution: Contribution, forms: ReactionForms = {}, status = 200) {
    const [tally, mine, argumentList, commentList] = await Promise.all([
      voteTally(env.db, contribution.id),
      myVote(env.db, req.actor, contribution.id),
      listArguments(env.db, req.actor, contribution.id),
      listComments(env.db, contribution.id),
    ]);
    const reactions = {
      arguments: argumentList,
      comments: commentList,
      canComment: req.actor.signedIn && commentsOpen(contribution.phase),
      editable: new Set(commentList.filter((c) => can(req.actor, 'comment.edit', c) && editable(c)).map((c) => c.id)),
      deletable: new Set(commentList.filter((c) => !c.deleted && can(req.actor, 'comment.delete', c)).map((c) => c.id)),
      forms,
    };
    const safeBody = renderMarkdown(contribution.body);
    const page = ContributionPage({ ctx: req.view(), consultation, contribution, safeBody, tally, mine, canEdit: can(req.actor, 'contribution.edit', contribution), signedIn: req.actor.signedIn, reactions });
    return reply.page(page, status);
  }

  async function formPage(req: FastifyRequest, form: FormState, consultation: Consultation, phase: Phase, contribution?: Contribution) {
    const speakFor = await organizationChoices(env.db, req.actor);
    const ctx = req.view();
    const crumbs = [
      { href: '/consultations', label: ctx.ta('consultations:list.title') },
      { href: `/consultations/${consultation.slug}`, label: consultation.title },
      { href: `/consultations/${consultation.slug}/phases/${phase.position}`, label: phase.title },
    ];
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
    return showContribution(req, reply, consultation, contribution);
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

  /** A rejected argument or comment shows the contribution again, the input kept and the error beside the field. */
  async function react(req: FastifyRequest, reply: FastifyReply, which: keyof ReactionForms, act: (consultation: Consultation, contribution: Contribution) => Promise<void>) {
    const { consultation, contribution } = await loadContribution(env.db, req);
    try {
      await act(consultation, contribution);
    } catch (error) {
      const values = formValues(req.body);
      if (error instanceof ValidationFailed) return showContribution(req, reply, consultation, contribution, { [which]: { values, errors: error.fields } }, 422);
      if (error instanceof PhaseClosed) return showContribution(req, reply, consultation, contribution, { [which]: { values, errors: { [which === 'argument' ? 'text' : 'body']: { key: 'consultations:phaseClosed' } } } }, 409);
      throw error;
    }
    return reply.redirect(`/contributions/${contribution.id}#${which === 'argument' ? 'arguments-title' : 'comments-title'}`, 303);
  }

  app.post('/contributions/:id/arguments', { config: { rule: 'contribution.argue' } }, async (req, reply) =>
    react(req, reply, 'argument', (_c, contribution) => addArgument(env.db, req.actor, contribution, parse(ArgumentInput, req.body))),
  );

  app.post('/arguments/:id/support', { config: { rule: 'contribution.argue' } }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    const remove = (req.body as { remove?: unknown } | undefined)?.remove === '1';
    const { contributionId } = await findArgument(env.db, id);
    try {
      await supportArgument(env.db, req.actor, id, remove);
    } catch (error) {
      if (!(error instanceof PhaseClosed)) throw error;
      reply.flash({ kind: 'error', key: 'consultations:phaseClosed' });
    }
    return reply.redirect(`/contributions/${contributionId}#arguments-title`, 303);
  });

  app.post('/contributions/:id/comments', { config: { rule: 'comment.create' } }, async (req, reply) =>
    react(req, reply, 'comment', async (_c, contribution) => void (await addComment(env.db, req.actor, contribution, parse(CommentInput, req.body)))),
  );

  async function loadComment(req: FastifyRequest, rule: string) {
    const comment = await findComment(env.db, parse(IdParams, req.params).id);
    req.authorize(rule, comment);
    return comment;
  }
  const tooLate = (values: Record<string, unknown>): FormState => ({ values, errors: { body: { key: 'consultations:comments.tooLate' } } });

  app.get('/comments/:id/edit', { config: { rule: 'comment.edit' } }, async (req, reply) => {
    const comment = await loadComment(req, 'comment.edit');
    if (!editable(comment)) return reply.page(CommentEditPage({ ctx: req.view(), contributionId: comment.contributionId, form: tooLate({ body: comment.body }) }), 409);
    return reply.page(CommentEditPage({ ctx: req.view(), contributionId: comment.contributionId, form: { values: { body: comment.body }, errors: {} } }));
  });
  app.post('/comments/:id/edit', { config: { rule: 'comment.edit' } }, async (req, reply) => {
    const comment = await loadComment(req, 'comment.edit');
    const show = (form: FormState) => CommentEditPage({ ctx: req.view(), contributionId: comment.contributionId, form });
    if (!editable(comment)) return reply.page(show(tooLate(formValues(req.body))), 409);
    return submitForm(reply, req.body, CommentEdit, async (input) => {
      await editComment(env.db, comment, input);
      return reply.redirect(`/contributions/${comment.contributionId}#comment-${comment.id}-item`, 303);
    }, show);
  });

  app.post('/comments/:id/delete', { config: { rule: 'comment.delete' } }, async (req, reply) => {
    const comment = await loadComment(req, 'comment.delete');
    await deleteComment(env.db, comment);
    return reply.redirect(`/contributions/${comment.contributionId}#comments-title`, 303);
  });
}
