// A project's documents: PDF and raster images only, recognised by their first bytes whatever the upload claims,
// stored in the database like logos, and served only to those who may see the project (and, for a response's
// document, the response).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import { files } from '../../platform/files/schema.ts';
import type { Actor } from '../../platform/policy.ts';
import { detectImage } from '../organizations/logo.ts';
import { projectAttachments } from './schema.ts';
import type { Project } from './service.ts';

export const maxAttachmentBytes = 4 * 1024 * 1024;
export const maxAttachments = 10;
/** what the file picker offers; the bytes are checked on arrival whatever the browser sends */
export const documentTypes = 'application/pdf,image/png,image/jpeg,image/webp';

export function detectDocument(data: Buffer): { contentType: string; extension: string } | undefined {
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return { contentType: 'application/pdf', extension: 'pdf' };
  return detectImage(data);
}

/** Keeps letters, digits, dot, dash and underscore; the extension is the one of the detected type. */
export function safeName(name: string | undefined, extension: string): string {
  const base = (name ?? '')
    .replace(/\.[^.]*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'document'}.${extension}`;
}

export interface Attachment {
  id: number;
  name: string;
  contentType: string;
  size: number;
}

/** A project's own documents, or (with a response id) that response's, which are as confidential as it is. */
export async function listAttachments(db: Db, project: Project, responseId?: number): Promise<Attachment[]> {
  return db
    .select({ id: projectAttachments.id, name: projectAttachments.name, contentType: files.contentType, size: files.size })
    .from(projectAttachments)
    .innerJoin(files, eq(files.id, projectAttachments.fileId))
    .where(and(eq(projectAttachments.projectId, project.id), responseId ? eq(projectAttachments.responseId, responseId) : isNull(projectAttachments.responseId)))
    .orderBy(asc(projectAttachments.id));
}

export async function addAttachment(db: Db, actor: Actor, project: Project, data: Buffer | undefined, filename: string | undefined, responseId?: number): Promise<void> {
  if (!data || data.length === 0) throw ValidationFailed.one('file', 'projects:validation.fileMissing');
  if (data.length > maxAttachmentBytes) throw ValidationFailed.one('file', 'projects:validation.fileTooLarge', { max: '4 Mo' });
  const kind = detectDocument(data);
  if (!kind) throw ValidationFailed.one('file', 'projects:validation.fileType');
  if ((await listAttachments(db, project, responseId)).length >= maxAttachments) throw ValidationFailed.one('file', 'projects:validation.tooManyFiles', { max: maxAttachments });
  const name = safeName(filename, kind.extension);
  await db.transaction(async (tx) => {
    const [file] = await tx.insert(files).values({ name, contentType: kind.contentType, size: data.length, data, createdBy: actor.user?.id ?? null }).returning({ id: files.id });
    await tx.insert(projectAttachments).values({ projectId: project.id, responseId: responseId ?? null, fileId: file!.id, name, createdBy: actor.user?.id ?? null });
  });
}

export async function deleteAttachment(db: Db, project: Project, attachmentId: number): Promise<void> {
  const [row] = await db.select({ fileId: projectAttachments.fileId }).from(projectAttachments).where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, project.id), isNull(projectAttachments.responseId)));
  if (!row) throw new NotFound('attachment');
  await db.delete(files).where(eq(files.id, row.fileId));
}

/**
 * A document of a project the caller already may see (findProject), or of a response they may read (findResponse):
 * a response's documents are only ever served through the response.
 */
export async function getAttachment(db: Db, project: Project, attachmentId: number, responseId?: number) {
  const [row] = await db
    .select({ name: projectAttachments.name, contentType: files.contentType, data: files.data })
    .from(projectAttachments)
    .innerJoin(files, eq(files.id, projectAttachments.fileId))
    .where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, project.id), responseId ? eq(projectAttachments.responseId, responseId) : isNull(projectAttachments.responseId)));
  if (!row) throw new NotFound('attachment');
  return row;
}
