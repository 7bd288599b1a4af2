// Site-wide search: each module says what it can find and who may see it; the search page asks them all.
// Text is matched with French stemming without accents (`websearch_to_tsquery`, so "quoted phrases" and -exclusions
// work as people expect from a search box), words joined by hyphens or apostrophes as their parts, and the last word
// as the start of one, as people type it.
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

/** "vélo-cargo" as "vélo cargo", "l'îlot" as "l îlot" */
const partsApart = (text: string) => text.replace(/(?<=[\p{L}\p{N}])[-\u2010\u2011'\u2019\u02bc`](?=[\p{L}\p{N}])/gu, ' ');

/**
 * A query split where the search box needs it: hyphens and apostrophes inside a word join parts that are words of
 * their own ("vélo-cargo" is "vélo cargo", "l'îlot" is "l îlot"), and the last word, unless quoted, excluded or an
 * operator, may be only the start of one (people type "énerg" and expect "énergie").
 */
export function queryParts(text: string): { words: string; last?: string; orLast?: boolean } {
  const words = partsApart(text);
  const found = /(^|\s)([\p{L}\p{Nd}]+)\s*$/u.exec(words);
  if (!found) return { words };
  const last = found[2]!;
  const before = words.slice(0, found.index + found[1]!.length);
  const quoted = (before.split('"').length - 1) % 2 === 1;
  // Numbers are typed whole ("2000" is not "20000"). Letters unaccent turns into punctuation (ŉ, modifier letters)
  // would break the prefix syntax: such a word is searched whole.
  if (last.length < 3 || quoted || /^or$/i.test(last) || /^\p{Nd}+$/u.test(last) || /[\u0149\u02b0-\u02ff]/u.test(last)) return { words };
  const orLast = /(^|\s)or\s*$/i.test(before);
  return { words: orLast ? before.replace(/or\s*$/i, '') : before, last, orLast };
}

type Config = 'french' | 'parvis_french';

/**
 * A word being typed: any word it starts ("énerg" -> énergie) or any word whose stem it already runs past (the
 * stem of "participation" is "particip", which "participat" no longer starts). Those stems are the typed word's own
 * starts of five letters or more, at most four letters back, so "plantat" finds "plantation" but not "plan".
 * The word itself is asked too, so that what holds it ranks above what only starts with it ("Lyon" before "Lyonnais").
 * A stop word ("par") adds nothing rather than matching no row, unless it is all there is: then it is the start of a
 * word being typed ("par" -> participation), found as written.
 */
function startOfWord(word: string, config: Config, alone: boolean): SQL {
  const cfg = sql.raw(`'${config}'`);
  const stopWord = alone ? sql`to_tsquery('simple', w || ':*')` : sql`stem`;
  return sql`(select case when numnode(stem) = 0 then ${stopWord} else stem || exact || coalesce((select to_tsquery('simple', string_agg(quote_literal(left(w, n)), ' | ')) from generate_series(greatest(5, length(w) - 4), length(w) - 1) n), ''::tsquery) end
    from (select to_tsquery(${cfg}, w || ':*') as stem, to_tsquery(${cfg}, w) as exact, w from (select lower(immutable_unaccent(${word})) as w) typed) started)`;
}

function textQuery(text: string, config: Config): SQL {
  const { words, last, orLast } = queryParts(text);
  const cfg = sql.raw(`'${config}'`);
  const whole = config === 'french' ? sql`websearch_to_tsquery(${cfg}, immutable_unaccent(${words}))` : sql`websearch_to_tsquery(${cfg}, ${words})`;
  if (!last) return whole;
  const started = startOfWord(last, config, words.trim() === '');
  return orLast ? sql`(${whole} || ${started})` : sql`(${whole} && ${started})`;
}

/** The query against the stored vectors, whose text is unaccented; the highlighted text is not (see `excerpt`). */
export function frenchQuery(text: string): SQL {
  return textQuery(text, 'french');
}

/**
 * The same query with its last word taken whole, not as the start of one: what it finds, `frenchQuery` finds too,
 * and ranks first. Undefined when there is no word being typed, so nothing to take whole.
 */
export function wholeWordsQuery(text: string): SQL | undefined {
  return queryParts(text).last === undefined ? undefined : sql`websearch_to_tsquery('french', immutable_unaccent(${partsApart(text)}))`;
}

/**
 * An excerpt of `column` around the words of the query, with invisible markers the view turns into <mark>. The
 * query's words are joined with OR here: with AND, a passage is only highlighted when it holds every word.
 */
export function excerpt(column: SQL | unknown, text: string): SQL<string> {
  // parvis_french (migration 0008) reads each word without its accents but shows the text as written.
  const anyWord = sql`replace(${textQuery(text, 'parvis_french')}::text, '&', '|')::tsquery`;
  return sql<string>`ts_headline('parvis_french', ${column}, ${anyWord}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=18, MinWords=8, ShortWord=2, FragmentDelimiter=" … "')`;
}
