// HTML pages of contributions: writing one in an open phase, reading it, its history, editing it, voting on it,
// arguing and commenting.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { consultationPath, fragmentOf } from '../../platform/http/fragments.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { parse } from '../../platform/validation.ts';
import { isConfirmed, reasonOf } from '../../platform/views/confirm.tsx';
import type { FormState } from '../../platform/views/form.tsx';
import { territoryState } from '../organizations/routes.tsx';
import { withTerritories } from '../territories/resolve.ts';
import { commentsOf, showContribution } from './contribution-page.tsx';
import { registerContributionSlots } from './contribution-slots.tsx';
import { PhaseClosed, contributionHistory, contributionValues, createContribution, editContribution, myVote, publishDraft, vote, voteTally, type Contribution } from './contributions.ts';
import { loadConsultation, loadContribution, loadPhase, loadVotable, readContribution } from './http.ts';
import { ArgumentInput, CommentEdit, CommentInput, ContributionInput, IdParams, SimilarQuery, VoteInput, withLists } from './inputs.ts';
import { checkLinks, linkCandidates, linkedIds, linkIds, maxLinks } from './links.ts';
import { isOpen } from './phases.ts';
import { addArgument, addComment, deleteComment, editComment, editable, findArgument, findComment, supportArgument } from './reactions.ts';
import './policy.ts';
import { organizationChoices, type Consultation, type Phase } from './service.ts';
import { similarContributions } from './similar.ts';
import { VoteUpdate } from './views/components.tsx';
import { CommentEditPage, HistoryPage } from './views/contribution.tsx';
import { CommentDeletePage, CommentsSection, type ReactionForms } from './views/reactions.tsx';
import { ContributionFormPage, type Preview } from './views/forms.tsx';
import { SimilarList } from './views/links.tsx';
import { speakingFor } from '../organizations/speaking-for.ts';

const closedForm = (values: Record<string, unknown>): FormState => ({ values, errors: { form: { key: 'consultations:phaseClosed' } } });

/** The linked contributions' search button posts the form to show matches; nothing is saved then. */
const isAnswerSearch = (body: Record<string, unknown>) => body._search === 'answers';

type Intent = 'publish' | 'draft' | 'preview';
const intentOf = (body: Record<string, unknown>): Intent => (body.intent === 'draft' || body.intent === 'preview' ? body.intent : 'publish');

export function contributionRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  registerContributionSlots(app, env);

  const show = (req: FastifyRequest, reply: FastifyReply, consultation: Consultation, contribution: Contribution, forms: ReactionForms = {}, status = 200) =>
    showContribution(env, req, reply, consultation, contribution, { reactions: forms }, status);

  async function formPage(req: FastifyRequest, form: FormState, consultation: Consultation, phase: Phase, contribution?: Contribution, preview?: Preview) {
    const chosen = linkIds([form.values.answers].flat().filter((v): v is string => typeof v === 'string'));
    const query = typeof form.values.answersQuery === 'string' ? form.values.answersQuery : undefined;
    const [speakFor, candidates] = await Promise.all([organizationChoices(env.db, req.actor), linkCandidates(env.db, consultation, phase, query, chosen)]);
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
      candidates,
      preview,
      canDraft: !contribution || contribution.state === 'draft',
      excludeId: contribution?.id,
      action: contribution ? `/contributions/${contribution.id}/edit` : `/consultations/${consultation.slug}/phases/${phase.position}/contribute`,
      heading: contribution ? ctx.ta('consultations:contribution.editTitle') : ctx.ta('consultations:contribution.newTitle'),
      crumbs,
    });
  }

  /**
   * Publishes, saves a draft, or shows a preview with the similar contributions (checked like a real submission, so
   * its errors show before anything is saved). A write refused because the phase closed keeps what was typed.
   */
  async function submit(req: FastifyRequest, reply: FastifyReply, consultation: Consultation, phase: Phase, act: (input: ContributionInput, intent: Intent) => Promise<FastifyReply>, contribution?: Contribution) {
    const body = withTerritories(withLists(req.body, 'themes', 'answers'));
    if (isAnswerSearch(body)) return reply.page(formPage(req, { values: body, errors: {} }, consultation, phase, contribution));
    const intent = intentOf(body);
    const rerender = (form: FormState) => formPage(req, form, consultation, phase, contribution);
    try {
      if (intent === 'preview') {
        return await submitForm(reply, body, ContributionInput, async (input) => {
          await checkLinks(env.db, consultation, phase, input.kind, linkIds(input.answers));
          const similar = await similarContributions(env.db, consultation.id, `${input.title} ${input.body.slice(0, 300)}`, contribution?.id);
          return reply.page(formPage(req, { values: body, errors: {} }, consultation, phase, contribution, { safeBody: renderMarkdown(input.body), title: input.title, similar }));
        }, rerender);
      }
      return await submitForm(reply, body, ContributionInput, (input) => act(input, intent), rerender);
    } catch (error) {
      if (error instanceof PhaseClosed) return reply.page(formPage(req, closedForm(body), consultation, phase, contribution), 409);
      throw error;
    }
  }

  /** A link "answer this need" arrives with `?answers=ID`, already ticked in the form. */
  app.get('/consultations/:slug/phases/:phase/contribute', { config: { rule: 'contribution.create' } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req);
    if (!isOpen(phase)) return reply.page(formPage(req, closedForm({}), consultation, phase), 409);
    const answers = linkIds([(req.query as { answers?: unknown }).answers].flat().filter((v): v is string => typeof v === 'string')).slice(0, maxLinks).map(String);
    // The person's kept choice of whom they speak for is the form's starting point; the form may change it.
    const { current } = await speakingFor(env.db, req.actor.user!.id);
    return reply.page(formPage(req, { values: { ...(answers.length ? { answers } : {}), organization: current === null ? '' : String(current) }, errors: {} }, consultation, phase));
  });
  app.post('/consultations/:slug/phases/:phase/contribute', { config: { rule: 'contribution.create', adds: true } }, async (req, reply) => {
    const { consultation, phase } = await loadPhase(env.db, req);
    return submit(req, reply, consultation, phase, async (input, intent) => {
      const row = await createContribution(env.db, req.actor, consultation, phase, input, intent === 'draft' ? 'draft' : 'published');
      return reply.flash({ kind: 'success', key: intent === 'draft' ? 'consultations:flash.draftSaved' : 'consultations:flash.published' }).redirect(`/contributions/${row.id}`, 303);
    });
  });

  /** While the title is typed (htmx), the contributions that look alike; the preview shows the same without JavaScript. */
  // Asked at each pause in typing, by many people typing alike: kept like a page (the list is the same for everyone).
  app.get('/consultations/:slug/similar', { config: { rule: 'consultation.read', cache: 'signed-in' }, preHandler: fragmentOf(consultationPath) }, async (req, reply) => {
    const consultation = await loadConsultation(env.db, req);
    const { title, exclude } = parse(SimilarQuery, req.query);
    const items = await similarContributions(env.db, consultation.id, title ?? '', exclude);
    return reply.page(SimilarList({ ctx: req.view(), items }));
  });

  // A merged duplicate's address leads to the contribution that absorbed it, for good.
  app.get('/contributions/:id', { config: { rule: 'consultation.read', cache: 'signed-in' } }, async (req, reply) => {
    const { consultation, contribution } = await readContribution(env.db, req);
    if (contribution.mergedIntoId !== null) return reply.redirect(`/contributions/${contribution.mergedIntoId}`, 301);
    return show(req, reply, consultation, contribution);
  });

  app.get('/contributions/:id/history', { config: { rule: 'consultation.read', cache: true } }, async (req, reply) => {
    const { consultation, contribution } = await readContribution(env.db, req);
    const revisions = (await contributionHistory(env.db, contribution.id)).map((revision) => ({ revision, safeBody: renderMarkdown(revision.body) }));
    return reply.page(HistoryPage({ ctx: req.view(), consultation, contribution, revisions }));
  });

  app.get('/contributions/:id/edit', { config: { rule: 'contribution.edit' } }, async (req, reply) => {
    const { consultation, contribution } = await loadContribution(env.db, req, 'contribution.edit');
    const values = { ...contributionValues(contribution, consultation), answers: (await linkedIds(env.db, contribution.id)).map(String) };
    if (!isOpen(contribution.phase)) return reply.page(formPage(req, closedForm(values), consultation, contribution.phase, contribution), 409);
    return reply.page(formPage(req, { values, errors: {} }, consultation, contribution.phase, contribution));
  });
  app.post('/contributions/:id/edit', { config: { rule: 'contribution.edit' } }, async (req, reply) => {
    const { consultation, contribution } = await loadContribution(env.db, req, 'contribution.edit');
    return submit(req, reply, consultation, contribution.phase, async (input, intent) => {
      await editContribution(env.db, req.actor, consultation, contribution, input, intent !== 'draft');
      const published = contribution.state === 'draft' && intent !== 'draft';
      return reply.flash({ kind: 'success', key: published ? 'consultations:flash.published' : 'consultations:flash.saved' }).redirect(`/contributions/${contribution.id}`, 303);
    }, contribution);
  });

  app.post('/contributions/:id/publish', { config: { rule: 'contribution.edit' } }, async (req, reply) => {
    const { contribution } = await loadContribution(env.db, req, 'contribution.edit');
    try {
      await publishDraft(env.db, contribution);
      reply.flash({ kind: 'success', key: 'consultations:flash.published' });
    } catch (error) {
      if (!(error instanceof PhaseClosed)) throw error;
      reply.flash({ kind: 'error', key: 'consultations:phaseClosed' });
    }
    return reply.redirect(`/contributions/${contribution.id}`, 303);
  });

  // With htmx the vote bar answers itself; without JavaScript the browser goes back to the contribution.
  app.post('/contributions/:id/vote', { config: { rule: 'contribution.vote', adds: true } }, async (req, reply) => {
    const contribution = await loadVotable(env.db, req);
    const htmx = req.headers['hx-request'] === 'true';
    let refused = false;
    try {
      await vote(env.db, req.actor, contribution.id, parse(VoteInput, req.body));
    } catch (error) {
      if (!(error instanceof PhaseClosed)) throw error;
      refused = true;
    }
    if (!htmx) {
      if (refused) reply.flash({ kind: 'error', key: 'consultations:phaseClosed' });
      return reply.redirect(`/contributions/${contribution.id}`, 303);
    }
    const [tally, mine] = await Promise.all([voteTally(env.db, contribution.id), myVote(env.db, req.actor, contribution.id)]);
    return reply.page(VoteUpdate({ ctx: req.view(), contributionId: contribution.id, tally, mine, canVote: !refused && isOpen(contribution.phase), signedIn: true }));
  });

  /** A rejected argument or comment shows the contribution again, the input kept and the error beside the field. */
  async function react(req: FastifyRequest, reply: FastifyReply, which: keyof ReactionForms, act: (consultation: Consultation, contribution: Contribution) => Promise<void>) {
    const { consultation, contribution } = await loadContribution(env.db, req);
    try {
      await act(consultation, contribution);
    } catch (error) {
      const values = formValues(req.body);
      if (error instanceof ValidationFailed) return show(req, reply, consultation, contribution, { [which]: { values, errors: error.fields } }, 422);
      if (error instanceof PhaseClosed) return show(req, reply, consultation, contribution, { [which]: { values, errors: { [which === 'argument' ? 'text' : 'body']: { key: 'consultations:phaseClosed' } } } }, 409);
      throw error;
    }
    return reply.redirect(`/contributions/${contribution.id}#${which === 'argument' ? 'arguments-title' : 'comments-title'}`, 303);
  }

  app.post('/contributions/:id/arguments', { config: { rule: 'contribution.argue', adds: true } }, async (req, reply) =>
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

  // With htmx the thread answers itself (also when the comment is refused: htmx swaps 2xx answers only); without
  // JavaScript the browser goes back to the contribution.
  app.post('/contributions/:id/comments', { config: { rule: 'comment.create', adds: true } }, async (req, reply) => {
    if (req.headers['hx-request'] !== 'true') {
      return react(req, reply, 'comment', async (_c, contribution) => void (await addComment(env.db, req.actor, contribution, parse(CommentInput, req.body))));
    }
    const { consultation, contribution } = await loadContribution(env.db, req);
    let form: FormState | undefined;
    try {
      await addComment(env.db, req.actor, contribution, parse(CommentInput, req.body));
    } catch (error) {
      const values = formValues(req.body);
      if (error instanceof ValidationFailed) form = { values, errors: error.fields };
      else if (error instanceof PhaseClosed) form = { values, errors: { body: { key: 'consultations:phaseClosed' } } };
      else throw error;
    }
    const thread = await commentsOf(env, req, contribution, consultation);
    return reply.page(CommentsSection({ ctx: req.view(), contributionId: contribution.id, ...thread, form, posted: form === undefined }));
  });

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

  // Deleting asks first; a moderator deleting someone else's comment gives a reason, told to its author.
  const moderates = (req: FastifyRequest, comment: { authorId: number | null }) => comment.authorId !== req.actor.user?.id;
  app.get('/comments/:id/delete', { config: { rule: 'comment.delete' } }, async (req, reply) => {
    const comment = await loadComment(req, 'comment.delete');
    return reply.page(CommentDeletePage({ ctx: req.view(), comment, moderated: moderates(req, comment) }));
  });
  app.post('/comments/:id/delete', { config: { rule: 'comment.delete' } }, async (req, reply) => {
    const comment = await loadComment(req, 'comment.delete');
    if (!isConfirmed(req.body)) return reply.redirect(`/comments/${comment.id}/delete`, 303);
    const moderated = moderates(req, comment);
    try {
      await deleteComment(env.db, comment, moderated ? { actor: req.actor, reason: reasonOf(req.body, true)! } : undefined);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.page(CommentDeletePage({ ctx: req.view(), comment, moderated, form: { values: formValues(req.body), errors: error.fields } }), 422);
    }
    return reply.redirect(`/contributions/${comment.contributionId}#comments-title`, 303);
  });
}
