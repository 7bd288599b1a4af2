// Demo data: the dashboards, opinion and topic groups of the demo are computed at once, and the open-data archives
// asked for, so every page looks alive from the first start (the jobs keep them up to date afterwards).
import { asc, eq, like } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { users } from '../accounts/schema.ts';
import { refreshConsultationCounts } from '../consultations/counts.ts';
import { consultations, contributions, votes, type VoteValue } from '../consultations/schema.ts';
import { sweepArchives } from '../opendata/service.ts';
import { sweep } from './compute.ts';

/** The 2020 scenario, whose phases are all closed: its votes never change, so the panel's pattern stays readable. */
const panelConsultation = 'place-de-l-innovation-urbaine';
const panelSize = 24;
export const panelEmail = (i: number) => `habitant-${String(i + 1).padStart(2, '0')}@panel.parvis.example`;

/**
 * The demo's seven voters are too few for opinion groups (limits.minVoters), so a panel of residents who cannot sign in
 * (no password) votes in two camps: every third contribution pleases both (the consensus), the others split them.
 * Some skip a vote or answer "mixed", as real people do. Safe to run again: an existing panel is left as it is.
 */
async function seedPanel(db: Db): Promise<void> {
  const [existing] = await db.select({ id: users.id }).from(users).where(like(users.email, '%@panel.parvis.example')).limit(1);
  const [consultation] = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, panelConsultation));
  if (existing || !consultation) return;
  const people = await db
    .insert(users)
    .values(Array.from({ length: panelSize }, (_, i) => ({ email: panelEmail(i), displayName: `Habitant·e ${i + 1} du panel`, emailVerifiedAt: now() })))
    .returning({ id: users.id });
  const items = await db.select({ id: contributions.id, createdAt: contributions.createdAt }).from(contributions).where(eq(contributions.consultationId, consultation.id)).orderBy(asc(contributions.id));
  const rows: { contributionId: number; userId: number; value: VoteValue; updatedAt: Date }[] = [];
  for (const [n, item] of items.entries()) {
    for (const [i, person] of people.entries()) {
      if ((i + n) % 5 === 0) continue;
      const camp = i % 2;
      const agrees = n % 3 === 0 || (n % 3 === 1) === (camp === 0);
      rows.push({ contributionId: item.id, userId: person.id, value: agrees ? ((i + n) % 7 === 0 ? 'mixed' : 'agree') : 'disagree', updatedAt: item.createdAt });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(votes).values(rows.slice(i, i + 500)).onConflictDoNothing();
  await refreshConsultationCounts(db, consultation.id);
}

export async function seedAnalytics(env: ServiceEnv): Promise<void> {
  await seedPanel(env.db);
  await sweep(env.db);
  await sweepArchives(env);
}
