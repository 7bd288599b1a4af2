// Consultations themselves: find and list them, with their organizers, themes and phases; create and edit them.
import { and, asc, desc, eq, inArray, like, or, sql, type Placeholder } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { now } from '../../platform/clock.ts';
import { perDatabase, type Db, type Tx } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { files } from '../../platform/files/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { slugify } from '../organizations/service.ts';
import type { ConsultationInput, PhaseInput, ThemeInput } from './inputs.ts';
import { parisDate } from './phases.ts';
import { listedFor } from './drafts.ts';
import { consultationOrganizers, consultations, consultationThemes, phaseContributionCounts, phases } from './schema.ts';

export type ConsultationRow = typeof consultations.$inferSelect;
export type Phase = typeof phases.$inferSelect;
export type Theme = typeof consultationThemes.$inferSelect;

export interface Organizer {
  id: number;
  slug: string;
  name: string;
}

export interface Consultation extends ConsultationRow {
  organizers: Organizer[];
  /** what the policy needs: the ids of the organizer organizations */
  organizerIds: number[];
  themes: Theme[];
  phases: Phase[];
  /** the stored cover's file name, by which a drawn illustration is known (its alt text) */
  coverName?: string | null;
}

const reservedSlugs = new Set(['new']);

async function uniqueSlug(tx: Tx, title: string): Promise<string> {
  const base = slugify(title).replace(/^organisation$/, 'consultation');
  const taken = new Set(
    (await tx.select({ slug: consultations.slug }).from(consultations).where(or(eq(consultations.slug, base), like(consultations.slug, `${base}-%`)))).map((r) => r.slug),
  );
  if (!taken.has(base) && !reservedSlugs.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const byId = sql.raw('"consultations"."id"');

/** Timestamps read back from JSON are strings. */
const dated = (value: string | null) => (value === null ? null : new Date(value));

/**
 * A consultation with everything its pages show around the contributions, in one query: every page of a
 * consultation, and every write in it, starts here.
 */
const bySlug = (db: Db | Tx, slug: string | Placeholder) =>
  db
    .select({
      consultation: consultations,
      organizers: sql<Organizer[] | null>`(select json_agg(json_build_object('id', o.id, 'slug', o.slug, 'name', o.name) order by o.name) from ${consultationOrganizers} co join ${organizations} o on o.id = co.organization_id where co.consultation_id = ${byId})`,
      themes: sql<Theme[] | null>`(select json_agg(json_build_object('id', t.id, 'consultationId', t.consultation_id, 'slug', t.slug, 'label', t.label) order by t.label) from ${consultationThemes} t where t.consultation_id = ${byId})`,
      coverName: sql<string | null>`(select f.name from ${files} f where f.id = "consultations"."cover_file_id")`,
      phases: sql<PhaseJson[] | null>`(select json_agg(json_build_object('id', p.id, 'consultationId', p.consultation_id, 'position', p.position, 'title', p.title, 'question', p.question, 'startsAt', p.starts_at, 'endsAt', p.ends_at, 'kinds', p.kinds, 'commentsOpenUntil', p.comments_open_until) order by p.position) from ${phases} p where p.consultation_id = ${byId})`,
    })
    .from(consultations)
    .where(eq(consultations.slug, slug));

/**
 * Built once for each database: drizzle's building of this query (its columns, its typed parameters) cost more of the
 * process's time than the database took to run it, and every request under a consultation asks it. In a transaction
 * it is built there, as the prepared one would run on a connection of its own.
 */
const preparedBySlug = perDatabase((db) => bySlug(db, sql.placeholder('slug')).prepare('parvis_consultation_by_slug'));

export async function findConsultation(db: Db | Tx, slug: string): Promise<Consultation> {
  const [row] = db instanceof PgTransaction ? await bySlug(db, slug) : await preparedBySlug(db).execute({ slug });
  if (!row) throw new NotFound('consultation');
  const organizers = json(row.organizers);
  const phaseRows = json(row.phases).map((p) => ({ ...p, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), commentsOpenUntil: dated(p.commentsOpenUntil) }));
  return { ...row.consultation, organizers, organizerIds: organizers.map((o) => o.id), themes: json(row.themes), phases: phaseRows, coverName: row.coverName };
}

type PhaseJson = Omit<Phase, 'startsAt' | 'endsAt' | 'commentsOpenUntil'> & { startsAt: string; endsAt: string; commentsOpenUntil: string | null };

/** A json column: parsed by the driver, or its text on a driver that leaves it so. */
function json<T>(value: T[] | string | null): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []);
}

export function findPhase(consultation: Consultation, position: number): Phase {
  const phase = consultation.phases.find((p) => p.position === position);
  if (!phase) throw new NotFound('phase');
  return phase;
}

/** How many visible contributions each phase of a consultation holds: the kept counts, a few rows a phase. */
export async function phaseCounts(db: Db, consultationId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ phaseId: phaseContributionCounts.phaseId, n: sql<number>`sum(${phaseContributionCounts.visible})`.mapWith(Number) })
    .from(phaseContributionCounts)
    .innerJoin(phases, eq(phases.id, phaseContributionCounts.phaseId))
    .where(eq(phases.consultationId, consultationId))
    .groupBy(phaseContributionCounts.phaseId);
  return new Map(rows.map((r) => [r.phaseId, r.n]));
}

export interface ConsultationSummary {
  slug: string;
  title: string;
  description: string;
  startsAt: Date | null;
  endsAt: Date | null;
  phaseCount: number;
  contributionCount: number;
  /** listed only to those who may see it */
  draft: boolean;
  coverFileId: string | null;
  /** the stored cover's file name: one of the drawn illustrations is known by it */
  coverName: string | null;
  /** where the consultation stands: its open phase, else the next to open, else the last (as currentPhase) */
  current: CurrentPhase | null;
}

export interface CurrentPhase {
  position: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

type CurrentPhaseJson = Omit<CurrentPhase, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string };

const currentPhaseOf = (value: CurrentPhaseJson | string | null): CurrentPhase | null => {
  const p = typeof value === 'string' ? (JSON.parse(value) as CurrentPhaseJson) : value;
  return p ? { position: p.position, title: p.title, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt) } : null;
};

// Drizzle writes a lone table's columns unqualified inside select fields, where a subquery's own columns would
// shadow them: the outer row is named in full, the inner tables by alias.
const outer = sql.raw('"consultations"."id"');

/**
 * The consultations a person may see, the most recent first, with their span and counts aggregated in the one query.
 * Without a person: the published ones, as everyone sees them.
 */
export async function listConsultations(db: Db, actor?: Actor): Promise<ConsultationSummary[]> {
  const at = now();
  const rows = await db
    .select({
      slug: consultations.slug,
      title: consultations.title,
      description: consultations.description,
      startsAt: sql<Date | null>`(select min(p.starts_at) from ${phases} p where p.consultation_id = ${outer})`.mapWith((v) => (v ? new Date(v) : null)),
      endsAt: sql<Date | null>`(select max(p.ends_at) from ${phases} p where p.consultation_id = ${outer})`.mapWith((v) => (v ? new Date(v) : null)),
      phaseCount: sql<number>`(select count(*) from ${phases} p where p.consultation_id = ${outer})`.mapWith(Number),
      contributionCount: sql<number>`(select coalesce(sum(k.visible), 0) from ${phaseContributionCounts} k join ${phases} p on p.id = k.phase_id where p.consultation_id = ${outer})`.mapWith(Number),
      draft: sql<boolean>`${consultations.publishedAt} is null`.mapWith(Boolean),
      coverFileId: consultations.coverFileId,
      coverName: sql<string | null>`(select f.name from ${files} f where f.id = "consultations"."cover_file_id")`,
      current: sql<CurrentPhaseJson | string | null>`(select json_build_object('position', p.position, 'title', p.title, 'startsAt', p.starts_at, 'endsAt', p.ends_at) from ${phases} p where p.consultation_id = ${outer}
        order by case when p.starts_at <= ${at} and p.ends_at > ${at} then 0 when p.starts_at > ${at} then 1 else 2 end, case when p.starts_at > ${at} then p.starts_at end, p.position desc limit 1)`.mapWith(currentPhaseOf),
    })
    .from(consultations)
    .where(listedFor(actor))
    .orderBy(desc(consultations.createdAt), desc(consultations.id))
    .limit(200);
  return rows;
}

function territoryCodes(raw: string | undefined): string[] {
  return [...new Set((raw ?? '').split(/[\s,]+/).filter(Boolean))].slice(0, 50);
}

/** Organizers are chosen among the author's organizations; a platform admin may name any organization. */
async function checkedOrganizers(db: Db | Tx, actor: Actor, ids: string[]): Promise<number[]> {
  const wanted = [...new Set(ids.map(Number))];
  const found = await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, wanted));
  if (found.length !== wanted.length || (!actor.isAdmin && !wanted.every((id) => actor.isMemberOf(id)))) throw ValidationFailed.one('organizers', 'consultations:validation.organizers');
  return wanted;
}

export async function createConsultation(db: Db, actor: Actor, input: ConsultationInput): Promise<ConsultationRow> {
  return db.transaction(async (tx) => {
    const organizerIds = await checkedOrganizers(tx, actor, input.organizers);
    const slug = await uniqueSlug(tx, input.title);
    const [row] = await tx
      .insert(consultations)
      .values({ slug, title: input.title, description: input.description, territoryCodes: territoryCodes(input.territoryCodes), createdBy: actor.user?.id ?? null, publishedAt: null })
      .returning();
    await tx.insert(consultationOrganizers).values(organizerIds.map((organizationId) => ({ consultationId: row!.id, organizationId })));
    return row!;
  });
}

/** The slug stays, so links keep working; an organizer may add organizations of theirs, never drop the last one. */
export async function updateConsultation(db: Db, actor: Actor, consultation: Consultation, input: ConsultationInput): Promise<void> {
  await db.transaction(async (tx) => {
    const requested = input.organizers.map(Number);
    // Organizations the editor does not belong to stay as they were: nobody removes an organizer they are not part of.
    const kept = consultation.organizerIds.filter((id) => !actor.isAdmin && !actor.isMemberOf(id));
    const own = await checkedOrganizers(tx, actor, input.organizers.filter((id) => actor.isAdmin || actor.isMemberOf(Number(id))));
    const organizerIds = [...new Set([...kept, ...own])];
    if (organizerIds.length === 0 || requested.length === 0) throw ValidationFailed.one('organizers', 'consultations:validation.organizers');
    await tx.update(consultations).set({ title: input.title, description: input.description, territoryCodes: territoryCodes(input.territoryCodes), updatedAt: now() }).where(eq(consultations.id, consultation.id));
    await tx.delete(consultationOrganizers).where(eq(consultationOrganizers.consultationId, consultation.id));
    await tx.insert(consultationOrganizers).values(organizerIds.map((organizationId) => ({ consultationId: consultation.id, organizationId })));
  });
}

function phaseValues(input: PhaseInput) {
  const startsAt = parisDate(input.startsAt);
  const endsAt = parisDate(input.endsAt);
  const commentsOpenUntil = input.commentsOpenUntil ? parisDate(input.commentsOpenUntil) : null;
  if (Number.isNaN(startsAt.getTime())) throw ValidationFailed.one('startsAt', 'consultations:validation.date');
  if (Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) throw ValidationFailed.one('endsAt', 'consultations:validation.endsAfterStart');
  if (commentsOpenUntil && (Number.isNaN(commentsOpenUntil.getTime()) || commentsOpenUntil < endsAt)) throw ValidationFailed.one('commentsOpenUntil', 'consultations:validation.commentsAfterEnd');
  return { title: input.title, question: input.question, startsAt, endsAt, kinds: [...new Set(input.kinds)], commentsOpenUntil };
}

/** A new phase goes after the last one. */
export async function addPhase(db: Db, consultation: Consultation, input: PhaseInput): Promise<Phase> {
  const values = phaseValues(input);
  const position = (consultation.phases.at(-1)?.position ?? 0) + 1;
  const [row] = await db.insert(phases).values({ ...values, consultationId: consultation.id, position }).returning();
  return row!;
}

export async function updatePhase(db: Db, phase: Phase, input: PhaseInput): Promise<void> {
  await db.update(phases).set(phaseValues(input)).where(eq(phases.id, phase.id));
}

export async function addTheme(db: Db, consultation: Consultation, input: ThemeInput): Promise<void> {
  const slug = slugify(input.label);
  if (consultation.themes.some((t) => t.slug === slug)) throw ValidationFailed.one('label', 'consultations:validation.themeExists');
  await db.insert(consultationThemes).values({ consultationId: consultation.id, slug, label: input.label }).onConflictDoNothing();
}

export function consultationValues(c: Consultation): Record<string, unknown> {
  return { title: c.title, description: c.description, organizers: c.organizerIds.map(String), territoryCodes: c.territoryCodes.join(', ') };
}

/** The organizations a person may name as organizers: their own (a platform admin may name any, by id). */
export async function organizationChoices(db: Db, actor: Actor, extra: number[] = []): Promise<Organizer[]> {
  const ids = [...new Set([...actor.memberships.map((m) => m.organizationId), ...extra])];
  if (ids.length === 0) return [];
  return db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids)).orderBy(asc(organizations.name));
}


/** The consultation a contribution belongs to, found by its id. */
export async function findConsultationById(db: Db | Tx, id: number): Promise<Consultation> {
  const [row] = await db.select({ slug: consultations.slug }).from(consultations).where(eq(consultations.id, id));
  if (!row) throw new NotFound('consultation');
  return findConsultation(db, row.slug);
}
