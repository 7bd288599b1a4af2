// The one place where errors become HTTP answers: JSON with a stable code for the API, a page for people.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed, type FieldErrors } from '../errors.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { messageKey } from '../views/form.tsx';

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url === '/openapi.json';
}

interface Answer {
  status: number;
  code: string;
  fields?: FieldErrors;
}

function classify(error: FastifyError | DomainError): Answer {
  if (error instanceof ValidationFailed) return { status: 422, code: error.code, fields: error.fields };
  if (error instanceof DomainError) return { status: error.status, code: error.code };
  if (error.validation) {
    const fields: FieldErrors = {};
    for (const issue of error.validation) {
      const params = issue.params as { requiredProperties?: string[]; missingProperty?: string };
      const name = issue.keyword === 'required'
        ? (params.requiredProperties?.[0] ?? params.missingProperty ?? 'body')
        : issue.instancePath.slice(1) || 'body';
      fields[name] ??= { key: issue.keyword === 'required' ? 'required' : 'invalid' };
    }
    return { status: 400, code: 'validation_failed', fields };
  }
  // A value the database cannot take (out of range, malformed) is bad input that slipped past a schema, not a crash.
  const sqlState = (error as { cause?: { code?: unknown } }).cause?.code ?? error.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) return { status: 400, code: 'bad_request' };
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return { status: 403, code: 'csrf_invalid' };
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: 'rate_limited' };
  // The overload guard sheds requests while the event loop is saturated: say so, it is not a crash.
  if (status === 503) return { status, code: 'unavailable' };
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') return { status: 413, code: 'too_large' };
  if (status === 415) return { status, code: 'unsupported_media_type' };
  if (status >= 400 && status < 500) return { status, code: 'bad_request' };
  return { status: 500, code: 'internal_error' };
}

async function answer(req: FastifyRequest, reply: FastifyReply, found: Answer, detail?: string) {
  if (isApiRequest(req)) {
    const message = req.i18n ? req.i18n.ta(`errors:${found.code}.title`) : found.code;
    const fields = found.fields
      ? Object.fromEntries(Object.entries(found.fields).map(([k, v]) => [k, { code: v.key, message: req.i18n?.ta(messageKey(v.key), v.values) ?? v.key }]))
      : undefined;
    return reply.code(found.status).send({ error: { code: found.code, message, ...(fields ? { fields } : {}), ...(detail ? { detail } : {}) } });
  }
  if (found.status === 401 && req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
  if (!req.i18n) return reply.code(found.status).type('text/plain').send(found.code);
  return reply.page(ErrorPage({ ctx: req.view(), status: found.status, code: found.code }), found.status);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    const found = classify(error);
    if (found.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: found.code, status: found.status }, 'request refused');
    return answer(req, reply, found);
  });
  app.setNotFoundHandler(async (req, reply) => answer(req, reply, { status: 404, code: 'not_found' }));
}
