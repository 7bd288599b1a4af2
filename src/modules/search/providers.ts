// Site-wide search: each module says what it can find and who may see it; the search page asks them all.
// Text is matched with French stemming without accents (`websearch_to_tsquery`, so "quoted phrases" and -exclusions
// work as people expect from a search box).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { BoundedCount } from '../../platform/db/bounded.ts';
import type { Actor } from '../../platform/policy.ts';

export interface SearchHit {
  title: string;
  href: string;
  /** plain text around the words found; \u0001 and \u0002 mark where a match starts and ends */
  excerpt: string;
  /** e.g. the consultation a contribution belongs to (plain text) */
  context?: string;
  /** e.g. when an event takes place; shown in the reader's language */
  date?: Date;
}

export interface SearchProvider {
  /** stable name, used in the address (`type=`) and the translation keys `search:type.<name>` */
  type: string;
  /** only what the actor may see, the best first */
  search(db: Db, actor: Actor, query: string, limit: number, offset: number): Promise<{ hits: SearchHit[] } & BoundedCount>;
}

/** Matches are counted up to this many ("more than 1,000 results"), and no more are ranked, whatever the tables hold. */
export const searchCap = 1000;

const providers = new Map<string, SearchProvider>();

/** Called once when a module loads; a second registration of the same type replaces the first. */
export function registerSearch(provider: SearchProvider): void {
  providers.set(provider.type, provider);
}

/** The order results come in: what people come to read first; kinds not listed come last. */
const preferred = ['consultations', 'contributions', 'projects', 'events', 'organizations'];
const rank = (type: string) => (preferred.includes(type) ? preferred.indexOf(type) : preferred.length);

export function searchProviders(): SearchProvider[] {
  return [...providers.values()].sort((a, b) => rank(a.type) - rank(b.type));
}

/** The query, in both spellings: the indexed text is unaccented, the highlighted text is not. */
export function frenchQuery(text: string): SQL {
  return sql`websearch_to_tsquery('french', immutable_unaccent(${text}))`;
}

/**
 * An excerpt of `column` around the words of the query, with invisible markers the view turns into <mark>. The
 * query's words are joined with OR here: with AND, a passage is only highlighted when it holds every word.
 */
export function excerpt(column: SQL | unknown, text: string): SQL<string> {
  // parvis_french (migration 0008) reads each word without its accents but shows the text as written.
  const anyWord = sql`replace(websearch_to_tsquery('parvis_french', ${text})::text, '&', '|')::tsquery`;
  return sql<string>`ts_headline('parvis_french', ${column}, ${anyWord}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=18, MinWords=8, ShortWord=2, FragmentDelimiter=" … "')`;
}
