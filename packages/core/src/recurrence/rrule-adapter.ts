// The one file that knows rrule (its options, its classes, and its loop: see stopAfter). A
// library swap or upgrade touches this file only; rrule is pinned to an exact version in
// package.json because stopAfter relies on its internals.
import type { Options } from 'rrule';
import * as rruleModule from 'rrule';
import { Frequency, type ParsedRule } from './parse-rrule.ts';
import { DAY, HOUR, MAX_PERIODS, MINUTE, SECOND, tooMany, WEEK } from './schedule.ts';
import { floatingToEpoch, offsetAt } from './zoned-time.ts';

// rrule is CommonJS for Node: a named ESM import passes tsc and throws at run time
// (STACK-NOTES), and the namespace's `default` is its exports. Bundlers (esbuild, Vite) take
// its `module` build instead: named exports and no default. Take whichever the loader gave.
const rrule = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;
const { RRule, Weekday } = rrule;

/**
 * Calls `add` with every floating start of `rule` (from the floating `start`) in
 * `[floatFrom, floatTo]`. `aligned`: a later period start to restart the rule from (the fast
 * path, see alignedStart in expand-schedule.ts), or null to walk from `start`.
 */
export function expandRule(
  rule: ParsedRule,
  start: number,
  timeZone: string,
  window: { floatFrom: number; floatTo: number },
  aligned: number | null,
  add: (floating: number) => void,
): void {
  const { floatFrom, floatTo } = window;
  if (floatFrom > floatTo) return;
  if (rule.bysetpos) {
    expandWithSetPositions(rule, start, timeZone, window, aligned, (floating) => {
      add(floating);
      return undefined;
    });
    return;
  }
  const options = rruleOptions(rule, start, timeZone, floatTo);
  if (!options) return;
  const rr = new RRule(aligned ? pinDefaults(options, rule, start, aligned) : options, true);
  const check = stopAfter(rr, rule, floatTo);
  rr.between(new Date(floatFrom), new Date(floatTo), true, (date) => {
    add(date.getTime());
    return true;
  });
  check();
}

/**
 * The first floating start `rule` itself produces from the floating `start` (COUNT aside), or
 * null when it produces none up to `floatTo`.
 */
export function firstRuleOccurrence(
  rule: ParsedRule,
  start: number,
  timeZone: string,
  floatTo: number,
): number | null {
  if (rule.bysetpos) {
    let first: number | null = null;
    const window = { floatFrom: start, floatTo };
    try {
      expandWithSetPositions({ ...rule, count: null }, start, timeZone, window, null, (f) => {
        first = f;
        return false;
      });
    } catch {
      return null;
    }
    return first;
  }
  const options = rruleOptions({ ...rule, count: null }, start, timeZone, floatTo);
  if (!options) return null;
  const probe = new RRule({ ...options, count: 1 }, true);
  const check = stopAfter(probe, rule, floatTo);
  const first = probe.all()[0];
  try {
    check();
  } catch {
    return null;
  }
  return first === undefined ? null : first.getTime();
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
    options.until = new Date(floatingUntil(rule.until, timeZone));
  }
  // Sorted: rrule 2.8 walks a day's times in the order given, so `BYHOUR=3,1` with COUNT or
  // UNTIL cut the day at 03:00 and lost its 01:00 (found by the dateutil differential test).
  if (rule.bysecond) options.bysecond = ascending(rule.bysecond);
  if (rule.byminute) options.byminute = ascending(rule.byminute);
  if (rule.byhour) options.byhour = ascending(rule.byhour);
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
    // produce the start itself, the start takes one of the COUNT places. "Produce" is on
    // instants: a start in a spring-forward gap (00:00 moved to 01:00) IS the rule's 01:00.
    const probe = new RRule({ ...options, count: 1 }, true);
    const check = stopAfter(probe, rule, floatTo);
    const first = probe.all()[0];
    check();
    // No rule occurrence up to the window's end: nothing to count in it either.
    if (first === undefined) return null;
    const count = sameInstant(first.getTime(), start, timeZone) ? rule.count : rule.count - 1;
    if (count === 0) return null;
    options.count = count;
  }
  return options;
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
    if (rule.freq === Frequency.YEARLY) {
      pinned.bymonth = rule.bymonth ?? [d.getUTCMonth() + 1];
      pinned.bymonthday = [d.getUTCDate()];
    } else if (rule.freq === Frequency.MONTHLY) {
      pinned.bymonthday = [d.getUTCDate()];
    } else if (rule.freq === Frequency.WEEKLY) {
      pinned.byweekday = [(d.getUTCDay() + 6) % 7];
    }
  }
  if (rule.freq <= Frequency.DAILY && !rule.byhour) pinned.byhour = [d.getUTCHours()];
  if (rule.freq <= Frequency.HOURLY && !rule.byminute) pinned.byminute = [d.getUTCMinutes()];
  if (rule.freq <= Frequency.MINUTELY && !rule.bysecond) pinned.bysecond = [d.getUTCSeconds()];
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

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Two floating starts that land on one instant in `timeZone` (a gap moves one onto another). */
function sameInstant(a: number, b: number, timeZone: string): boolean {
  return a === b || floatingToEpoch(a, timeZone) === floatingToEpoch(b, timeZone);
}

/** A UTC UNTIL becomes the zone's wall clock at that instant (then re-checked on instants). */
function floatingUntil(until: NonNullable<ParsedRule['until']>, timeZone: string): number {
  return until.kind === 'utc' ? until.ms + offsetAt(until.ms, timeZone) : until.ms;
}

/** The start of the rule's period (year, month, week from WKST, day, ...) holding `floating`. */
function periodStart(rule: ParsedRule, floating: number): number {
  const d = new Date(floating);
  switch (rule.freq) {
    case Frequency.YEARLY:
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    case Frequency.MONTHLY:
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case Frequency.WEEKLY: {
      const dayStart = floating - mod(floating, DAY);
      const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // 0 = MO, as rule.wkst
      return dayStart - ((weekday - rule.wkst + 7) % 7) * DAY;
    }
    default: {
      const unit = [DAY, HOUR, MINUTE, SECOND][rule.freq - Frequency.DAILY]!;
      return floating - mod(floating, unit);
    }
  }
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

// The longest length of one period of each frequency (YEARLY ... SECONDLY).
const longestPeriod = [366 * DAY, 31 * DAY, WEEK, DAY, HOUR, MINUTE, SECOND];
/** The most candidates (before BYSETPOS) one expansion looks at. */
const MAX_SET_CANDIDATES = 500_000;

/**
 * BYSETPOS done here, not by rrule: rrule 2.8 picks wrong positions when a period holds
 * several BYHOUR/BYMINUTE times and several positions (the MONTHLY rule of the tests gave 13
 * of its 15). The rule is expanded without BYSETPOS, COUNT and UNTIL from the start of the
 * start's period (defaults pinned to the start, as for the fast path), each period's
 * candidates are collected, and the positions picked from the whole period, as RFC 5545 and
 * python-dateutil do: then candidates before the start are dropped, and UNTIL and COUNT
 * apply to what is left. `add` returns false to stop early.
 */
function expandWithSetPositions(
  rule: ParsedRule,
  start: number,
  timeZone: string,
  window: { floatFrom: number; floatTo: number },
  aligned: number | null,
  add: (floating: number) => boolean | undefined,
): void {
  const positions = rule.bysetpos ?? [];
  const bare = { ...rule, bysetpos: null, count: null, until: null };
  const from = periodStart(rule, aligned ?? start);
  // The period holding floatTo is complete well before this end; a later, partial one only
  // holds candidates after floatTo, which add nothing.
  const iterEnd = window.floatTo + 2 * longestPeriod[rule.freq]!;
  const base = rruleOptions(bare, start, timeZone, iterEnd);
  if (!base) return;
  const rr = new RRule(pinDefaults(base, rule, start, from), true);
  const check = stopAfter(rr, rule, iterEnd);
  const until = rule.until ? floatingUntil(rule.until, timeZone) : null;
  let remaining: number | null = null;
  let group: number[] = [];
  let groupStart: number | null = null;
  let seen = 0;
  let stopped = false;

  // As python-dateutil (and rrule, its port): a WEEKLY rule's first week starts on the start's
  // day, not on WKST, so its earlier days hold no positions.
  const firstDay = start - mod(start, DAY);
  const firstPeriod = periodStart(rule, start);

  /** Picks the positions of one whole period; false once nothing more can be added. */
  const flush = (): boolean => {
    const inPeriod =
      rule.freq === Frequency.WEEKLY && groupStart === firstPeriod
        ? group.filter((floating) => floating >= firstDay)
        : group;
    const set = [...new Set(inPeriod)].sort((a, b) => a - b);
    const picked = new Set<number>();
    for (const position of positions) {
      const at = position > 0 ? set[position - 1] : set[set.length + position];
      if (at !== undefined) picked.add(at);
    }
    for (const floating of [...picked].sort((a, b) => a - b)) {
      if (floating < start) continue;
      if (until !== null && floating > until) return false;
      if (rule.count !== null) {
        remaining ??= sameInstant(floating, start, timeZone) ? rule.count : rule.count - 1;
        if (remaining <= 0) return false;
        remaining--;
      }
      if (floating > window.floatTo) return false;
      if (floating >= window.floatFrom && add(floating) === false) return false;
    }
    return true;
  };

  rr.between(new Date(from), new Date(iterEnd), true, (date) => {
    const floating = date.getTime();
    const period = periodStart(rule, floating);
    if (groupStart !== null && period !== groupStart) {
      if (!flush()) {
        stopped = true;
        return false;
      }
      group = [];
    }
    groupStart = period;
    group.push(floating);
    if (++seen > MAX_SET_CANDIDATES) throw tooMany();
    return true;
  });
  if (!stopped && group.length > 0) flush();
  check();
}
