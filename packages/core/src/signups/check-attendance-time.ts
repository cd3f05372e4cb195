import type { FieldError } from '../errors/rota-error.ts';

/**
 * How far attendance may lie outside its shift: volunteers arrive early to set up and stay
 * late to clear away, but a check-in or check-out more than this before the shift's start or
 * after its end is a typo or a forgery (year 5026), and would credit hours nobody worked.
 */
export const ATTENDANCE_TOLERANCE_MINUTES = 240;

const MINUTE_MS = 60_000;

/**
 * Whether `at` may be recorded as a check-in or check-out of a shift running `start`-`end`:
 * within the shift widened by {@link ATTENDANCE_TOLERANCE_MINUTES} on each side. Returns the
 * field error for `at`, or undefined when it fits. Pure: every instant is an argument.
 *
 * @example
 * checkAttendanceTime({ start: '2026-12-05T01:00:00Z', end: '2026-12-05T03:00:00Z' }, '5026-01-01T00:00:00Z')
 * // { path: 'at', message: 'must be within 240 minutes of the shift (...)' }
 */
export function checkAttendanceTime(
  shift: { start: string; end: string },
  at: string,
): FieldError | undefined {
  const instant = Date.parse(at);
  const earliest = Date.parse(shift.start) - ATTENDANCE_TOLERANCE_MINUTES * MINUTE_MS;
  const latest = Date.parse(shift.end) + ATTENDANCE_TOLERANCE_MINUTES * MINUTE_MS;
  if (Number.isNaN(instant) || instant < earliest || instant > latest) {
    return {
      path: 'at',
      message:
        `must be within ${ATTENDANCE_TOLERANCE_MINUTES} minutes of the shift ` +
        `(${new Date(earliest).toISOString()} to ${new Date(latest).toISOString()})`,
    };
  }
  return undefined;
}
