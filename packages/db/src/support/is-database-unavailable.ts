// What counts as "the database is not there right now" (a restart, a failover, a dropped
// connection, a port where nothing listens), as opposed to a query that failed on its own
// merits. The first kind is worth a 503 and a retry; the second is a bug or a refusal.

/**
 * SQLSTATE classes and codes of a lost or refused connection: class 08 (connection exception),
 * 57P01 admin_shutdown (`pg_terminate_backend`, a fast shutdown), 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up, shutting down), 53300 too_many_connections.
 */
const unavailableCodes = new Set(['57P01', '57P02', '57P03', '53300']);

/** Node's socket errors: nothing listens, the peer reset or vanished. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** The driver's own words when a connection ends under it (pg, pg-pool, Kysely, PGlite). */
const messages = [
  'Connection terminated',
  'connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Client was closed',
  'Cannot use a pool after calling end',
  'driver has already been destroyed',
  'PGlite is closed',
];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when `error` says the database could not be reached or dropped the connection, so the
 * request may succeed if retried shortly. Looks through `cause` and AggregateError's `errors`
 * (Node reports a refused connection to every address of a host name as one AggregateError).
 *
 * @example
 * isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' })) // true
 * isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })) // false
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const code = codeOf(error);
  if (code !== undefined) {
    if (code.startsWith('08') || unavailableCodes.has(code) || socketCodes.has(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && messages.some((text) => message.includes(text))) return true;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (cause !== undefined && isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
