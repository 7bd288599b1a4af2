// Where a contribution came from when it was not typed on its page (e.g. entered after a workshop). Modules that
// bring contributions in register a resolver; the contribution page and lists show what they answer.
import type { Db } from '../../platform/db/client.ts';

export interface ContributionOrigin {
  /** e.g. "Atelier Île-de-France du 1er octobre 2020" (plain text, escaped by the view) */
  label: string;
  href: string;
  /** the participant who said it in the room, named only when they agreed to be */
  saidBy?: string | null;
}

export type OriginResolver = (db: Db, contributionIds: number[]) => Promise<Map<number, ContributionOrigin>>;

const resolvers = new Set<OriginResolver>();

/** Called once at module load; the same function registered twice counts once. */
export function registerOriginResolver(resolver: OriginResolver): void {
  resolvers.add(resolver);
}

export async function contributionOrigins(db: Db, contributionIds: number[]): Promise<Map<number, ContributionOrigin>> {
  const found = new Map<number, ContributionOrigin>();
  if (contributionIds.length === 0) return found;
  for (const resolver of resolvers) for (const [id, origin] of await resolver(db, contributionIds)) if (!found.has(id)) found.set(id, origin);
  return found;
}
