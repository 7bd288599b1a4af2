// What the moderation module changes in contributions when it hides or restores one: its state. A hidden
// contribution is `state = 'hidden'`, so everything that reads published contributions — lists, kept counts (the
// triggers of migration 0011 follow the state), search, similar contributions, links, the chain, syntheses' citations,
// exports — leaves it out with no condition of its own. Only published contributions are hidden, and only hidden ones
// restored: a draft or a merged duplicate is never touched.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { contributions } from './schema.ts';

export async function setContributionsHidden(tx: Tx, ids: number[], hidden: boolean): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(contributions)
    .set({ state: hidden ? 'hidden' : 'published' })
    .where(and(inArray(contributions.id, ids), eq(contributions.state, hidden ? 'published' : 'hidden'), isNull(contributions.mergedIntoId)));
}
