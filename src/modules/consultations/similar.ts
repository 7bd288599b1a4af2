// Contributions that look like what someone is writing: the same consultation, French stemming without accents
// (the generated `search` vector) or close titles (trigrams), so people can support an existing one instead.
// Asked while people type, on consultations of a million contributions: each step takes a few candidates from an
// index and scores only those, the cheapest step first, and stops once it has enough; every step has a time limit
// past which it is skipped rather than waited for.
import { sql, type SQL } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db, type Tx } from '../../platform/db/client.ts';
import { databaseFault } from '../../platform/db/faults.ts';
import type { LinkItem } from './links.ts';
import { contributions, phases, type ContributionKind } from './schema.ts';

export const similarLimit = 5;
/** what each step takes from its index before scoring */
const candidates = 50;
const stepTimeLimitMs = 200;
/** word_similarity of a title to what is typed, from which it counts as alike (pg_trgm's `<%`) */
const titleThreshold = 0.4;

export interface SimilarItem extends LinkItem {
  phaseOpen: boolean;
}

interface Candidate {
  id: number;
  score: number;
}

const allWords = (text: string) => sql`plainto_tsquery('french', immutable_unaccent(${text}))`;
/** Words joined with OR: a title shares some words with its duplicates, rarely all of them. */
const anyWord = (text: string) => sql`replace(plainto_tsquery('french', immutable_unaccent(${text}))::text, '&', '|')::tsquery`;

/**
 * The steps, cheapest first: every word (a small intersection of the text index), then any word and close titles for
 * typos (the trigram index), whose word similarity outranks a text rank. `consultation_id + 0` keeps the planner on the text or trigram index: with the
 * consultation's own index it would walk the consultation row by row when it misjudges how common a word is.
 */
function steps(text: string, consultationId: number): SQL[] {
  const inConsultation = sql`${contributions.consultationId} + 0 = ${consultationId}`;
  const folded = sql`immutable_unaccent(lower(${text}))`;
  const title = sql`immutable_unaccent(lower(${contributions.title}))`;
  const byWords = (query: SQL) =>
    sql`select ${contributions.id} as id, ts_rank(${contributions.search}, ${query}) as score from ${contributions} where ${contributions.search} @@ ${query} and ${inConsultation} limit ${candidates}`;
  return [
    byWords(allWords(text)),
    byWords(anyWord(text)),
    sql`select ${contributions.id} as id, word_similarity(${folded}, ${title}) as score from ${contributions} where ${folded} <% ${title} and ${inConsultation} limit ${candidates}`,
  ];
}

/** One step under its own savepoint: past the time limit it gives nothing and the look-up goes on. */
async function step(tx: Tx, query: SQL): Promise<Candidate[]> {
  try {
    return await tx.transaction((inner) => rows<Candidate>(inner, query));
  } catch (error) {
    if (databaseFault(error) === 'timeout') return [];
    throw error;
  }
}

interface Row {
  id: number;
  title: string;
  kind: ContributionKind;
  phasePosition: number;
  startsAt: Date | string;
  endsAt: Date | string;
}

/** The visible ones among the best candidates, with what a link to them shows. */
function visibleAmong(tx: Tx, best: Candidate[], excludeId: number | undefined): Promise<Row[]> {
  const ids = best.map((c) => c.id).filter((id) => id !== excludeId);
  return rows<Row>(tx, sql`
    select c.id, c.title, c.kind, p.position as "phasePosition", p.starts_at as "startsAt", p.ends_at as "endsAt"
    from ${contributions} c join ${phases} p on p.id = c.phase_id
    where c.id = any(${sql.param(ids)}::int[]) and c.state = 'published' and c.merged_into_id is null`);
}

export async function similarContributions(db: Db, consultationId: number, text: string, excludeId?: number): Promise<SimilarItem[]> {
  const wanted = text.trim().slice(0, 200);
  if (wanted.length < 4) return [];
  const found = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('statement_timeout', ${String(stepTimeLimitMs)}, true), set_config('pg_trgm.word_similarity_threshold', ${String(titleThreshold)}, true), set_config('enable_seqscan', 'off', true)`,
    );
    const scores = new Map<number, number>();
    const [everyWord, ...looser] = steps(wanted, consultationId);
    const add = (found: Candidate[]) => found.forEach((c) => scores.set(c.id, Math.max(scores.get(c.id) ?? 0, Number(c.score))));
    add(await step(tx, everyWord!));
    // Enough contributions hold every word: the looser steps would only add weaker matches.
    if ([...scores.keys()].filter((id) => id !== excludeId).length < similarLimit * 2) for (const query of looser) add(await step(tx, query));
    const ranked = [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || b.id - a.id);
    const shown = await visibleAmong(tx, ranked.slice(0, candidates), excludeId);
    const order = new Map(ranked.map((c, i) => [c.id, i]));
    return shown.sort((a, b) => order.get(a.id)! - order.get(b.id)!).slice(0, similarLimit);
  });
  const at = now().getTime();
  return found.map(({ startsAt, endsAt, ...item }) => ({ ...item, phaseOpen: new Date(startsAt).getTime() <= at && at < new Date(endsAt).getTime() }));
}
