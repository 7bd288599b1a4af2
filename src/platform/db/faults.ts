// Which errors mean "the database cannot answer right now" (it restarts, refuses connections, is out of reach, or ran
// out of time), as opposed to a bug: those are answered 503 with Retry-After, never 500, and the app carries on.

export type DatabaseFault = 'unavailable' | 'timeout';

/** SQLSTATE classes and codes of a server that is going away, not yet accepting, or out of resources. */
const unavailableStates = ['08', '53', '57P01', '57P02', '57P03', '57P05', '25P03'];
/** Canceled by statement_timeout (or an operator), or lock_timeout. */
const timeoutStates = new Set(['57014', '55P03']);
/** Socket-level failures to reach the server. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** What pg and pg-pool say when a connection is gone or cannot be had; they carry no code. */
const unavailableMessages = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'PGlite is closed',
];
const timeoutMessages = ['Query read timeout'];

function classifyOne(error: { code?: unknown; message?: unknown }): DatabaseFault | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code) {
    if (timeoutStates.has(code)) return 'timeout';
    if (socketCodes.has(code)) return 'unavailable';
    if (/^[0-9A-Z]{5}$/.test(code) && unavailableStates.some((state) => code.startsWith(state))) return 'unavailable';
  }
  const message = typeof error.message === 'string' ? error.message : '';
  if (timeoutMessages.some((m) => message.startsWith(m))) return 'timeout';
  if (unavailableMessages.some((m) => message.startsWith(m))) return 'unavailable';
  return undefined;
}

/**
 * The fault behind an error, looking through the wrappers (drizzle's "Failed query" keeps the driver's error as its
 * cause; a connection to a name with several addresses fails with an AggregateError of each attempt).
 */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current) || seen.size > 20) continue;
    seen.add(current);
    const found = classifyOne(current as { code?: unknown; message?: unknown });
    if (found) return found;
    queue.push((current as { cause?: unknown }).cause);
    if (current instanceof AggregateError) queue.push(...current.errors);
  }
  return undefined;
}
