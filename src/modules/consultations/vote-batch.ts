// Votes arriving together are cast together: while one batch is in the database, the votes that come meanwhile wait
// for the next, which goes as soon as it returns — one round trip and one commit for all of them (`cast_votes`,
// migration 0019). A lone vote waits for nothing; under a crowd, a commit carries many. Each request is answered once
// its batch has committed, so an acknowledged vote is on disk. A batch that fails (a ballot the database refuses, a
// timeout) is cast again vote by vote, so one ballot's error is its own.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.ts';

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

interface Waiting extends Ballot {
  resolve(cast: Cast): void;
  reject(error: unknown): void;
}

type Row = { ord: number; outcome: Outcome; agree: number | null; mixed: number | null; disagree: number | null };

/** More than this waits for the next batch: a bounded statement, and locks held for a bounded time. */
const maxBatch = 200;

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

export class VoteBatcher {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  cast(ballot: Ballot): Promise<Cast> {
    return new Promise<Cast>((resolve, reject) => {
      this.waiting.push({ ...ballot, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, maxBatch);
        try {
          const casts = await castAll(this.db, batch);
          batch.forEach((ballot, i) => ballot.resolve(casts[i]!));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const ballot of batch) await castAll(this.db, [ballot]).then(([cast]) => ballot.resolve(cast!), ballot.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const batchers = new WeakMap<Db, VoteBatcher>();

/** The batcher of this database: one per process and database, so that every vote route shares its batches. */
export function voteBatcher(db: Db): VoteBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new VoteBatcher(db)));
  return batcher;
}
