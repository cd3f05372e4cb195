// Re-planning as a pure decision: how an edited event maps onto its stored occurrences and
// shifts, and who loses a seat when shifts move. No database: the store applies these plans
// (packages/db/test/replan.test.ts).
import fc from 'fast-check';
import t from 'tap';
import type { Slot } from '../src/model/event.ts';
import { expandSchedule } from '../src/recurrence/expand-schedule.ts';
import { decideMovedSignups } from '../src/replan/decide-moved-signups.ts';
import {
  type ExistingOccurrence,
  type ExistingShift,
  planOccurrenceShifts,
  planReplan,
} from '../src/replan/plan-replan.ts';
import { planShifts } from '../src/shifts/plan-shifts.ts';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-12-01T00:00:00Z';
const HORIZON = { from: NOW, to: '2027-06-01T00:00:00Z' };

function slot(overrides: Partial<Slot> & { key: string }): Slot {
  return {
    name: overrides.key,
    role: 'volunteer',
    capacity: 5,
    minNeeded: 0,
    offsetMinutes: 0,
    durationMinutes: 120,
    repeatEveryMinutes: null,
    maxPartySize: 1,
    minAge: null,
    maxAge: null,
    companionMinAge: null,
    companionMaxAge: null,
    requiredTags: [],
    waitlist: true,
    onePerPerson: false,
    ...overrides,
  };
}

function eventOf(start: string, rrule: string | null, slots: Slot[], durationMinutes = 120) {
  return {
    event: { slots, timeZone: ZONE, durationMinutes },
    expanded: expandSchedule(
      { start, timeZone: ZONE, durationMinutes, rrule, exdates: [], rdates: [] },
      HORIZON,
    ),
  };
}

/** What the store holds after materializing `start`/`rrule`/`slots` (ids o1.., s1..). */
function stored(start: string, rrule: string | null, slots: Slot[], durationMinutes = 120) {
  const { event, expanded } = eventOf(start, rrule, slots, durationMinutes);
  const occurrences: ExistingOccurrence[] = [];
  const shifts: ExistingShift[] = [];
  expanded.forEach((o, i) => {
    const id = `o${i + 1}`;
    occurrences.push({
      id,
      originalLocalStart: o.localStart,
      localStart: o.localStart,
      start: o.start,
      end: o.end,
      status: 'scheduled',
      cancelReason: null,
    });
    for (const p of planShifts(event, o)) {
      const s = slots.find((x) => x.key === p.slotKey)!;
      shifts.push({
        id: `s${shifts.length + 1}`,
        occurrenceId: id,
        slotKey: p.slotKey,
        sequence: p.sequence,
        name: s.name,
        role: s.role,
        start: p.start,
        end: p.end,
        capacity: s.capacity,
        seatsTaken: 0,
        waitlistCount: 0,
        minNeeded: s.minNeeded,
        maxPartySize: s.maxPartySize,
        minAge: s.minAge,
        maxAge: s.maxAge,
        companionMinAge: s.companionMinAge,
        companionMaxAge: s.companionMaxAge,
        requiredTags: s.requiredTags,
        waitlist: s.waitlist,
        status: 'open',
      });
    }
  });
  return { occurrences, shifts };
}

const empty = {
  occurrences: { insert: [], update: [], cancel: [] },
  shifts: { insert: [], update: [], cancel: [], promote: [] },
};

t.test('an unchanged event plans nothing', async (t) => {
  const slots = [
    slot({ key: 'crew' }),
    slot({ key: 'appt', durationMinutes: 30, repeatEveryMinutes: 30 }),
  ];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=10', slots);
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=10', slots);
  t.same(planReplan({ event, expanded, ...rows, now: NOW }), empty);
});

t.test('a time-of-day change keeps every occurrence and shift, and moves them', async (t) => {
  const slots = [slot({ key: 'crew' })];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=3', slots);
  const { event, expanded } = eventOf('2026-12-05T18:30', 'FREQ=DAILY;COUNT=3', slots);
  const plan = planReplan({ event, expanded, ...rows, now: NOW });
  t.same(
    plan.occurrences.update.map((u) => [u.id, u.originalLocalStart, u.start]),
    [
      ['o1', '2026-12-05T18:30:00', '2026-12-05T18:30:00+08:00'],
      ['o2', '2026-12-06T18:30:00', '2026-12-06T18:30:00+08:00'],
      ['o3', '2026-12-07T18:30:00', '2026-12-07T18:30:00+08:00'],
    ],
  );
  t.same(plan.occurrences.insert, []);
  t.same(plan.occurrences.cancel, []);
  t.same(
    plan.shifts.update.map((u) => [u.id, u.moved, u.start]),
    [
      ['s1', true, '2026-12-05T18:30:00+08:00'],
      ['s2', true, '2026-12-06T18:30:00+08:00'],
      ['s3', true, '2026-12-07T18:30:00+08:00'],
    ],
  );
  t.same(
    plan.shifts.update.map((u) => [u.retimed, u.previousStart, u.startMs, u.endMs]),
    rows.shifts.map((s, i) => [
      true,
      s.start,
      Date.parse(plan.shifts.update[i]!.start),
      Date.parse(plan.shifts.update[i]!.end),
    ]),
    'each retimed, with its stored start and its new times in epoch ms',
  );
});

t.test('a role change moves the shifts without retiming them', async (t) => {
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', [slot({ key: 'crew' })]);
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', [
    slot({ key: 'crew', role: 'attendee' }),
  ]);
  const plan = planReplan({ event, expanded, ...rows, now: NOW });
  t.same(
    plan.shifts.update.map((u) => [u.id, u.moved, u.retimed]),
    [
      ['s1', true, false],
      ['s2', true, false],
    ],
  );
});

t.test("stored times given as epoch ms are compared as the strings' instants", async (t) => {
  const slots = [slot({ key: 'appt', durationMinutes: 30, repeatEveryMinutes: 30 })];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  const withMs = rows.shifts.map((s) => ({
    ...s,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    startMs: Date.parse(s.start),
    endMs: Date.parse(s.end),
  }));
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  t.same(planReplan({ event, expanded, ...rows, shifts: withMs, now: NOW }), empty, 'unchanged');
  const later = eventOf('2026-12-05T08:30', 'FREQ=DAILY;COUNT=2', slots);
  const plan = planReplan({ ...later, ...rows, shifts: withMs, now: NOW });
  t.ok(
    plan.shifts.update.length > 0 && plan.shifts.update.every((u) => u.retimed),
    'half an hour later: every kept shift retimed',
  );
});

t.test('settings compared by the caller (sameSettings) decide like the fields', async (t) => {
  const slots = [slot({ key: 'crew' }), slot({ key: 'cook' })];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  const compared = rows.shifts.map((s) => ({
    id: s.id,
    occurrenceId: s.occurrenceId,
    slotKey: s.slotKey,
    sequence: s.sequence,
    role: s.role,
    start: s.start,
    end: s.end,
    capacity: s.capacity,
    seatsTaken: s.seatsTaken,
    waitlistCount: s.waitlistCount,
    status: s.status,
    // The caller found the cook rows' settings different from their slot's.
    sameSettings: s.slotKey !== 'cook',
  }));
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  const plan = planReplan({ event, expanded, ...rows, shifts: compared, now: NOW });
  t.same(
    plan.shifts.update.map((u) => [u.id, u.slotKey, u.moved, u.retimed]),
    [
      ['s2', 'cook', false, false],
      ['s4', 'cook', false, false],
    ],
    'only the rows whose settings differ are written, not moved',
  );
  const allSame = compared.map((s) => ({ ...s, sameSettings: true }));
  t.same(planReplan({ event, expanded, ...rows, shifts: allSame, now: NOW }), empty);
  // A capacity change is still seen (it is not one of the compared settings).
  const bigger = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', [
    slot({ key: 'crew', capacity: 9 }),
    slot({ key: 'cook' }),
  ]);
  t.same(
    planReplan({ ...bigger, ...rows, shifts: allSame, now: NOW }).shifts.update.map((u) => [
      u.id,
      u.capacity,
    ]),
    [
      ['s1', 9],
      ['s3', 9],
    ],
  );
});

t.test('fewer occurrences, a dropped slot, a bigger one', async (t) => {
  const rows = stored('2026-12-05T08:00', 'FREQ=WEEKLY;COUNT=3', [
    slot({ key: 'crew', capacity: 2 }),
    slot({ key: 'cook', capacity: 1 }),
  ]);
  // Week 1's crew has a waitlist: the raise promotes it.
  rows.shifts[0]!.seatsTaken = 2;
  rows.shifts[0]!.waitlistCount = 3;
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=WEEKLY;COUNT=2', [
    slot({ key: 'crew', capacity: 4 }),
  ]);
  const plan = planReplan({ event, expanded, ...rows, now: NOW });
  t.same(plan.occurrences.cancel, ['o3']);
  t.same(
    plan.shifts.update.map((u) => [u.id, u.capacity, u.moved]),
    [
      ['s1', 4, false],
      ['s3', 4, false],
    ],
  );
  t.same(plan.shifts.cancel.sort(), ['s2', 's4', 's5', 's6'], 'the cook shifts and week 3');
  t.same(plan.shifts.promote, ['s1']);
});

t.test('capacity never drops below the seats taken', async (t) => {
  const rows = stored('2026-12-05T08:00', null, [slot({ key: 'crew', capacity: 5 })]);
  rows.shifts[0]!.seatsTaken = 4;
  const { event } = eventOf('2026-12-05T08:00', null, [slot({ key: 'crew', capacity: 2 })]);
  const plan = planOccurrenceShifts(event, rows.occurrences[0]!, rows.shifts);
  t.same(
    plan.update.map((u) => u.capacity),
    [4],
  );
});

t.test("an organizer's move and cancellation survive a re-plan", async (t) => {
  const slots = [slot({ key: 'crew' })];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=3', slots);
  rows.occurrences[0]!.status = 'cancelled';
  rows.occurrences[0]!.cancelReason = '停水';
  rows.occurrences[1]!.localStart = '2026-12-06T14:00:00';
  rows.occurrences[1]!.start = '2026-12-06T14:00:00+08:00';
  rows.occurrences[1]!.end = '2026-12-06T16:00:00+08:00';
  rows.shifts[1]!.start = '2026-12-06T14:00:00+08:00';
  rows.shifts[1]!.end = '2026-12-06T16:00:00+08:00';
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=3', slots);
  t.same(planReplan({ event, expanded, ...rows, now: NOW }), empty);
});

t.test('an occurrence cancelled by an earlier re-plan comes back with its shifts', async (t) => {
  const slots = [slot({ key: 'crew' })];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  rows.occurrences[1]!.status = 'cancelled';
  rows.occurrences[1]!.cancelReason = 'event_changed';
  rows.shifts[1]!.status = 'cancelled';
  const { event, expanded } = eventOf('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  const plan = planReplan({ event, expanded, ...rows, now: NOW });
  t.same(
    plan.occurrences.update.map((u) => u.id),
    ['o2'],
  );
  t.same(
    plan.shifts.update.map((u) => [u.id, u.moved]),
    [['s2', false]],
  );
});

t.test('the past is never cancelled', async (t) => {
  const slots = [slot({ key: 'crew' })];
  const rows = stored('2026-12-05T08:00', 'FREQ=DAILY;COUNT=2', slots);
  const { event, expanded } = eventOf('2026-12-05T08:00', null, slots);
  const later = '2026-12-07T00:00:00Z';
  t.same(planReplan({ event, expanded: [], ...rows, now: later }).occurrences.cancel, []);
  t.same(planReplan({ event, expanded, ...rows, now: NOW }).occurrences.cancel, ['o2']);
});

t.test(
  'planReplan matches 20,000 same-day occurrences (linear; timed only in the bench)',
  async (t) => {
    // A quadratic match (the old `existing.find`) takes tens of seconds here.
    const slots = [slot({ key: 'crew', durationMinutes: 5 })];
    const n = 20_000;
    const occurrences: ExistingOccurrence[] = [];
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      occurrences.push({
        id: `o${i}`,
        originalLocalStart: `${day}T08:00:00`,
        localStart: `${day}T08:00:00`,
        start: `${day}T08:00:00+08:00`,
        end: `${day}T08:05:00+08:00`,
        status: 'scheduled',
        cancelReason: null,
      });
    }
    const expanded = occurrences.map((o) => ({
      localStart: o.originalLocalStart.replace('T08:00', 'T09:00'),
      start: o.start.replace('T08:00', 'T09:00'),
      end: o.end.replace('T08:05', 'T09:05'),
    }));
    const plan = planReplan({
      event: { slots, timeZone: ZONE, durationMinutes: 5 },
      expanded,
      occurrences,
      shifts: [],
      now: NOW,
    });
    t.equal(plan.occurrences.update.length, n, 'every row takes its same-day occurrence');
    t.equal(plan.occurrences.insert.length, 0);
    t.equal(plan.occurrences.cancel.length, 0);
  },
);

t.test(
  'property: a re-plan to the same schedule plans nothing; to another, covers it',
  async (t) => {
    const rule = fc.constantFrom(
      null,
      'FREQ=DAILY;COUNT=6',
      'FREQ=WEEKLY;COUNT=4',
      'FREQ=DAILY;INTERVAL=2;COUNT=5',
    );
    const time = fc.constantFrom('08:00', '09:30', '18:00');
    const capacity = fc.integer({ min: 1, max: 4 });
    fc.assert(
      fc.property(rule, time, capacity, rule, time, capacity, (r1, t1, c1, r2, t2, c2) => {
        const rows = stored(`2026-12-05T${t1}`, r1, [slot({ key: 'crew', capacity: c1 })]);
        const same = eventOf(`2026-12-05T${t1}`, r1, [slot({ key: 'crew', capacity: c1 })]);
        if (JSON.stringify(planReplan({ ...same, ...rows, now: NOW })) !== JSON.stringify(empty)) {
          return false;
        }
        const next = eventOf(`2026-12-05T${t2}`, r2, [slot({ key: 'crew', capacity: c2 })]);
        const plan = planReplan({ ...next, ...rows, now: NOW });
        // Every wanted occurrence is either an updated/kept row or an insert; nothing twice.
        const kept = rows.occurrences.filter((o) => !plan.occurrences.cancel.includes(o.id)).length;
        return (
          kept + plan.occurrences.insert.length === next.expanded.length &&
          new Set(plan.occurrences.update.map((u) => u.id)).size === plan.occurrences.update.length
        );
      }),
    );
    t.pass('holds');
  },
);

t.test('decideMovedSignups', async (t) => {
  const at = (h: number, m = 0) =>
    `2026-12-05T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
  const move = (
    id: string,
    from: number,
    to: number,
    role: 'volunteer' | 'attendee' = 'volunteer',
  ) => ({
    id,
    role,
    start: at(from),
    end: at(to),
  });
  const signup = (
    id: string,
    shiftId: string,
    personId: string,
    joinSeq: number,
    status: 'confirmed' | 'waitlisted' = 'confirmed',
  ) => ({
    id,
    shiftId,
    personId,
    status,
    seats: 2,
    joinSeq,
  });

  t.same(
    decideMovedSignups(
      [move('s1', 14, 16)],
      [signup('g1', 's1', 'p', 1)],
      [{ personId: 'p', start: at(15), end: at(17) }],
    ),
    { cancel: [{ id: 'g1', shiftId: 's1', seats: 2 }], freed: ['s1'] },
    'a period elsewhere keeps its seat; the freed seat goes to the waitlist',
  );
  t.same(
    decideMovedSignups(
      [move('s1', 14, 16)],
      [signup('g1', 's1', 'p', 1)],
      [
        { personId: 'p', start: at(16), end: at(17) },
        { personId: 'p', start: at(10), end: at(14) },
      ],
    ),
    { cancel: [], freed: [] },
    'touching periods do not overlap',
  );
  t.same(
    decideMovedSignups(
      [move('a', 8, 10), move('b', 9, 11)],
      [signup('gb', 'b', 'p', 1), signup('ga', 'a', 'p', 2)],
      [],
    ).cancel.map((c) => c.id),
    ['gb'],
    'two moved shifts of one person: the earlier start keeps',
  );
  t.same(
    decideMovedSignups(
      [move('a', 8, 10, 'attendee'), move('b', 9, 11)],
      [
        signup('ga', 'a', 'p', 1),
        signup('gb', 'b', 'p', 2),
        signup('gw', 'b', 'q', 3, 'waitlisted'),
      ],
      [{ personId: 'q', start: at(9), end: at(10) }],
    ),
    { cancel: [], freed: [] },
    'attendee seats and the waitlist move without a check',
  );
  t.same(
    decideMovedSignups(
      [move('a', 8, 12), move('b', 9, 10), move('c', 12, 13)],
      [signup('ga', 'a', 'p', 1), signup('gb', 'b', 'p', 2), signup('gc', 'c', 'p', 3)],
      [],
    ).cancel.map((c) => c.id),
    ['gb'],
    'a long kept shift blocks a later short one, not the one after it',
  );
});

t.test('property: decideMovedSignups leaves no overlap and cancels only overlaps', async (t) => {
  const hour = fc.integer({ min: 0, max: 20 });
  fc.assert(
    fc.property(
      fc.array(fc.tuple(hour, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 })), {
        maxLength: 12,
      }),
      fc.array(fc.tuple(hour, fc.integer({ min: 0, max: 2 })), { maxLength: 6 }),
      (shifts, busyStarts) => {
        const iso = (h: number) => new Date(Date.UTC(2026, 11, 5, h)).toISOString();
        const moves = shifts.map(([s, len], i) => ({
          id: `s${i}`,
          role: 'volunteer' as const,
          start: iso(s),
          end: iso(s + len),
        }));
        const signups = shifts.map(([, , p], i) => ({
          id: `g${i}`,
          shiftId: `s${i}`,
          personId: `p${p}`,
          status: 'confirmed' as const,
          seats: 1,
          joinSeq: i,
        }));
        // Busy periods of one person do not overlap each other (the database guarantees it).
        const busy: { personId: string; start: string; end: string }[] = [];
        for (const [s, p] of busyStarts) {
          const clash = busy.some(
            (b) =>
              b.personId === `p${p}` &&
              Date.parse(b.start) < Date.parse(iso(s + 1)) &&
              Date.parse(iso(s)) < Date.parse(b.end),
          );
          if (!clash) busy.push({ personId: `p${p}`, start: iso(s), end: iso(s + 1) });
        }
        const { cancel } = decideMovedSignups(moves, signups, busy);
        const lost = new Set(cancel.map((c) => c.id));
        const kept = signups.filter((g) => !lost.has(g.id));
        const periods = [
          ...kept.map((g) => ({ p: g.personId, ...moves[Number(g.shiftId.slice(1))]! })),
          ...busy.map((b) => ({ p: b.personId, start: b.start, end: b.end })),
        ];
        const overlap = (a: { start: string; end: string }, b: { start: string; end: string }) =>
          Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
        for (let i = 0; i < periods.length; i++) {
          for (let j = i + 1; j < periods.length; j++) {
            if (periods[i]!.p === periods[j]!.p && overlap(periods[i]!, periods[j]!)) return false;
          }
        }
        // Every cancelled one overlapped something kept.
        return cancel.every((c) => {
          const g = signups.find((x) => x.id === c.id)!;
          const m = moves[Number(g.shiftId.slice(1))]!;
          return periods.some((p) => p.p === g.personId && overlap(p, m));
        });
      },
    ),
  );
  t.pass('holds');
});
