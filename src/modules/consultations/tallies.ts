// What reads the vote counts kept in contribution_tallies (migration 0027) needs, said once: the join, the rows of a
// phase as the tallies hold them, and the supported order in the terms of its index.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { contributions, contributionTallies } from './schema.ts';

/** Joins a contribution to its tally (every contribution has one, made with it by a trigger). */
export const talliesOf: SQL = eq(contributionTallies.contributionId, contributions.id);

/** A phase's visible contributions, said of their tallies: the condition that lets the supported order walk their index. */
export const visibleTallies = (phaseId: number): SQL => and(eq(contributionTallies.phaseId, phaseId), eq(contributionTallies.visible, true))!;

/** The most agreed first. "nulls last" as in the index (drizzle's default for desc), or the planner will not walk it
 * and sorts the whole phase instead. */
export const bySupport: SQL[] = [sql`${contributionTallies.agree} desc nulls last`, sql`${contributionTallies.contributionId} desc nulls last`];
