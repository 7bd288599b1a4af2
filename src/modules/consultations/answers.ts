// Official answers: organizers answer a contribution publicly and set where it stands; the answer shows first.
import { eq } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/policy.ts';
import { displayNames } from '../accounts/service.ts';
import type { Contribution } from './contributions.ts';
import type { AnswerInput } from './inputs.ts';
import { recordEvent } from '../notifications/record.ts';
import { contributions } from './schema.ts';

/** The authors (and those who follow the contribution) are told, by a notification recorded with the answer. */
export async function answerContribution(db: Db, actor: Actor, contribution: Contribution, input: AnswerInput): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(contributions).set({ answer: input.answer, answerStatus: input.status, answeredAt: now(), answeredBy: actor.user?.id ?? null }).where(eq(contributions.id, contribution.id));
    await recordEvent(tx, 'contribution.answered', actor.user?.id, { consultationId: contribution.consultationId, contributionId: contribution.id, title: contribution.title, status: input.status ?? null });
  });
}

export async function answererName(db: Db, contribution: Contribution): Promise<string> {
  if (!contribution.answeredBy) return '';
  return (await displayNames(db, [contribution.answeredBy])).get(contribution.answeredBy) ?? '';
}
