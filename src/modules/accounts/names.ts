// The name a person is shown under. A blocked account is shown as "blocked account", and a person whose profile the
// moderators hid as "name hidden by the moderators", wherever their name appears, until unblocked or restored. The
// data layer cannot translate, so it hands these on as two markers only a view turns into words (personName) and an
// API answer into nothing (apiName, as for a deleted account): no real name can be taken for them, since PostgreSQL
// text never holds U+0000.
import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { isHidden } from '../moderation/visibility.ts';
import { users } from './schema.ts';

export const blockedName = '\u0000blocked';
export const hiddenName = '\u0000hidden';

/** Public names of several accounts in one query: '' for a deleted account, a marker for a blocked or hidden one. */
export async function publicNames(db: Db | Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, blocked: sql<boolean>`${users.blockedAt} is not null`, hidden: isHidden('user', sql`"users"."id"`) })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.blocked ? blockedName : row.hidden ? hiddenName : row.displayName]));
}

/** A name as an API answer gives it: empty for a person who cannot be named (deleted, blocked, hidden). */
export function apiName(name: string): string {
  return name === blockedName || name === hiddenName ? '' : name;
}
