// What the HTML routes and the API of projects share: loading what a URL names — always through findProject, so
// visibility is decided before anything else — and checking the rule on it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Db } from '../../platform/db/client.ts';
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { readNumberFields } from '../../platform/numbers.ts';
import { parse } from '../../platform/validation.ts';
import type { FormState } from '../../platform/views/form.tsx';
import { IdParams, ResponseParams } from './inputs.ts';
import { findResponse, type ProjectResponse, type ResponseAccess } from './responses.ts';
import { findProject, type Project } from './service.ts';

export async function loadProject(db: Db, req: FastifyRequest, rule?: string): Promise<Project> {
  const { id } = parse(IdParams, req.params);
  const project = await findProject(db, req.actor, id);
  if (rule) req.authorize(rule, project);
  // A platform admin changing another organization's project uses platform rights: the request is recorded.
  if (rule === 'project.manage' && req.method === 'POST' && req.actor.isAdmin && !req.actor.isMemberOf(project.ownerOrganizationId))
    await recordAudit(db, req.actor, rule, `project:${project.id}`, { path: req.url.split('?')[0] });
  return project;
}

export async function loadResponse(db: Db, req: FastifyRequest, rule?: string): Promise<{ project: Project; response: ProjectResponse; access: ResponseAccess }> {
  const { id, responseId } = parse(ResponseParams, req.params);
  const project = await findProject(db, req.actor, id);
  const { response, access } = await findResponse(db, req.actor, project, responseId);
  if (rule) req.authorize(rule, response);
  return { project, response, access };
}

/** The schema's reading, with the numbers' own refusals over the schema's messages for the same fields. */
function parseWith<S extends TSchema>(schema: S, values: Record<string, unknown>, numberErrors: FieldErrors): Static<S> {
  let input: Static<S>;
  try {
    input = parse(schema, values);
  } catch (error) {
    if (error instanceof ValidationFailed) throw new ValidationFailed({ ...error.fields, ...numberErrors });
    throw error;
  }
  if (Object.keys(numberErrors).length > 0) throw new ValidationFailed(numberErrors);
  return input;
}

/**
 * A form post with numbers typed in the reader's language (`numbers`: each field and the decimals it keeps): they are
 * read exactly, then the schema checks their ranges. Refused, the form shows again with what was typed, as typed,
 * and every message at once — a number's own beside it rather than the schema's. The JSON API reads JSON numbers.
 */
export async function submitNumbers<S extends TSchema>(
  req: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  schema: S,
  numbers: Record<string, number>,
  act: (input: Static<S>) => Promise<FastifyReply>,
  show: (form: FormState) => JSX.Element,
): Promise<FastifyReply> {
  try {
    const read = readNumberFields(body, numbers, req.locale);
    const input = parseWith(schema, read.values, read.errors);
    return await act(input);
  } catch (error) {
    if (error instanceof ValidationFailed) return reply.page(await show({ values: formValues(body), errors: error.fields }), 422);
    throw error;
  }
}

/** An action refused for a reason the person can fix or should know: back to the page, with the reason said. */
export async function orBack(reply: FastifyReply, back: string, act: () => Promise<unknown>, done: { key: string }): Promise<FastifyReply> {
  try {
    await act();
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    const first = Object.values(error.fields)[0];
    return reply.flash({ kind: 'error', key: first?.key.includes(':') ? first.key : `validation:${first?.key ?? 'invalid'}` }).redirect(back, 303);
  }
  return reply.flash({ kind: 'success', key: done.key }).redirect(back, 303);
}

/** A stored document, with the type found when it was stored, as a download or an inline view that can run nothing. */
export function sendDocument(reply: FastifyReply, file: { name: string; contentType: string; data: Buffer }): FastifyReply {
  return reply
    .type(file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${file.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename="${file.name}"`)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.data);
}
