/**
 * A strict RFC 5545 RRULE parser. rrule's own `parseString` accepts too much (it ignores
 * out-of-range BYxxx values, takes DTSTART/TZID lines, lets COUNT and UNTIL coexist), so we
 * check the value ourselves and hand rrule plain options.
 */

export const frequencies = [
  'YEARLY',
  'MONTHLY',
  'WEEKLY',
  'DAILY',
  'HOURLY',
  'MINUTELY',
  'SECONDLY',
] as const;
/** rrule's numbering of the frequencies (the index in {@link frequencies}). */
export const Frequency = {
  YEARLY: 0,
  MONTHLY: 1,
  WEEKLY: 2,
  DAILY: 3,
  HOURLY: 4,
  MINUTELY: 5,
  SECONDLY: 6,
} as const;
export type Frequency = (typeof Frequency)[keyof typeof Frequency];

const weekdayNames = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** A parsed RRULE; weekdays are 0 = MO ... 6 = SU (rrule's numbering). */
export interface ParsedRule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** UNTIL: `utc` when it ended in Z, otherwise floating wall-clock (a DATE: its last second). */
  until: { kind: 'utc' | 'floating'; ms: number } | null;
  bysecond: number[] | null;
  byminute: number[] | null;
  byhour: number[] | null;
  byday: { weekday: number; n: number }[] | null;
  bymonthday: number[] | null;
  byyearday: number[] | null;
  byweekno: number[] | null;
  bymonth: number[] | null;
  bysetpos: number[] | null;
  wkst: number;
}

export type ParseResult = { ok: true; rule: ParsedRule } | { ok: false; message: string };

const intList = (value: string, min: number, max: number, signed: boolean): number[] | null => {
  const out: number[] = [];
  for (const item of value.split(',')) {
    if (!/^[+-]?\d{1,3}$/.test(item)) return null;
    const n = Number(item);
    if (!signed && /^[+-]/.test(item)) return null;
    const abs = Math.abs(n);
    if (signed ? abs < 1 || abs > max : n < min || n > max) return null;
    out.push(n);
  }
  return out;
};

// Days in each month of a leap year: the most a BYMONTHDAY can reach in that month.
const maxMonthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an RRULE value (no `RRULE:` prefix).
 *
 * @example
 * parseRrule('FREQ=WEEKLY;BYDAY=MO,WE'); // { ok: true, rule: { freq: 2, byday: [...], ... } }
 * parseRrule('FREQ=FORTNIGHTLY'); // { ok: false, message: 'unknown FREQ FORTNIGHTLY' }
 */
export function parseRrule(value: string): ParseResult {
  const fail = (message: string): ParseResult => ({ ok: false, message });
  const text = value.trim();
  if (/DTSTART|TZID/i.test(text)) {
    return fail('must not contain DTSTART or TZID: the schedule gives the start and zone');
  }
  if (/^RRULE:/i.test(text)) return fail('give the RRULE value without the "RRULE:" prefix');
  if (/[\r\n]/.test(text)) return fail('must be a single RRULE value');
  if (text === '') return fail('must not be empty');
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return fail(`cannot parse "${part}": expected NAME=VALUE`);
    const name = part.slice(0, eq).toUpperCase();
    if (parts.has(name)) return fail(`${name} is given twice`);
    parts.set(name, part.slice(eq + 1).toUpperCase());
  }
  const known = new Set([
    'FREQ',
    'UNTIL',
    'COUNT',
    'INTERVAL',
    'BYSECOND',
    'BYMINUTE',
    'BYHOUR',
    'BYDAY',
    'BYMONTHDAY',
    'BYYEARDAY',
    'BYWEEKNO',
    'BYMONTH',
    'BYSETPOS',
    'WKST',
  ]);
  for (const name of parts.keys()) if (!known.has(name)) return fail(`unknown part ${name}`);

  const freqName = parts.get('FREQ');
  if (freqName === undefined) return fail('FREQ is required');
  const freq = frequencies.indexOf(freqName as (typeof frequencies)[number]);
  if (freq < 0) return fail(`unknown FREQ ${freqName}`);

  const rule: ParsedRule = {
    freq: freq as Frequency,
    interval: 1,
    count: null,
    until: null,
    bysecond: null,
    byminute: null,
    byhour: null,
    byday: null,
    bymonthday: null,
    byyearday: null,
    byweekno: null,
    bymonth: null,
    bysetpos: null,
    wkst: 0,
  };

  const positive = (name: string): number | null | 'bad' => {
    const raw = parts.get(name);
    if (raw === undefined) return null;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return 'bad';
    return Number(raw);
  };
  const interval = positive('INTERVAL');
  if (interval === 'bad') return fail('INTERVAL must be a positive integer');
  if (interval !== null) rule.interval = interval;
  const count = positive('COUNT');
  if (count === 'bad') return fail('COUNT must be a positive integer');
  rule.count = count;

  const until = parts.get('UNTIL');
  if (until !== undefined) {
    if (rule.count !== null) return fail('COUNT and UNTIL must not both be given');
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until);
    if (!m) return fail('UNTIL must be YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ');
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0));
    const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
    if (
      date.getUTCFullYear() !== y ||
      date.getUTCMonth() !== mo! - 1 ||
      date.getUTCDate() !== d ||
      h! > 23 ||
      mi! > 59 ||
      s! > 59
    ) {
      return fail('UNTIL is not a real date and time');
    }
    // A DATE UNTIL includes that whole day.
    const ms = m[4] === undefined ? date.getTime() + 86_399_000 : date.getTime();
    rule.until = { kind: m[7] ? 'utc' : 'floating', ms };
  }

  const lists: [string, keyof ParsedRule, number, number, boolean][] = [
    ['BYSECOND', 'bysecond', 0, 59, false],
    ['BYMINUTE', 'byminute', 0, 59, false],
    ['BYHOUR', 'byhour', 0, 23, false],
    ['BYMONTHDAY', 'bymonthday', 1, 31, true],
    ['BYYEARDAY', 'byyearday', 1, 366, true],
    ['BYWEEKNO', 'byweekno', 1, 53, true],
    ['BYMONTH', 'bymonth', 1, 12, false],
    ['BYSETPOS', 'bysetpos', 1, 366, true],
  ];
  for (const [name, key, min, max, signed] of lists) {
    const raw = parts.get(name);
    if (raw === undefined) continue;
    const values = intList(raw, min, max, signed);
    if (!values) {
      return fail(
        signed
          ? `${name} values must be integers from 1 to ${max} or -${max} to -1`
          : `${name} values must be integers from ${min} to ${max}`,
      );
    }
    (rule as unknown as Record<string, number[]>)[key] = values;
  }

  const byday = parts.get('BYDAY');
  if (byday !== undefined) {
    rule.byday = [];
    for (const item of byday.split(',')) {
      const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
      if (!m) return fail(`BYDAY value "${item}" is not a weekday like MO, 1MO or -1FR`);
      const n = m[1] === undefined ? 0 : Number(m[1]);
      if (m[1] !== undefined) {
        if (rule.freq !== Frequency.YEARLY && rule.freq !== Frequency.MONTHLY) {
          return fail('BYDAY with a number (1MO) is only allowed with FREQ=MONTHLY or YEARLY');
        }
        if (rule.freq === Frequency.YEARLY && rule.byweekno) {
          return fail('BYDAY with a number is not allowed together with BYWEEKNO');
        }
        const max = rule.freq === Frequency.MONTHLY ? 5 : 53;
        if (n === 0 || Math.abs(n) > max) {
          return fail(`BYDAY ordinal must be from 1 to ${max} or -${max} to -1`);
        }
      }
      rule.byday.push({ weekday: weekdayNames.indexOf(m[2] as 'MO'), n });
    }
  }

  const wkst = parts.get('WKST');
  if (wkst !== undefined) {
    const index = weekdayNames.indexOf(wkst as 'MO');
    if (index < 0) return fail('WKST must be one of MO, TU, WE, TH, FR, SA, SU');
    rule.wkst = index;
  }

  // RFC 5545 §3.3.10 restrictions.
  if (rule.bymonthday && rule.freq === Frequency.WEEKLY)
    return fail('BYMONTHDAY is not allowed with WEEKLY');
  if (
    rule.byyearday &&
    (rule.freq === Frequency.MONTHLY ||
      rule.freq === Frequency.WEEKLY ||
      rule.freq === Frequency.DAILY)
  ) {
    return fail('BYYEARDAY is not allowed with MONTHLY, WEEKLY or DAILY');
  }
  if (rule.byweekno && rule.freq !== Frequency.YEARLY)
    return fail('BYWEEKNO is only allowed with YEARLY');
  if (
    rule.bysetpos &&
    !(
      rule.bysecond ||
      rule.byminute ||
      rule.byhour ||
      rule.byday ||
      rule.bymonthday ||
      rule.byyearday ||
      rule.byweekno ||
      rule.bymonth
    )
  ) {
    return fail('BYSETPOS needs another BYxxx part');
  }
  // A rule that can never occur would make rrule search until year 9999.
  if (rule.bymonth && rule.bymonthday && !rule.byday && !rule.byyearday && !rule.byweekno) {
    const possible = rule.bymonth.some((month) =>
      rule.bymonthday!.some((day) => Math.abs(day) <= maxMonthDays[month - 1]!),
    );
    if (!possible) return fail('BYMONTH and BYMONTHDAY never occur together');
  }
  return { ok: true, rule };
}
