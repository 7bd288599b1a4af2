// Votes arriving together are cast together (platform/db/batcher.ts): one statement, `cast_votes` (migrations 0019,
// 0029), checks and counts each ballot of a batch, and one commit carries them all.
import { sql } from 'drizzle-orm';
import { Batcher } from '../../platform/db/batcher.ts';
import { perDatabase, rows, type Db } from '../../platform/db/client.ts';

export type Choice = 'agree' | 'mixed' | 'disagree' | 'none';
export type Outcome = 'ok' | 'missing' | 'merged' | 'closed';

export interface Ballot {
  contributionId: number;
  userId: number;
  choice: Choice;
  at: Date;
}

export interface Cast {
  outcome: Outcome;
  /** the contribution's counts after this vote (when ok) */
  counts: { agree: number; mixed: number; disagree: number };
}

type Row = { ord: number; outcome: Outcome; agree: number | null; mixed: number | null; disagree: number | null };

async function castAll(db: Db, ballots: Ballot[]): Promise<Cast[]> {
  const found = await rows<Row>(
    db,
    sql`select ord, outcome, agree, mixed, disagree from cast_votes(${sql.param(ballots.map((b) => b.contributionId))}::int[], ${sql.param(ballots.map((b) => b.userId))}::int[], ${sql.param(ballots.map((b) => b.choice))}::text[], ${sql.param(ballots.map((b) => b.at.toISOString()))}::timestamptz[])`,
  );
  const casts: Cast[] = [];
  for (const row of found) casts[Number(row.ord) - 1] = { outcome: row.outcome, counts: { agree: Number(row.agree ?? 0), mixed: Number(row.mixed ?? 0), disagree: Number(row.disagree ?? 0) } };
  if (casts.length !== ballots.length || casts.includes(undefined as unknown as Cast)) throw new Error('cast_votes answered another number of votes than it was given');
  return casts;
}

/** The vote batcher of this database (platform/db/batcher.ts): every vote route shares its batches. */
export const voteBatcher = perDatabase((db: Db) => new Batcher<Ballot, Cast>((ballots) => castAll(db, ballots)));
