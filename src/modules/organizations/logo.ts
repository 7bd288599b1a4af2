// Organization logos: only raster images recognised by their first bytes, whatever name or type the upload claims.
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { files } from '../../platform/files/schema.ts';
import type { Actor } from '../../platform/policy.ts';
import { now } from '../../platform/clock.ts';
import { organizations } from './schema.ts';
import type { Organization } from './service.ts';

export const maxLogoBytes = 1024 * 1024;

export interface ImageKind {
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  extension: 'png' | 'jpg' | 'webp';
}

/** SVG is refused on purpose: it can carry scripts, and a browser opening it directly would run them. */
export function detectImage(data: Buffer): ImageKind | undefined {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { contentType: 'image/png', extension: 'png' };
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return { contentType: 'image/webp', extension: 'webp' };
  return undefined;
}

export function extensionOf(contentType: string): string {
  return contentType === 'image/jpeg' ? 'jpg' : contentType === 'image/webp' ? 'webp' : 'png';
}

/** Replaces the organization's logo; the previous file is deleted in the same transaction. */
export async function saveLogo(db: Db, actor: Actor, org: Organization, data: Buffer | undefined): Promise<void> {
  if (!data || data.length === 0) throw ValidationFailed.one('logo', 'organizations:validation.logoMissing');
  if (data.length > maxLogoBytes) throw ValidationFailed.one('logo', 'organizations:validation.logoTooLarge', { max: '1 Mo' });
  const kind = detectImage(data);
  if (!kind) throw ValidationFailed.one('logo', 'organizations:validation.logoType');
  await db.transaction(async (tx) => {
    const [file] = await tx
      .insert(files)
      .values({ name: `logo.${kind.extension}`, contentType: kind.contentType, size: data.length, data, createdBy: actor.user?.id ?? null })
      .returning({ id: files.id });
    await tx.update(organizations).set({ logoFileId: file!.id, updatedAt: now() }).where(eq(organizations.id, org.id));
    if (org.logoFileId) await tx.delete(files).where(eq(files.id, org.logoFileId));
  });
}

export async function getLogo(db: Db, slug: string) {
  const [row] = await db
    .select({ id: files.id, contentType: files.contentType, data: files.data })
    .from(organizations)
    .innerJoin(files, eq(files.id, organizations.logoFileId))
    .where(eq(organizations.slug, slug));
  return row;
}
