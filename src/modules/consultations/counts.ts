// The vote counts (in contribution_tallies, kept by a trigger on votes) and debate count (on the row) kept for each
// contribution, so lists of thousands sort and show counts without counting. Every change of an argument or a comment
// locks the contribution's row first, then recounts: a concurrent change waits for the lock, and its recount (a later
// statement) sees what was committed before it. A recount sets the tallies too, after writes that move votes (a merge).
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { comments, contributionArguments, contributions, contributionTallies, votes } from './schema.ts';
// Hidden arguments and comments are not counted: a count must not say what a list does not show.
import { notHidden } from '../moderation/visibility.ts';

export async function lockContribution(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`select 1 from ${contributions} where ${contributions.id} = ${id} for update`);
}

const tally = sql`
  agree = (select count(*) from ${votes} v where v.contribution_id = ${contributionTallies.contributionId} and v.value = 'agree'),
  mixed = (select count(*) from ${votes} v where v.contribution_id = ${contributionTallies.contributionId} and v.value = 'mixed'),
  disagree = (select count(*) from ${votes} v where v.contribution_id = ${contributionTallies.contributionId} and v.value = 'disagree')`;
const debate = sql`
  debate_count = (select count(*) from ${contributionArguments} a where a.contribution_id = ${contributions.id} and ${notHidden('argument', sql`a.id`)})
    + (select count(*) from ${comments} m where m.contribution_id = ${contributions.id} and m.deleted_at is null and ${notHidden('comment', sql`m.id`)})`;

/** Recounts the contributions chosen by `which` (a condition on their id): votes in their tallies, then debate. */
async function recount(db: Db | Tx, which: (id: SQL) => SQL): Promise<void> {
  await db.execute(sql`update ${contributionTallies} set ${tally} where ${which(sql`${contributionTallies.contributionId}`)}`);
  await db.execute(sql`update ${contributions} set ${debate} where ${which(sql`${contributions.id}`)}`);
}

export async function refreshCounts(db: Db | Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await recount(db, (id) => sql`${id} = any(${sql.param(ids)}::int[])`);
}

/** After bulk writes that bypass the services (demo data, imports). */
export async function refreshConsultationCounts(db: Db | Tx, consultationId: number): Promise<void> {
  await recount(db, (id) => sql`${id} in (select ${contributions.id} from ${contributions} where ${contributions.consultationId} = ${consultationId})`);
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
