// The dispatcher's pacing rule (issue 18): light traffic is fanned out at once; during a burst
// the fan-out waits, but never past the lag bound, and the oldest events go first.
import fc from 'fast-check';
import t from 'tap';
import { type DispatchPaceSettings, defaultDispatchPace, paceDispatch } from '../src/index.ts';

const at = (ms: number) => new Date(Date.parse('2026-12-07T08:00:00Z') + ms).toISOString();
const settings = defaultDispatchPace;

t.test('table: what each look decides', async (t) => {
  const cases: [string, Parameters<typeof paceDispatch>[0], DispatchPaceSettings, unknown][] = [
    [
      'nothing waits',
      { now: at(0), oldestAt: null, arrived: 9000, sinceMs: 1000 },
      settings,
      { kind: 'idle' },
    ],
    [
      'first look: fan out',
      { now: at(0), oldestAt: at(-100), arrived: null, sinceMs: 0 },
      settings,
      { kind: 'dispatch', reason: 'first', upTo: null },
    ],
    [
      'light traffic: at once, even a fresh event',
      { now: at(1000), oldestAt: at(999), arrived: 3, sinceMs: 1000 },
      settings,
      { kind: 'dispatch', reason: 'light', upTo: null },
    ],
    [
      'exactly the threshold is light',
      { now: at(1000), oldestAt: at(900), arrived: 500, sinceMs: 1000 },
      settings,
      { kind: 'dispatch', reason: 'light', upTo: null },
    ],
    [
      'two quick looks with a few events between them are light',
      { now: at(1000), oldestAt: at(990), arrived: 20, sinceMs: 5 },
      settings,
      { kind: 'dispatch', reason: 'light', upTo: null },
    ],
    [
      'burst, oldest 2 s old: defer until 3 s (5 s bound, two looks in hand)',
      { now: at(4000), oldestAt: at(2000), arrived: 4000, sinceMs: 1000 },
      settings,
      { kind: 'defer', dueAt: at(5000) },
    ],
    [
      'burst, oldest 3 s old: the events 3 s old and older go',
      { now: at(5000), oldestAt: at(2000), arrived: 4000, sinceMs: 1000 },
      settings,
      { kind: 'dispatch', reason: 'due', upTo: at(2000) },
    ],
    [
      'burst, oldest 9 s old (a slow dispatcher): everything 3 s old and older goes',
      { now: at(10_000), oldestAt: at(1000), arrived: 4000, sinceMs: 1000 },
      settings,
      { kind: 'dispatch', reason: 'due', upTo: at(7000) },
    ],
    [
      'pacing off (maxLagMs 0): a burst is fanned out at once',
      { now: at(1000), oldestAt: at(999), arrived: 100_000, sinceMs: 1000 },
      { ...settings, maxLagMs: 0 },
      { kind: 'dispatch', reason: 'unpaced', upTo: null },
    ],
    [
      'a bound shorter than two looks: due at once',
      { now: at(1000), oldestAt: at(999), arrived: 100_000, sinceMs: 1000 },
      { ...settings, maxLagMs: 1500 },
      { kind: 'dispatch', reason: 'due', upTo: at(1000) },
    ],
  ];
  for (const [name, look, s, expected] of cases) t.same(paceDispatch(look, s), expected, name);
});

const looks = fc.record({
  nowMs: fc.integer({ min: 0, max: 3_600_000 }),
  ageMs: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
  arrived: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  sinceMs: fc.integer({ min: 0, max: 60_000 }),
});
const paces = fc.record({
  maxLagMs: fc.integer({ min: 0, max: 60_000 }),
  burstPerSecond: fc.integer({ min: 1, max: 100_000 }),
  lookEveryMs: fc.integer({ min: 1, max: 10_000 }),
});
const lookOf = (l: {
  nowMs: number;
  ageMs: number | null;
  arrived: number | null;
  sinceMs: number;
}) => ({
  now: at(l.nowMs),
  oldestAt: l.ageMs === null ? null : at(l.nowMs - l.ageMs),
  arrived: l.arrived,
  sinceMs: l.sinceMs,
});

t.test('property: light traffic is never delayed', async () => {
  fc.assert(
    fc.property(looks, paces, (l, s) => {
      fc.pre(l.ageMs !== null && l.arrived !== null);
      fc.pre(l.arrived! * 1000 <= s.burstPerSecond * Math.max(l.sinceMs, s.lookEveryMs));
      const pace = paceDispatch(lookOf(l), s);
      return pace.kind === 'dispatch' && pace.upTo === null;
    }),
  );
});

t.test('property: a deferred event has two looks left before its bound', async () => {
  fc.assert(
    fc.property(looks, paces, (l, s) => {
      const pace = paceDispatch(lookOf(l), s);
      if (pace.kind !== 'defer') return true;
      // The oldest is younger than the bound minus two looks now, and is due before it passes it.
      return (
        l.ageMs! + 2 * s.lookEveryMs < s.maxLagMs &&
        Date.parse(pace.dueAt) - Date.parse(at(l.nowMs - l.ageMs!)) <= s.maxLagMs
      );
    }),
  );
});

t.test(
  'property: a due fan-out takes at least the oldest event, and only events that are due',
  async () => {
    fc.assert(
      fc.property(looks, paces, (l, s) => {
        const pace = paceDispatch(lookOf(l), s);
        if (pace.kind !== 'dispatch' || pace.reason !== 'due') return true;
        const upTo = Date.parse(pace.upTo);
        const oldest = Date.parse(at(l.nowMs - l.ageMs!));
        const hold = Math.max(0, s.maxLagMs - 2 * s.lookEveryMs);
        return upTo >= oldest && Date.parse(at(l.nowMs)) - upTo === hold;
      }),
    );
  },
);

t.test(
  'property: nothing waiting is idle; a first look or no bound fans out everything',
  async () => {
    fc.assert(
      fc.property(looks, paces, (l, s) => {
        const pace = paceDispatch(lookOf(l), s);
        if (l.ageMs === null) return pace.kind === 'idle';
        if (l.arrived === null || s.maxLagMs === 0)
          return pace.kind === 'dispatch' && pace.upTo === null;
        return pace.kind !== 'idle';
      }),
    );
  },
);
