import { instantSchema, invalidField, storableText } from '@rota/core';
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;
/** `to` defaults to this many days after `from`. */
export const DEFAULT_WINDOW_DAYS = 31;
const FIRST_INSTANT_MS = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
/** A longer window is a 400. */
export const MAX_WINDOW_DAYS = 366;

/** `limit`: a decimal integer 1-500 in the query string (nothing else is coerced). */
export const limitSchema = z
  .string()
  .regex(/^[0-9]{1,4}$/, 'must be an integer from 1 to 500')
  .transform(Number)
  .pipe(z.int().min(1, 'must be at least 1').max(500, 'must be at most 500'))
  .optional()
  .describe('Page size, 1-500 (default 50)');

/** `true` or `false` in the query string. */
export const booleanQuerySchema = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

/** The query members of every list: `limit` and `cursor`. */
export const pageQuery = {
  limit: limitSchema,
  cursor: storableText.min(1).max(500).optional().describe('`nextCursor` of the previous page'),
};

/** `from` and `to`, RFC 3339 instants. */
export const windowQuery = {
  from: instantSchema.optional().describe('Instant with an offset; default: now'),
  to: instantSchema.optional().describe('Instant with an offset; default: 31 days after `from`'),
};

/**
 * Resolves the time window of a list: `from` defaults to now, `to` to 31 days after `from`;
 * `to` before `from` or a span over 366 days is a 400 on `query.to`.
 *
 * @example
 * resolveWindow({}, '2026-12-01T00:00:00.000Z') // { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }
 */
export function resolveWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: string,
): { from: string; to: string } {
  const from = query.from ?? now;
  const fromMs = Date.parse(from);
  const to = query.to ?? new Date(fromMs + DEFAULT_WINDOW_DAYS * DAY_MS).toISOString();
  // PostgreSQL's timestamps start at 4713 BC and JS dates print years past 9999 with a sign:
  // keep windows to years 1-9999 so that no instant fails in the database.
  if (!(fromMs >= FIRST_INSTANT_MS)) throw invalidField('query.from', 'must be in years 1-9999');
  if (!(Date.parse(to) <= LAST_INSTANT_MS))
    throw invalidField('query.to', 'must be in years 1-9999');
  const span = Date.parse(to) - fromMs;
  if (span < 0) throw invalidField('query.to', 'must not be before from');
  if (span > MAX_WINDOW_DAYS * DAY_MS) {
    throw invalidField('query.to', `must be at most ${MAX_WINDOW_DAYS} days after from`);
  }
  return { from, to };
}
