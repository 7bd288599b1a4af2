// The bench's large phase: the demo's open phase (the current consultation's phase 2) grows to 10,000
// contributions with votes, arguments and comments, written straight to the database before the server starts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/client.ts';
import { refreshConsultationCounts } from '../src/modules/consultations/counts.ts';
import { users } from '../src/modules/accounts/schema.ts';
import { comments, consultations, contributionArguments, contributionRevisions, contributions, phases, votes, voteValues } from '../src/modules/consultations/schema.ts';

export const volumeConsultation = 'rafraichir-nos-villes';
export const volumePhase = 2;
export const volumeSize = 10_000;
const batch = 500;

const root = fileURLToPath(new URL('..', import.meta.url));
const words = ['îlots de fraîcheur', 'cours d’école', 'ombrières', 'fontaines', 'toitures végétalisées', 'arbres d’alignement', 'capteurs de température', 'brumisateurs', 'revêtements clairs', 'parcs ouverts la nuit'];
const places = ['à Lyon', 'à Marseille', 'dans les petites communes', 'près des gares', 'dans les quartiers denses', 'autour des hôpitaux'];

/** Seeds the demo through the command line (as an operator would), then adds the volume. */
export async function seedVolume(env: Record<string, string>): Promise<void> {
  const seeded = spawnSync(process.execPath, [join(root, 'bin/parvis.js'), 'seed', '--demo'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed --demo failed: ${seeded.stderr}`);
  const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.PARVIS_DATA_DIR });
  const db = database.db;
  try {
    const [consultation] = await db.select().from(consultations).where(eq(consultations.slug, volumeConsultation));
    const [phase] = await db.select().from(phases).where(and(eq(phases.consultationId, consultation!.id), eq(phases.position, volumePhase)));
    const people = (await db.select({ id: users.id }).from(users)).map((u) => u.id);
    const start = phase!.startsAt.getTime();
    for (let offset = 0; offset < volumeSize; offset += batch) {
      const rows = Array.from({ length: Math.min(batch, volumeSize - offset) }, (_, i) => {
        const n = offset + i;
        const title = `Des ${words[n % words.length]} ${places[n % places.length]} (proposition ${n + 1})`;
        const createdAt = new Date(start + n * 60_000);
        return { consultationId: consultation!.id, phaseId: phase!.id, kind: 'idea' as const, title, body: `${title} : une idée pour rafraîchir la ville pendant les canicules, avec un budget et un calendrier.`, authorId: people[n % people.length]!, createdAt, updatedAt: createdAt };
      });
      const inserted = await db.insert(contributions).values(rows).returning({ id: contributions.id, authorId: contributions.authorId, title: contributions.title, body: contributions.body });
      await db.insert(contributionRevisions).values(inserted.map((c) => ({ contributionId: c.id, title: c.title, body: c.body, kind: 'idea' as const, editedBy: c.authorId })));
      // A few votes on every contribution, more on some, so the orders differ.
      const ballots = inserted.flatMap((c, i) => people.slice(0, (i % 7) + 1).map((userId, j) => ({ contributionId: c.id, userId, value: voteValues[(i + j) % 3]! })));
      await db.insert(votes).values(ballots).onConflictDoNothing();
      await db.insert(contributionArguments).values(inserted.filter((_, i) => i % 5 === 0).map((c) => ({ contributionId: c.id, side: 'for' as const, text: 'Utile pendant les vagues de chaleur.', authorId: c.authorId })));
      await db.insert(comments).values(inserted.filter((_, i) => i % 4 === 0).map((c) => ({ contributionId: c.id, authorId: c.authorId, body: 'Qui finance l’entretien ?' })));
    }
    await refreshConsultationCounts(db, consultation!.id);
    // As an operator would after a bulk load (autovacuum would, later): the planner needs the new row counts, and
    // index-only counts need the visibility map.
    await db.execute(sql`vacuum analyze`);
  } finally {
    await database.close();
  }
}
