import type { FieldError } from '../errors/rota-error.ts';
import { isValidLocalDateTime, isValidTimeZone } from '../model/primitives.ts';
import type { Schedule } from './expand-schedule.ts';
import { parseRrule } from './parse-rrule.ts';

/** The longest occurrence, in minutes (a week), as in the event schema. */
const MAX_DURATION_MINUTES = 7 * 24 * 60;
const MAX_DATES = 1000;

/**
 * Every problem with a schedule, as field errors named after the schedule's own fields
 * (`start`, `timeZone`, `durationMinutes`, `rrule`, `exdates.3`, `rdates.0`); empty when fine.
 * Callers nest the paths (`buildEventDraft` prefixes `recurrence.`).
 *
 * @example
 * validateSchedule({ start: '2026-12-05T08:00', timeZone: 'Asia/Shanghai', durationMinutes: 90,
 *   rrule: 'FREQ=WEEKLY;COUNT=3;UNTIL=20270101' });
 * // [{ path: 'rrule', message: 'COUNT and UNTIL must not both be given' }]
 */
export function validateSchedule(schedule: Schedule): FieldError[] {
  const errors: FieldError[] = [];
  const localMessage = 'must be a local time YYYY-MM-DDTHH:mm[:ss] naming a real date and time';
  if (typeof schedule.start !== 'string' || !isValidLocalDateTime(schedule.start)) {
    errors.push({ path: 'start', message: localMessage });
  }
  if (typeof schedule.timeZone !== 'string' || !isValidTimeZone(schedule.timeZone)) {
    errors.push({ path: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' });
  }
  const duration = schedule.durationMinutes;
  if (!Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_MINUTES) {
    errors.push({
      path: 'durationMinutes',
      message: `must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`,
    });
  }
  if (schedule.rrule !== undefined && schedule.rrule !== null) {
    if (typeof schedule.rrule !== 'string') {
      errors.push({ path: 'rrule', message: 'must be an RRULE value such as FREQ=WEEKLY' });
    } else {
      const parsed = parseRrule(schedule.rrule);
      if (!parsed.ok) errors.push({ path: 'rrule', message: parsed.message });
    }
  }
  for (const field of ['exdates', 'rdates'] as const) {
    const dates = schedule[field];
    if (dates === undefined) continue;
    if (!Array.isArray(dates)) {
      errors.push({ path: field, message: 'must be a list of local times' });
      continue;
    }
    if (dates.length > MAX_DATES) {
      errors.push({ path: field, message: `must hold at most ${MAX_DATES} dates` });
    }
    dates.forEach((date, index) => {
      if (typeof date !== 'string' || !isValidLocalDateTime(date)) {
        errors.push({ path: `${field}.${index}`, message: localMessage });
      }
    });
  }
  return errors;
}
