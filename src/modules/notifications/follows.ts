// Following: a consultation, a phase, a contribution, a project, an organization, an event or a territory's agenda,
// by a click or by taking part; stopping keeps a row saying so, so that taking part again does not follow it again.
// Only what the person may see can be followed (a restricted project is not found for others).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { consultations, contributions, phases } from '../consultations/schema.ts';
import { events } from '../events/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { projectInvitations, projects } from '../projects/schema.ts';
import { canSeeProject } from '../projects/visibility.ts';
import { getTerritory } from '../territories/data.ts';
import { follows } from './schema.ts';

export const targetTypes = ['consultation', 'phase', 'contribution', 'project', 'organization', 'event', 'territory'] as const;
export type TargetType = (typeof targetTypes)[number];

export interface Target {
  type: TargetType;
  /** the id, or for a territory its `kind:code` */
  key: string;
}

const targetPattern = /^(consultation|phase|contribution|project|organization|event):([1-9][0-9]{0,9})$|^territory:(commune|epci|departement|region):([0-9A-Z]{1,10})$/;

/** `phase:12` → the target, or undefined for anything else (the key is checked against a pattern before any use). */
export function parseTarget(value: unknown): Target | undefined {
  if (typeof value !== 'string') return undefined;
  const m = targetPattern.exec(value);
  if (!m) return undefined;
  if (m[1]) return Number(m[2]) <= 2_147_483_647 ? { type: m[1] as TargetType, key: m[2]! } : undefined;
  return { type: 'territory', key: `${m[3]}:${m[4]}` };
}

export const targetKey = (t: Target) => `${t.type}:${t.key}`;

export interface TargetLabel {
  target: string;
  type: TargetType;
  label: string;
  /** the consultation a phase or a contribution belongs to */
  context?: string;
  href: string;
}

/** What the targets are called and where they are, for the people who may see them (others are left out). */
export async function describeTargets(db: Db | Tx, actor: Actor, keys: string[]): Promise<Map<string, TargetLabel>> {
  const parsed = keys.map(parseTarget).filter((t): t is Target => t !== undefined);
  const idsOf = (type: TargetType) => parsed.filter((t) => t.type === type).map((t) => Number(t.key));
  const [consultationRows, phaseRows, contributionRows, projectRows, invitationRows, organizationRows, eventRows] = await Promise.all([
    idsOf('consultation').length ? db.select({ id: consultations.id, slug: consultations.slug, title: consultations.title }).from(consultations).where(inArray(consultations.id, idsOf('consultation'))) : [],
    idsOf('phase').length
      ? db.select({ id: phases.id, position: phases.position, title: phases.title, slug: consultations.slug, consultation: consultations.title }).from(phases).innerJoin(consultations, eq(consultations.id, phases.consultationId)).where(inArray(phases.id, idsOf('phase')))
      : [],
    idsOf('contribution').length
      ? db
          .select({ id: contributions.id, title: contributions.title, consultation: consultations.title })
          .from(contributions)
          .innerJoin(consultations, eq(consultations.id, contributions.consultationId))
          .where(and(inArray(contributions.id, idsOf('contribution')), eq(contributions.state, 'published'), sql`${contributions.mergedIntoId} is null`))
      : [],
    idsOf('project').length ? db.select({ id: projects.id, title: projects.title, ownerOrganizationId: projects.ownerOrganizationId, visibility: projects.visibility, state: projects.state }).from(projects).where(inArray(projects.id, idsOf('project'))) : [],
    idsOf('project').length ? db.select().from(projectInvitations).where(inArray(projectInvitations.projectId, idsOf('project'))) : [],
    idsOf('organization').length ? db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name }).from(organizations).where(inArray(organizations.id, idsOf('organization'))) : [],
    idsOf('event').length ? db.select({ id: events.id, title: events.title }).from(events).where(inArray(events.id, idsOf('event'))) : [],
  ]);
  const out = new Map<string, TargetLabel>();
  for (const c of consultationRows) out.set(`consultation:${c.id}`, { target: `consultation:${c.id}`, type: 'consultation', label: c.title, href: `/consultations/${c.slug}` });
  for (const p of phaseRows) out.set(`phase:${p.id}`, { target: `phase:${p.id}`, type: 'phase', label: p.title, context: p.consultation, href: `/consultations/${p.slug}/phases/${p.position}` });
  for (const c of contributionRows) out.set(`contribution:${c.id}`, { target: `contribution:${c.id}`, type: 'contribution', label: c.title, context: c.consultation, href: `/contributions/${c.id}` });
  for (const p of projectRows) {
    const invitedOrganizationIds = invitationRows.filter((i) => i.projectId === p.id).map((i) => i.organizationId);
    if (canSeeProject(actor, { ...p, invitedOrganizationIds })) out.set(`project:${p.id}`, { target: `project:${p.id}`, type: 'project', label: p.title, href: `/projects/${p.id}` });
  }
  for (const o of organizationRows) out.set(`organization:${o.id}`, { target: `organization:${o.id}`, type: 'organization', label: o.name, href: `/organizations/${o.slug}` });
  for (const e of eventRows) out.set(`event:${e.id}`, { target: `event:${e.id}`, type: 'event', label: e.title, href: `/events/${e.id}` });
  for (const t of parsed.filter((t) => t.type === 'territory')) {
    const [kind, code] = t.key.split(':') as [string, string];
    const territory = getTerritory(kind, code);
    if (territory) out.set(targetKey(t), { target: targetKey(t), type: 'territory', label: territory.name, href: `/events?territory=${encodeURIComponent(t.key)}` });
  }
  return out;
}

/** Follows (or stops following) something the person may see; anything else is not found. */
export async function setFollow(db: Db, actor: Actor, key: string, active: boolean): Promise<TargetLabel> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  const target = parseTarget(key);
  if (!target) throw ValidationFailed.one('target', 'notifications:validation.target');
  const described = (await describeTargets(db, actor, [targetKey(target)])).get(targetKey(target));
  if (!described) throw new NotFound('target');
  await db
    .insert(follows)
    .values({ userId: user.id, target: targetKey(target), active, auto: false })
    .onConflictDoUpdate({ target: [follows.userId, follows.target], set: { active, auto: false } });
  return described;
}

export async function isFollowing(db: Db, userId: number, key: string): Promise<boolean> {
  const [row] = await db.select({ active: follows.active }).from(follows).where(and(eq(follows.userId, userId), eq(follows.target, key)));
  return row?.active ?? false;
}

/** Taking part follows it, once: a follow the person stopped stays stopped. For modules that write it themselves. */
export async function followByTakingPart(tx: Db | Tx, userId: number, key: string): Promise<void> {
  await tx.insert(follows).values({ userId, target: key, auto: true }).onConflictDoNothing();
}

/** What a person follows, newest first, with names and links; what they may no longer see is left out. */
export async function listFollows(db: Db, actor: Actor, limit = 500): Promise<(TargetLabel & { auto: boolean; since: Date })[]> {
  const user = actor.user;
  if (!user) return [];
  const rows = await db
    .select({ target: follows.target, auto: follows.auto, since: follows.createdAt })
    .from(follows)
    .where(and(eq(follows.userId, user.id), eq(follows.active, true)))
    .orderBy(desc(follows.createdAt))
    .limit(limit);
  const labels = await describeTargets(db, actor, rows.map((r) => r.target));
  return rows.flatMap((r) => {
    const label = labels.get(r.target);
    return label ? [{ ...label, auto: r.auto, since: r.since }] : [];
  });
}
