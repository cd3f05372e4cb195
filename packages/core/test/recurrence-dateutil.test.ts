// A seeded differential test of expandSchedule against python-dateutil (Debian's
// python3-dateutil; .ci/run installs it): several hundred random rules starting around the
// DST transitions of several zones (gaps at midnight, half-hour DST, southern hemisphere),
// with BYSETPOS often. dateutil and libical agree on the two defects this test was written
// for (rrule.js's BYSETPOS with several times per period; a gap-shifted start and the rule
// landing on one instant). Where Rota's documented policy differs from dateutil's own (the
// start is always the first occurrence and takes a COUNT place), the oracle applies Rota's
// policy and says so (support/dateutil-oracle.py); the test counts those cases.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { expandSchedule, ruleStartProblem } from '../src/recurrence/expand-schedule.ts';
import {
  floatingMs,
  floatingString,
  localToInstant,
  offsetAt,
} from '../src/recurrence/zoned-time.ts';

const SEED = Number(process.env.ROTA_DATEUTIL_SEED ?? 20261206);
const CASES = 400;
const DAY = 86_400_000;
const ZONES = [
  'America/Santiago', // springs forward at 24:00: the local midnight does not exist
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe', // a 30-minute DST
  'America/Havana', // transitions at midnight / 01:00
  'Australia/Sydney',
];

/** mulberry32: a tiny seeded PRNG, so that a failure replays from its seed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const chosen = new Set<T>();
    const n = int(min, max);
    while (chosen.size < n) chosen.add(pick(items));
    return [...chosen];
  };
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

/** The local dates (floating ms of midnight) on which `timeZone`'s offset changes, 2025-2027. */
function transitionDays(timeZone: string): number[] {
  const days: number[] = [];
  for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += DAY) {
    if (offsetAt(ms, timeZone) !== offsetAt(ms + DAY, timeZone)) {
      const local = ms + DAY + offsetAt(ms + DAY, timeZone);
      days.push(local - (local % DAY));
    }
  }
  return days;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

interface Case {
  start: string;
  timeZone: string;
  rrule: string;
  from: number;
  to: number;
}

function randomCase(random: ReturnType<typeof seeded>, zones: Map<string, number[]>): Case {
  const timeZone = random.pick(ZONES);
  const day = random.pick(zones.get(timeZone)!) + random.int(-3, 2) * DAY;
  const hour = random.chance(0.6) ? random.int(0, 3) : random.int(0, 23);
  const startMs = day + hour * 3_600_000 + random.pick([0, 0, 15, 30, 45]) * 60_000;
  const start = floatingString(startMs).slice(0, 16);
  const freq = random.pick(['DAILY', 'DAILY', 'WEEKLY', 'MONTHLY', 'MONTHLY', 'HOURLY', 'YEARLY']);
  const parts = [`FREQ=${freq}`];
  if (random.chance(0.3)) parts.push(`INTERVAL=${random.int(2, 3)}`);
  // How many times each period holds at least: BYSETPOS only picks positions within that, so
  // that every period yields (a rule that never yields sends dateutil to the year 9999).
  let setSize = 1;
  let byParts = 0;
  const by = (name: string, values: readonly (string | number)[]) => {
    parts.push(`${name}=${values.join(',')}`);
    setSize *= values.length;
    byParts++;
  };
  if (freq !== 'HOURLY' && random.chance(0.55)) {
    by('BYHOUR', random.some([0, 1, 2, 3, random.int(4, 23)], 1, 3));
  }
  if (random.chance(0.3)) by('BYMINUTE', random.some([0, 15, 30, 45], 1, 2));
  if (freq === 'WEEKLY' && random.chance(0.5)) by('BYDAY', random.some(WEEKDAYS, 1, 3));
  if (freq === 'MONTHLY' || freq === 'YEARLY') {
    if (freq === 'YEARLY') by('BYMONTH', random.some([3, 4, 9, 10, 11], 1, 2));
    const days = random.next();
    if (days < 0.5) {
      // One weekday per ordinal: 1MO and -2MO may be one day in a short month, never two
      // ordinals of different weekdays.
      const weekday = random.pick(WEEKDAYS);
      const ordinals = random.some([1, 2, -1], 1, 2);
      parts.push(`BYDAY=${ordinals.map((n) => `${n}${weekday}`).join(',')}`);
      byParts++;
    } else if (days < 0.75) {
      by('BYMONTHDAY', random.some([1, 2, 7, 15, 28, -1], 1, 3));
    }
  }
  if (byParts > 0 && setSize > 1 && random.chance(0.6)) {
    const positions = Array.from({ length: setSize }, (_, k) => [k + 1, -(k + 1)]).flat();
    parts.push(`BYSETPOS=${random.some(positions, 1, Math.min(3, setSize)).join(',')}`);
  }
  const limit = { HOURLY: 2, DAILY: 40, WEEKLY: 120, MONTHLY: 400, YEARLY: 800 }[freq]!;
  if (random.chance(0.7)) {
    parts.push(`COUNT=${random.int(1, freq === 'YEARLY' ? 3 : 25)}`);
  } else {
    const until = startMs + random.int(1, limit) * DAY + random.int(0, 23) * 3_600_000;
    parts.push(`UNTIL=${floatingString(until).replace(/[-:]/g, '')}`);
  }
  const from = Date.parse(localToInstant(start, timeZone)) - 2 * DAY;
  return { start, timeZone, rrule: parts.join(';'), from, to: from + 3 * 366 * DAY };
}

t.test(`expandSchedule agrees with python-dateutil (seed ${SEED})`, async (t) => {
  const random = seeded(SEED);
  const zones = new Map(ZONES.map((zone) => [zone, transitionDays(zone)]));
  for (const [zone, days] of zones) t.ok(days.length >= 4, `${zone} has DST transitions`);
  const cases = Array.from({ length: CASES }, () => randomCase(random, zones));
  const oracle = fileURLToPath(new URL('./support/dateutil-oracle.py', import.meta.url));
  const expected = JSON.parse(
    execFileSync('python3', [oracle], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      // dateutil walks to the year 9999 for a rule that never yields: never hang CI on one.
      timeout: 120_000,
    }),
  ) as { instants: number[]; startAdded: boolean }[];

  let compared = 0;
  let refused = 0;
  const mismatches: string[] = [];
  for (const [i, c] of cases.entries()) {
    let got: number[];
    try {
      got = expandSchedule(
        { start: c.start, timeZone: c.timeZone, durationMinutes: 30, rrule: c.rrule },
        { from: new Date(c.from).toISOString(), to: new Date(c.to).toISOString() },
      ).map((occurrence) => Date.parse(occurrence.start));
    } catch {
      refused++;
      continue;
    }
    compared++;
    const want = expected[i]!.instants;
    if (got.join() !== want.join()) {
      // Where they part: the first differing place, with one on either side.
      let at = 0;
      while (got[at] === want[at]) at++;
      const show = (list: number[]) =>
        `${list.length}: ${list
          .slice(Math.max(0, at - 1), at + 2)
          .map((ms) => new Date(ms).toISOString().slice(0, 16))
          .join(' ')}`;
      mismatches.push(
        `${c.timeZone} ${c.start} ${c.rrule} at ${at}: rota ${show(got)}; dateutil ${show(want)}`,
      );
    }
  }
  const startAdded = expected.filter((e) => e.startAdded).length;
  t.comment(
    `${compared} compared, ${refused} refused by validation; in ${startAdded} the rule does ` +
      'not produce the start, which Rota keeps as the first occurrence (its documented ' +
      'policy, RFC 5545 DTSTART) and dateutil leaves out: the oracle applies the policy',
  );
  t.ok(compared >= CASES * 0.9, `at least 90% of the cases are valid schedules (${compared})`);
  t.same(mismatches.slice(0, 30), [], `${mismatches.length} mismatches`);
});

t.test('the defects dateutil found, pinned', async (t) => {
  const bysetpos = expandSchedule(
    {
      start: '2024-01-01T08:12',
      timeZone: 'UTC',
      durationMinutes: 10,
      rrule:
        'FREQ=MONTHLY;BYMINUTE=12,39;BYHOUR=8,14,15;BYDAY=1MO,1TU,2SA,3MO;BYSETPOS=1,-5,3,-21,4,-8;COUNT=15',
    },
    { from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' },
  );
  t.equal(bysetpos.length, 15, 'rrule.js alone gave 13');
  t.same(
    bysetpos.slice(-3).map((o) => o.localStart),
    ['2024-03-04T14:39:00', '2024-03-09T15:12:00', '2024-03-18T08:39:00'],
  );

  const santiago = expandSchedule(
    {
      start: '2026-09-06T00:00', // in the spring-forward gap: 00:00 is 01:00 -03:00
      timeZone: 'America/Santiago',
      durationMinutes: 30,
      rrule: 'FREQ=DAILY;BYHOUR=1,2,3;COUNT=24',
    },
    { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' },
  );
  t.equal(santiago.length, 24);
  t.equal(new Set(santiago.map((o) => o.start)).size, 24, 'no instant twice');
  t.same(santiago[0], {
    localStart: '2026-09-06T01:00:00',
    start: '2026-09-06T01:00:00-03:00',
    end: '2026-09-06T01:30:00-03:00',
  });
  t.equal(santiago.at(-1)?.localStart, '2026-09-13T03:00:00');
  t.equal(floatingMs('2026-09-06T00:00') < floatingMs(santiago[0]!.localStart), true);

  // A third, found by this test: rrule.js walks a day's times in the order written, so an
  // unsorted BYHOUR cut the day short under COUNT or UNTIL.
  const unsorted = expandSchedule(
    {
      start: '2025-03-11T03:00',
      timeZone: 'America/Havana',
      durationMinutes: 30,
      rrule: 'FREQ=DAILY;BYHOUR=3,1;UNTIL=20250312T020000',
    },
    { from: '2025-03-10T00:00:00Z', to: '2025-03-20T00:00:00Z' },
  );
  t.same(
    unsorted.map((o) => o.localStart),
    ['2025-03-11T03:00:00', '2025-03-12T01:00:00'],
  );

  // The API's check that the rule produces the start goes through the same BYSETPOS path.
  const lastWorkday = {
    timeZone: 'Asia/Shanghai',
    durationMinutes: 60,
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3',
  };
  t.equal(
    ruleStartProblem({ ...lastWorkday, start: '2026-12-01T09:00' }),
    'the rule does not produce the start: its first occurrence is 2026-12-31T09:00: start there',
  );
  t.equal(ruleStartProblem({ ...lastWorkday, start: '2026-12-31T09:00' }), null);
});
