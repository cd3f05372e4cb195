import { RotaError } from '../errors/rota-error.ts';
import { Frequency, type ParsedRule, parseRrule } from './parse-rrule.ts';
import { expandRule, firstRuleOccurrence } from './rrule-adapter.ts';
import {
  DAY,
  HOUR,
  MAX_FLOATING,
  MAX_OCCURRENCES,
  MINUTE,
  type Schedule,
  type ScheduledOccurrence,
  SECOND,
  tooMany,
  WEEK,
} from './schedule.ts';
import { validateSchedule } from './validate-schedule.ts';
import {
  floatingMs,
  floatingString,
  floatingToEpoch,
  formatEpoch,
  offsetAt,
  parseInstant,
} from './zoned-time.ts';

export type { Schedule, ScheduledOccurrence } from './schedule.ts';
export { MAX_OCCURRENCES } from './schedule.ts';

/**
 * Every occurrence whose start instant lies in `[window.from, window.to)`, in start order.
 *
 * The rule is expanded in floating wall-clock time (rrule without `tzid`), then each local
 * start is placed in `timeZone`: a start in a spring-forward gap moves forward, an ambiguous
 * one takes the earlier instant, so a weekly 09:00 stays 09:00 across DST. As in RFC 5545,
 * `start` is always the first occurrence (unless listed in `exdates`); `exdates` and `rdates`
 * are local wall-clock times. A window late in a long series costs about the window: the
 * rule's start is moved to a period-aligned point just before it (see ADR 0001).
 * Throws `validation_failed` naming the field (`rrule`, `timeZone`, `exdates.2`, `window.from`,
 * ...) for a bad schedule or window, and for more than {@link MAX_OCCURRENCES} occurrences.
 *
 * @example
 * expandSchedule(
 *   { start: '2026-03-02T09:00', timeZone: 'America/New_York', durationMinutes: 60,
 *     rrule: 'FREQ=WEEKLY;BYDAY=MO' },
 *   { from: '2026-03-02T00:00:00Z', to: '2026-03-17T00:00:00Z' },
 * );
 * // [{ localStart: '2026-03-02T09:00:00', start: '2026-03-02T09:00:00-05:00', end: '2026-03-02T10:00:00-05:00' },
 * //  { localStart: '2026-03-09T09:00:00', start: '2026-03-09T09:00:00-04:00', end: ... },
 * //  { localStart: '2026-03-16T09:00:00', start: '2026-03-16T09:00:00-04:00', end: ... }]
 */
export function expandSchedule(
  schedule: Schedule,
  window: { from: string; to: string },
): ScheduledOccurrence[] {
  return expandScheduleWith(schedule, window, true);
}

/**
 * {@link expandSchedule} with the windowing fast path switchable, so that tests can compare it
 * with the naive expansion from the rule's start. Not exported from the package.
 */
export function expandScheduleWith(
  schedule: Schedule,
  window: { from: string; to: string },
  fastPath: boolean,
): ScheduledOccurrence[] {
  const errors = validateSchedule(schedule);
  const fromMs = instantOrNull(window.from);
  const toMs = instantOrNull(window.to);
  if (fromMs === null) {
    errors.push({ path: 'window.from', message: 'must be an RFC 3339 instant with offset' });
  }
  if (toMs === null) {
    errors.push({ path: 'window.to', message: 'must be an RFC 3339 instant with offset' });
  }
  if (errors.length > 0 || fromMs === null || toMs === null) {
    throw new RotaError('validation_failed', 'The schedule is not valid', { errors });
  }
  if (toMs <= fromMs) return [];

  const { timeZone } = schedule;
  const start = floatingMs(schedule.start);
  // A local start F lands on the instant E = F - o, where o is the offset at E or (in a gap)
  // the offset in force just before it, less than a day earlier. So F = E + o, and the
  // offsets within two days of each window edge bound the floating range to expand.
  const floatLow = fromMs + Math.min(...offsetsAround(fromMs, timeZone));
  const floatFrom = Math.max(floatLow, start);
  const floatTo = Math.min(toMs + Math.max(...offsetsAround(toMs, timeZone)), MAX_FLOATING);

  const excluded = new Set((schedule.exdates ?? []).map(floatingMs));
  const candidates = new Set<number>();
  const add = (floating: number): void => {
    if (excluded.has(floating) || candidates.has(floating)) return;
    if (candidates.size >= MAX_OCCURRENCES) throw tooMany();
    candidates.add(floating);
  };
  if (start >= floatFrom && start <= floatTo) add(start);
  for (const rdate of schedule.rdates ?? []) {
    const floating = floatingMs(rdate);
    if (floating >= floatLow && floating <= floatTo) add(floating);
  }

  let untilUtc: number | null = null;
  if (schedule.rrule) {
    const parsed = parseRrule(schedule.rrule);
    if (!parsed.ok) throw new RotaError('validation_failed'); // validateSchedule caught it
    const rule = parsed.rule;
    if (rule.until?.kind === 'utc') untilUtc = rule.until.ms;
    const aligned = fastPath && rule.count === null ? alignedStart(rule, start, floatFrom) : null;
    expandRule(rule, start, timeZone, { floatFrom, floatTo }, aligned, add);
  }

  // An instant never appears twice: a local start in a spring-forward gap moves onto the
  // instant of a later local time (America/Santiago's 00:00 is 01:00), which the rule may
  // produce too. The real wall time names the occurrence.
  const byInstant = new Map<number, number>();
  for (const floating of candidates) {
    const epoch = floatingToEpoch(floating, timeZone);
    if (epoch < fromMs || epoch >= toMs) continue;
    // The start and rdates are occurrences of their own; UNTIL only bounds the rule's.
    if (untilUtc !== null && epoch > untilUtc && floating !== start && !isRdate(schedule, floating))
      continue;
    const kept = byInstant.get(epoch);
    if (
      kept === undefined ||
      (!isWallTime(kept, epoch, timeZone) && isWallTime(floating, epoch, timeZone))
    ) {
      byInstant.set(epoch, floating);
    }
  }
  const found = [...byInstant].map(([epoch, floating]) => ({ floating, epoch }));
  found.sort((a, b) => a.epoch - b.epoch || a.floating - b.floating);
  const durationMs = schedule.durationMinutes * MINUTE;
  return found.map(({ floating, epoch }) => ({
    localStart: floatingString(floating),
    start: formatEpoch(epoch, timeZone),
    end: formatEpoch(epoch + durationMs, timeZone),
  }));
}

function offsetsAround(ms: number, timeZone: string): number[] {
  return [-2, -1, 0, 1, 2].map((days) => offsetAt(ms + days * DAY, timeZone));
}

function instantOrNull(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  try {
    return parseInstant(value);
  } catch {
    return null;
  }
}

/** True when `floating` is what a clock in `timeZone` reads at `epoch` (not a gap time). */
function isWallTime(floating: number, epoch: number, timeZone: string): boolean {
  return floating === epoch + offsetAt(epoch, timeZone);
}

function isRdate(schedule: Schedule, floating: number): boolean {
  return (schedule.rdates ?? []).some((rdate) => floatingMs(rdate) === floating);
}

/**
 * For the fast path: the start of the rule's period (year, month, week from WKST, day, hour,
 * minute or second) that is a whole number of INTERVALs after the original start's period and
 * at least one period before `floatFrom`; null when that is the original period (no gain).
 */
function alignedStart(rule: ParsedRule, start: number, floatFrom: number): number | null {
  const d = new Date(start);
  const f = new Date(floatFrom);
  const step = (periods: number): number => Math.floor((periods - 1) / rule.interval);
  let k: number;
  let aligned: number;
  switch (rule.freq) {
    case Frequency.YEARLY: {
      k = step(f.getUTCFullYear() - d.getUTCFullYear());
      aligned = Date.UTC(d.getUTCFullYear() + k * rule.interval, 0, 1);
      break;
    }
    case Frequency.MONTHLY: {
      const months =
        (f.getUTCFullYear() - d.getUTCFullYear()) * 12 + f.getUTCMonth() - d.getUTCMonth();
      k = step(months);
      aligned = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k * rule.interval, 1);
      break;
    }
    case Frequency.WEEKLY: {
      const dayStart = start - mod(start, DAY);
      const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // 0 = MO
      const weekStart = dayStart - ((weekday - rule.wkst + 7) % 7) * DAY;
      k = step(Math.floor((floatFrom - weekStart) / WEEK));
      aligned = weekStart + k * rule.interval * WEEK;
      break;
    }
    default: {
      const unit = [DAY, HOUR, MINUTE, SECOND][rule.freq - Frequency.DAILY]!;
      const periodStart = start - mod(start, unit);
      k = step(Math.floor((floatFrom - periodStart) / unit));
      aligned = periodStart + k * rule.interval * unit;
    }
  }
  return k > 0 ? aligned : null;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** How far {@link ruleStartProblem} looks for the rule's first occurrence. */
const FIRST_RULE_YEARS = 20;

/**
 * Why a schedule's start would read differently in other calendar programs, or null. RFC 5545
 * leaves a DTSTART that its RRULE does not produce undefined: Rota (like RFC 5545's COUNT
 * wording) counts it, libical and python-dateutil drop it, recurring-ical-events keeps it, so
 * the API and a subscribed calendar would disagree. Input is refused instead, naming the first
 * start the rule gives (`YYYY-MM-DDTHH:mm`). Stored events are still expanded as before.
 *
 * @example
 * ruleStartProblem({ start: '2026-12-22T10:00', timeZone: 'Asia/Shanghai', durationMinutes: 60,
 *   rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' });
 * // 'the rule does not produce the start: its first occurrence is 2026-12-28T10:00: start there'
 */
export function ruleStartProblem(schedule: Schedule): string | null {
  if (!schedule.rrule) return null;
  const parsed = parseRrule(schedule.rrule);
  if (!parsed.ok) return null;
  const start = floatingMs(schedule.start);
  const floatTo = Math.min(start + FIRST_RULE_YEARS * 366 * DAY, MAX_FLOATING);
  const first = firstRuleOccurrence(parsed.rule, start, schedule.timeZone, floatTo);
  if (first === null) {
    return 'the rule produces no occurrence from the start: calendar programs would disagree on the start; drop the rule or change it';
  }
  if (first === start) return null;
  const at = floatingString(first).slice(0, 16);
  return `the rule does not produce the start: its first occurrence is ${at}: start there`;
}
