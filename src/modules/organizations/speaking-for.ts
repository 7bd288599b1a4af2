// Whom a person speaks for by default: themselves, or one organization they are an active member of. Kept on the
// membership (memberships.speaks_for), so leaving an organization takes the choice with it; the contribution form
// starts from it, and each contribution keeps the choice made when it was written.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { memberships, organizations } from './schema.ts';

export interface SpeakingFor {
  /** the organizations the person may speak for, by name */
  choices: { id: number; name: string }[];
  /** the one kept as their default; null: they speak for themselves */
  current: number | null;
}

/** One indexed query: the person's active memberships with the one marked. */
export async function speakingFor(db: Db, userId: number): Promise<SpeakingFor> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, speaksFor: memberships.speaksFor })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .orderBy(asc(organizations.name))
    .limit(200);
  return { choices: rows.map(({ id, name }) => ({ id, name })), current: rows.find((r) => r.speaksFor)?.id ?? null };
}

/** "" (or null) for oneself, else an organization's id; one may only speak for an organization one belongs to. */
export async function chooseSpeakingFor(db: Db, actor: Actor, choice: string | null): Promise<number | null> {
  const userId = actor.user?.id;
  if (userId === undefined) throw new NotFound('account');
  const organizationId = choice ? Number(choice) : null;
  if (organizationId !== null && (!Number.isSafeInteger(organizationId) || !actor.isMemberOf(organizationId))) throw ValidationFailed.one('organization', 'consultations:validation.organization');
  await db.transaction(async (tx) => {
    // Cleared first: the partial unique index allows one marked membership per person at any moment.
    await tx.update(memberships).set({ speaksFor: false }).where(and(eq(memberships.userId, userId), eq(memberships.speaksFor, true)));
    if (organizationId !== null) await tx.update(memberships).set({ speaksFor: true }).where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId), eq(memberships.status, 'active')));
  });
  return organizationId;
}
