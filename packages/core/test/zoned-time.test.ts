// Wall clock <-> instants: the gap/ambiguity rule (Temporal's 'compatible'), the output
// format, and independence from the process TZ (the suite runs under TZ=UTC and Asia/Shanghai).
import fc from 'fast-check';
import t from 'tap';
import { formatInstant, instantToLocal, localToInstant } from '../src/index.ts';

t.test('localToInstant: ordinary times carry the zone offset, never Z', async (t) => {
  t.equal(localToInstant('2026-12-05T08:00', 'Asia/Shanghai'), '2026-12-05T08:00:00+08:00');
  t.equal(localToInstant('2026-12-05T08:00:30', 'Asia/Shanghai'), '2026-12-05T08:00:30+08:00');
  t.equal(localToInstant('2026-07-01T12:00', 'UTC'), '2026-07-01T12:00:00+00:00');
  t.equal(localToInstant('2026-07-01T12:00', 'America/New_York'), '2026-07-01T12:00:00-04:00');
  t.equal(localToInstant('2026-01-01T12:00', 'America/New_York'), '2026-01-01T12:00:00-05:00');
  t.equal(localToInstant('2026-01-01T12:00', 'Asia/Kolkata'), '2026-01-01T12:00:00+05:30');
  t.equal(localToInstant('2026-01-01T12:00', 'Asia/Kathmandu'), '2026-01-01T12:00:00+05:45');
  t.equal(localToInstant('2026-01-01T00:00', 'Pacific/Kiritimati'), '2026-01-01T00:00:00+14:00');
});

// [zone, local in the gap or the overlap, expected instant]
const transitions: [string, string, string][] = [
  // Spring forward: the local time does not exist and moves forward by the gap.
  ['America/New_York', '2026-03-08T02:00', '2026-03-08T03:00:00-04:00'],
  ['America/New_York', '2026-03-08T02:30', '2026-03-08T03:30:00-04:00'],
  ['America/New_York', '2026-03-08T01:59:59', '2026-03-08T01:59:59-05:00'],
  ['America/New_York', '2026-03-08T03:00', '2026-03-08T03:00:00-04:00'],
  ['Europe/Berlin', '2026-03-29T02:30', '2026-03-29T03:30:00+02:00'],
  ['Australia/Sydney', '2026-10-04T02:30', '2026-10-04T03:30:00+11:00'],
  ['Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-04T02:45:00+11:00'], // 30-minute gap
  // Fall back: the local time happens twice; the earlier instant wins.
  ['America/New_York', '2026-11-01T01:30', '2026-11-01T01:30:00-04:00'],
  ['America/New_York', '2026-11-01T01:00', '2026-11-01T01:00:00-04:00'],
  ['America/New_York', '2026-11-01T02:00', '2026-11-01T02:00:00-05:00'],
  ['Europe/Berlin', '2026-10-25T02:30', '2026-10-25T02:30:00+02:00'],
  ['Australia/Sydney', '2026-04-05T02:30', '2026-04-05T02:30:00+11:00'],
  ['Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-05T01:45:00+11:00'],
  // Samoa skipped 2011-12-30 entirely (from -10:00 to +14:00).
  ['Pacific/Apia', '2011-12-30T12:00', '2011-12-31T12:00:00+14:00'],
];

t.test('localToInstant: gaps move forward, ambiguous times take the earlier instant', async (t) => {
  for (const [zone, local, expected] of transitions) {
    t.equal(localToInstant(local, zone), expected, `${zone} ${local}`);
  }
});

t.test('instantToLocal and formatInstant', async (t) => {
  t.equal(instantToLocal('2026-12-05T00:00:00Z', 'Asia/Shanghai'), '2026-12-05T08:00:00');
  t.equal(instantToLocal('2026-12-05T08:00:00+08:00', 'UTC'), '2026-12-05T00:00:00');
  t.equal(instantToLocal('2026-11-01T05:30:00Z', 'America/New_York'), '2026-11-01T01:30:00');
  t.equal(instantToLocal('2026-11-01T06:30:00Z', 'America/New_York'), '2026-11-01T01:30:00');
  t.equal(formatInstant('2026-12-05T00:00:00Z', 'Asia/Shanghai'), '2026-12-05T08:00:00+08:00');
  t.equal(formatInstant('2026-12-05T00:00:00.999Z', 'UTC'), '2026-12-05T00:00:00+00:00');
  t.equal(formatInstant(new Date(0), 'UTC'), '1970-01-01T00:00:00+00:00');
  // Records keep their milliseconds (issue 11, item 13), and only when they have some.
  const record = { milliseconds: true };
  t.equal(
    formatInstant('2026-12-04T16:00:00.025Z', 'Asia/Shanghai', record),
    '2026-12-05T00:00:00.025+08:00',
  );
  t.equal(
    formatInstant('2026-12-05T00:00:00Z', 'Asia/Shanghai', record),
    '2026-12-05T08:00:00+08:00',
  );
  t.equal(formatInstant(new Date(-1), 'UTC', record), '1969-12-31T23:59:59.999+00:00');
  t.equal(formatInstant('2026-11-01T06:30:00Z', 'America/New_York'), '2026-11-01T01:30:00-05:00');
  t.equal(formatInstant('2026-03-29T01:00:00Z', 'Europe/Berlin'), '2026-03-29T03:00:00+02:00');
  t.equal(formatInstant('2026-06-01T10:00:00-02:30', 'Asia/Kolkata'), '2026-06-01T18:00:00+05:30');
  t.throws(() => formatInstant('2026-06-01T10:00:00', 'UTC'), RangeError);
  t.throws(() => formatInstant(new Date(Number.NaN), 'UTC'), RangeError);
  t.throws(() => localToInstant('2026-06-01', 'UTC'), RangeError);
});

const zones = [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
];

t.test('properties', async (t) => {
  const instant = fc
    .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2060, 0, 1) / 1000 })
    .map((s) => s * 1000);
  const zone = fc.constantFrom(...zones);

  t.test('formatInstant keeps the instant', async (t) => {
    fc.assert(
      fc.property(instant, zone, (ms, tz) => Date.parse(formatInstant(new Date(ms), tz)) === ms),
    );
    t.pass('held for 100 random instants and zones');
  });

  t.test('a record instant keeps its millisecond', async (t) => {
    const any = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(any, zone, (ms, tz) => {
        const text = formatInstant(new Date(ms), tz, { milliseconds: true });
        return Date.parse(text) === ms && !text.endsWith('Z');
      }),
    );
    t.pass('held for 100 random instants and zones');
  });

  t.test('local -> instant -> local is the identity off the gaps', async (t) => {
    fc.assert(
      fc.property(instant, zone, (ms, tz) => {
        const local = instantToLocal(new Date(ms).toISOString(), tz);
        const back = localToInstant(local, tz);
        // Round-trips exactly, or lands on the earlier instant of an ambiguous local time.
        return (
          instantToLocal(back, tz) === local &&
          Date.parse(back) <= ms &&
          ms - Date.parse(back) <= 3_600_000
        );
      }),
    );
    t.pass('held');
  });

  t.test('localToInstant is monotonic in wall clock within a zone', async (t) => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 86_400 * 3 }), zone, (ms, step, tz) => {
        const a = new Date(ms).toISOString().slice(0, 19);
        const b = new Date(ms + step * 1000).toISOString().slice(0, 19);
        return Date.parse(localToInstant(a, tz)) <= Date.parse(localToInstant(b, tz)) + 3_600_000;
      }),
    );
    t.pass('held');
  });
});

t.test(
  'epochFormatter formats like formatEpoch, across transitions and outside its span',
  async (t) => {
    const { epochFormatter, formatEpoch } = await import('../src/recurrence/zoned-time.ts');
    const spans: [string, string, string][] = [
      ['Asia/Shanghai', '2026-12-05T00:00:00Z', '2026-12-05T09:15:00Z'],
      ['America/New_York', '2026-03-08T04:00:00Z', '2026-03-09T04:00:00Z'], // spring forward
      ['America/New_York', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'], // fall back, > 1 day
      ['Australia/Lord_Howe', '2026-10-03T12:00:00Z', '2026-10-04T12:00:00Z'], // 30-minute shift
      ['Asia/Kathmandu', '2026-01-01T00:00:00Z', '2026-01-01T23:59:59Z'],
    ];
    for (const [zone, from, to] of spans) {
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to);
      const format = epochFormatter(fromMs, toMs, zone);
      // Every 5 minutes and 7 seconds of the span, and a little before and after it.
      for (let ms = fromMs - 3_600_000; ms <= toMs + 3_600_000; ms += 307_000) {
        t.equal(format(ms), formatEpoch(ms, zone), `${zone} ${new Date(ms).toISOString()}`);
      }
    }
  },
);

t.test('the fast paths agree with the general ones', async (t) => {
  const { floatingString, parseInstant } = await import('../src/recurrence/zoned-time.ts');
  const INSTANT =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
  // The regular expression's reading, as parseInstant read every instant before.
  const general = (text: string) => {
    const m = INSTANT.exec(text);
    if (!m) return Number.NaN;
    const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    const date = new Date(
      Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
    );
    date.setUTCFullYear(Number(m[1]));
    const wall = date.getTime() + Math.floor(fraction);
    if (m[8]) return wall;
    const offset = (Number(m[10]) * 60 + Number(m[11])) * 60_000;
    return m[9] === '-' ? wall + offset : wall - offset;
  };
  const samples = [
    '2026-12-05T08:00:00+08:00',
    '2026-12-05T00:00:00.000Z',
    '2026-12-05 08:00:00.123456+0530',
    '0099-01-01T00:00:00Z',
    '2026-03-08T02:30:00-05:00',
    '2026-12-05T08:00+08:00',
    '2026-12-05t08:00:00.5z',
  ];
  for (const text of samples) t.equal(parseInstant(text), general(text), text);
  t.throws(() => parseInstant('2026-12-05T08:00:00'), RangeError);
  t.throws(() => parseInstant('2026-12-05T08:00:00+08:00x'), RangeError);
  fc.assert(
    fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
      const iso = new Date(ms).toISOString();
      return (
        floatingString(ms) === iso.slice(0, 19) &&
        parseInstant(iso) === ms &&
        parseInstant(`${iso.slice(0, 19)}+05:45`) === general(`${iso.slice(0, 19)}+05:45`)
      );
    }),
    { numRuns: 20_000 },
  );
});
