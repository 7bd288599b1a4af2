// Gathers everything a contribution's page shows, for the routes that show it (and show it again after a rejected form).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderMarkdown } from '../../platform/markdown.ts';
import { can } from '../../platform/policy.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { displayNames } from '../accounts/service.ts';
import { answererName } from './answers.ts';
import { voteTally, type Contribution } from './contributions.ts';
import { answers as answeredKind, linksOf } from './links.ts';
import { coauthorIds } from './merge.ts';
import { contributionOrigins } from './origins.ts';
import { commentsOpen, isOpen } from './phases.ts';
import { listArguments, listComments } from './reactions.ts';
import type { Consultation } from './service.ts';
import { citationsOf } from './syntheses.ts';
import { ContributionPage } from './views/contribution.tsx';
import { hiddenNotice } from '../moderation/visibility.ts';
import type { OrganizerForms } from './views/organizer.tsx';
import type { ReactionForms } from './views/reactions.tsx';

/** The open phase where one may answer this contribution (an idea for a need, a feature for an idea), if any. */
function answerHref(consultation: Consultation, c: Contribution): string | undefined {
  const phase = consultation.phases.find((p) => p.position > c.phase.position && isOpen(p) && p.kinds.some((k) => answeredKind[k] === c.kind));
  return phase ? `/consultations/${consultation.slug}/phases/${phase.position}/contribute?answers=${c.id}` : undefined;
}

export interface PageForms {
  reactions?: ReactionForms;
  organizer?: OrganizerForms;
}

/** The comment thread and who may do what in it. */
export async function commentsOf(env: ServiceEnv, req: FastifyRequest, contribution: Contribution, consultation: Pick<Consultation, 'organizerIds'>) {
  const items = await listComments(env.db, { actor: req.actor, organizerIds: consultation.organizerIds }, contribution.id);
  return {
    items,
    canComment: req.actor.signedIn && commentsOpen(contribution.phase),
  };
}

export async function showContribution(env: ServiceEnv, req: FastifyRequest, reply: FastifyReply, consultation: Consultation, contribution: Contribution, forms: PageForms = {}, status = 200) {
  const db = env.db;
  const [tally, argumentList, thread, links, citedIn, coauthors, origins, answerer, hidden] = await Promise.all([
    voteTally(db, contribution.id),
    listArguments(db, { actor: req.actor, organizerIds: consultation.organizerIds }, contribution.id),
    commentsOf(env, req, contribution, consultation),
    linksOf(db, contribution.id),
    citationsOf(db, consultation, contribution.id),
    coauthorIds(db, contribution.id).then(async (ids) => [...(await displayNames(db, ids)).values()]),
    contributionOrigins(db, [contribution.id]),
    answererName(db, contribution),
    contribution.state === 'hidden' ? hiddenNotice(db, 'contribution', contribution.id) : undefined,
  ]);
  // What the reader's votes, supports and own comments change is in slots (contribution-slots.tsx); a page showing
  // hidden content or a draft also depends on who reads it (their own is shown them): not kept for the persona.
  if (contribution.state !== 'published' || argumentList.some((a) => a.hidden) || thread.items.some((c) => c.hidden)) req.server.pageServing.notShared(req);
  const reactions = { arguments: argumentList, comments: thread.items, canComment: thread.canComment, forms: forms.reactions ?? {} };
  const extras = {
    links,
    answerHref: answerHref(consultation, contribution),
    citedIn,
    coauthors,
    origin: origins.get(contribution.id),
    answer: contribution.answer ? { safeAnswer: renderMarkdown(contribution.answer), answerer } : undefined,
    organizer: can(req.actor, 'consultation.manage', consultation) ? (forms.organizer ?? {}) : undefined,
    hidden,
  };
  const safeBody = renderMarkdown(contribution.body);
  const page = ContributionPage({ ctx: req.view(), consultation, contribution, safeBody, tally, signedIn: req.actor.signedIn, reactions, extras });
  return reply.page(page, status);
}
