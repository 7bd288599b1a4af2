// Topic groups: contributions of a phase grouped by what they talk about. Each contribution is the French stems of its
// stored `tsvector` (stop words already gone), weighted tf-idf over the phase and normalised; k-means (ml-kmeans) on
// the few hundred most telling stems groups them, and each group is named by the stems that weigh most in its centre,
// written as readers know them (the stem's most frequent form in the group's titles and bodies).
import { loadedLibraries } from './libraries.ts';
import { fold } from '../territories/data.ts';

export interface TopicDocument {
  id: number;
  /** stem -> occurrences */
  stems: Map<string, number>;
  /** the words as written, for the names of the groups */
  text: string;
}

export interface TopicGroup {
  terms: string[];
  centroid: Record<string, number>;
  members: { id: number; similarity: number }[];
}

export const topicLimits = { minDocuments: 6, maxGroups: 8, vocabulary: 300, centroidTerms: 40, labelTerms: 3 };

/** How many groups for n contributions: about one per 4 to 12, between 2 and 8. */
export function groupCount(n: number): number {
  return Math.max(2, Math.min(topicLimits.maxGroups, Math.round(Math.sqrt(n / 3))));
}

/** Parses PostgreSQL's text form of a tsvector: `'mobil':3,7 'vélo':1`. */
export function parseTsvector(text: string): Map<string, number> {
  const stems = new Map<string, number>();
  for (const match of text.matchAll(/'((?:[^']|'')+)'(?::([0-9A-D,]+))?/g)) {
    const stem = match[1]!.replace(/''/g, "'");
    stems.set(stem, match[2] ? match[2].split(',').length : 1);
  }
  return stems;
}

export function clusterTopics(documents: TopicDocument[], k = groupCount(documents.length)): TopicGroup[] {
  if (documents.length < topicLimits.minDocuments) return [];
  const df = new Map<string, number>();
  for (const d of documents) for (const stem of d.stems.keys()) df.set(stem, (df.get(stem) ?? 0) + 1);
  const n = documents.length;
  // Stems found in one contribution only, or in most of them, tell groups apart no better than noise.
  const vocabulary = [...df]
    .filter(([stem, count]) => count >= 2 && count <= n * 0.6 && stem.length > 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, topicLimits.vocabulary)
    .map(([stem]) => stem);
  if (vocabulary.length < 2) return [];
  const index = new Map(vocabulary.map((stem, i) => [stem, i]));
  const idf = vocabulary.map((stem) => Math.log(n / df.get(stem)!) + 1);
  const vectors = documents.map((d) => normalise(vectorOf(d.stems, index, idf)));
  const used = vectors.filter((v) => v.some((x) => x !== 0)).length;
  const groups = Math.min(k, used);
  if (groups < 2) return [];
  const { kmeans } = loadedLibraries();
  const result = kmeans(vectors, groups, { seed: 7, initialization: 'kmeans++', maxIterations: 60 });
  const out: TopicGroup[] = [];
  for (let g = 0; g < groups; g++) {
    const memberIdx = result.clusters.flatMap((c, i) => (c === g ? [i] : []));
    if (memberIdx.length === 0) continue;
    const centre = normalise(result.centroids[g]!);
    const weights = vocabulary.map((stem, i) => ({ stem, w: centre[i]! })).filter((t) => t.w > 0).sort((a, b) => b.w - a.w || a.stem.localeCompare(b.stem));
    const centroid = Object.fromEntries(weights.slice(0, topicLimits.centroidTerms).map((t) => [t.stem, Math.round(t.w * 1e4) / 1e4]));
    const text = memberIdx.map((i) => documents[i]!.text).join(' ');
    const terms = weights.slice(0, topicLimits.labelTerms).map((t) => writtenForm(t.stem, text));
    const members = memberIdx.map((i) => ({ id: documents[i]!.id, similarity: Math.round(dot(vectors[i]!, centre) * 1e4) / 1e4 })).sort((a, b) => b.similarity - a.similarity || a.id - b.id);
    out.push({ terms, centroid, members });
  }
  return out.sort((a, b) => b.members.length - a.members.length);
}

/** The group whose centre is closest (cosine) to a contribution written after the groups were made. */
export function nearestGroup(stems: Map<string, number>, centroids: Record<string, number>[]): { index: number; similarity: number } {
  let best = { index: 0, similarity: -1 };
  let norm = 0;
  for (const tf of stems.values()) norm += tf * tf;
  norm = Math.sqrt(norm) || 1;
  centroids.forEach((centroid, index) => {
    let s = 0;
    for (const [stem, tf] of stems) s += (centroid[stem] ?? 0) * tf;
    s /= norm;
    if (s > best.similarity) best = { index, similarity: Math.round(s * 1e4) / 1e4 };
  });
  return best;
}

function vectorOf(stems: Map<string, number>, index: Map<string, number>, idf: number[]): number[] {
  const v = new Array<number>(idf.length).fill(0);
  for (const [stem, tf] of stems) {
    const i = index.get(stem);
    if (i !== undefined) v[i] = (1 + Math.log(tf)) * idf[i]!;
  }
  return v;
}

function normalise(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm ? v.map((x) => x / norm) : v;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The most frequent word of the text that folds to something starting with the stem; the stem itself otherwise. */
export function writtenForm(stem: string, text: string): string {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)) {
    if (word.length < stem.length) continue;
    const folded = fold(word).replace(/\s+/g, '');
    if (folded.startsWith(stem)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let best = stem;
  let most = 0;
  for (const [word, count] of counts) if (count > most || (count === most && word.length < best.length)) [best, most] = [word, count];
  return best;
}
