// Demo consultations: the seed scenario of 2020 and a current one whose second phase is open today. Safe to run
// again: a consultation that exists is left as it is.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { publicDir } from '../../platform/http/assets.ts';
import { files } from '../../platform/files/schema.ts';
import { illustrationPath, storedIllustrationName, type Illustration } from '../../platform/views/illustrations.tsx';
import { users } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { demoAnswer, demoArguments, demoComments, demoDuplicate, demoLinks, demoSynthesis, freshCities, placeInnovation, type DemoConsultation, type DemoPhase } from './demo-content.ts';
import { parisDate } from './phases.ts';
import { comments, consultationOrganizers, consultations, consultationThemes, contributionArguments, contributionCoauthors, contributionLinks, contributionRevisions, contributions, contributionThemes, phases, syntheses, synthesisCitations, votes, voteValues } from './schema.ts';
import { citedIds } from './syntheses.ts';
import { refreshConsultationCounts } from './counts.ts';

function dates(phase: DemoPhase, today: Date): { startsAt: Date; endsAt: Date } {
  const at = (v: string | number) => (typeof v === 'string' ? parisDate(v) : new Date(today.getTime() + v * days(1)));
  return { startsAt: at(phase.start), endsAt: at(phase.end) };
}

/** Stored as the cover file, as an upload would be; pages know it by its name and show the asset with its alt text. */
async function storeIllustration(db: Db, name: Illustration): Promise<string> {
  const data = await readFile(join(publicDir, illustrationPath(name)));
  const [file] = await db.insert(files).values({ name: storedIllustrationName(name), contentType: 'image/svg+xml', size: data.length, data }).returning({ id: files.id });
  return file!.id;
}

async function seedOne(db: Db, demo: DemoConsultation, people: Map<string, number>, orgs: Map<string, number>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const [existing] = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, demo.slug));
  if (existing) return ids;
  const today = now();
  const coverFileId = await storeIllustration(db, demo.cover);
  const [consultation] = await db.insert(consultations).values({ slug: demo.slug, title: demo.title, description: demo.description, territoryCodes: demo.territoryCodes, coverFileId }).returning();
  const consultationId = consultation!.id;
  const organizerIds = demo.organizers.flatMap((slug) => (orgs.has(slug) ? [orgs.get(slug)!] : []));
  if (organizerIds.length) await db.insert(consultationOrganizers).values(organizerIds.map((organizationId) => ({ consultationId, organizationId })));
  const themes = await db.insert(consultationThemes).values(demo.themes.map(([slug, label]) => ({ consultationId, slug, label }))).returning();
  const themeId = new Map(themes.map((t) => [t.slug, t.id]));
  for (const [index, phase] of demo.phases.entries()) {
    const { startsAt, endsAt } = dates(phase, today);
    const [row] = await db.insert(phases).values({ consultationId, position: index + 1, title: phase.title, question: phase.question, kinds: phase.kinds, startsAt, endsAt, commentsOpenUntil: new Date(endsAt.getTime() + days(7)) }).returning();
    const list = demo.contributions[index] ?? [];
    // Spread over the phase, or up to today for the open one.
    const span = Math.min(endsAt.getTime(), today.getTime()) - startsAt.getTime();
    for (const [n, [email, orgSlug, title, body, themeSlugs, territory]] of list.entries()) {
      const createdAt = new Date(startsAt.getTime() + Math.floor((span * (n + 1)) / (list.length + 1)));
      const authorId = people.get(email) ?? null;
      const [kind, code] = territory ? territory.split(':') : [null, null];
      const [c] = await db
        .insert(contributions)
        .values({ consultationId, phaseId: row!.id, kind: phase.kinds[0]!, title, body, authorId, organizationId: orgSlug ? (orgs.get(orgSlug) ?? null) : null, territoryKind: kind ?? null, territoryCode: code ?? null, createdAt, updatedAt: createdAt })
        .returning();
      ids.set(title, c!.id);
      const tids = themeSlugs.flatMap((s) => (themeId.has(s) ? [themeId.get(s)!] : []));
      if (tids.length) await db.insert(contributionThemes).values(tids.map((tid) => ({ contributionId: c!.id, themeId: tid })));
      await db.insert(contributionRevisions).values({ contributionId: c!.id, title, body, kind: phase.kinds[0]!, editedBy: authorId, editedAt: createdAt });
      // Each demo person votes on most contributions, in a pattern that varies the counts from one to the next.
      const voters = [...people.values()].filter((_, i) => (i + n) % 4 !== 0);
      if (voters.length) await db.insert(votes).values(voters.map((userId, i) => ({ contributionId: c!.id, userId, value: voteValues[(i + n) % 5 < 3 ? 0 : (i + 2 * n) % 3]!, updatedAt: createdAt }))).onConflictDoNothing();
    }
  }
  return ids;
}

export async function seedConsultations(env: ServiceEnv): Promise<void> {
  const db = env.db;
  const emails = [...new Set([placeInnovation, freshCities].flatMap((d) => d.contributions.flat().map((c) => c[0])).concat(demoComments.map((c) => c[1])))];
  const people = new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails))).map((u) => [u.email, u.id]));
  const slugs = [...new Set([placeInnovation, freshCities].flatMap((d) => [...d.organizers, ...d.contributions.flat().flatMap((c) => (c[1] ? [c[1]] : []))]))];
  const orgs = new Map((await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, slugs))).map((o) => [o.slug, o.id]));
  const ids = new Map([...(await seedOne(db, placeInnovation, people, orgs)), ...(await seedOne(db, freshCities, people, orgs))]);
  const someone = [...people.values()];
  for (const [i, [title, side, text]] of demoArguments.entries()) {
    const contributionId = ids.get(title);
    if (contributionId) await db.insert(contributionArguments).values({ contributionId, side, text, authorId: someone[i % someone.length] ?? null });
  }
  for (const [title, email, body] of demoComments) {
    const contributionId = ids.get(title);
    if (contributionId) await db.insert(comments).values({ contributionId, authorId: people.get(email) ?? null, body });
  }
  if (ids.has(demoAnswer.title)) await seedOrganizerWork(db, ids, people);
  const seeded = await db.select({ id: consultations.id }).from(consultations).where(inArray(consultations.slug, [placeInnovation.slug, freshCities.slug]));
  for (const { id } of seeded) await refreshConsultationCounts(db, id);
}

/** What the organizers of the seed scenario did: links between phases, an answer, a merge and the phase 1 synthesis. */
async function seedOrganizerWork(db: Db, ids: Map<string, number>, people: Map<string, number>): Promise<void> {
  const links = demoLinks.flatMap(([from, targets]) => targets.flatMap((to) => (ids.has(from) && ids.has(to) ? [{ fromId: ids.get(from)!, toId: ids.get(to)! }] : [])));
  if (links.length) await db.insert(contributionLinks).values(links).onConflictDoNothing();
  const answerer = people.get(demoAnswer.by) ?? null;
  await db.update(contributions).set({ answer: demoAnswer.text, answerStatus: demoAnswer.status, answeredBy: answerer, answeredAt: parisDate('2020-11-10T10:00') }).where(eq(contributions.id, ids.get(demoAnswer.title)!));
  const keptId = ids.get(demoDuplicate.kept)!;
  const [kept] = await db.select().from(contributions).where(eq(contributions.id, keptId));
  const authorId = people.get(demoDuplicate.author) ?? null;
  const [duplicate] = await db
    .insert(contributions)
    .values({ consultationId: kept!.consultationId, phaseId: kept!.phaseId, kind: 'need', title: demoDuplicate.title, body: demoDuplicate.body, authorId, mergedIntoId: keptId, createdAt: kept!.createdAt, updatedAt: kept!.createdAt })
    .returning();
  await db.insert(contributionRevisions).values({ contributionId: duplicate!.id, title: demoDuplicate.title, body: demoDuplicate.body, kind: 'need', editedBy: authorId, editedAt: kept!.createdAt });
  if (authorId) await db.insert(contributionCoauthors).values({ contributionId: keptId, userId: authorId }).onConflictDoNothing();
  const body = demoSynthesis.body.replace(/\{\{([^}]+)\}\}/g, (_, title: string) => (ids.has(title) ? `[#${ids.get(title)}]` : title));
  const [synthesis] = await db.insert(syntheses).values({ phaseId: kept!.phaseId, body, authorId: people.get(demoSynthesis.by) ?? null, publishedAt: parisDate('2020-10-14T18:00'), updatedAt: parisDate('2020-10-14T18:00') }).returning();
  const cited = citedIds(body);
  if (cited.length) await db.insert(synthesisCitations).values(cited.map((contributionId) => ({ synthesisId: synthesis!.id, contributionId })));
}
