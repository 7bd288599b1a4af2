// Contributions that look like what someone is writing: the same consultation, French stemming without accents
// (the generated `search` vector) or close titles (trigrams), so people can support an existing one instead.
import { and, eq, ne, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { isVisible, type LinkItem } from './links.ts';
import { contributions, phases } from './schema.ts';

export const similarLimit = 5;

export interface SimilarItem extends LinkItem {
  phaseOpen: boolean;
}

/** Words joined with OR: a title shares some words with its duplicates, rarely all of them. */
function anyWord(text: string) {
  return sql`replace(plainto_tsquery('french', immutable_unaccent(${text}))::text, '&', '|')::tsquery`;
}

export async function similarContributions(db: Db, consultationId: number, text: string, excludeId?: number): Promise<SimilarItem[]> {
  const wanted = text.trim().slice(0, 200);
  if (wanted.length < 4) return [];
  const query = anyWord(wanted);
  const titleSimilarity = sql`word_similarity(immutable_unaccent(lower(${wanted})), immutable_unaccent(lower(${contributions.title})))`;
  const rank = sql`greatest(ts_rank(${contributions.search}, ${query}), ${titleSimilarity})`;
  const rows = await db
    .select({ id: contributions.id, title: contributions.title, kind: contributions.kind, phasePosition: phases.position, startsAt: phases.startsAt, endsAt: phases.endsAt })
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(and(eq(contributions.consultationId, consultationId), isVisible, excludeId ? ne(contributions.id, excludeId) : undefined, sql`(${contributions.search} @@ ${query} or ${titleSimilarity} > 0.4)`))
    .orderBy(sql`${rank} desc`, sql`${contributions.id} desc`)
    .limit(similarLimit);
  const at = now().getTime();
  return rows.map(({ startsAt, endsAt, ...item }) => ({ ...item, phaseOpen: startsAt.getTime() <= at && at < endsAt.getTime() }));
}
