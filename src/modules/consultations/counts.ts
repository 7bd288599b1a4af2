// The vote and debate counts stored on each contribution, so lists of thousands sort and show counts without
// counting. Every change of a vote, an argument or a comment locks the contribution's row first, then recounts:
// a concurrent change waits for the lock, and its recount (a later statement) sees what was committed before it.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { comments, contributionArguments, contributions, votes } from './schema.ts';
// Hidden arguments and comments are not counted: a count must not say what a list does not show.
import { notHidden } from '../moderation/visibility.ts';

export async function lockContribution(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`select 1 from ${contributions} where ${contributions.id} = ${id} for update`);
}

const recount = sql`
  agree_count = (select count(*) from ${votes} v where v.contribution_id = ${contributions.id} and v.value = 'agree'),
  mixed_count = (select count(*) from ${votes} v where v.contribution_id = ${contributions.id} and v.value = 'mixed'),
  disagree_count = (select count(*) from ${votes} v where v.contribution_id = ${contributions.id} and v.value = 'disagree'),
  debate_count = (select count(*) from ${contributionArguments} a where a.contribution_id = ${contributions.id} and ${notHidden('argument', sql`a.id`)})
    + (select count(*) from ${comments} m where m.contribution_id = ${contributions.id} and m.deleted_at is null and ${notHidden('comment', sql`m.id`)})`;

export async function refreshCounts(db: Db | Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update ${contributions} set ${recount} where ${contributions.id} = any(${sql.param(ids)}::int[])`);
}

/** After bulk writes that bypass the services (demo data, imports). */
export async function refreshConsultationCounts(db: Db | Tx, consultationId: number): Promise<void> {
  await db.execute(sql`update ${contributions} set ${recount} where ${contributions.consultationId} = ${consultationId}`);
}

/** Runs a change of reactions and recounts, the contribution's row locked throughout. */
export async function withCounts<T>(db: Db, contributionId: number, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockContribution(tx, contributionId);
    const result = await change(tx);
    await refreshCounts(tx, [contributionId]);
    return result;
  });
}
