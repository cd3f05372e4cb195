// Every RRULE example of RFC 5545 §3.8.5.3, table-driven. The RFC states them for
// DTSTART;TZID=America/New_York with their EDT/EST offsets; each expected start below is the
// RFC's date and time with the offset the RFC prints for it. Open-ended rules assert the first N.
import t from 'tap';
import { expandSchedule } from '../src/index.ts';

const NY = 'America/New_York';
const EDT = '-04:00';
const EST = '-05:00';

const pad = (n: number): string => String(n).padStart(2, '0');
/** The given days of one month at one local time, with the offset the RFC prints. */
const on = (ym: string, days: number[], offset: string, time = '09:00'): string[] =>
  days.map((d) => `${ym}-${pad(d)}T${time}:00${offset}`);
/** One day at several local times. */
const times = (ymd: string, hhmm: string[], offset: string): string[] =>
  hhmm.map((time) => `${ymd}T${time}:00${offset}`);
const range = (a: number, b: number): number[] =>
  Array.from({ length: b - a + 1 }, (_, i) => a + i);

interface Example {
  name: string;
  start: string;
  rrule: string;
  exdates?: string[];
  /** Window end (default 2010-01-01Z); the window starts 1996-01-01Z. */
  to?: string;
  /** Assert only the first N starts (open-ended rules). */
  first?: number;
  expected: string[];
}

const S = '1997-09-02T09:00';

const every20Minutes = (ymd: string, offset: string): string[] =>
  times(
    ymd,
    range(9, 16).flatMap((h) => ['00', '20', '40'].map((m) => `${pad(h)}:${m}`)),
    offset,
  );

const examples: Example[] = [
  {
    name: 'Daily for 10 occurrences',
    start: S,
    rrule: 'FREQ=DAILY;COUNT=10',
    expected: on('1997-09', range(2, 11), EDT),
  },
  {
    name: 'Daily until December 24, 1997',
    start: S,
    rrule: 'FREQ=DAILY;UNTIL=19971224T000000Z',
    expected: [
      ...on('1997-09', range(2, 30), EDT),
      ...on('1997-10', range(1, 25), EDT),
      ...on('1997-10', range(26, 31), EST),
      ...on('1997-11', range(1, 30), EST),
      ...on('1997-12', range(1, 23), EST),
    ],
  },
  {
    name: 'Every other day - forever',
    start: S,
    rrule: 'FREQ=DAILY;INTERVAL=2',
    first: 47,
    expected: [
      ...on('1997-09', [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30], EDT),
      ...on('1997-10', [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24], EDT),
      ...on('1997-10', [26, 28, 30], EST),
      ...on('1997-11', [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29], EST),
      ...on('1997-12', [1, 3], EST),
    ],
  },
  {
    name: 'Every 10 days, 5 occurrences',
    start: S,
    rrule: 'FREQ=DAILY;INTERVAL=10;COUNT=5',
    expected: [...on('1997-09', [2, 12, 22], EDT), ...on('1997-10', [2, 12], EDT)],
  },
  {
    name: 'Every day in January, for 3 years (yearly form)',
    start: '1998-01-01T09:00',
    rrule: 'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
    expected: [
      ...on('1998-01', range(1, 31), EST),
      ...on('1999-01', range(1, 31), EST),
      ...on('2000-01', range(1, 31), EST),
    ],
  },
  {
    name: 'Every day in January, for 3 years (daily form)',
    start: '1998-01-01T09:00',
    rrule: 'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
    expected: [
      ...on('1998-01', range(1, 31), EST),
      ...on('1999-01', range(1, 31), EST),
      ...on('2000-01', range(1, 31), EST),
    ],
  },
  {
    name: 'Weekly for 10 occurrences',
    start: S,
    rrule: 'FREQ=WEEKLY;COUNT=10',
    expected: [
      ...on('1997-09', [2, 9, 16, 23, 30], EDT),
      ...on('1997-10', [7, 14, 21], EDT),
      ...on('1997-10', [28], EST),
      ...on('1997-11', [4], EST),
    ],
  },
  {
    name: 'Weekly until December 24, 1997',
    start: S,
    rrule: 'FREQ=WEEKLY;UNTIL=19971224T000000Z',
    expected: [
      ...on('1997-09', [2, 9, 16, 23, 30], EDT),
      ...on('1997-10', [7, 14, 21], EDT),
      ...on('1997-10', [28], EST),
      ...on('1997-11', [4, 11, 18, 25], EST),
      ...on('1997-12', [2, 9, 16, 23], EST),
    ],
  },
  {
    name: 'Every other week - forever',
    start: S,
    rrule: 'FREQ=WEEKLY;INTERVAL=2;WKST=SU',
    first: 13,
    expected: [
      ...on('1997-09', [2, 16, 30], EDT),
      ...on('1997-10', [14], EDT),
      ...on('1997-10', [28], EST),
      ...on('1997-11', [11, 25], EST),
      ...on('1997-12', [9, 23], EST),
      ...on('1998-01', [6, 20], EST),
      ...on('1998-02', [3, 17], EST),
    ],
  },
  {
    name: 'Weekly on Tuesday and Thursday for five weeks (UNTIL)',
    start: S,
    rrule: 'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH',
    expected: [
      ...on('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30], EDT),
      ...on('1997-10', [2], EDT),
    ],
  },
  {
    name: 'Weekly on Tuesday and Thursday for five weeks (COUNT)',
    start: S,
    rrule: 'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH',
    expected: [
      ...on('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30], EDT),
      ...on('1997-10', [2], EDT),
    ],
  },
  {
    name: 'Every other week on Monday, Wednesday, and Friday until December 24, 1997',
    start: '1997-09-01T09:00',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
    expected: [
      ...on('1997-09', [1, 3, 5, 15, 17, 19, 29], EDT),
      ...on('1997-10', [1, 3, 13, 15, 17], EDT),
      ...on('1997-10', [27, 29, 31], EST),
      ...on('1997-11', [10, 12, 14, 24, 26, 28], EST),
      ...on('1997-12', [8, 10, 12, 22], EST),
    ],
  },
  {
    name: 'Every other week on Tuesday and Thursday, for 8 occurrences',
    start: S,
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH',
    expected: [...on('1997-09', [2, 4, 16, 18, 30], EDT), ...on('1997-10', [2, 14, 16], EDT)],
  },
  {
    name: 'Monthly on the first Friday for 10 occurrences',
    start: '1997-09-05T09:00',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
    expected: [
      ...on('1997-09', [5], EDT),
      ...on('1997-10', [3], EDT),
      ...on('1997-11', [7], EST),
      ...on('1997-12', [5], EST),
      ...on('1998-01', [2], EST),
      ...on('1998-02', [6], EST),
      ...on('1998-03', [6], EST),
      ...on('1998-04', [3], EST),
      ...on('1998-05', [1], EDT),
      ...on('1998-06', [5], EDT),
    ],
  },
  {
    name: 'Monthly on the first Friday until December 24, 1997',
    start: '1997-09-05T09:00',
    rrule: 'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR',
    expected: [
      ...on('1997-09', [5], EDT),
      ...on('1997-10', [3], EDT),
      ...on('1997-11', [7], EST),
      ...on('1997-12', [5], EST),
    ],
  },
  {
    name: 'Every other month on the first and last Sunday of the month for 10 occurrences',
    start: '1997-09-07T09:00',
    rrule: 'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
    expected: [
      ...on('1997-09', [7, 28], EDT),
      ...on('1997-11', [2, 30], EST),
      ...on('1998-01', [4, 25], EST),
      ...on('1998-03', [1, 29], EST),
      ...on('1998-05', [3, 31], EDT),
    ],
  },
  {
    name: 'Monthly on the second-to-last Monday of the month for 6 months',
    start: '1997-09-22T09:00',
    rrule: 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    expected: [
      ...on('1997-09', [22], EDT),
      ...on('1997-10', [20], EDT),
      ...on('1997-11', [17], EST),
      ...on('1997-12', [22], EST),
      ...on('1998-01', [19], EST),
      ...on('1998-02', [16], EST),
    ],
  },
  {
    name: 'Monthly on the third-to-the-last day of the month, forever',
    start: '1997-09-28T09:00',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-3',
    first: 6,
    expected: [
      ...on('1997-09', [28], EDT),
      ...on('1997-10', [29], EST),
      ...on('1997-11', [28], EST),
      ...on('1997-12', [29], EST),
      ...on('1998-01', [29], EST),
      ...on('1998-02', [26], EST),
    ],
  },
  {
    name: 'Monthly on the 2nd and 15th of the month for 10 occurrences',
    start: S,
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    expected: [
      ...on('1997-09', [2, 15], EDT),
      ...on('1997-10', [2, 15], EDT),
      ...on('1997-11', [2, 15], EST),
      ...on('1997-12', [2, 15], EST),
      ...on('1998-01', [2, 15], EST),
    ],
  },
  {
    name: 'Monthly on the first and last day of the month for 10 occurrences',
    start: '1997-09-30T09:00',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
    expected: [
      ...on('1997-09', [30], EDT),
      ...on('1997-10', [1], EDT),
      ...on('1997-10', [31], EST),
      ...on('1997-11', [1, 30], EST),
      ...on('1997-12', [1, 31], EST),
      ...on('1998-01', [1, 31], EST),
      ...on('1998-02', [1], EST),
    ],
  },
  {
    name: 'Every 18 months on the 10th thru 15th of the month for 10 occurrences',
    start: '1997-09-10T09:00',
    rrule: 'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
    expected: [...on('1997-09', range(10, 15), EDT), ...on('1999-03', range(10, 13), EST)],
  },
  {
    name: 'Every Tuesday, every other month',
    start: S,
    rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
    first: 18,
    expected: [
      ...on('1997-09', [2, 9, 16, 23, 30], EDT),
      ...on('1997-11', [4, 11, 18, 25], EST),
      ...on('1998-01', [6, 13, 20, 27], EST),
      ...on('1998-03', [3, 10, 17, 24, 31], EST),
    ],
  },
  {
    name: 'Yearly in June and July for 10 occurrences',
    start: '1997-06-10T09:00',
    rrule: 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    expected: [1997, 1998, 1999, 2000, 2001].flatMap((y) => [
      ...on(`${y}-06`, [10], EDT),
      ...on(`${y}-07`, [10], EDT),
    ]),
  },
  {
    name: 'Every other year on January, February, and March for 10 occurrences',
    start: '1997-03-10T09:00',
    rrule: 'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
    expected: [
      ...on('1997-03', [10], EST),
      ...[1999, 2001, 2003].flatMap((y) => [
        ...on(`${y}-01`, [10], EST),
        ...on(`${y}-02`, [10], EST),
        ...on(`${y}-03`, [10], EST),
      ]),
    ],
  },
  {
    name: 'Every third year on the 1st, 100th, and 200th day for 10 occurrences',
    start: '1997-01-01T09:00',
    rrule: 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200',
    expected: [
      ...on('1997-01', [1], EST),
      ...on('1997-04', [10], EDT),
      ...on('1997-07', [19], EDT),
      ...on('2000-01', [1], EST),
      ...on('2000-04', [9], EDT),
      ...on('2000-07', [18], EDT),
      ...on('2003-01', [1], EST),
      ...on('2003-04', [10], EDT),
      ...on('2003-07', [19], EDT),
      ...on('2006-01', [1], EST),
    ],
  },
  {
    name: 'Every 20th Monday of the year, forever',
    start: '1997-05-19T09:00',
    rrule: 'FREQ=YEARLY;BYDAY=20MO',
    first: 3,
    expected: [
      ...on('1997-05', [19], EDT),
      ...on('1998-05', [18], EDT),
      ...on('1999-05', [17], EDT),
    ],
  },
  {
    name: 'Monday of week number 20 (where the default start of the week is Monday), forever',
    start: '1997-05-12T09:00',
    rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    first: 3,
    expected: [
      ...on('1997-05', [12], EDT),
      ...on('1998-05', [11], EDT),
      ...on('1999-05', [17], EDT),
    ],
  },
  {
    name: 'Every Thursday in March, forever',
    start: '1997-03-13T09:00',
    rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    first: 11,
    expected: [
      ...on('1997-03', [13, 20, 27], EST),
      ...on('1998-03', [5, 12, 19, 26], EST),
      ...on('1999-03', [4, 11, 18, 25], EST),
    ],
  },
  {
    name: 'Every Thursday, but only during June, July, and August, forever',
    start: '1997-06-05T09:00',
    rrule: 'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
    first: 39,
    expected: [
      ...on('1997-06', [5, 12, 19, 26], EDT),
      ...on('1997-07', [3, 10, 17, 24, 31], EDT),
      ...on('1997-08', [7, 14, 21, 28], EDT),
      ...on('1998-06', [4, 11, 18, 25], EDT),
      ...on('1998-07', [2, 9, 16, 23, 30], EDT),
      ...on('1998-08', [6, 13, 20, 27], EDT),
      ...on('1999-06', [3, 10, 17, 24], EDT),
      ...on('1999-07', [1, 8, 15, 22, 29], EDT),
      ...on('1999-08', [5, 12, 19, 26], EDT),
    ],
  },
  {
    name: 'Every Friday the 13th, forever (DTSTART excluded by EXDATE)',
    start: S,
    rrule: 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    exdates: ['1997-09-02T09:00'],
    first: 5,
    expected: [
      ...on('1998-02', [13], EST),
      ...on('1998-03', [13], EST),
      ...on('1998-11', [13], EST),
      ...on('1999-08', [13], EDT),
      ...on('2000-10', [13], EDT),
    ],
  },
  {
    name: 'The first Saturday that follows the first Sunday of the month, forever',
    start: '1997-09-13T09:00',
    rrule: 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
    first: 10,
    expected: [
      ...on('1997-09', [13], EDT),
      ...on('1997-10', [11], EDT),
      ...on('1997-11', [8], EST),
      ...on('1997-12', [13], EST),
      ...on('1998-01', [10], EST),
      ...on('1998-02', [7], EST),
      ...on('1998-03', [7], EST),
      ...on('1998-04', [11], EDT),
      ...on('1998-05', [9], EDT),
      ...on('1998-06', [13], EDT),
    ],
  },
  {
    name: 'Every 4 years, the first Tuesday after a Monday in November, forever',
    start: '1996-11-05T09:00',
    rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    first: 3,
    expected: [...on('1996-11', [5], EST), ...on('2000-11', [7], EST), ...on('2004-11', [2], EST)],
  },
  {
    name: 'The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months',
    start: '1997-09-04T09:00',
    rrule: 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    expected: [...on('1997-09', [4], EDT), ...on('1997-10', [7], EDT), ...on('1997-11', [6], EST)],
  },
  {
    name: 'The second-to-last weekday of the month',
    start: '1997-09-29T09:00',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
    first: 7,
    expected: [
      ...on('1997-09', [29], EDT),
      ...on('1997-10', [30], EST),
      ...on('1997-11', [27], EST),
      ...on('1997-12', [30], EST),
      ...on('1998-01', [29], EST),
      ...on('1998-02', [26], EST),
      ...on('1998-03', [30], EST),
    ],
  },
  {
    // The RFC lists 09:00, 12:00 and 15:00, but UNTIL=17:00Z is 13:00 EDT, so 15:00 EDT
    // (19:00Z) is past UNTIL: a known erratum of the example. We follow the rule's text.
    name: 'Every 3 hours from 9:00 AM to 5:00 PM on a specific day',
    start: S,
    rrule: 'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z',
    expected: times('1997-09-02', ['09:00', '12:00'], EDT),
  },
  {
    name: 'Every 3 hours until 5:00 PM local (UNTIL in wall-clock time: the RFC list)',
    start: S,
    rrule: 'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000',
    expected: times('1997-09-02', ['09:00', '12:00', '15:00'], EDT),
  },
  {
    name: 'Every 15 minutes for 6 occurrences',
    start: S,
    rrule: 'FREQ=MINUTELY;INTERVAL=15;COUNT=6',
    expected: times('1997-09-02', ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'], EDT),
  },
  {
    name: 'Every hour and a half for 4 occurrences',
    start: S,
    rrule: 'FREQ=MINUTELY;INTERVAL=90;COUNT=4',
    expected: times('1997-09-02', ['09:00', '10:30', '12:00', '13:30'], EDT),
  },
  {
    name: 'Every 20 minutes from 9:00 AM to 4:40 PM every day (daily form)',
    start: S,
    rrule: 'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40',
    to: '1997-09-10T00:00:00Z',
    first: 48,
    expected: [...every20Minutes('1997-09-02', EDT), ...every20Minutes('1997-09-03', EDT)],
  },
  {
    name: 'Every 20 minutes from 9:00 AM to 4:40 PM every day (minutely form)',
    start: S,
    rrule: 'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16',
    to: '1997-09-10T00:00:00Z',
    first: 48,
    expected: [...every20Minutes('1997-09-02', EDT), ...every20Minutes('1997-09-03', EDT)],
  },
  {
    name: 'WKST=MO changes the result of an every-other-week rule',
    start: '1997-08-05T09:00',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    expected: on('1997-08', [5, 10, 19, 24], EDT),
  },
  {
    name: 'WKST=SU changes the result of an every-other-week rule',
    start: '1997-08-05T09:00',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    expected: on('1997-08', [5, 17, 19, 31], EDT),
  },
  {
    name: 'An invalid date (February 30) is ignored',
    start: '2007-01-15T09:00',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
    expected: [
      ...on('2007-01', [15, 30], EST),
      ...on('2007-02', [15], EST),
      ...on('2007-03', [15, 30], EDT),
    ],
  },
];

t.test('RFC 5545 §3.8.5.3 examples in America/New_York', async (t) => {
  for (const example of examples) {
    const occurrences = expandSchedule(
      {
        start: example.start,
        timeZone: NY,
        durationMinutes: 60,
        rrule: example.rrule,
        exdates: example.exdates,
      },
      { from: '1996-01-01T00:00:00Z', to: example.to ?? '2010-01-01T00:00:00Z' },
    );
    const starts = occurrences.map((o) => o.start);
    if (example.first === undefined) {
      t.strictSame(starts, example.expected, example.name);
    } else {
      t.equal(example.expected.length, example.first, `${example.name}: table holds N`);
      t.ok(starts.length >= example.first, `${example.name}: at least ${example.first}`);
      t.strictSame(starts.slice(0, example.first), example.expected, example.name);
    }
    // The wall clock of every start is the local start, and each lasts 60 minutes.
    for (const o of occurrences.slice(0, 50)) {
      if (
        o.localStart !== o.start.slice(0, 19) ||
        Date.parse(o.end) - Date.parse(o.start) !== 3_600_000
      ) {
        t.fail(`${example.name}: ${JSON.stringify(o)}`);
      }
    }
  }
});
