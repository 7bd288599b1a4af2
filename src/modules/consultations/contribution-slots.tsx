// The parts of a contribution's page that are the reader's own — their vote, their support of each argument, the
// edit and delete links of what they wrote — printed by the views as slots and filled in for each request
// (platform/http/page-serving.ts). The page around them is then the same for everyone of a persona and kept once:
// a signed-in reader costs a lookup or two instead of the page's ten queries (issue 10). The keys the views pass
// carry what each filler needs besides the reader (ids, the phase open or not, a comment's time), so that filling a
// slot reads nothing but the reader's own rows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/policy.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { myVote } from './contributions.ts';
import { editable, supportedArguments } from './reactions.ts';
import { VoteForm } from './views/components.tsx';
import { CommentDeleteForm, SupportForm } from './views/reactions.tsx';

/** The numbers of a slot's key, `a:b:c`; NaN where one is missing. */
const numbers = (arg: string | undefined) => (arg ?? '').split(':').map(Number);

export function registerContributionSlots(app: FastifyInstance, env: ServiceEnv): void {
  // A page has one slot per argument: the person's supports are read once for all of them.
  const supports = new WeakMap<FastifyRequest, Map<number, Promise<Set<number>>>>();
  function supportedBy(req: FastifyRequest, userId: number, contributionId: number): Promise<Set<number>> {
    let byContribution = supports.get(req);
    if (!byContribution) supports.set(req, (byContribution = new Map()));
    let found = byContribution.get(contributionId);
    if (!found) byContribution.set(contributionId, (found = supportedArguments(env.db, userId, contributionId)));
    return found;
  }

  const serving = app.pageServing;
  serving.everyPage('vote', async (req, arg) => {
    const [contributionId, open] = numbers(arg);
    if (!Number.isInteger(contributionId)) return '';
    const canVote = open === 1 && req.actor.signedIn;
    const mine = canVote ? await myVote(env.db, req.actor, contributionId!) : undefined;
    return String(await VoteForm({ ctx: req.view(), contributionId: contributionId!, mine, canVote, signedIn: req.actor.signedIn }));
  });
  serving.everyPage('support', async (req, arg) => {
    const [argumentId, contributionId] = numbers(arg);
    const user = req.actor.user;
    if (!user || !Number.isInteger(argumentId) || !Number.isInteger(contributionId)) return '';
    const supported = (await supportedBy(req, user.id, contributionId!)).has(argumentId!);
    return String(await SupportForm({ ctx: req.view(), argumentId: argumentId!, supported }));
  });
  serving.everyPage('authorEdit', async (req, arg) => {
    const [contributionId, authorId] = numbers(arg);
    if (!can(req.actor, 'contribution.edit', { authorId })) return '';
    return String(
      <>
        {' · '}
        <a href={`/contributions/${contributionId}/edit`}>{req.view().t('consultations:contribution.edit')}</a>
      </>,
    );
  });
  serving.everyPage('commentEdit', async (req, arg) => {
    const [commentId, authorId, createdAt] = numbers(arg);
    if (!can(req.actor, 'comment.edit', { authorId }) || !editable({ createdAt: new Date(createdAt!), deletedAt: null })) return '';
    return String(<a href={`/comments/${commentId}/edit`}>{req.view().t('consultations:comments.edit')}</a>);
  });
  serving.everyPage('commentDelete', async (req, arg) => {
    const [commentId, authorId] = numbers(arg);
    if (!Number.isInteger(commentId) || !can(req.actor, 'comment.delete', { authorId: authorId || null })) return '';
    return String(await CommentDeleteForm({ ctx: req.view(), commentId: commentId! }));
  });
}
