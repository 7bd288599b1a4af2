// The life of an HTML form post: parse against the schema, act, or show the form again with the input and errors.
import type { FastifyReply } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { ValidationFailed } from '../errors.ts';
import { parse } from '../validation.ts';
import type { FormState } from '../views/form.tsx';

export function formValues(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
}

export async function submitForm<S extends TSchema>(
  reply: FastifyReply,
  body: unknown,
  schema: S,
  act: (input: Static<S>) => Promise<FastifyReply>,
  show: (form: FormState) => JSX.Element,
): Promise<FastifyReply> {
  try {
    return await act(parse(schema, body));
  } catch (error) {
    if (error instanceof ValidationFailed) return reply.page(show({ values: formValues(body), errors: error.fields }), 422);
    throw error;
  }
}

/** Only same-site paths may be a redirect target: no scheme, no host, no protocol-relative or backslash tricks. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  // Only printable ASCII: anything else cannot go in a Location header as it is.
  if (/[^\x21-\x7e]/.test(next)) return fallback;
  return next;
}
