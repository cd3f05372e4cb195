import type { FieldError } from '../errors/rota-error.ts';
import { isValidLocalDateTime, isValidTimeZone } from '../model/primitives.ts';
import { Frequency, type ParsedRule, parseRrule } from './parse-rrule.ts';
import type { Schedule } from './schedule.ts';

/** The longest occurrence, in minutes (a week), as in the event schema. */
const MAX_DURATION_MINUTES = 7 * 24 * 60;
const MAX_DATES = 1000;
// Creating an Intl.DateTimeFormat to check a zone costs ~50 µs: remember the good ones.
const knownZones = new Set<string>();
const isKnownZone = (zone: string): boolean => {
  if (knownZones.has(zone)) return true;
  if (!isValidTimeZone(zone)) return false;
  if (knownZones.size < 1000) knownZones.add(zone);
  return true;
};

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
  if (typeof schedule.timeZone !== 'string' || !isKnownZone(schedule.timeZone)) {
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
      else if (typeof schedule.start === 'string' && isValidLocalDateTime(schedule.start)) {
        const problem = subDailyProblem(parsed.rule, schedule.start);
        if (problem) errors.push({ path: 'rrule', message: problem });
      }
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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Sub-daily rules that rrule 2.8 cannot expand: its step loop for HOURLY/MINUTELY/SECONDLY
 * spins forever when a BYHOUR/BYMINUTE/BYSECOND value is never reached from the start's
 * phase, and (a bug) when a skipped day or a step of an hour or more meets BYHOUR/BYMINUTE.
 * We refuse those rules with a reason instead of hanging; each has a DAILY equivalent.
 */
function subDailyProblem(rule: ParsedRule, start: string): string | null {
  const [hour, minute, second] = [11, 14, 17].map((i) => Number(start.slice(i, i + 2) || 0)) as [
    number,
    number,
    number,
  ];
  const reachable = (values: number[] | null, from: number, modulus: number): boolean =>
    values === null ||
    values.some((v) => (((v - from) % gcd(rule.interval, modulus)) + modulus) % modulus === 0);
  const dayFilters = Boolean(rule.byday || rule.bymonth || rule.bymonthday || rule.byyearday);
  const never =
    'never occurs: no BYHOUR/BYMINUTE/BYSECOND value is reached from the start with this INTERVAL';
  const unsupported =
    'is not supported: with FREQ=MINUTELY or SECONDLY, use BYHOUR/BYMINUTE only with an INTERVAL under 60 and no BYDAY/BYMONTH/BYMONTHDAY/BYYEARDAY (write it as FREQ=DAILY with BYHOUR/BYMINUTE instead)';
  if (rule.freq === Frequency.HOURLY && !reachable(rule.byhour, hour, 24)) return never;
  if (rule.freq === Frequency.MINUTELY) {
    if (rule.byhour && (rule.interval >= 60 || dayFilters)) return unsupported;
    if (!reachable(rule.byminute, minute, 60)) return never;
  }
  if (rule.freq === Frequency.SECONDLY) {
    if ((rule.byhour || rule.byminute) && (rule.interval >= 60 || dayFilters)) return unsupported;
    if (!reachable(rule.bysecond, second, 60)) return never;
  }
  return null;
}
