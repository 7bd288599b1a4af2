// A consultation's cover image: a raster image recognised by its bytes (never SVG), stored with the other files.
import { eq, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { files } from '../../platform/files/schema.ts';
import type { Actor } from '../../platform/policy.ts';
import { detectImage } from '../organizations/logo.ts';
import { consultations } from './schema.ts';
import type { Consultation } from './service.ts';

export const maxCoverBytes = 2 * 1024 * 1024;

/** Replaces the cover; the previous file goes in the same transaction. */
export async function saveCover(db: Db, actor: Actor, consultation: Consultation, data: Buffer | undefined): Promise<void> {
  if (!data || data.length === 0) throw ValidationFailed.one('cover', 'consultations:cover.missing');
  if (data.length > maxCoverBytes) throw ValidationFailed.one('cover', 'consultations:cover.tooLarge', { max: '2 Mo' });
  const kind = detectImage(data);
  if (!kind) throw ValidationFailed.one('cover', 'consultations:cover.type');
  await db.transaction(async (tx) => {
    const [file] = await tx.insert(files).values({ name: `cover.${kind.extension}`, contentType: kind.contentType, size: data.length, data, createdBy: actor.user?.id ?? null }).returning({ id: files.id });
    await tx.update(consultations).set({ coverFileId: file!.id, updatedAt: now() }).where(eq(consultations.id, consultation.id));
    if (consultation.coverFileId) await tx.delete(files).where(eq(files.id, consultation.coverFileId));
  });
}

/** With whether its consultation is public: a draft's cover is for those who see the draft. */
export async function getCover(db: Db, slug: string) {
  const [row] = await db.select({ id: files.id, contentType: files.contentType, data: files.data, published: sql<boolean>`${consultations.publishedAt} is not null`.mapWith(Boolean) }).from(consultations).innerJoin(files, eq(files.id, consultations.coverFileId)).where(eq(consultations.slug, slug));
  return row;
}
