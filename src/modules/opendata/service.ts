// Building, keeping and serving the open-data archives. A job writes an archive into opendata_chunks (1 MB rows) as
// the zip streams out, a new generation beside the one served, and switches to it when the last byte is in: any
// instance serves it, readers never see half an archive, and memory stays flat (one chunk in hand). A sweep queues a
// rebuild when the archive is older than the figures of its consultation, at most once an hour (every six for the
// platform's), and makes the archives of new consultations.
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { and, asc, eq, gt, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { analyticsSnapshots } from '../analytics/schema.ts';
import { consultations } from '../consultations/schema.ts';
import { writeArchive, type ArchiveMeta } from './archive.ts';
import { pseudonymizer, type ExportScope } from './resources.ts';
import { opendataArchives, opendataChunks, type ArchiveStatus } from './schema.ts';

export const buildQueue = 'opendata-build';
export const chunkBytes = 1024 * 1024;
export const rebuildAfterMs = { consultation: 3_600_000, platform: 6 * 3_600_000 };

export type Archive = typeof opendataArchives.$inferSelect;

export const platformScope = 'platform';
export const consultationScope = (id: number) => `consultation:${id}`;

export function exportScope(env: ServiceEnv, scope: string, organizer = false): ExportScope {
  const id = scope.startsWith('consultation:') ? Number(scope.slice('consultation:'.length)) : undefined;
  return { consultationId: id, organizer, publicUrl: env.config.publicUrl, pseudonym: pseudonymizer(env.config.sessionSecret) };
}

export async function archiveMeta(db: Db, env: ServiceEnv, scope: string): Promise<ArchiveMeta> {
  const id = scope.startsWith('consultation:') ? Number(scope.slice('consultation:'.length)) : undefined;
  const [c] = id === undefined ? [] : await db.select({ slug: consultations.slug, title: consultations.title }).from(consultations).where(eq(consultations.id, id));
  return c
    ? { title: `Parvis — ${c.title} : données ouvertes`, description: `Contributions, votes agrégés, arguments, commentaires, synthèses et ateliers de la consultation « ${c.title} ».`, homepage: `${env.config.publicUrl}/consultations/${c.slug}/open-data`, builtAt: now() }
    : { title: 'Parvis — données ouvertes de la plateforme', description: 'Toutes les consultations, leurs contributions, votes agrégés, arguments, commentaires, synthèses, événements, projets publics et organisations.', homepage: `${env.config.publicUrl}/open-data`, builtAt: now() };
}

/** Rows of 1 MB into opendata_chunks, each written before the next is accepted: backpressure for the zip. */
class ChunkWriter extends Writable {
  private parts: Buffer[] = [];
  private size = 0;
  seq = 0;
  bytes = 0;
  readonly hash = createHash('sha256');
  constructor(private db: Db, private scope: string, private generation: number) {
    super();
  }
  private async flush() {
    if (this.size === 0) return;
    const data = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await this.db.insert(opendataChunks).values({ scope: this.scope, generation: this.generation, seq: this.seq++, data });
  }
  override _write(chunk: Buffer, _encoding: string, callback: (error?: Error | null) => void) {
    this.parts.push(chunk);
    this.size += chunk.length;
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.size < chunkBytes) return callback();
    this.flush().then(() => callback(), callback);
  }
  override _final(callback: (error?: Error | null) => void) {
    this.flush().then(() => callback(), callback);
  }
}

/** A rough count of what will be written, for the progress bar: the kept counts of the contributions, three formats. */
async function expectedRows(db: Db, scope: ExportScope): Promise<number> {
  const where = scope.consultationId === undefined ? sql`true` : sql`p.consultation_id = ${scope.consultationId}`;
  const [row] = await rows<{ n: string }>(db, sql`select coalesce(sum(k.visible), 0)::bigint as n from phase_contribution_counts k join phases p on p.id = k.phase_id where ${where}`);
  const n = Number(row?.n ?? 0);
  // contributions, their themes, links, arguments and comments are each about that many, in three formats
  return Math.max(1, n * 3 * 3);
}

export async function buildArchive(env: ServiceEnv, scope: string): Promise<Archive> {
  const db = env.db;
  await db.insert(opendataArchives).values({ scope }).onConflictDoNothing();
  const [current] = await db.select().from(opendataArchives).where(eq(opendataArchives.scope, scope));
  const generation = (current?.generation ?? 0) + 1;
  const what = exportScope(env, scope);
  const total = await expectedRows(db, what);
  await db.update(opendataArchives).set({ status: 'building', building: generation, startedAt: now(), progress: 0, total, error: null }).where(eq(opendataArchives.scope, scope));
  // Anything left by a build that died is garbage now.
  await db.delete(opendataChunks).where(and(eq(opendataChunks.scope, scope), gt(opendataChunks.generation, current?.generation ?? 0)));
  const sink = new ChunkWriter(db, scope, generation);
  let written = 0;
  let reported = Date.now();
  try {
    const perResource = await writeArchive(db, what, await archiveMeta(db, env, scope), sink, (n) => {
      written += n;
      if (Date.now() - reported > 2000) {
        reported = Date.now();
        void db.update(opendataArchives).set({ progress: Math.min(written, total - 1) }).where(eq(opendataArchives.scope, scope)).catch(() => {});
      }
    });
    const [done] = await db
      .update(opendataArchives)
      .set({ status: 'ready', generation, building: null, builtAt: now(), progress: written, total: written, bytes: sink.bytes, sha256: sink.hash.digest('hex'), rows: perResource })
      .where(eq(opendataArchives.scope, scope))
      .returning();
    await db.delete(opendataChunks).where(and(eq(opendataChunks.scope, scope), ne(opendataChunks.generation, generation)));
    return done!;
  } catch (error) {
    await db.update(opendataArchives).set({ status: current?.builtAt ? 'ready' : 'failed', building: null, error: String(error).slice(0, 500) }).where(eq(opendataArchives.scope, scope));
    await db.delete(opendataChunks).where(and(eq(opendataChunks.scope, scope), eq(opendataChunks.generation, generation)));
    throw error;
  }
}

export async function findArchive(db: Db, scope: string): Promise<Archive | undefined> {
  const [row] = await db.select().from(opendataArchives).where(eq(opendataArchives.scope, scope));
  return row;
}

export async function listArchives(db: Db): Promise<(Archive & { slug: string | null; title: string | null })[]> {
  return db
    .select({ ...getColumns(), slug: consultations.slug, title: consultations.title })
    .from(opendataArchives)
    .leftJoin(consultations, sql`${opendataArchives.scope} = 'consultation:' || ${consultations.id}`)
    .orderBy(asc(opendataArchives.scope))
    .limit(500);
}

function getColumns() {
  const { scope, status, generation, building, progress, total, requestedAt, startedAt, builtAt, bytes, sha256, rows, error } = opendataArchives;
  return { scope, status, generation, building, progress, total, requestedAt, startedAt, builtAt, bytes, sha256, rows, error };
}

/** The archive's bytes, a chunk at a time (one indexed read each). */
export function archiveStream(db: Db, archive: Archive): Readable {
  let seq = 0;
  return new Readable({
    read() {
      db.select({ data: opendataChunks.data })
        .from(opendataChunks)
        .where(and(eq(opendataChunks.scope, archive.scope), eq(opendataChunks.generation, archive.generation), eq(opendataChunks.seq, seq++)))
        .then(([row]) => this.push(row ? row.data : null), (error: Error) => this.destroy(error));
    },
  });
}

/** Asks for a build now (an admin, or a missing archive); the job does it. */
export async function requestBuild(env: ServiceEnv, scope: string): Promise<void> {
  await env.db.transaction(async (tx) => {
    await tx.insert(opendataArchives).values({ scope, status: 'queued', requestedAt: now() }).onConflictDoUpdate({ target: opendataArchives.scope, set: { requestedAt: now(), status: sql`case when ${opendataArchives.status} = 'failed' then 'queued' else ${opendataArchives.status} end` } });
    await env.jobs.send(tx, buildQueue, { scope });
  });
}

/** Which archives are missing or stale: queued for the build job. */
export async function sweepArchives(env: ServiceEnv): Promise<string[]> {
  const db = env.db;
  const at = now().getTime();
  const list = await db.select({ id: consultations.id }).from(consultations).where(isNotNull(consultations.publishedAt)).limit(1000);
  const scopes = [platformScope, ...list.map((c) => consultationScope(c.id))];
  const archives = new Map((await db.select().from(opendataArchives)).map((a) => [a.scope, a]));
  const changed = new Map((await db.select({ scope: analyticsSnapshots.scope, computedAt: analyticsSnapshots.computedAt }).from(analyticsSnapshots).where(lt(analyticsSnapshots.computedAt, new Date(at + 1)))).map((s) => [s.scope, s.computedAt]));
  const due: string[] = [];
  for (const scope of scopes) {
    const archive = archives.get(scope);
    if (archive?.status === 'building' && archive.startedAt && at - archive.startedAt.getTime() < 3_600_000) continue;
    if (!archive?.builtAt) {
      if (archive?.status !== 'queued' || at - archive.requestedAt.getTime() > 600_000) due.push(scope);
      continue;
    }
    const age = at - archive.builtAt.getTime();
    const minAge = scope === platformScope ? rebuildAfterMs.platform : rebuildAfterMs.consultation;
    const figures = changed.get(scope);
    const stale = scope === platformScope ? true : figures !== undefined && figures > archive.builtAt;
    if (age > minAge && stale) due.push(scope);
  }
  for (const scope of due) await requestBuild(env, scope);
  return due;
}

export const statusOf = (archive: Archive | undefined): ArchiveStatus | 'none' => archive?.status ?? 'none';

/** The published consultations the catalogue lists (at most 500, the newest first). */
export async function catalogConsultations(db: Db): Promise<{ id: number; slug: string; title: string; description: string }[]> {
  return db.select({ id: consultations.id, slug: consultations.slug, title: consultations.title, description: consultations.description }).from(consultations).where(isNotNull(consultations.publishedAt)).orderBy(sql`${consultations.createdAt} desc`).limit(500);
}
