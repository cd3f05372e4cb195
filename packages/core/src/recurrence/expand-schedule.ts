import type { Options } from 'rrule';
import rrule from 'rrule';
import { RotaError } from '../errors/rota-error.ts';
import { type Frequency, type ParsedRule, parseRrule } from './parse-rrule.ts';
import { validateSchedule } from './validate-schedule.ts';
import {
  floatingMs,
  floatingString,
  floatingToEpoch,
  formatEpoch,
  offsetAt,
  parseInstant,
} from './zoned-time.ts';

// rrule is CommonJS: the named ESM import passes tsc and throws at run time (STACK-NOTES).
const { RRule, Weekday } = rrule;

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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The most rule periods (days of a DAILY rule, minutes of a MINUTELY one) one call walks. */
const MAX_PERIODS = 100_000;
const MAX_FLOATING = Date.UTC(9999, 11, 31, 23, 59, 59);

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
    const options = floatFrom <= floatTo ? rruleOptions(rule, start, timeZone, floatTo) : null;
    if (options) {
      const fast = fastPath && rule.count === null ? alignedStart(rule, start, floatFrom) : null;
      const rr = new RRule(fast ? pinDefaults(options, rule, start, fast) : options, true);
      const check = stopAfter(rr, rule, floatTo);
      rr.between(new Date(floatFrom), new Date(floatTo), true, (date) => {
        add(date.getTime());
        return true;
      });
      check();
    }
  }

  const found: { floating: number; epoch: number }[] = [];
  for (const floating of candidates) {
    const epoch = floatingToEpoch(floating, timeZone);
    if (epoch < fromMs || epoch >= toMs) continue;
    // The start and rdates are occurrences of their own; UNTIL only bounds the rule's.
    if (untilUtc !== null && epoch > untilUtc && floating !== start && !isRdate(schedule, floating))
      continue;
    found.push({ floating, epoch });
  }
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

function isRdate(schedule: Schedule, floating: number): boolean {
  return (schedule.rdates ?? []).some((rdate) => floatingMs(rdate) === floating);
}

function tooMany(): RotaError {
  const message = `expands to more than ${MAX_OCCURRENCES} occurrences (or ${MAX_PERIODS} rule periods) in the window: narrow it`;
  return new RotaError('validation_failed', message, { errors: [{ path: 'window', message }] });
}

/**
 * rrule options for the parsed rule in floating time, or null when the rule adds nothing
 * beyond the start (COUNT=1 on a start that the rule would not produce itself).
 */
function rruleOptions(
  rule: ParsedRule,
  start: number,
  timeZone: string,
  floatTo: number,
): Partial<Options> | null {
  const options: Partial<Options> = {
    freq: rule.freq,
    interval: rule.interval,
    wkst: rule.wkst,
    dtstart: new Date(start),
    tzid: null,
  };
  if (rule.until) {
    // A UTC UNTIL becomes the zone's wall clock at that instant (then re-checked on instants).
    const until =
      rule.until.kind === 'utc' ? rule.until.ms + offsetAt(rule.until.ms, timeZone) : rule.until.ms;
    options.until = new Date(until);
  }
  if (rule.bysecond) options.bysecond = rule.bysecond;
  if (rule.byminute) options.byminute = rule.byminute;
  if (rule.byhour) options.byhour = rule.byhour;
  if (rule.bymonthday) options.bymonthday = rule.bymonthday;
  if (rule.byyearday) options.byyearday = rule.byyearday;
  if (rule.byweekno) options.byweekno = rule.byweekno;
  if (rule.bymonth) options.bymonth = rule.bymonth;
  if (rule.bysetpos) options.bysetpos = rule.bysetpos;
  if (rule.byday) {
    options.byweekday = rule.byday.map((d) => new Weekday(d.weekday, d.n === 0 ? undefined : d.n));
  }
  if (rule.count !== null) {
    // RFC 5545: DTSTART always counts as the first occurrence. When the rule would not
    // produce the start itself, the start takes one of the COUNT places.
    const probe = new RRule({ ...options, count: 1 }, true);
    const check = stopAfter(probe, rule, floatTo);
    const first = probe.all()[0];
    check();
    // No rule occurrence up to the window's end: nothing to count in it either.
    if (first === undefined) return null;
    const count = first.getTime() === start ? rule.count : rule.count - 1;
    if (count === 0) return null;
    options.count = count;
  }
  return options;
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
  switch (rule.freq as Frequency) {
    case 0: {
      k = step(f.getUTCFullYear() - d.getUTCFullYear());
      aligned = Date.UTC(d.getUTCFullYear() + k * rule.interval, 0, 1);
      break;
    }
    case 1: {
      const months =
        (f.getUTCFullYear() - d.getUTCFullYear()) * 12 + f.getUTCMonth() - d.getUTCMonth();
      k = step(months);
      aligned = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k * rule.interval, 1);
      break;
    }
    case 2: {
      const dayStart = start - mod(start, DAY);
      const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // 0 = MO
      const weekStart = dayStart - ((weekday - rule.wkst + 7) % 7) * DAY;
      k = step(Math.floor((floatFrom - weekStart) / WEEK));
      aligned = weekStart + k * rule.interval * WEEK;
      break;
    }
    default: {
      const unit = [DAY, HOUR, MINUTE, SECOND][rule.freq - 3]!;
      const periodStart = start - mod(start, unit);
      k = step(Math.floor((floatFrom - periodStart) / unit));
      aligned = periodStart + k * rule.interval * unit;
    }
  }
  return k > 0 ? aligned : null;
}

/**
 * Options for a rule restarted at `aligned`, with every default that rrule derives from
 * DTSTART (day in month, weekday, time of day) pinned to the original start's values.
 */
function pinDefaults(
  options: Partial<Options>,
  rule: ParsedRule,
  start: number,
  aligned: number,
): Partial<Options> {
  const d = new Date(start);
  const pinned: Partial<Options> = { ...options, dtstart: new Date(aligned) };
  if (!(rule.byweekno || rule.byyearday || rule.bymonthday || rule.byday)) {
    if (rule.freq === 0) {
      pinned.bymonth = rule.bymonth ?? [d.getUTCMonth() + 1];
      pinned.bymonthday = [d.getUTCDate()];
    } else if (rule.freq === 1) {
      pinned.bymonthday = [d.getUTCDate()];
    } else if (rule.freq === 2) {
      pinned.byweekday = [(d.getUTCDay() + 6) % 7];
    }
  }
  if (rule.freq <= 3 && !rule.byhour) pinned.byhour = [d.getUTCHours()];
  if (rule.freq <= 4 && !rule.byminute) pinned.byminute = [d.getUTCMinutes()];
  if (rule.freq <= 5 && !rule.bysecond) pinned.bysecond = [d.getUTCSeconds()];
  return pinned;
}

// The shortest length of one period of each frequency (YEARLY ... SECONDLY).
const shortestPeriod = [365 * DAY, 28 * DAY, WEEK, DAY, HOUR, MINUTE, SECOND];

/**
 * Makes rrule stop once its iteration has passed `floatTo`. rrule only checks its bounds on
 * candidate dates, so a rule that never (or very rarely) matches again, such as
 * `FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=31;BYDAY=MO`, would otherwise step to the year 9999
 * (~12 s). Its loop reads `options.interval` twice per period (the `=== 0` stop check, then
 * the step), and each step moves at least one interval: after enough periods to reach
 * `floatTo`, the stop check reads 0 and the loop ends. Tied to rrule 2.8's loop (pinned).
 */
function stopAfter(rr: InstanceType<typeof RRule>, rule: ParsedRule, floatTo: number): () => void {
  const options = rr.options;
  const interval = options.interval;
  const dtstart = options.dtstart.getTime();
  const needed = Math.ceil((floatTo - dtstart) / (shortestPeriod[rule.freq]! * interval)) + 2;
  // Past floatTo a sub-daily rule skips a whole filtered day per step: keep the total bounded.
  const periods = Math.min(needed, MAX_PERIODS);
  let reads = 0;
  let stopped = false;
  Object.defineProperty(options, 'interval', {
    configurable: true,
    get: () => {
      reads++;
      // Read 1 is the set-up; then per period: read 2i the stop check, 2i+1 the step.
      if (reads % 2 === 0 && reads / 2 > periods) {
        stopped = true;
        return 0;
      }
      return interval;
    },
  });
  // Stopped before reaching floatTo: the result would be cut short, so refuse the window.
  return () => {
    if (stopped && periods < needed) throw tooMany();
  };
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
  const options = rruleOptions({ ...parsed.rule, count: null }, start, schedule.timeZone, floatTo);
  let first: Date | undefined;
  if (options) {
    const probe = new RRule({ ...options, count: 1 }, true);
    const check = stopAfter(probe, parsed.rule, floatTo);
    first = probe.all()[0];
    try {
      check();
    } catch {
      first = undefined;
    }
  }
  if (first === undefined) {
    return 'the rule produces no occurrence from the start: calendar programs would disagree on the start; drop the rule or change it';
  }
  if (first.getTime() === start) return null;
  const at = floatingString(first.getTime()).slice(0, 16);
  return `the rule does not produce the start: its first occurrence is ${at}: start there`;
}
