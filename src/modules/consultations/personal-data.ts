// What consultations hold about a person, for the download of their data: what they wrote and how they voted.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { comments, contributionArguments, contributions, votes } from './schema.ts';

export async function consultationPersonalData(db: Db, userId: number) {
  const [written, cast, argued, commented] = await Promise.all([
    db.select({ id: contributions.id, title: contributions.title, body: contributions.body, kind: contributions.kind, state: contributions.state, createdAt: contributions.createdAt }).from(contributions).where(eq(contributions.authorId, userId)),
    db.select({ contributionId: votes.contributionId, value: votes.value, at: votes.updatedAt }).from(votes).where(eq(votes.userId, userId)),
    db.select({ contributionId: contributionArguments.contributionId, side: contributionArguments.side, text: contributionArguments.text, createdAt: contributionArguments.createdAt }).from(contributionArguments).where(eq(contributionArguments.authorId, userId)),
    db.select({ contributionId: comments.contributionId, body: comments.body, createdAt: comments.createdAt, deletedAt: comments.deletedAt }).from(comments).where(eq(comments.authorId, userId)),
  ]);
  return { contributions: written, votes: cast, arguments: argued, comments: commented };
}
