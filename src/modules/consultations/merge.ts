// Organizers merge duplicates: the duplicate's authors become co-authors of the one kept, every vote counts once
// (someone who voted on both keeps the vote they gave the one kept), links, arguments and comments move over, the
// authors are told, and the duplicate's address redirects to the one kept.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { Conflict, ValidationFailed } from '../../platform/errors.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import type { Actor } from '../../platform/policy.ts';
import { recordEvent } from '../notifications/record.ts';
import { findContribution, type Contribution } from './contributions.ts';
import { refreshCounts } from './counts.ts';
import { comments, contributionArguments, contributionCoauthors, contributionLinks, contributions, synthesisCitations, votes } from './schema.ts';

/** The people who wrote a contribution: its author and co-authors. */
async function authorsOf(tx: Tx, contribution: Pick<Contribution, 'id' | 'authorId'>): Promise<number[]> {
  const coauthors = await tx.select({ id: contributionCoauthors.userId }).from(contributionCoauthors).where(eq(contributionCoauthors.contributionId, contribution.id));
  return [...new Set([...(contribution.authorId ? [contribution.authorId] : []), ...coauthors.map((c) => c.id)])];
}

/** Moves the links of `from` to `to`, dropping the ones that would link `to` to itself or repeat a link. */
async function moveLinks(tx: Tx, fromId: number, toId: number): Promise<void> {
  await tx.execute(sql`insert into ${contributionLinks} (from_id, to_id) select ${toId}, to_id from ${contributionLinks} where from_id = ${fromId} and to_id <> ${toId} on conflict do nothing`);
  await tx.execute(sql`insert into ${contributionLinks} (from_id, to_id) select from_id, ${toId} from ${contributionLinks} where to_id = ${fromId} and from_id <> ${toId} on conflict do nothing`);
  await tx.delete(contributionLinks).where(sql`${contributionLinks.fromId} = ${fromId} or ${contributionLinks.toId} = ${fromId}`);
}

/** The contribution a duplicate may be merged into (the confirmation page shows it before the merge), or why not. */
export async function findMergeTarget(db: Db, duplicate: Contribution, keptId: number): Promise<Contribution> {
  if (keptId === duplicate.id) throw ValidationFailed.one('into', 'consultations:merge.self');
  const kept = await findContribution(db, keptId).catch(() => undefined);
  if (!kept || kept.consultationId !== duplicate.consultationId || kept.state !== 'published') throw ValidationFailed.one('into', 'consultations:merge.unknown');
  if (kept.mergedIntoId !== null) throw ValidationFailed.one('into', 'consultations:merge.alreadyMerged');
  return kept;
}

export async function mergeContribution(env: ServiceEnv, actor: Actor, duplicate: Contribution, keptId: number): Promise<Contribution> {
  const kept = await findMergeTarget(env.db, duplicate, keptId);
  await env.db.transaction(async (tx) => {
    // Locks both rows in id order so that two merges of the same pair cannot interleave.
    const locked = await tx.select({ id: contributions.id, mergedIntoId: contributions.mergedIntoId }).from(contributions).where(inArray(contributions.id, [duplicate.id, kept.id])).orderBy(contributions.id).for('update');
    if (locked.some((row) => row.mergedIntoId !== null)) throw new Conflict('contribution_merged', 'already merged');
    const duplicateAuthors = await authorsOf(tx, duplicate);
    const keptAuthors = await authorsOf(tx, kept);
    const newCoauthors = duplicateAuthors.filter((id) => id !== kept.authorId);
    if (newCoauthors.length) await tx.insert(contributionCoauthors).values(newCoauthors.map((userId) => ({ contributionId: kept.id, userId }))).onConflictDoNothing();
    await tx.execute(sql`insert into ${votes} (contribution_id, user_id, value, updated_at) select ${kept.id}, user_id, value, updated_at from ${votes} where contribution_id = ${duplicate.id} on conflict do nothing`);
    await tx.delete(votes).where(eq(votes.contributionId, duplicate.id));
    await moveLinks(tx, duplicate.id, kept.id);
    await tx.update(contributionArguments).set({ contributionId: kept.id }).where(eq(contributionArguments.contributionId, duplicate.id));
    await tx.update(comments).set({ contributionId: kept.id }).where(eq(comments.contributionId, duplicate.id));
    await tx.execute(sql`insert into ${synthesisCitations} (synthesis_id, contribution_id) select synthesis_id, ${kept.id} from ${synthesisCitations} where contribution_id = ${duplicate.id} on conflict do nothing`);
    await tx.update(contributions).set({ mergedIntoId: kept.id, updatedAt: now() }).where(eq(contributions.id, duplicate.id));
    // Duplicates merged earlier into this one now point at the one kept, so every old address still redirects once.
    await tx.update(contributions).set({ mergedIntoId: kept.id }).where(and(eq(contributions.mergedIntoId, duplicate.id), ne(contributions.id, kept.id)));
    await refreshCounts(tx, [kept.id, duplicate.id]);
    // The authors of both are told, in the app and by e-mail as they chose (a notification recorded with the merge).
    const authorIds = [...new Set([...duplicateAuthors, ...keptAuthors])].filter((id) => id !== actor.user?.id);
    if (authorIds.length > 0)
      await recordEvent(tx, 'contribution.merged', actor.user?.id, { consultationId: kept.consultationId, duplicateId: duplicate.id, duplicateTitle: duplicate.title, keptId: kept.id, title: kept.title, authorIds });
  });
  return kept;
}

export async function coauthorIds(db: Db, contributionId: number): Promise<number[]> {
  return (await db.select({ id: contributionCoauthors.userId }).from(contributionCoauthors).where(eq(contributionCoauthors.contributionId, contributionId))).map((r) => r.id);
}
