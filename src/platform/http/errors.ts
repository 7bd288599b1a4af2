// The one place where errors become HTTP answers: JSON with a stable code for the API, a page for people.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { databaseFault } from '../db/faults.ts';
import { DomainError, Overloaded, ValidationFailed, type FieldErrors } from '../errors.ts';
import { refuseDeepNesting } from '../validation.ts';
import { ErrorPage } from '../views/error-page.tsx';
import type { ViewContext } from '../views/context.ts';
import { messageKey } from '../views/form.tsx';
import { assetVersion } from './assets.ts';
import { negotiateLocale, translator } from './i18n.ts';

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url === '/openapi.json';
}

interface Answer {
  status: number;
  code: string;
  fields?: FieldErrors;
  /** seconds, for a 503: when to try again */
  retryAfter?: number;
  /** the domain error's own words for the person (DomainError.detail) */
  detail?: string;
}

/** How long a client should wait before trying again when the database is away (a restart takes a few seconds). */
export const databaseRetryAfterSeconds = 5;

/** Errors @fastify/multipart raises while reading a body, with a status of their own that is not always 4xx. */
const multipartCodes: Record<string, Answer> = {
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, code: 'malformed_body' },
  FST_INVALID_JSON_FIELD_ERROR: { status: 400, code: 'malformed_body' },
  FST_PROTO_VIOLATION: { status: 400, code: 'malformed_body' },
  FST_MP_PREMATURE_CLOSE: { status: 400, code: 'malformed_body' },
  FST_PARTS_LIMIT: { status: 413, code: 'too_large' },
  FST_FILES_LIMIT: { status: 413, code: 'too_large' },
  FST_FIELDS_LIMIT: { status: 413, code: 'too_large' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'too_large' },
};

/** Set while the body is being read: between preParsing and the end of the multipart plugin's preValidation hook. */
const readingBody = Symbol('readingBody');
type Marked = FastifyRequest & { [readingBody]?: boolean };

function classify(error: FastifyError | DomainError, req: Marked): Answer {
  if (error instanceof ValidationFailed) return { status: 422, code: error.code, fields: error.fields };
  if (error instanceof Overloaded) return { status: error.status, code: error.code, retryAfter: error.retryAfter };
  if (error instanceof DomainError) return { status: error.status, code: error.code, detail: error.detail };
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
  // The database restarting, refusing connections or out of time is a moment to wait through, not a crash.
  const fault = databaseFault(error);
  if (fault === 'timeout') return { status: 503, code: 'database_timeout', retryAfter: databaseRetryAfterSeconds };
  if (fault) return { status: 503, code: 'database_unavailable', retryAfter: databaseRetryAfterSeconds };
  // A value the database cannot take (out of range, malformed) is bad input that slipped past a schema, not a crash.
  const sqlState = (error as { cause?: { code?: unknown } }).cause?.code ?? error.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) return { status: 400, code: 'bad_request' };
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return { status: 403, code: 'csrf_invalid' };
  const multipart = error.code ? multipartCodes[error.code] : undefined;
  if (multipart) return multipart;
  // The multipart parser (busboy) throws plain errors (no boundary, a truncated part, a malformed header): whatever
  // fails while a multipart body is being read is the body's fault.
  if (req[readingBody] && req.isMultipart()) return { status: 400, code: 'malformed_body' };
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: 'rate_limited' };
  // The overload guard sheds requests while the event loop is saturated: say so, it is not a crash.
  if (status === 503) return { status, code: 'unavailable' };
  if (status === 413) return { status: 413, code: 'too_large' };
  if (status === 415) return { status, code: 'unsupported_media_type' };
  if (status >= 400 && status < 500) return { status, code: 'bad_request' };
  return { status: 500, code: 'internal_error' };
}

let version: string | undefined;

/** A failure before the request was set up (its session could not be read): a page in the browser's language. */
function bareView(req: FastifyRequest): ViewContext {
  version ??= assetVersion();
  return {
    ...translator(negotiateLocale(req.headers['accept-language'])),
    csrfToken: '',
    path: req.url.split('?')[0] ?? '/',
    assetVersion: version,
    proconnect: false,
    signOutAction: '/logout',
  };
}

async function answer(req: FastifyRequest, reply: FastifyReply, found: Answer, detail = found.detail) {
  if (found.retryAfter) reply.header('retry-after', String(found.retryAfter));
  if (isApiRequest(req)) {
    const i18n = req.i18n ?? translator(negotiateLocale(req.headers['accept-language']));
    const message = i18n.ta(`errors:${found.code}.title`);
    const fields = found.fields
      ? Object.fromEntries(Object.entries(found.fields).map(([k, v]) => [k, { code: v.key, message: i18n.ta(messageKey(v.key), v.values) }]))
      : undefined;
    return reply.code(found.status).send({ error: { code: found.code, message, ...(fields ? { fields } : {}), ...(detail ? { detail } : {}) } });
  }
  if (found.status === 401 && req.method === 'GET') {
    const login = `/login?next=${encodeURIComponent(req.url)}`;
    // htmx would follow the redirect and swap the sign-in page into a fragment's place: the whole page goes there.
    if (req.headers['hx-request'] === 'true') return reply.header('hx-redirect', login).code(204).send();
    return reply.redirect(login, 303);
  }
  if (!req.i18n) return reply.code(found.status).type('text/html; charset=utf-8').send(await ErrorPage({ ctx: bareView(req), status: found.status, code: found.code }));
  return reply.page(ErrorPage({ ctx: req.view(), status: found.status, code: found.code, detail }), found.status);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.addHook('preParsing', async (req: Marked) => {
    req[readingBody] = true;
  });
  // Registered after the multipart plugin, so this runs once it has read the whole body into req.body.
  app.addHook('preValidation', async (req: Marked) => {
    req[readingBody] = false;
    // Before any schema or handler walks it: a body nested thousands deep is refused here, without recursion. A
    // multipart body is flat by construction (and its parts point back at it). A route that does not exist is a 404.
    if (req.body && typeof req.body === 'object' && !req.isMultipart() && req.routeOptions.url !== undefined) refuseDeepNesting(req.body);
  });
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    const found = classify(error, req);
    // The driver's error, not drizzle's wrapper: that one quotes the statement and its parameters.
    const cause = (error.cause ?? error) as { code?: string; message?: string };
    if (found.retryAfter) req.log.warn({ code: found.code, err: { code: cause.code, message: cause.message } }, 'database unavailable');
    else if (found.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: found.code, status: found.status }, 'request refused');
    return answer(req, reply, found);
  });
  app.setNotFoundHandler(async (req, reply) => answer(req, reply, { status: 404, code: 'not_found' }));
}
