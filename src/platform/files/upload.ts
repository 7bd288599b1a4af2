// Uploaded files, from the multipart body to the stored row and back to a browser that cannot be tricked into
// running them.
import type { FastifyReply } from 'fastify';

/** A file field of a multipart form (@fastify/multipart attaches them to the body). */
export interface FilePart {
  toBuffer(): Promise<Buffer>;
  filename?: string;
  mimetype?: string;
}

/** The bytes of a file field, or undefined when none was sent. */
export async function uploadedBytes(body: unknown, field: string): Promise<Buffer | undefined> {
  const part = (body as Record<string, FilePart | undefined> | undefined)?.[field];
  return part && typeof part.toBuffer === 'function' ? part.toBuffer() : undefined;
}

export interface StoredFile {
  id: string;
  contentType: string;
  data: Buffer;
}

/**
 * Sends a stored file with its checked type, never sniffed, sandboxed if opened directly; `?v=<id>` addresses are
 * immutable and cached for a year.
 */
export function sendStoredFile(reply: FastifyReply, file: StoredFile, options: { filename: string; disposition?: 'inline' | 'attachment'; versioned: boolean }) {
  return reply
    .type(file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${options.disposition ?? 'inline'}; filename="${options.filename.replace(/[^\w.-]/g, '_')}"`)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('etag', `"${file.id}"`)
    .header('cache-control', options.versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
    .send(file.data);
}
