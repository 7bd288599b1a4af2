// Reactions to a contribution besides votes: short arguments for and against, which others support (once each),
// and threaded comments, three levels deep, which may stay open after the phase and are edited only for a while.
import { and, asc, eq, sql } from 'drizzle-orm';
import { minutes, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts';
import { can, type Actor } from '../../platform/policy.ts';
import '../moderation/policy.ts';
import { hiddenNotices, type HiddenNotice } from '../moderation/visibility.ts';
import { excerptOf } from '../moderation/kinds.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { displayNames } from '../accounts/service.ts';
import { assertOpen, assertReactable, PhaseClosed, type Contribution } from './contributions.ts';
import { recordEvent } from '../notifications/record.ts';
import { withCounts } from './counts.ts';
import type { ArgumentInput, CommentInput, CommentEdit } from './inputs.ts';
import { commentsOpen } from './phases.ts';
import { argumentSupports, comments, contributionArguments, contributions, phases, type ArgumentSide } from './schema.ts';

export const commentEditWindow = minutes(15);
export const maxDepth = 3;

/**
 * Who reads a debate: what the moderators hid is left out (an argument) or kept in its place without its text (a
 * comment, so that replies still make sense) — but for its author and those who decide about it (the moderators,
 * the consultation's organizers), who read it with why it is hidden.
 */
export interface Reader {
  actor: Actor;
  organizerIds: number[];
}

const mayReadHidden = (reader: Reader, authorId: number | null) => can(reader.actor, 'moderation.seeHidden', { authorId, organizerIds: reader.organizerIds });

function me(actor: Actor) {
  if (!actor.user) throw new NotFound('account');
  return actor.user;
}

export async function addArgument(db: Db, actor: Actor, contribution: Contribution, input: ArgumentInput): Promise<void> {
  const user = me(actor);
  assertReactable(contribution);
  assertOpen(contribution.phase);
  await withCounts(db, contribution.id, async (tx) => {
    const [argument] = await tx.insert(contributionArguments).values({ contributionId: contribution.id, side: input.side, text: input.text, authorId: user.id }).returning({ id: contributionArguments.id });
    await recordEvent(tx, 'argument.created', user.id, { consultationId: contribution.consultationId, contributionId: contribution.id, title: contribution.title, argumentId: argument!.id, side: input.side });
  });
}

/** The contribution an argument or a comment belongs to, with its phase, for the phase checks. */
export async function findArgument(db: Db, argumentId: number) {
  const [row] = await db
    .select({ contributionId: contributionArguments.contributionId, phase: phases })
    .from(contributionArguments)
    .innerJoin(contributions, eq(contributions.id, contributionArguments.contributionId))
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(eq(contributionArguments.id, argumentId));
  if (!row) throw new NotFound('argument');
  return row;
}

/** One support per person: supporting twice is supporting once; `remove` takes it back. */
export async function supportArgument(db: Db, actor: Actor, argumentId: number, remove: boolean): Promise<void> {
  const user = me(actor);
  const { phase } = await findArgument(db, argumentId);
  assertOpen(phase);
  if (remove) await db.delete(argumentSupports).where(and(eq(argumentSupports.argumentId, argumentId), eq(argumentSupports.userId, user.id)));
  else await db.insert(argumentSupports).values({ argumentId, userId: user.id }).onConflictDoNothing();
}

export interface ArgumentView {
  id: number;
  side: ArgumentSide;
  text: string;
  authorName: string;
  supports: number;
  supportedByMe: boolean;
  /** set for the few who still read a hidden argument */
  hidden?: HiddenNotice;
  authoredByMe: boolean;
}

export async function listArguments(db: Db, reader: Reader, contributionId: number): Promise<ArgumentView[]> {
  const userId = reader.actor.user?.id ?? 0;
  const rows = await db
    .select({
      id: contributionArguments.id,
      side: contributionArguments.side,
      text: contributionArguments.text,
      authorId: contributionArguments.authorId,
      // The outer row named in full: drizzle leaves a lone table's columns unqualified in select fields.
      supports: sql<number>`(select count(*) from ${argumentSupports} s where s.argument_id = "contribution_arguments"."id")`.mapWith(Number),
      supportedByMe: sql<boolean>`exists (select 1 from ${argumentSupports} s where s.argument_id = "contribution_arguments"."id" and s.user_id = ${userId})`.mapWith(Boolean),
    })
    .from(contributionArguments)
    .where(eq(contributionArguments.contributionId, contributionId))
    .orderBy(asc(contributionArguments.id))
    .limit(500);
  const [names, hidden] = await Promise.all([displayNames(db, [...new Set(rows.flatMap((r) => (r.authorId ? [r.authorId] : [])))]), hiddenNotices(db, 'argument', rows.map((r) => r.id))]);
  return rows
    .filter((r) => !hidden.has(r.id) || mayReadHidden(reader, r.authorId))
    .map(({ authorId, ...r }) => ({ ...r, authorName: (authorId && names.get(authorId)) || '', hidden: hidden.get(r.id), authoredByMe: authorId !== null && authorId === userId }))
    .sort((a, b) => b.supports - a.supports || a.id - b.id);
}

export type CommentRow = typeof comments.$inferSelect;

export async function findComment(db: Db, id: number): Promise<CommentRow> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id));
  if (!row) throw new NotFound('comment');
  return row;
}

/** A reply goes under its parent, up to three levels. */
export async function addComment(db: Db, actor: Actor, contribution: Contribution, input: CommentInput): Promise<CommentRow> {
  const user = me(actor);
  assertReactable(contribution);
  if (!commentsOpen(contribution.phase)) throw new PhaseClosed();
  let depth = 1;
  if (input.parent) {
    const parent = await db.select().from(comments).where(and(eq(comments.id, Number(input.parent)), eq(comments.contributionId, contribution.id)));
    if (!parent[0]) throw ValidationFailed.one('body', 'consultations:validation.parent');
    if (parent[0].depth >= maxDepth) throw ValidationFailed.one('body', 'consultations:validation.tooDeep');
    depth = parent[0].depth + 1;
  }
  const values = { contributionId: contribution.id, parentId: input.parent ? Number(input.parent) : null, depth, authorId: user.id, body: input.body };
  const [row] = await withCounts(db, contribution.id, async (tx) => {
    const inserted = await tx.insert(comments).values(values).returning();
    await recordEvent(tx, 'comment.created', user.id, { consultationId: contribution.consultationId, contributionId: contribution.id, title: contribution.title, commentId: inserted[0]!.id, parentId: values.parentId });
    return inserted;
  });
  return row!;
}

/** The arguments of a contribution this person supports: one indexed lookup, for the support buttons of its page. */
export async function supportedArguments(db: Db, userId: number, contributionId: number): Promise<Set<number>> {
  const found = await db
    .select({ id: argumentSupports.argumentId })
    .from(argumentSupports)
    .innerJoin(contributionArguments, eq(contributionArguments.id, argumentSupports.argumentId))
    .where(and(eq(argumentSupports.userId, userId), eq(contributionArguments.contributionId, contributionId)));
  return new Set(found.map((r) => r.id));
}

export function editable(comment: Pick<CommentRow, 'createdAt' | 'deletedAt'>, at = now()): boolean {
  return comment.deletedAt === null && at.getTime() - comment.createdAt.getTime() <= commentEditWindow;
}

export async function editComment(db: Db, comment: CommentRow, input: CommentEdit): Promise<void> {
  if (!editable(comment)) throw new Conflict('edit_window_over', 'a comment is edited within 15 minutes');
  await db.update(comments).set({ body: input.body, editedAt: now() }).where(eq(comments.id, comment.id));
}

/** What was said goes; the place in the thread stays, so the replies still make sense. */
/**
 * Deletes a comment. A moderator deleting someone else's gives a `reason`: it is audited and told to the author as a
 * moderation decision, in the same transaction as the deletion.
 */
export async function deleteComment(db: Db, comment: CommentRow, moderated?: { actor: Actor; reason: string }): Promise<void> {
  if (comment.deletedAt) return;
  await withCounts(db, comment.contributionId, async (tx) => {
    await tx.update(comments).set({ body: '', deletedAt: now() }).where(eq(comments.id, comment.id));
    if (!moderated) return;
    await recordAudit(tx, moderated.actor, 'comment.delete', `comment:${comment.id}`, { reason: moderated.reason });
    if (comment.authorId !== null && comment.authorId !== moderated.actor.user?.id)
      await recordEvent(tx, 'moderation.decision', moderated.actor.user?.id, { recipients: [comment.authorId], decision: 'removed', title: excerptOf(comment.body, 200), reason: moderated.reason, href: `/contributions/${comment.contributionId}` });
  });
}

export interface CommentView {
  id: number;
  parentId: number | null;
  depth: number;
  authorId: number | null;
  authorName: string;
  body: string;
  createdAt: Date;
  edited: boolean;
  deleted: boolean;
  deletedAt: Date | null;
  /** hidden by the moderators, and why */
  hidden?: HiddenNotice;
  /** hidden from this reader: its text and author are left out, the reason stays in its place */
  masked: boolean;
}

export async function listComments(db: Db, reader: Reader, contributionId: number): Promise<CommentView[]> {
  const rows = await db.select().from(comments).where(eq(comments.contributionId, contributionId)).orderBy(asc(comments.id)).limit(1000);
  const [names, hidden] = await Promise.all([displayNames(db, [...new Set(rows.flatMap((r) => (r.authorId ? [r.authorId] : [])))]), hiddenNotices(db, 'comment', rows.map((r) => r.id))]);
  return rows.map((r) => {
    const masked = hidden.has(r.id) && !mayReadHidden(reader, r.authorId);
    return {
    id: r.id,
    parentId: r.parentId,
    depth: r.depth,
    authorId: masked ? null : r.authorId,
    authorName: masked ? '' : (r.authorId && names.get(r.authorId)) || '',
    body: masked ? '' : r.body,
    hidden: hidden.get(r.id),
    masked,
    createdAt: r.createdAt,
    edited: r.editedAt !== null,
    deleted: r.deletedAt !== null,
    deletedAt: r.deletedAt,
    };
  });
}
