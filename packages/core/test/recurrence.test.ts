// expandSchedule beyond the RFC examples: DST transition days in three hemispheres/zones,
// windows, EXDATE/RDATE, the start-as-first-occurrence rule, coded errors, the occurrence cap,
// and properties (fast-check): ordering, window bounds, fast path == naive expansion,
// exdates removed, rdates added. The suite runs under TZ=UTC and TZ=Asia/Shanghai.
import fc from 'fast-check';
import t from 'tap';
import { expandSchedule, isRotaError, type Schedule, validateSchedule } from '../src/index.ts';
import { expandScheduleWith, MAX_OCCURRENCES } from '../src/recurrence/expand-schedule.ts';

const starts = (schedule: Schedule, from: string, to: string): string[] =>
  expandSchedule(schedule, { from, to }).map((o) => o.start);

t.test('DST: America/New_York', async (t) => {
  const weekly = {
    start: '2026-02-23T09:00',
    timeZone: 'America/New_York',
    durationMinutes: 60,
    rrule: 'FREQ=WEEKLY',
  };
  t.strictSame(
    starts(weekly, '2026-02-20T00:00:00Z', '2026-03-17T00:00:00Z'),
    [
      '2026-02-23T09:00:00-05:00',
      '2026-03-02T09:00:00-05:00',
      '2026-03-09T09:00:00-04:00',
      '2026-03-16T09:00:00-04:00',
    ],
    'weekly 09:00 stays 09:00 across spring-forward',
  );
  t.strictSame(
    starts(weekly, '2026-10-20T00:00:00Z', '2026-11-10T00:00:00Z'),
    ['2026-10-26T09:00:00-04:00', '2026-11-02T09:00:00-05:00', '2026-11-09T09:00:00-05:00'],
    'and across fall-back',
  );
  const gap = { ...weekly, start: '2026-03-06T02:30', rrule: 'FREQ=DAILY;COUNT=4' };
  t.strictSame(
    starts(gap, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'),
    [
      '2026-03-06T02:30:00-05:00',
      '2026-03-07T02:30:00-05:00',
      '2026-03-08T03:30:00-04:00',
      '2026-03-09T02:30:00-04:00',
    ],
    '02:30 does not exist on 8 March: it moves forward to 03:30 EDT',
  );
  const occurrence = expandSchedule(gap, {
    from: '2026-03-08T00:00:00Z',
    to: '2026-03-09T00:00:00Z',
  })[0];
  t.strictSame(
    occurrence,
    {
      localStart: '2026-03-08T02:30:00',
      start: '2026-03-08T03:30:00-04:00',
      end: '2026-03-08T04:30:00-04:00',
    },
    'localStart keeps the rule wall clock; start and end are real instants',
  );
  const ambiguous = { ...weekly, start: '2026-10-30T01:30', rrule: 'FREQ=DAILY;COUNT=4' };
  t.strictSame(
    starts(ambiguous, '2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z'),
    [
      '2026-10-30T01:30:00-04:00',
      '2026-10-31T01:30:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-02T01:30:00-05:00',
    ],
    '01:30 happens twice on 1 November: one occurrence, the earlier instant',
  );
  const long = { ...ambiguous, start: '2026-11-01T00:30', durationMinutes: 120, rrule: null };
  t.strictSame(
    expandSchedule(long, { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }),
    [
      {
        localStart: '2026-11-01T00:30:00',
        start: '2026-11-01T00:30:00-04:00',
        end: '2026-11-01T01:30:00-05:00',
      },
    ],
    'the end is start + duration on the instant line (120 real minutes across fall-back)',
  );
});

t.test('DST: Europe/Berlin and Australia/Sydney', async (t) => {
  const berlin = {
    start: '2026-03-28T02:30',
    timeZone: 'Europe/Berlin',
    durationMinutes: 30,
    rrule: 'FREQ=DAILY;COUNT=3',
  };
  t.strictSame(starts(berlin, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), [
    '2026-03-28T02:30:00+01:00',
    '2026-03-29T03:30:00+02:00',
    '2026-03-30T02:30:00+02:00',
  ]);
  t.strictSame(
    starts(
      { ...berlin, start: '2026-10-24T02:30' },
      '2026-10-01T00:00:00Z',
      '2026-11-01T00:00:00Z',
    ),
    ['2026-10-24T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00'],
  );
  const weeklyBerlin = { ...berlin, start: '2026-03-23T09:00', rrule: 'FREQ=WEEKLY;COUNT=3' };
  t.strictSame(starts(weeklyBerlin, '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'), [
    '2026-03-23T09:00:00+01:00',
    '2026-03-30T09:00:00+02:00',
    '2026-04-06T09:00:00+02:00',
  ]);
  // Southern hemisphere: clocks go forward in October and back in April.
  const sydney = {
    start: '2026-10-03T02:30',
    timeZone: 'Australia/Sydney',
    durationMinutes: 30,
    rrule: 'FREQ=DAILY;COUNT=3',
  };
  t.strictSame(starts(sydney, '2026-09-01T00:00:00Z', '2026-11-01T00:00:00Z'), [
    '2026-10-03T02:30:00+10:00',
    '2026-10-04T03:30:00+11:00',
    '2026-10-05T02:30:00+11:00',
  ]);
  t.strictSame(
    starts(
      { ...sydney, start: '2026-04-04T02:30' },
      '2026-04-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
    ),
    ['2026-04-04T02:30:00+11:00', '2026-04-05T02:30:00+11:00', '2026-04-06T02:30:00+10:00'],
  );
  const weeklySydney = { ...sydney, start: '2026-09-28T09:00', rrule: 'FREQ=WEEKLY;COUNT=3' };
  t.strictSame(starts(weeklySydney, '2026-09-01T00:00:00Z', '2026-11-01T00:00:00Z'), [
    '2026-09-28T09:00:00+10:00',
    '2026-10-05T09:00:00+11:00',
    '2026-10-12T09:00:00+11:00',
  ]);
});

t.test('schedules without a rule, windows, exdates and rdates', async (t) => {
  const once = { start: '2026-12-05T08:00', timeZone: 'Asia/Shanghai', durationMinutes: 90 };
  t.strictSame(expandSchedule(once, { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }), [
    {
      localStart: '2026-12-05T08:00:00',
      start: '2026-12-05T08:00:00+08:00',
      end: '2026-12-05T09:30:00+08:00',
    },
  ]);
  t.strictSame(starts(once, '2026-12-05T00:00:01Z', '2026-12-06T00:00:00Z'), [], 'after the start');
  t.strictSame(
    starts(once, '2026-12-05T00:00:00+00:00', '2026-12-05T00:00:01Z'),
    ['2026-12-05T08:00:00+08:00'],
    'from is inclusive',
  );
  t.strictSame(starts(once, '2026-12-04T00:00:00Z', '2026-12-05T00:00:00Z'), [], 'to is exclusive');
  t.strictSame(starts(once, '2026-12-06T00:00:00Z', '2026-12-05T00:00:00Z'), [], 'empty window');

  const daily = {
    ...once,
    rrule: 'FREQ=DAILY;COUNT=5',
    exdates: ['2026-12-06T08:00', '2026-12-08T08:00:00', '2026-12-07T09:00'],
    rdates: ['2026-12-01T18:00', '2026-12-06T20:00', '2026-12-07T08:00'],
  };
  t.strictSame(
    starts(daily, '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z'),
    [
      '2026-12-01T18:00:00+08:00',
      '2026-12-05T08:00:00+08:00',
      '2026-12-06T20:00:00+08:00',
      '2026-12-07T08:00:00+08:00',
      '2026-12-09T08:00:00+08:00',
    ],
    'rdates (even before the start) added once, exdates removed, a non-matching exdate ignored',
  );

  const unsynced = {
    ...once,
    start: '2026-12-02T08:00', // a Wednesday
    rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3',
  };
  t.strictSame(
    starts(unsynced, '2026-11-01T00:00:00Z', '2027-02-01T00:00:00Z'),
    ['2026-12-02T08:00:00+08:00', '2026-12-07T08:00:00+08:00', '2026-12-14T08:00:00+08:00'],
    'the start is the first occurrence and counts towards COUNT (RFC 5545)',
  );
  t.strictSame(
    starts(
      { ...unsynced, rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=1' },
      '2026-11-01T00:00:00Z',
      '2027-02-01T00:00:00Z',
    ),
    ['2026-12-02T08:00:00+08:00'],
  );
  t.strictSame(
    starts(
      { ...unsynced, rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261214' },
      '2026-11-01T00:00:00Z',
      '2027-02-01T00:00:00Z',
    ),
    ['2026-12-02T08:00:00+08:00', '2026-12-07T08:00:00+08:00', '2026-12-14T08:00:00+08:00'],
    'a DATE UNTIL includes its day',
  );
  t.strictSame(
    starts(
      { ...unsynced, rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261214T000000Z' },
      '2026-11-01T00:00:00Z',
      '2027-02-01T00:00:00Z',
    ),
    ['2026-12-02T08:00:00+08:00', '2026-12-07T08:00:00+08:00', '2026-12-14T08:00:00+08:00'],
    'a UTC UNTIL is an instant: 2026-12-14T08:00+08:00 is 00:00Z, included',
  );
  t.strictSame(
    starts(
      { ...unsynced, rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261213T235959Z' },
      '2026-11-01T00:00:00Z',
      '2027-02-01T00:00:00Z',
    ),
    ['2026-12-02T08:00:00+08:00', '2026-12-07T08:00:00+08:00'],
  );
});

t.test('coded errors name the field', async (t) => {
  const good = { start: '2026-12-05T08:00', timeZone: 'Asia/Shanghai', durationMinutes: 90 };
  const window = { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' };
  const cases: [Partial<Schedule>, string, RegExp][] = [
    [{ rrule: 'FREQ=FORTNIGHTLY' }, 'rrule', /unknown FREQ/],
    [{ rrule: 'nonsense' }, 'rrule', /NAME=VALUE/],
    [{ rrule: 'FREQ=DAILY;COUNT=2;UNTIL=20270101' }, 'rrule', /COUNT and UNTIL/],
    [{ rrule: 'DTSTART:20261205T080000\nRRULE:FREQ=DAILY' }, 'rrule', /DTSTART/],
    [{ rrule: 'FREQ=DAILY;TZID=Asia/Shanghai' }, 'rrule', /TZID/],
    [{ rrule: 'RRULE:FREQ=DAILY' }, 'rrule', /prefix/],
    [{ rrule: 'FREQ=DAILY;BYHOUR=24' }, 'rrule', /BYHOUR/],
    [{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=0' }, 'rrule', /BYMONTHDAY/],
    [{ rrule: 'FREQ=MONTHLY;BYDAY=6MO' }, 'rrule', /ordinal/],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'rrule', /BYDAY/],
    [{ rrule: 'FREQ=WEEKLY;BYMONTHDAY=1' }, 'rrule', /WEEKLY/],
    [{ rrule: 'FREQ=DAILY;BYWEEKNO=1' }, 'rrule', /YEARLY/],
    [{ rrule: 'FREQ=DAILY;BYYEARDAY=1' }, 'rrule', /BYYEARDAY/],
    [{ rrule: 'FREQ=DAILY;BYSETPOS=1' }, 'rrule', /BYSETPOS/],
    [{ rrule: 'FREQ=DAILY;INTERVAL=0' }, 'rrule', /INTERVAL/],
    [{ rrule: 'FREQ=DAILY;COUNT=-1' }, 'rrule', /COUNT/],
    [{ rrule: 'FREQ=DAILY;UNTIL=20270230' }, 'rrule', /UNTIL/],
    [{ rrule: 'FREQ=DAILY;WKST=XX' }, 'rrule', /WKST/],
    [{ rrule: 'FREQ=DAILY;FREQ=WEEKLY' }, 'rrule', /twice/],
    [{ rrule: 'FREQ=DAILY;X-FOO=1' }, 'rrule', /unknown part/],
    [{ rrule: 'INTERVAL=2' }, 'rrule', /FREQ is required/],
    [{ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31' }, 'rrule', /never/],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', /time zone/],
    [{ start: '2026-02-30T08:00' }, 'start', /local time/],
    [{ start: '2026-12-05 08:00' }, 'start', /local time/],
    [{ durationMinutes: 0 }, 'durationMinutes', /minutes/],
    [{ durationMinutes: 1.5 }, 'durationMinutes', /minutes/],
    [{ exdates: ['2026-12-06T08:00', '2026-13-01T08:00'] }, 'exdates.1', /local time/],
    [{ rdates: ['tomorrow'] }, 'rdates.0', /local time/],
  ];
  for (const [patch, path, message] of cases) {
    const schedule = { ...good, ...patch };
    const errors = validateSchedule(schedule);
    t.equal(errors.length, 1, `${JSON.stringify(patch)}: one error`);
    t.equal(errors[0]?.path, path, `${JSON.stringify(patch)}: on ${path}`);
    t.match(errors[0]?.message, message);
    t.throws(() => expandSchedule(schedule, window), {
      code: 'validation_failed',
      status: 400,
      errors: [{ path }],
    });
  }
  t.strictSame(validateSchedule({ ...good, rrule: 'FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1' }), []);
  t.strictSame(
    validateSchedule({ ...good, rrule: 'freq=weekly;byday=mo,we' }),
    [],
    'case-insensitive',
  );
  t.throws(() => expandSchedule(good, { from: '2026-12-01', to: '2026-12-31T00:00:00Z' }), {
    code: 'validation_failed',
    errors: [{ path: 'window.from' }],
  });
  t.throws(
    () => expandSchedule(good, { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00' }),
    {
      errors: [{ path: 'window.to' }],
    },
  );
});

t.test('a hard cap on occurrences', async (t) => {
  const secondly = {
    start: '2026-01-01T00:00',
    timeZone: 'UTC',
    durationMinutes: 1,
    rrule: 'FREQ=SECONDLY',
  };
  let error: unknown;
  try {
    expandSchedule(secondly, { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
  } catch (e) {
    error = e;
  }
  t.ok(isRotaError(error, 'validation_failed'), 'a coded error, not a hang');
  t.match((error as { errors: unknown }).errors, [{ path: 'window', message: /10000/ }]);
  t.equal(
    expandSchedule(secondly, { from: '2026-06-01T00:00:00Z', to: '2026-06-01T02:00:00Z' }).length,
    7200,
    'a window late in a SECONDLY rule is fine',
  );
  t.equal(MAX_OCCURRENCES, 10_000);
});

// ---------------------------------------------------------------------------------------------
// Properties

const zones = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney'];
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const freqs = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
const localOf = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const instantOf = (ms: number): string => new Date(ms).toISOString();

/** A random valid rule, with the span (ms) of a window that keeps the naive run small. */
const ruleArb = fc
  .record({
    freq: fc.constantFrom(...freqs),
    interval: fc.integer({ min: 1, max: 5 }),
    byday: fc.option(fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 3 })),
    nth: fc.option(fc.constantFrom(1, 2, -1, -2)),
    bymonthday: fc.option(
      fc.uniqueArray(
        fc.integer({ min: -31, max: 31 }).filter((d) => d !== 0),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    ),
    bymonth: fc.option(
      fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
    ),
    byhour: fc.option(
      fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }),
    ),
    byminute: fc.option(
      fc.uniqueArray(fc.constantFrom(0, 15, 30, 45), { minLength: 1, maxLength: 2 }),
    ),
    bysetpos: fc.option(fc.constantFrom(1, 2, -1)),
    wkst: fc.option(fc.constantFrom(...weekdays)),
    byweekno: fc.option(fc.constantFrom(1, 10, 20, 52, -1)),
    byyearday: fc.option(fc.constantFrom(1, 60, 100, 366, -1)),
  })
  .map((r) => {
    const parts = [`FREQ=${r.freq}`];
    if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
    const monthlyOrYearly = r.freq === 'MONTHLY' || r.freq === 'YEARLY';
    if (r.byday) {
      const withNth = r.nth !== null && monthlyOrYearly && r.byweekno === null;
      parts.push(`BYDAY=${r.byday.map((d) => (withNth ? `${r.nth}${d}` : d)).join(',')}`);
    }
    if (r.bymonthday && r.freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${r.bymonthday.join(',')}`);
    if (r.bymonth) parts.push(`BYMONTH=${r.bymonth.join(',')}`);
    if (r.freq === 'YEARLY' && r.byweekno !== null) parts.push(`BYWEEKNO=${r.byweekno}`);
    if (r.freq === 'YEARLY' && r.byyearday !== null && r.byweekno === null) {
      parts.push(`BYYEARDAY=${r.byyearday}`);
    }
    if (r.byhour) parts.push(`BYHOUR=${r.byhour.join(',')}`);
    if (r.byminute) parts.push(`BYMINUTE=${r.byminute.join(',')}`);
    if (r.bysetpos !== null && parts.length > 1) parts.push(`BYSETPOS=${r.bysetpos}`);
    if (r.wkst) parts.push(`WKST=${r.wkst}`);
    // How far back the start may lie and how wide the window is, per frequency.
    const day = 86_400_000;
    const spans = {
      YEARLY: [40 * 365 * day, 3 * 365 * day],
      MONTHLY: [20 * 365 * day, 400 * day],
      WEEKLY: [10 * 365 * day, 120 * day],
      DAILY: [10 * 365 * day, 40 * day],
      HOURLY: [200 * day, 3 * day],
      MINUTELY: [5 * day, 6 * 3_600_000],
      SECONDLY: [3 * 3_600_000, 600_000],
    } as const;
    const [back, width] = spans[r.freq];
    return { rrule: parts.join(';'), back, width };
  });

const scheduleArb = fc
  .record({
    rule: ruleArb,
    zone: fc.constantFrom(...zones),
    // Start minute-aligned in 1995-2030, at a random time of day (DST-prone hours included).
    startMs: fc.integer({ min: Date.UTC(1995, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
    backFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    widthFraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
    until: fc.boolean(),
  })
  .map(({ rule, zone, startMs, backFraction, widthFraction, until }) => {
    const start = startMs * 60_000;
    const from = start + Math.floor(rule.back * backFraction);
    const to = from + Math.floor(rule.width * widthFraction);
    const untilMs = from + Math.floor((to - from) / 2);
    const untilText = new Date(untilMs).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const schedule: Schedule = {
      start: localOf(start),
      timeZone: zone,
      durationMinutes: 45,
      rrule: until ? `${rule.rrule};UNTIL=${untilText}Z` : rule.rrule,
    };
    return { schedule, window: { from: instantOf(from), to: instantOf(to) } };
  })
  .filter(({ schedule }) => validateSchedule(schedule).length === 0);

t.test('property: the fast path equals the naive expansion from the start', async (t) => {
  let compared = 0;
  fc.assert(
    fc.property(scheduleArb, ({ schedule, window }) => {
      let fast: unknown;
      let naive: unknown;
      try {
        fast = expandScheduleWith(schedule, window, true);
      } catch (e) {
        fast = (e as Error).message;
      }
      try {
        naive = expandScheduleWith(schedule, window, false);
      } catch (e) {
        naive = (e as Error).message;
      }
      compared++;
      t.strictSame(fast, naive, `${schedule.rrule} from ${schedule.start} ${schedule.timeZone}`);
      return JSON.stringify(fast) === JSON.stringify(naive);
    }),
    { numRuns: 300 },
  );
  t.ok(compared >= 300);
});

t.test('properties: order, window bounds, exdates removed, rdates added', async (t) => {
  fc.assert(
    fc.property(
      scheduleArb,
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      ({ schedule, window }, pick, rdateSeed) => {
        const base = expandSchedule(schedule, window);
        const from = Date.parse(window.from);
        const to = Date.parse(window.to);
        const ms = base.map((o) => Date.parse(o.start));
        for (let i = 0; i < ms.length; i++) {
          if (ms[i]! < from || ms[i]! >= to) return false;
          if (i > 0 && ms[i]! < ms[i - 1]!) return false;
          if (Date.parse(base[i]!.end) - ms[i]! !== 45 * 60_000) return false;
        }
        if (new Set(base.map((o) => o.localStart)).size !== base.length) return false;
        // Excluding one occurrence removes exactly it.
        const victim = base[pick % Math.max(base.length, 1)];
        if (victim) {
          const without = expandSchedule({ ...schedule, exdates: [victim.localStart] }, window);
          const expected = base.filter((o) => o !== victim);
          if (JSON.stringify(without) !== JSON.stringify(expected)) return false;
        }
        // An rdate inside the window appears (once) in the result.
        // Offsets lie within -12h..+14h (and a gap adds at most 1h here): a window of 15 hours
        // around the floating time holds the rdate's instant.
        const rdateMs = from + (rdateSeed % Math.max(to - from, 1));
        const rdate = `${localOf(rdateMs).slice(0, 14)}${pad(rdateSeed % 60)}`;
        const rule = schedule.rrule?.includes('SECONDLY') ? null : schedule.rrule;
        const withRdate = expandSchedule(
          { ...schedule, rrule: rule, rdates: [rdate] },
          {
            from: instantOf(rdateMs - 15 * 3_600_000),
            to: instantOf(rdateMs + 16 * 3_600_000),
          },
        );
        return withRdate.filter((o) => o.localStart === `${rdate}:00`).length === 1;
      },
    ),
    { numRuns: 150 },
  );
  t.pass('held for 150 random schedules');
});
