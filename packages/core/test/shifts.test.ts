// Shift planning (slot x occurrence, offsets, repeats, DST) and overlap detection.
import fc from 'fast-check';
import t from 'tap';
import { expandSchedule, overlaps, planShifts, type Slot } from '../src/index.ts';

const slot = (over: Partial<Slot> & { key: string }): Slot => ({
  name: over.key,
  role: 'volunteer',
  capacity: 2,
  minNeeded: 0,
  offsetMinutes: 0,
  durationMinutes: 60,
  repeatEveryMinutes: null,
  maxPartySize: 1,
  minAge: null,
  maxAge: null,
  companionMinAge: null,
  companionMaxAge: null,
  requiredTags: [],
  waitlist: true,
  onePerPerson: false,
  ...over,
});

const clinic = {
  start: '2026-12-05T08:00',
  timeZone: 'Asia/Shanghai',
  durationMinutes: 120,
};
const [occurrence] = expandSchedule(clinic, {
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-31T00:00:00Z',
});

t.test('planShifts: offsets, durations and repeats', async (t) => {
  const shifts = planShifts(
    {
      timeZone: 'Asia/Shanghai',
      slots: [
        slot({ key: 'registrar', offsetMinutes: -30, durationMinutes: 180 }),
        slot({ key: 'observer', offsetMinutes: 45, durationMinutes: 90 }),
        slot({ key: 'resident', role: 'attendee', durationMinutes: 30, repeatEveryMinutes: 30 }),
        slot({ key: 'late', offsetMinutes: 60, durationMinutes: 25, repeatEveryMinutes: 20 }),
        slot({ key: 'toolong', durationMinutes: 150, repeatEveryMinutes: 30 }),
      ],
    },
    occurrence!,
  );
  t.strictSame(
    shifts,
    [
      {
        slotKey: 'registrar',
        sequence: 0,
        start: '2026-12-05T07:30:00+08:00',
        end: '2026-12-05T10:30:00+08:00',
      },
      {
        slotKey: 'observer',
        sequence: 0,
        start: '2026-12-05T08:45:00+08:00',
        end: '2026-12-05T10:15:00+08:00',
      },
      {
        slotKey: 'resident',
        sequence: 0,
        start: '2026-12-05T08:00:00+08:00',
        end: '2026-12-05T08:30:00+08:00',
      },
      {
        slotKey: 'resident',
        sequence: 1,
        start: '2026-12-05T08:30:00+08:00',
        end: '2026-12-05T09:00:00+08:00',
      },
      {
        slotKey: 'resident',
        sequence: 2,
        start: '2026-12-05T09:00:00+08:00',
        end: '2026-12-05T09:30:00+08:00',
      },
      {
        slotKey: 'resident',
        sequence: 3,
        start: '2026-12-05T09:30:00+08:00',
        end: '2026-12-05T10:00:00+08:00',
      },
      {
        slotKey: 'late',
        sequence: 0,
        start: '2026-12-05T09:00:00+08:00',
        end: '2026-12-05T09:25:00+08:00',
      },
      {
        slotKey: 'late',
        sequence: 1,
        start: '2026-12-05T09:20:00+08:00',
        end: '2026-12-05T09:45:00+08:00',
      },
    ],
    'non-repeating slots may leave the occurrence; repeats end by its end; too long: none',
  );
});

t.test('planShifts adds minutes on the instant line across DST', async (t) => {
  const [night] = expandSchedule(
    { start: '2026-11-01T00:00', timeZone: 'America/New_York', durationMinutes: 240 },
    { from: '2026-10-31T00:00:00Z', to: '2026-11-02T00:00:00Z' },
  );
  t.equal(night?.end, '2026-11-01T03:00:00-05:00', '4 real hours over fall-back');
  const shifts = planShifts(
    {
      timeZone: 'America/New_York',
      slots: [slot({ key: 'watch', durationMinutes: 60, repeatEveryMinutes: 60 })],
    },
    night!,
  );
  t.strictSame(
    shifts.map((s) => [s.start, s.end]),
    [
      ['2026-11-01T00:00:00-04:00', '2026-11-01T01:00:00-04:00'],
      ['2026-11-01T01:00:00-04:00', '2026-11-01T01:00:00-05:00'],
      ['2026-11-01T01:00:00-05:00', '2026-11-01T02:00:00-05:00'],
      ['2026-11-01T02:00:00-05:00', '2026-11-01T03:00:00-05:00'],
    ],
  );
});

t.test('overlaps: half-open intervals compared as instants', async (t) => {
  const a = { start: '2026-12-05T08:00:00+08:00', end: '2026-12-05T10:00:00+08:00' };
  t.ok(overlaps(a, { start: '2026-12-05T01:30:00Z', end: '2026-12-05T03:00:00Z' }));
  t.ok(
    overlaps(a, { start: '2026-12-05T08:30:00+08:00', end: '2026-12-05T09:00:00+08:00' }),
    'inside',
  );
  t.notOk(
    overlaps(a, { start: '2026-12-05T10:00:00+08:00', end: '2026-12-05T11:00:00+08:00' }),
    'touching',
  );
  t.notOk(
    overlaps(a, { start: '2026-12-04T23:00:00-01:00', end: '2026-12-05T00:00:00Z' }),
    'touching before',
  );
  t.notOk(overlaps(a, { start: '2026-12-06T08:00:00+08:00', end: '2026-12-06T10:00:00+08:00' }));
  const interval = fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 600 }))
    .map(([s, d]) => ({
      start: new Date(Date.UTC(2026, 0, 1) + s * 60_000).toISOString(),
      end: new Date(Date.UTC(2026, 0, 1) + (s + d) * 60_000).toISOString(),
      s,
      e: s + d,
    }));
  fc.assert(
    fc.property(interval, interval, (x, y) => {
      const expected = x.s < y.e && y.s < x.e;
      return overlaps(x, y) === expected && overlaps(y, x) === expected;
    }),
  );
  t.pass('symmetric and equal to minute arithmetic for random intervals');
});
