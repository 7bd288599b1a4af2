// The consultation the home page keeps showing once it has ended: the most recently finished one whose organizers
// published syntheses, since what came out of it is the best account of what the platform does.
import { and, asc, inArray, isNotNull, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { now } from '../../platform/clock.ts';
import { consultations, phases, syntheses } from './schema.ts';
import type { ConsultationSummary } from './service.ts';

export interface SynthesisLink {
  position: number;
  title: string;
}

/** Looks among the few most recently finished: a list already read, and one small query on its phases. */
export async function showcase(db: Db, listed: ConsultationSummary[], among = 5): Promise<{ item: ConsultationSummary; syntheses: SynthesisLink[] } | undefined> {
  const at = now();
  const finished = listed.filter((c) => !c.draft && c.endsAt && c.endsAt <= at).sort((a, b) => b.endsAt!.getTime() - a.endsAt!.getTime()).slice(0, among);
  if (finished.length === 0) return undefined;
  const rows = await db
    .select({ slug: consultations.slug, position: phases.position, title: phases.title })
    .from(syntheses)
    .innerJoin(phases, eq(phases.id, syntheses.phaseId))
    .innerJoin(consultations, eq(consultations.id, phases.consultationId))
    .where(and(inArray(consultations.slug, finished.map((c) => c.slug)), isNotNull(syntheses.publishedAt)))
    .orderBy(asc(phases.position));
  const item = finished.find((c) => rows.some((r) => r.slug === c.slug));
  return item && { item, syntheses: rows.filter((r) => r.slug === item.slug).map(({ position, title }) => ({ position, title })) };
}
