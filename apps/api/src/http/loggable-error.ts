/**
 * The driver error fields worth a log line: which statement class failed and where, never what
 * it was given. PGlite's errors carry the whole SQL text (`query`) and its parameters
 * (`params`: names, phones, birth dates); PostgreSQL's `detail` quotes key values
 * (`Key (phone)=(+86...)`). None of those reach the log.
 */
const safeFields = [
  'code',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'routine',
  'dataType',
] as const;

/**
 * A copy of `error` fit for the log: name, message, stack, the safe fields above, and the
 * cause (itself made safe). Anything else (SQL text, parameters, detail) is left out.
 *
 * @example
 * request.log.error({ err: loggableError(error) }, 'unhandled error');
 */
export function loggableError(error: unknown, depth = 0): unknown {
  if (typeof error !== 'object' || error === null || depth > 3) return error;
  const source = error as Record<string, unknown> & { name?: unknown; message?: unknown };
  const message = typeof source.message === 'string' ? source.message : String(error);
  const fromDatabase =
    'query' in source || (typeof source.code === 'string' && /^[0-9A-Z]{5}$/.test(source.code));
  const copy: Record<string, unknown> = {
    type: typeof source.name === 'string' ? source.name : 'Error',
    // The database quotes the offending value in its message (`invalid input syntax for type
    // date: "+8613800138000"`): keep the sentence, not the quotes' content.
    message: fromDatabase
      ? message.replace(/"[^"]*"/g, '"…"').replace(/=\([^)]*\)/g, '=(…)')
      : message,
  };
  if (typeof source.stack === 'string') {
    copy.stack = source.stack.split(message).join(String(copy.message));
  }
  for (const field of safeFields) {
    if (source[field] !== undefined) copy[field] = source[field];
  }
  if (source.cause !== undefined) copy.cause = loggableError(source.cause, depth + 1);
  return copy;
}
