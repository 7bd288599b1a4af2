// Opinion groups, as Polis makes them: the people who voted in a phase, placed by how they voted (a principal
// component analysis of the person × contribution matrix: agree 1, mixed 0, disagree −1, a missing vote counted as the
// contribution's average), then grouped by k-means on the first two components, trying 2 to 5 groups and keeping the
// number that separates them best (silhouette). For each contribution considered, how each group voted: the consensus
// ones (every group agrees) and the divisive ones (groups split). Numbers come from ml-pca and ml-kmeans.
import { loadedLibraries } from './libraries.ts';

export type VoteNumber = -1 | 0 | 1;

export interface VoteInput {
  /** voter index, item index, value */
  voter: number;
  item: number;
  value: VoteNumber;
}

export interface GroupVotes {
  agree: number;
  mixed: number;
  disagree: number;
}

export interface ItemResult {
  /** index of the item in the input */
  item: number;
  groups: GroupVotes[];
  /** product over groups of the (smoothed) share of agreement: high when every group agrees */
  consensus: number;
  /** spread between the most and the least supportive group of (agree − disagree) / votes */
  divisive: number;
}

export interface OpinionAnalysis {
  groupSizes: number[];
  /** the group of each voter (by input index) */
  assignments: number[];
  /** each voter's place on the first two components, for the map */
  points: [number, number][];
  /** share of the variance the two components explain */
  explained: number;
  silhouette: number;
  items: ItemResult[];
  consensus: number[];
  divisive: number[];
}

export const limits = {
  /** below this, groups say nothing: the page asks for more votes */
  minVoters: 8,
  minItems: 3,
  /** a voter counts once they voted on this many of the contributions considered */
  minVotesPerVoter: 2,
  maxGroups: 5,
  /** a group smaller than this is no group */
  minGroupSize: 2,
  /** thresholds for the lists */
  consensusShare: 0.6,
  divisiveSpread: 0.5,
};

/** Deterministic: the same votes always give the same groups (k-means and silhouette sample with a fixed seed). */
export function analyseOpinions(voterCount: number, itemCount: number, votes: VoteInput[]): OpinionAnalysis | undefined {
  if (voterCount < limits.minVoters || itemCount < limits.minItems) return undefined;
  const { PCA, kmeans } = loadedLibraries();
  const sums = new Float64Array(itemCount);
  const counts = new Float64Array(itemCount);
  for (const v of votes) {
    sums[v.item]! += v.value;
    counts[v.item]! += 1;
  }
  const means = Array.from(sums, (s, i) => (counts[i] ? s / counts[i]! : 0));
  const matrix: number[][] = Array.from({ length: voterCount }, () => [...means]);
  for (const v of votes) matrix[v.voter]![v.item] = v.value;

  // The covariance method works on an items × items matrix: a few hundred contributions, however many voters.
  const pca = new PCA(matrix, { method: 'covarianceMatrix', center: true, scale: false });
  const components = Math.min(2, itemCount);
  const projected = pca.predict(matrix, { nComponents: components }).to2DArray();
  const points = projected.map((p) => [round(p[0] ?? 0), round(p[1] ?? 0)] as [number, number]);
  const explainedList = pca.getExplainedVariance();
  const explained = (explainedList[0] ?? 0) + (explainedList[1] ?? 0);

  let best: { k: number; clusters: number[]; silhouette: number } | undefined;
  const maxK = Math.min(limits.maxGroups, Math.floor(voterCount / limits.minGroupSize));
  for (let k = 2; k <= maxK; k++) {
    const result = kmeans(projected, k, { seed: 42, initialization: 'kmeans++', maxIterations: 100 });
    const sizes = sizesOf(result.clusters, k);
    if (sizes.some((s) => s < limits.minGroupSize)) continue;
    const score = silhouette(projected, result.clusters, k);
    // A larger number of groups must earn its place: ties go to fewer groups.
    if (!best || score > best.silhouette + 0.02) best = { k, clusters: result.clusters, silhouette: score };
  }
  if (!best) return undefined;
  // Groups numbered by size, largest first, so "group A" is the largest whatever k-means numbered it.
  const order = sizesOf(best.clusters, best.k)
    .map((size, g) => ({ size, g }))
    .sort((a, b) => b.size - a.size || a.g - b.g);
  const renumber = new Map(order.map((o, i) => [o.g, i]));
  const assignments = best.clusters.map((g) => renumber.get(g)!);
  const groupSizes = order.map((o) => o.size);

  const tallies: GroupVotes[][] = Array.from({ length: itemCount }, () => groupSizes.map(() => ({ agree: 0, mixed: 0, disagree: 0 })));
  for (const v of votes) {
    const t = tallies[v.item]![assignments[v.voter]!]!;
    if (v.value === 1) t.agree++;
    else if (v.value === -1) t.disagree++;
    else t.mixed++;
  }
  const items = tallies.map((groups, item) => ({ item, groups, consensus: consensusScore(groups), divisive: divisiveScore(groups) }));
  const consensus = items
    .filter((r) => r.groups.every((g) => total(g) > 0 && (g.agree + 1) / (total(g) + 2) >= limits.consensusShare))
    .sort((a, b) => b.consensus - a.consensus || a.item - b.item)
    .map((r) => r.item);
  const divisive = items
    .filter((r) => r.divisive >= limits.divisiveSpread)
    .sort((a, b) => b.divisive - a.divisive || a.item - b.item)
    .map((r) => r.item);
  return { groupSizes, assignments, points, explained: round(explained), silhouette: round(best.silhouette), items, consensus, divisive };
}

const total = (g: GroupVotes) => g.agree + g.mixed + g.disagree;
const round = (n: number) => Math.round(n * 1000) / 1000;

function consensusScore(groups: GroupVotes[]): number {
  return round(groups.reduce((p, g) => p * ((g.agree + 1) / (total(g) + 2)), 1));
}

function divisiveScore(groups: GroupVotes[]): number {
  const support = groups.filter((g) => total(g) >= 2).map((g) => (g.agree - g.disagree) / total(g));
  if (support.length < 2) return 0;
  return round(Math.max(...support) - Math.min(...support));
}

function sizesOf(clusters: number[], k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const c of clusters) sizes[c]!++;
  return sizes;
}

/** Mean silhouette on at most 1,000 points (a fixed stride, so it is deterministic and bounded). */
function silhouette(points: number[][], clusters: number[], k: number): number {
  const stride = Math.max(1, Math.ceil(points.length / 1000));
  const sample: number[] = [];
  for (let i = 0; i < points.length; i += stride) sample.push(i);
  let sum = 0;
  for (const i of sample) {
    const distance = new Array<number>(k).fill(0);
    const count = new Array<number>(k).fill(0);
    for (const j of sample) {
      if (i === j) continue;
      distance[clusters[j]!]! += Math.hypot(points[i]![0]! - points[j]![0]!, (points[i]![1] ?? 0) - (points[j]![1] ?? 0));
      count[clusters[j]!]!++;
    }
    const own = clusters[i]!;
    const a = count[own] ? distance[own]! / count[own]! : 0;
    let b = Infinity;
    for (let g = 0; g < k; g++) if (g !== own && count[g]) b = Math.min(b, distance[g]! / count[g]!);
    sum += b === Infinity || Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  }
  return sample.length ? sum / sample.length : 0;
}
