// The analytics job: which phases changed (analytics_changes, kept by triggers), then their figures, opinion groups
// and topic groups computed again into tables that pages read in one query. Debounced by the job's interval: a burst
// of votes in a minute is one computation. Phases not changed are recomputed on a slower schedule all the same (what
// moderation hides, for instance, may not touch a contribution's row).
import { analyticsLibraries } from './libraries.ts';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db } from '../../platform/db/client.ts';
import { isVisible } from '../consultations/links.ts';
import { contributions, contributionTallies, phases, votes } from '../consultations/schema.ts';
import { bySupport, talliesOf, visibleTallies } from '../consultations/tallies.ts';
import { computeFigures, consultationParticipants, mergeFigures, type Figures } from './figures.ts';
import { analyseOpinions, type VoteInput } from './opinions.ts';
import { computePlatformFigures } from './platform.ts';
import { analyticsChanges, analyticsSnapshots, opinionResults, topicAssignments, topicGroups, topicRuns } from './schema.ts';
import { clusterTopics, nearestGroup, parseTsvector, topicLimits } from './topics.ts';

export const schedule = {
  /** the job runs this often while workers run: the debounce */
  intervalMs: 60_000,
  /** a phase not changed is computed again after this long */
  phaseStaleMs: 6 * 3_600_000,
  platformStaleMs: 10 * 60_000,
  /** phases computed per run at most, so a run stays short; the rest wait for the next */
  phasesPerRun: 20,
  /** the contributions opinion groups consider: the most voted on */
  opinionItems: 300,
  opinionVoters: 5000,
  /** the contributions topic groups are made from: the most supported; later ones are placed in the nearest group */
  topicSample: 3000,
  topicBatch: 2000,
};

export interface OpinionResult {
  computedAt: string;
  voters: number;
  considered: number;
  groupSizes: number[];
  explained: number;
  silhouette: number;
  /** up to 400 voters' places on the map (no ids), with their group */
  points: [number, number, number][];
  /** contributions considered, with each group's votes */
  contributions: { id: number; groups: { agree: number; mixed: number; disagree: number }[]; consensus: number; divisive: number }[];
  consensus: number[];
  divisive: number[];
}

async function upsertSnapshot(db: Db, scope: string, values: { consultationId?: number; phaseId?: number }, figures: unknown, started: number) {
  const row = { scope, consultationId: values.consultationId ?? null, phaseId: values.phaseId ?? null, computedAt: now(), durationMs: Math.round(performance.now() - started), figures };
  await db.insert(analyticsSnapshots).values(row).onConflictDoUpdate({ target: analyticsSnapshots.scope, set: { computedAt: row.computedAt, durationMs: row.durationMs, figures } });
}

export async function refreshPhase(db: Db, phaseId: number): Promise<void> {
  const started = performance.now();
  const [phase] = await db.select({ id: phases.id, consultationId: phases.consultationId }).from(phases).where(eq(phases.id, phaseId));
  if (!phase) return;
  const figures = await computeFigures(db, { phaseId });
  await upsertSnapshot(db, `phase:${phaseId}`, { phaseId, consultationId: phase.consultationId }, figures, started);
  await refreshOpinions(db, phaseId);
  await refreshTopics(db, phaseId);
}

export async function refreshConsultation(db: Db, consultationId: number): Promise<void> {
  const started = performance.now();
  const snapshots = await db
    .select({ figures: analyticsSnapshots.figures })
    .from(analyticsSnapshots)
    .innerJoin(phases, eq(phases.id, analyticsSnapshots.phaseId))
    .where(eq(phases.consultationId, consultationId));
  const figures = mergeFigures(snapshots.map((s) => s.figures as Figures), await consultationParticipants(db, consultationId));
  await upsertSnapshot(db, `consultation:${consultationId}`, { consultationId }, figures, started);
}

export async function refreshPlatform(db: Db): Promise<void> {
  const started = performance.now();
  await upsertSnapshot(db, 'platform', {}, await computePlatformFigures(db), started);
}

async function refreshOpinions(db: Db, phaseId: number): Promise<void> {
  await analyticsLibraries();
  const voted = sql`${contributionTallies.agree} + ${contributionTallies.mixed} + ${contributionTallies.disagree}`;
  const items = await db
    .select({ id: contributionTallies.contributionId })
    .from(contributionTallies)
    .where(and(visibleTallies(phaseId), sql`${voted} > 0`))
    .orderBy(desc(voted), asc(contributionTallies.contributionId))
    .limit(schedule.opinionItems);
  const itemIndex = new Map(items.map((c, i) => [c.id, i]));
  const voteRows = items.length ? await db.select({ contributionId: votes.contributionId, userId: votes.userId, value: votes.value }).from(votes).where(inArray(votes.contributionId, items.map((c) => c.id))) : [];
  // Voters with enough votes among the contributions considered, the most active first.
  const perVoter = new Map<number, number>();
  for (const v of voteRows) perVoter.set(v.userId, (perVoter.get(v.userId) ?? 0) + 1);
  const voters = [...perVoter]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, schedule.opinionVoters)
    .map(([id]) => id);
  const voterIndex = new Map(voters.map((id, i) => [id, i]));
  const input: VoteInput[] = [];
  for (const v of voteRows) {
    const voter = voterIndex.get(v.userId);
    if (voter === undefined) continue;
    input.push({ voter, item: itemIndex.get(v.contributionId)!, value: v.value === 'agree' ? 1 : v.value === 'disagree' ? -1 : 0 });
  }
  const analysis = analyseOpinions(voters.length, items.length, input);
  const stride = analysis ? Math.max(1, Math.ceil(analysis.points.length / 400)) : 1;
  const result: OpinionResult = {
    computedAt: now().toISOString(),
    voters: voters.length,
    considered: items.length,
    groupSizes: analysis?.groupSizes ?? [],
    explained: analysis?.explained ?? 0,
    silhouette: analysis?.silhouette ?? 0,
    points: analysis ? analysis.points.filter((_, i) => i % stride === 0).map((p, i) => [p[0], p[1], analysis.assignments[i * stride]!]) : [],
    contributions: analysis ? analysis.items.map((r) => ({ id: items[r.item]!.id, groups: r.groups, consensus: r.consensus, divisive: r.divisive })) : [],
    consensus: analysis ? analysis.consensus.map((i) => items[i]!.id) : [],
    divisive: analysis ? analysis.divisive.map((i) => items[i]!.id) : [],
  };
  await db.insert(opinionResults).values({ phaseId, computedAt: now(), result }).onConflictDoUpdate({ target: opinionResults.phaseId, set: { computedAt: now(), result } });
}

interface StemRow {
  id: number;
  stems: string;
  text: string;
}

/** Makes the groups when the phase has none (or an organizer asked), else places the contributions written since. */
export async function refreshTopics(db: Db, phaseId: number, force = false): Promise<void> {
  const [run] = await db.select().from(topicRuns).where(eq(topicRuns.phaseId, phaseId));
  if (!run || run.requestedAt || force) return makeTopics(db, phaseId);
  const groups = await db.select({ id: topicGroups.id, centroid: topicGroups.centroid }).from(topicGroups).where(eq(topicGroups.phaseId, phaseId)).orderBy(asc(topicGroups.position));
  if (groups.length === 0) return;
  const fresh = await rows<StemRow>(db, sql`select ${contributions.id} as id, ${contributions.search}::text as stems, '' as text from ${contributions} where ${contributions.phaseId} = ${phaseId} and ${contributions.id} > ${run.throughId} and ${isVisible} order by ${contributions.id} limit ${schedule.topicBatch}`);
  if (fresh.length === 0) return;
  const placed = fresh.map((r) => {
    const nearest = nearestGroup(parseTsvector(r.stems), groups.map((g) => g.centroid));
    return { contributionId: r.id, phaseId, groupId: groups[nearest.index]!.id, similarity: nearest.similarity };
  });
  await db.transaction(async (tx) => {
    await tx.insert(topicAssignments).values(placed).onConflictDoNothing();
    await tx.update(topicRuns).set({ throughId: fresh.at(-1)!.id }).where(eq(topicRuns.phaseId, phaseId));
    await recountGroups(tx as unknown as Db, phaseId);
  });
}

async function recountGroups(db: Db, phaseId: number): Promise<void> {
  await db.execute(sql`update ${topicGroups} g set size = (select count(*) from ${topicAssignments} a where a.group_id = g.id) where g.phase_id = ${phaseId}`);
}

async function makeTopics(db: Db, phaseId: number): Promise<void> {
  await analyticsLibraries();
  const sample = await rows<StemRow>(
    db,
    sql`select ${contributions.id} as id, ${contributions.search}::text as stems, ${contributions.title} || ' ' || left(${contributions.body}, 600) as text
      from ${contributions} join ${contributionTallies} on ${talliesOf}
      where ${contributions.phaseId} = ${phaseId} and ${isVisible} and ${visibleTallies(phaseId)} order by ${sql.join(bySupport, sql`, `)} limit ${schedule.topicSample}`,
  );
  const groups = clusterTopics(sample.map((r) => ({ id: Number(r.id), stems: parseTsvector(r.stems), text: r.text })));
  const [highest] = await rows<{ id: number | null }>(db, sql`select max(${contributions.id}) as id from ${contributions} where ${contributions.phaseId} = ${phaseId}`);
  await db.transaction(async (tx) => {
    // Moves organizers made survive: their contributions go back to the group of the same name, if there is one.
    const pinned = await tx.select({ contributionId: topicAssignments.contributionId, label: topicGroups.label }).from(topicAssignments).innerJoin(topicGroups, eq(topicGroups.id, topicAssignments.groupId)).where(and(eq(topicAssignments.phaseId, phaseId), eq(topicAssignments.pinned, true)));
    const labels = await tx.select({ terms: topicGroups.terms, label: topicGroups.label }).from(topicGroups).where(and(eq(topicGroups.phaseId, phaseId), sql`${topicGroups.label} is not null`));
    await tx.delete(topicGroups).where(eq(topicGroups.phaseId, phaseId));
    const inserted = groups.length
      ? await tx
          .insert(topicGroups)
          .values(groups.map((g, position) => ({ phaseId, position: position + 1, terms: g.terms, centroid: g.centroid, size: g.members.length, label: labels.find((l) => l.terms.join() === g.terms.join())?.label ?? null })))
          .returning({ id: topicGroups.id, label: topicGroups.label })
      : [];
    const assignments = groups.flatMap((g, i) => g.members.map((m) => ({ contributionId: m.id, phaseId, groupId: inserted[i]!.id, similarity: m.similarity })));
    for (let at = 0; at < assignments.length; at += 1000) await tx.insert(topicAssignments).values(assignments.slice(at, at + 1000)).onConflictDoNothing();
    for (const p of pinned) {
      const group = inserted.find((g) => g.label !== null && g.label === p.label);
      if (group) await tx.update(topicAssignments).set({ groupId: group.id, pinned: true, similarity: 1 }).where(eq(topicAssignments.contributionId, p.contributionId));
    }
    if (pinned.length) await recountGroups(tx as unknown as Db, phaseId);
    // What was not in the sample is placed by the next runs, from the lowest id up.
    const through = sample.length < schedule.topicSample ? Number(highest?.id ?? 0) : 0;
    const run = { phaseId, computedAt: now(), throughId: through, documents: sample.length, requestedAt: null };
    await tx.insert(topicRuns).values(run).onConflictDoUpdate({ target: topicRuns.phaseId, set: { computedAt: run.computedAt, throughId: through, documents: run.documents, requestedAt: null } });
  });
}

/** One run of the job: the phases that changed, then stale ones, their consultations, and the platform figures. */
export async function sweep(db: Db): Promise<{ phases: number; consultations: number; platform: boolean }> {
  const changed = await db.delete(analyticsChanges).returning({ phaseId: analyticsChanges.phaseId });
  const staleBefore = new Date(now().getTime() - schedule.phaseStaleMs);
  const stale = await db
    .select({ id: phases.id })
    .from(phases)
    .leftJoin(analyticsSnapshots, eq(analyticsSnapshots.scope, sql`'phase:' || ${phases.id}`))
    .where(or(isNull(analyticsSnapshots.scope), lt(analyticsSnapshots.computedAt, staleBefore)))
    .orderBy(asc(analyticsSnapshots.computedAt))
    .limit(schedule.phasesPerRun);
  const requested = await db.select({ id: topicRuns.phaseId }).from(topicRuns).where(isNotNull(topicRuns.requestedAt));
  const ids = [...new Set([...changed.map((c) => c.phaseId), ...stale.map((s) => s.id), ...requested.map((r) => r.id)])];
  const consultationIds = new Set<number>();
  for (const id of ids) {
    await refreshPhase(db, id);
    const [p] = await db.select({ consultationId: phases.consultationId }).from(phases).where(eq(phases.id, id));
    if (p) consultationIds.add(p.consultationId);
  }
  for (const id of consultationIds) await refreshConsultation(db, id);
  const [platform] = await db.select({ computedAt: analyticsSnapshots.computedAt }).from(analyticsSnapshots).where(eq(analyticsSnapshots.scope, 'platform'));
  const platformDue = !platform || platform.computedAt.getTime() < now().getTime() - schedule.platformStaleMs ;
  if (platformDue) await refreshPlatform(db);
  return { phases: ids.length, consultations: consultationIds.size, platform: platformDue };
}
