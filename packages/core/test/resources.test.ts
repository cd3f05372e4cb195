// Resources in core: the availability timeline (pure), and an event's resource requests.
import fc from 'fast-check';
import t from 'tap';
import {
  availabilityTimeline,
  buildEventDraft,
  describeBookingsInTheWay,
  describeResourceConflicts,
  isRotaError,
  messageZh,
  peakBooked,
  type RotaError,
  templates,
} from '../src/index.ts';

t.test('availabilityTimeline covers the window with merged intervals', async (t) => {
  t.same(availabilityTimeline(3, [], 0, 30), [{ start: 0, end: 30, booked: 0, free: 3 }]);
  t.same(
    availabilityTimeline(
      3,
      [
        { start: 10, end: 20, quantity: 2 },
        { start: 15, end: 40, quantity: 1 },
        { start: 20, end: 25, quantity: 2 },
      ],
      0,
      30,
    ),
    [
      { start: 0, end: 10, booked: 0, free: 3 },
      { start: 10, end: 15, booked: 2, free: 1 },
      { start: 15, end: 25, booked: 3, free: 0 },
      { start: 25, end: 30, booked: 1, free: 2 },
    ],
  );
  t.same(availabilityTimeline(3, [], 5, 5), [], 'an empty window has no intervals');
  t.equal(peakBooked([{ start: 0, end: 10, quantity: 2 }], 10, 20), 0, 'half-open: ends exclude');
});

t.test('availabilityTimeline agrees with a brute-force count at every minute', async (t) => {
  const span = fc.record({
    start: fc.integer({ min: 0, max: 100 }),
    length: fc.integer({ min: 1, max: 50 }),
    quantity: fc.integer({ min: 1, max: 3 }),
  });
  fc.assert(
    fc.property(fc.array(span, { maxLength: 8 }), fc.integer({ min: 0, max: 120 }), (raw, from) => {
      const bookings = raw.map((b) => ({
        start: b.start,
        end: b.start + b.length,
        quantity: b.quantity,
      }));
      const to = from + 30;
      const timeline = availabilityTimeline(5, bookings, from, to);
      let cursor = from;
      for (const interval of timeline) {
        if (interval.start !== cursor) return false;
        for (let minute = interval.start; minute < interval.end; minute++) {
          const booked = bookings
            .filter((b) => b.start <= minute && b.end > minute)
            .reduce((sum, b) => sum + b.quantity, 0);
          if (booked !== interval.booked || interval.free !== Math.max(5 - booked, 0)) return false;
        }
        cursor = interval.end;
      }
      return cursor === to;
    }),
  );
  t.pass();
});

t.test('an event asks for resources: defaults, duplicates, inside the occurrence', async (t) => {
  const base = {
    unitId: 'u1',
    kind: 'cleanup_drive' as const,
    template: 'cleanup_drive' as const,
    title: '清洁家园',
    start: '2026-12-12T08:00',
  };
  const draft = buildEventDraft({ ...base, resources: [{ resourceId: 'r1', quantity: 3 }] });
  t.same(draft.resources, [
    { resourceId: 'r1', quantity: 3, offsetMinutes: 0, durationMinutes: null },
  ]);
  t.same(buildEventDraft(base).resources, [], 'none asked: none booked');
  let error: RotaError | undefined;
  try {
    buildEventDraft({
      ...base,
      resources: [
        { resourceId: 'r1', quantity: 1 },
        { resourceId: 'r1', quantity: 2 },
        { resourceId: 'r2', quantity: 1, offsetMinutes: 120, durationMinutes: 90 },
      ],
    });
  } catch (caught) {
    if (isRotaError(caught)) error = caught;
  }
  t.equal(error?.code, 'validation_failed');
  t.same(
    error?.errors?.map((e) => e.path),
    ['resources.1.resourceId', 'resources.2.offsetMinutes'],
  );
  t.same(
    templates.cleanup_drive.suggestedResources?.map((r) => [r.kind, r.quantity]),
    [
      ['shovel_truck', 1],
      ['loader', 3],
    ],
    'the cleanup template prompts for a shovel truck and three loaders',
  );
});

t.test('conflict messages in English and Chinese', async (t) => {
  const conflict = {
    resourceId: 'r1',
    resourceName: '装载机',
    occurrenceId: 'o1',
    occurrenceStart: '2026-12-05T10:00:00+08:00',
    start: '2026-12-05T10:00:00+08:00',
    end: '2026-12-05T11:00:00+08:00',
    wanted: 2,
    free: 1,
    heldBy: [
      { eventId: 'e1', title: '清洁家园' },
      { eventId: 'e2', title: '楼道清理' },
    ],
  };
  t.equal(
    describeResourceConflicts([conflict, { ...conflict, heldBy: [] }], 'en'),
    '装载机: 2 wanted at 2026-12-05T10:00:00+08:00, 1 free; held by "清洁家园", "楼道清理" (and 1 more)',
  );
  t.equal(
    describeResourceConflicts([conflict, { ...conflict, heldBy: [] }], 'zh-CN'),
    '装载机：2026-12-05T10:00:00+08:00 需要 2 台，仅剩 1 台空闲，已被“清洁家园”、“楼道清理”占用（另有 1 处冲突）',
  );
  t.equal(describeResourceConflicts([], 'en'), 'The resources asked for are not free');
  t.equal(describeResourceConflicts([], 'zh-CN'), '所需资源不足');
  const booking = {
    bookingId: 'b1',
    eventId: 'e1',
    title: '清洁家园',
    occurrenceId: 'o1',
    start: '2026-12-05T00:00:00.000Z',
    end: '2026-12-05T03:00:00.000Z',
    quantity: 3,
  };
  t.equal(
    describeBookingsInTheWay([booking, booking], 'en'),
    '2 future booking(s) would no longer fit: "清洁家园"',
  );
  t.equal(describeBookingsInTheWay([booking], 'zh-CN'), '有 1 项未来的预订将无法满足：“清洁家园”');
  // The API translates the English detail with core's message table: the same Chinese.
  for (const conflicts of [
    [conflict],
    [conflict, { ...conflict, heldBy: [] }],
    [{ ...conflict, heldBy: [] }],
  ]) {
    t.equal(
      messageZh(describeResourceConflicts(conflicts, 'en')),
      describeResourceConflicts(conflicts, 'zh-CN'),
    );
  }
  t.equal(
    messageZh(describeBookingsInTheWay([booking, booking], 'en')),
    describeBookingsInTheWay([booking, booking], 'zh-CN'),
  );
});
