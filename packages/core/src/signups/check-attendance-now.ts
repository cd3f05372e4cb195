import type { FieldError } from '../errors/rota-error.ts';

/**
 * How far ahead of the server's clock a check-in or check-out may be recorded: the desk's
 * phone and the server disagree by a minute or two; more is a time that has not come yet.
 */
export const CLOCK_SKEW_MINUTES = 5;

/**
 * Whether attendance at `at` may be recorded at `now`: a check-in or check-out is a record of
 * something that happened, so it lies no later than now (plus {@link CLOCK_SKEW_MINUTES}).
 * Returns the field error for `at`, or undefined. Pure: "now" is an argument.
 *
 * @example
 * attendanceNotYet('2026-12-05T09:22:00+08:00', '2026-12-05T09:00:00+08:00')
 * // { path: 'at', message: 'must not be later than now' }
 */
export function attendanceNotYet(at: string, now: string): FieldError | undefined {
  if (Date.parse(at) > Date.parse(now) + CLOCK_SKEW_MINUTES * 60_000) {
    return { path: 'at', message: 'must not be later than now' };
  }
  return undefined;
}
