// Core helpers the db and API suites used to exercise for core: the future-birth-date check,
// the "not yet" rule of attendance, the availability timeline in RFC 3339, and the year-0001
// floor of dates. Here they are specified without I/O.
import t from 'tap';
import {
  attendanceNotYet,
  availabilityIntervals,
  CLOCK_SKEW_MINUTES,
  dateSchema,
  futureBirthDates,
  instantSchema,
} from '../src/index.ts';

t.test('futureBirthDates: after today anywhere on Earth, per field', async (t) => {
  // 23:30 UTC on 1 December is already 2 December in Kiribati (UTC+14): 2 December is allowed.
  const now = '2026-12-01T23:30:00Z';
  t.same(
    futureBirthDates(
      [
        { path: 'birthDate', value: '2026-12-02' },
        { path: 'companions.0.birthDate', value: '2026-12-03' },
        { path: 'companions.1.birthDate', value: null },
        { path: 'companions.2.birthDate', value: undefined },
        { path: 'companions.3.birthDate', value: '1950-01-01' },
      ],
      now,
    ),
    [{ path: 'companions.0.birthDate', message: 'must not be in the future' }],
  );
  t.same(futureBirthDates([], now), []);
});

t.test('attendanceNotYet: no later than now plus the clock skew', async (t) => {
  t.equal(CLOCK_SKEW_MINUTES, 5);
  const now = '2026-12-05T01:00:00Z';
  t.equal(attendanceNotYet('2026-12-05T00:00:00Z', now), undefined, 'an hour ago');
  t.equal(attendanceNotYet('2026-12-05T01:05:00Z', now), undefined, 'at the edge of the skew');
  t.equal(
    attendanceNotYet('2026-12-05T09:05:00+08:00', now),
    undefined,
    'the same edge in Beijing time',
  );
  t.same(attendanceNotYet('2026-12-05T01:05:01Z', now), {
    path: 'at',
    message: 'must not be later than now',
  });
});

t.test('availabilityIntervals: the timeline as UTC instants', async (t) => {
  const bookings = [
    {
      start: Date.parse('2026-12-05T01:00:00Z'),
      end: Date.parse('2026-12-05T03:00:00Z'),
      quantity: 2,
    },
  ];
  t.same(availabilityIntervals(3, bookings, '2026-12-05T08:00:00+08:00', '2026-12-05T04:00:00Z'), [
    { start: '2026-12-05T00:00:00.000Z', end: '2026-12-05T01:00:00.000Z', booked: 0, free: 3 },
    { start: '2026-12-05T01:00:00.000Z', end: '2026-12-05T03:00:00.000Z', booked: 2, free: 1 },
    { start: '2026-12-05T03:00:00.000Z', end: '2026-12-05T04:00:00.000Z', booked: 0, free: 3 },
  ]);
  t.same(availabilityIntervals(3, bookings, '2026-12-05T04:00:00Z', '2026-12-05T04:00:00Z'), []);
});

t.test('dates and instants start in year 0001 (PostgreSQL has no year 0)', async (t) => {
  t.ok(dateSchema.safeParse('0001-01-01').success);
  t.notOk(dateSchema.safeParse('0000-12-31').success);
  t.ok(instantSchema.safeParse('0001-01-01T00:00:00Z').success);
  t.notOk(instantSchema.safeParse('0000-01-01T00:00:00Z').success);
});
