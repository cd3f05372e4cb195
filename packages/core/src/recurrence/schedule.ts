// The schedule's types and the expansion's limits, shared by validation, expansion and the
// rrule adapter (their own file, so that none of those imports another in a circle).
import { RotaError } from '../errors/rota-error.ts';

/** A schedule in local wall-clock time. */
export interface Schedule {
  /** `YYYY-MM-DDTHH:mm[:ss]` in `timeZone`. */
  start: string;
  timeZone: string;
  durationMinutes: number;
  /** RFC 5545 RRULE value, without the `RRULE:` prefix. */
  rrule?: string | null | undefined;
  /** Local wall-clock starts to leave out. */
  exdates?: readonly string[] | undefined;
  /** Extra local wall-clock starts. */
  rdates?: readonly string[] | undefined;
}

/** One expanded occurrence. */
export interface ScheduledOccurrence {
  /** `YYYY-MM-DDTHH:mm:ss`, wall clock in the schedule's zone. */
  localStart: string;
  /** RFC 3339 with the zone's offset. */
  start: string;
  end: string;
}

/** The most occurrences one call returns: a `FREQ=SECONDLY` over a year must not hang. */
export const MAX_OCCURRENCES = 10_000;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** The most rule periods (days of a DAILY rule, minutes of a MINUTELY one) one call walks. */
export const MAX_PERIODS = 100_000;
export const MAX_FLOATING = Date.UTC(9999, 11, 31, 23, 59, 59);

/** The refusal of a window that expands to too much. */
export function tooMany(): RotaError {
  const message = `expands to more than ${MAX_OCCURRENCES} occurrences (or ${MAX_PERIODS} rule periods) in the window: narrow it`;
  return new RotaError('validation_failed', message, { errors: [{ path: 'window', message }] });
}
