// What the dashboards, opinion groups and topic groups pages read — each a few indexed queries whatever the size of
// the phase: the figures the job computed (one row), and short lists through the contributions' indexes — and what
// organizers change: a phase dashboard kept for them until the synthesis, topic names, moves, a new computation.
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { isVisible } from '../consultations/links.ts';
import { contributionLinks, contributions, contributionTallies, syntheses } from '../consultations/schema.ts';
import { bySupport, talliesOf, visibleTallies } from '../consultations/tallies.ts';
import type { Consultation, Phase } from '../consultations/service.ts';
import type { OpinionResult } from './compute.ts';
import { emptyTotals, mergeFigures, type Figures } from './figures.ts';
import type { PlatformFigures } from './platform.ts';
import { analyticsPhaseSettings, analyticsSnapshots, opinionResults, topicAssignments, topicGroups, topicRuns } from './schema.ts';

export const emptyFigures: Figures = { totals: emptyTotals, days: [], actorTypes: [], regions: [], departements: [], themes: [], kinds: [] };

export interface PhaseAccess {
  phase: Phase;
  /** kept for the organizers until the synthesis is published */
  restricted: boolean;
}

/** The analytics scope of a consultation: who organizes it and which phases are kept for them. */
export interface DashboardScope {
  organizerIds: number[];
  restricted: boolean;
}

/** Each phase with whether its dashboard is, now, kept for the organizers. One query. */
export async function phaseAccess(db: Db, consultation: Consultation): Promise<PhaseAccess[]> {
  const ids = consultation.phases.map((p) => p.id);
  const settings = ids.length
    ? await db
        .select({ phaseId: analyticsPhaseSettings.phaseId, privateUntilSynthesis: analyticsPhaseSettings.privateUntilSynthesis, published: syntheses.publishedAt })
        .from(analyticsPhaseSettings)
        .leftJoin(syntheses, eq(syntheses.phaseId, analyticsPhaseSettings.phaseId))
        .where(inArray(analyticsPhaseSettings.phaseId, ids))
    : [];
  return consultation.phases.map((phase) => {
    const s = settings.find((x) => x.phaseId === phase.id);
    return { phase, restricted: Boolean(s?.privateUntilSynthesis && !s.published) };
  });
}

export interface Dashboard {
  figures: Figures;
  computedAt: Date | null;
  /** phases left out because they are kept for the organizers */
  hiddenPhases: number;
}

/** A consultation's dashboard: its kept figures, or, when some phases are kept for organizers, the others' merged. */
export async function consultationDashboard(db: Db, consultation: Consultation, access: PhaseAccess[], seesAll: boolean): Promise<Dashboard> {
  const hidden = seesAll ? 0 : access.filter((a) => a.restricted).length;
  if (hidden === 0) {
    const [row] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.scope, `consultation:${consultation.id}`));
    return { figures: (row?.figures as Figures | undefined) ?? emptyFigures, computedAt: row?.computedAt ?? null, hiddenPhases: 0 };
  }
  const shown = access.filter((a) => !a.restricted).map((a) => `phase:${a.phase.id}`);
  const list = shown.length ? await db.select().from(analyticsSnapshots).where(inArray(analyticsSnapshots.scope, shown)) : [];
  // Participants are counted across phases by the job; without every phase the count would say more than it may.
  const figures = mergeFigures(list.map((r) => r.figures as Figures), 0);
  return { figures, computedAt: list.reduce<Date | null>((min, r) => (!min || r.computedAt < min ? r.computedAt : min), null), hiddenPhases: hidden };
}

export async function phaseDashboard(db: Db, phase: Phase): Promise<Dashboard> {
  const [row] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.scope, `phase:${phase.id}`));
  return { figures: (row?.figures as Figures | undefined) ?? emptyFigures, computedAt: row?.computedAt ?? null, hiddenPhases: 0 };
}

export async function platformDashboard(db: Db): Promise<{ figures: PlatformFigures | null; computedAt: Date | null }> {
  const [row] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.scope, 'platform'));
  return { figures: (row?.figures as PlatformFigures | undefined) ?? null, computedAt: row?.computedAt ?? null };
}

export interface RankedItem {
  id: number;
  title: string;
  kind: string;
  agree: number;
  mixed: number;
  disagree: number;
  debate: number;
}

const ranked = { id: contributions.id, title: contributions.title, kind: contributions.kind, agree: contributionTallies.agree, mixed: contributionTallies.mixed, disagree: contributionTallies.disagree, debate: contributions.debateCount };
export const topSize = 5;

// "nulls last" as in the phase indexes: with drizzle's plain desc (nulls first) the planner cannot walk them and sorts
// the whole phase instead (440 ms rather than 1 ms on a phase of 635,000 contributions).
const byDebate = [sql`${contributions.debateCount} desc nulls last`, sql`${contributions.id} desc nulls last`];

/** Most supported, most debated and the most supported needs nobody answered yet, read live through the phase indexes. */
export async function rankings(db: Db, shown: Pick<Phase, 'id' | 'kinds'>[]): Promise<{ supported: RankedItem[]; debated: RankedItem[]; unanswered: RankedItem[] }> {
  if (shown.length === 0) return { supported: [], debated: [], unanswered: [] };
  // A phase without needs has none unanswered; asked all the same, the walk of its index would find none in 1.5 s.
  const withNeeds = shown.filter((p) => p.kinds.includes('need'));
  const perPhase = async (order: 'supported' | 'debated' | 'unanswered') =>
    (
      await Promise.all(
        (order === 'unanswered' ? withNeeds : shown).map(({ id: phaseId }) => {
          const base = and(eq(contributions.phaseId, phaseId), isVisible);
          const withTallies = db.select(ranked).from(contributions).innerJoin(contributionTallies, talliesOf);
          if (order === 'debated') return withTallies.where(base).orderBy(...byDebate).limit(topSize);
          const unanswered = sql`${contributions.kind} = 'need' and not exists (select 1 from ${contributionLinks} l join ${contributions} i on i.id = l.from_id where l.to_id = ${contributions.id} and i.state = 'published' and i.merged_into_id is null)`;
          const supported = and(base, visibleTallies(phaseId));
          return withTallies.where(order === 'unanswered' ? and(supported, unanswered) : supported).orderBy(...bySupport).limit(topSize);
        }),
      )
    ).flat();
  const [supported, debated, unanswered] = await Promise.all([perPhase('supported'), perPhase('debated'), perPhase('unanswered')]);
  const top = (list: RankedItem[], key: (i: RankedItem) => number) => list.sort((a, b) => key(b) - key(a) || b.id - a.id).slice(0, topSize);
  return { supported: top(supported, (i) => i.agree), debated: top(debated, (i) => i.debate), unanswered: top(unanswered, (i) => i.agree) };
}

export async function setPhasePrivacy(db: Db, actor: Actor, phase: Phase, privateUntilSynthesis: boolean): Promise<void> {
  const values = { phaseId: phase.id, privateUntilSynthesis, updatedBy: actor.user?.id ?? null, updatedAt: now() };
  await db.insert(analyticsPhaseSettings).values(values).onConflictDoUpdate({ target: analyticsPhaseSettings.phaseId, set: { privateUntilSynthesis, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
  await recordAudit(db, actor, 'analytics.privacy', `phase:${phase.id}`, { privateUntilSynthesis });
}

export interface OpinionView {
  result: OpinionResult | null;
  computedAt: Date | null;
  titles: Map<number, { title: string; kind: string }>;
}

/** The opinion groups of a phase, with the titles of the contributions listed (only those still visible). */
export async function opinionView(db: Db, phase: Phase, listed = 20): Promise<OpinionView> {
  const [row] = await db.select().from(opinionResults).where(eq(opinionResults.phaseId, phase.id));
  const result = (row?.result as OpinionResult | undefined) ?? null;
  const ids = result ? [...new Set([...result.consensus.slice(0, listed), ...result.divisive.slice(0, listed)])] : [];
  const found = ids.length ? await db.select({ id: contributions.id, title: contributions.title, kind: contributions.kind }).from(contributions).where(and(inArray(contributions.id, ids), isVisible)) : [];
  return { result, computedAt: row?.computedAt ?? null, titles: new Map(found.map((f) => [f.id, { title: f.title, kind: f.kind }])) };
}

export interface TopicSummary {
  id: number;
  position: number;
  terms: string[];
  label: string | null;
  size: number;
  examples: { id: number; title: string }[];
}

export const examplesPerGroup = 5;

/** A phase's topic groups with the contributions closest to each centre. */
export async function topicList(db: Db, phase: Phase): Promise<{ groups: TopicSummary[]; computedAt: Date | null; requested: boolean }> {
  const [run] = await db.select().from(topicRuns).where(eq(topicRuns.phaseId, phase.id));
  const groups = await db.select().from(topicGroups).where(eq(topicGroups.phaseId, phase.id)).orderBy(asc(topicGroups.position)).limit(50);
  const list = groups.length
    ? await rows<{ group_id: number; id: number; title: string }>(
        db,
        sql`select g.id as group_id, e.id, e.title from ${topicGroups} g cross join lateral (
          select c.id, c.title from ${topicAssignments} a join ${contributions} c on c.id = a.contribution_id
          where a.group_id = g.id and c.state = 'published' and c.merged_into_id is null order by a.similarity desc, a.contribution_id limit ${examplesPerGroup}) e
          where g.phase_id = ${phase.id}`,
      )
    : [];
  return {
    groups: groups.map((g) => ({ id: g.id, position: g.position, terms: g.terms, label: g.label, size: g.size, examples: list.filter((e) => Number(e.group_id) === g.id).map((e) => ({ id: Number(e.id), title: e.title })) })),
    computedAt: run?.computedAt ?? null,
    requested: Boolean(run?.requestedAt),
  };
}

export const groupPageSize = 50;

/** One topic group with a page of its contributions, the closest to its centre first (keyset on the group index). */
export async function topicGroup(db: Db, phase: Phase, groupId: number, after?: { similarity: number; id: number }) {
  const [group] = await db.select().from(topicGroups).where(and(eq(topicGroups.id, groupId), eq(topicGroups.phaseId, phase.id)));
  if (!group) throw new NotFound('topic');
  const keyset = after ? or(lt(topicAssignments.similarity, after.similarity), and(eq(topicAssignments.similarity, after.similarity), sql`${topicAssignments.contributionId} > ${after.id}`)) : undefined;
  const members = await db
    .select({ id: contributions.id, title: contributions.title, kind: contributions.kind, similarity: topicAssignments.similarity, pinned: topicAssignments.pinned })
    .from(topicAssignments)
    .innerJoin(contributions, eq(contributions.id, topicAssignments.contributionId))
    .where(and(eq(topicAssignments.groupId, groupId), isVisible, keyset))
    .orderBy(desc(topicAssignments.similarity), asc(topicAssignments.contributionId))
    .limit(groupPageSize + 1);
  const others = await db.select({ id: topicGroups.id, terms: topicGroups.terms, label: topicGroups.label }).from(topicGroups).where(eq(topicGroups.phaseId, phase.id)).orderBy(asc(topicGroups.position)).limit(50);
  return { group, members: members.slice(0, groupPageSize), more: members.length > groupPageSize, others };
}

export const maxLabel = 80;

export async function renameTopic(db: Db, actor: Actor, phase: Phase, groupId: number, label: string): Promise<void> {
  const clean = label.trim();
  if (clean.length > maxLabel) throw ValidationFailed.one('label', 'analytics:topics.labelLong', { max: maxLabel });
  const updated = await db.update(topicGroups).set({ label: clean || null }).where(and(eq(topicGroups.id, groupId), eq(topicGroups.phaseId, phase.id))).returning({ id: topicGroups.id });
  if (updated.length === 0) throw new NotFound('topic');
  await recordAudit(db, actor, 'topic.rename', `topic:${groupId}`, { label: clean });
}

export async function moveToTopic(db: Db, actor: Actor, phase: Phase, contributionId: number, groupId: number): Promise<void> {
  const [group] = await db.select({ id: topicGroups.id }).from(topicGroups).where(and(eq(topicGroups.id, groupId), eq(topicGroups.phaseId, phase.id)));
  if (!group) throw ValidationFailed.one('group', 'analytics:topics.groupUnknown');
  const [contribution] = await db.select({ id: contributions.id }).from(contributions).where(and(eq(contributions.id, contributionId), eq(contributions.phaseId, phase.id), isVisible));
  if (!contribution) throw ValidationFailed.one('contribution', 'analytics:topics.contributionUnknown');
  await db.transaction(async (tx) => {
    await tx
      .insert(topicAssignments)
      .values({ contributionId, phaseId: phase.id, groupId, similarity: 1, pinned: true })
      .onConflictDoUpdate({ target: topicAssignments.contributionId, set: { groupId, similarity: 1, pinned: true } });
    await tx.execute(sql`update ${topicGroups} g set size = (select count(*) from ${topicAssignments} a where a.group_id = g.id) where g.phase_id = ${phase.id}`);
    await recordAudit(tx as unknown as Db, actor, 'topic.move', `contribution:${contributionId}`, { groupId });
  });
}

/** An organizer asks for new groups; the job makes them at its next run. */
export async function requestTopics(db: Db, actor: Actor, phase: Phase): Promise<void> {
  await db.insert(topicRuns).values({ phaseId: phase.id, requestedAt: now() }).onConflictDoUpdate({ target: topicRuns.phaseId, set: { requestedAt: now() } });
  await recordAudit(db, actor, 'topic.recompute', `phase:${phase.id}`);
}

/** The Markdown an organizer pastes into a synthesis to cite a group: its name, linked to its page. */
export function topicCitation(consultation: Consultation, phase: Phase, group: { id: number; label: string | null; terms: string[] }): string {
  const name = (group.label ?? group.terms.join(', ')).replace(/[[\]\\]/g, '');
  return `[${name}](/consultations/${consultation.slug}/phases/${phase.position}/topics/${group.id})`;
}

export async function analyticsSettingsOf(db: Db, phaseId: number): Promise<{ privateUntilSynthesis: boolean }> {
  const [row] = await db.select({ privateUntilSynthesis: analyticsPhaseSettings.privateUntilSynthesis }).from(analyticsPhaseSettings).where(eq(analyticsPhaseSettings.phaseId, phaseId));
  return { privateUntilSynthesis: row?.privateUntilSynthesis ?? false };
}
