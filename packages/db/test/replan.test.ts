// Re-planning as the store applies it: what a move, an edit of an event and the freed seats
// come to in rows, on PGlite and (when DATABASE_URL is set) PostgreSQL. The decisions
// themselves are core's planReplan (packages/core/test/replan.test.ts).
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t from 'tap';
import { backends, draft, kyselyOf, NOW, person, seedUnits, slot } from './fixtures/fixtures.ts';

const DEC = { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

/** A one-off event on 5 December with one volunteer slot, and its shift. */
async function eventWithShift(db: RotaDb, unitId: string, start: string, capacity: number) {
  const event = await db.events.create(
    draft(unitId, { start, slots: [slot({ key: 'crew', capacity, durationMinutes: 120 })] }),
    NOW,
  );
  const [occurrence] = (await db.events.occurrences(event.id, DEC)).items;
  return { event, occurrence: occurrence!, shift: occurrence!.shifts[0]! };
}

const one = (shiftId: string, personId: string) => ({
  shiftId,
  personId,
  seats: 1,
  companions: [],
});

/**
 * A one-off event with two back-to-back one-hour slots (08:00 and 09:00), and one volunteer
 * signed up on both.
 */
async function volunteerOnBackToBack(db: RotaDb, keys: readonly [string, string]) {
  const { community } = await seedUnits(db);
  const event = await db.events.create(
    draft(community.id, {
      slots: [
        slot({ key: keys[0], capacity: 2, durationMinutes: 60 }),
        slot({ key: keys[1], capacity: 2, offsetMinutes: 60, durationMinutes: 60 }),
      ],
    }),
    NOW,
  );
  const [occurrence] = (await db.events.occurrences(event.id, DEC)).items;
  const [first, second] = occurrence!.shifts;
  const x = await person(db, community.id);
  return {
    community,
    event,
    shifts: [first!, second!] as const,
    signups: [
      await db.signups.create(one(first!.id, x.id), NOW),
      await db.signups.create(one(second!.id, x.id), NOW),
    ] as const,
  };
}

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);

    // The defect of issue 12: a seat freed because a move cancelled a confirmed volunteer (who
    // is busy elsewhere at the new time) went to nobody unless the capacity also rose.
    t.test(
      'a seat freed by an overlap on a move goes to the waitlist (occurrence moved)',
      async (t) => {
        const { community } = await seedUnits(db);
        const morning = await eventWithShift(db, community.id, '2026-12-05T08:00', 1);
        const afternoon = await eventWithShift(db, community.id, '2026-12-05T14:00', 5);
        const busy = await person(db, community.id);
        const waiting = await person(db, community.id);
        const lost = await db.signups.create(one(morning.shift.id, busy.id), NOW);
        await db.signups.create(one(afternoon.shift.id, busy.id), NOW);
        const queued = await db.signups.create(one(morning.shift.id, waiting.id), NOW);
        t.equal(queued.status, 'waitlisted');

        await db.occurrences.update(morning.occurrence.id, { start: '2026-12-05T14:00' }, NOW);

        t.match(await db.signups.get(lost.id), {
          status: 'cancelled',
          cancelReason: 'event_changed',
        });
        t.match(
          await db.signups.get(queued.id),
          { status: 'confirmed' },
          'the waitlist takes the seat',
        );
        t.match(await db.shifts.get(morning.shift.id), {
          start: '2026-12-05T14:00:00+08:00',
          seatsTaken: 1,
          waitlistCount: 0,
        });
      },
    );

    t.test(
      'a seat freed by an overlap on a move goes to the waitlist (event edited)',
      async (t) => {
        const { community } = await seedUnits(db);
        const morning = await eventWithShift(db, community.id, '2026-12-05T08:00', 1);
        const afternoon = await eventWithShift(db, community.id, '2026-12-05T14:00', 5);
        const busy = await person(db, community.id);
        const waiting = await person(db, community.id);
        const lost = await db.signups.create(one(morning.shift.id, busy.id), NOW);
        await db.signups.create(one(afternoon.shift.id, busy.id), NOW);
        const queued = await db.signups.create(one(morning.shift.id, waiting.id), NOW);

        await db.events.update(
          morning.event.id,
          draft(community.id, {
            start: '2026-12-05T14:00',
            slots: [slot({ key: 'crew', capacity: 1, durationMinutes: 120 })],
          }),
          { now: NOW },
        );

        t.match(await db.signups.get(lost.id), {
          status: 'cancelled',
          cancelReason: 'event_changed',
        });
        t.match(
          await db.signups.get(queued.id),
          { status: 'confirmed' },
          'the waitlist takes the seat',
        );
        t.match(await db.shifts.get(morning.shift.id), {
          id: morning.shift.id,
          start: '2026-12-05T14:00:00+08:00',
          seatsTaken: 1,
          waitlistCount: 0,
        });
      },
    );

    t.test('two moved shifts of one volunteer that would overlap: the earlier keeps', async (t) => {
      const {
        community,
        event,
        shifts: [, b],
        signups: [onA, onB],
      } = await volunteerOnBackToBack(db, ['a', 'b']);
      // Both slots now last two hours: a 08:00-10:00, b 09:00-11:00.
      await db.events.update(
        event.id,
        draft(community.id, {
          slots: [
            slot({ key: 'a', capacity: 2, durationMinutes: 120 }),
            slot({ key: 'b', capacity: 2, offsetMinutes: 60, durationMinutes: 120 }),
          ],
        }),
        { now: NOW },
      );
      t.match(await db.signups.get(onA.id), { status: 'confirmed' });
      t.match(await db.signups.get(onB.id), { status: 'cancelled', cancelReason: 'event_changed' });
      t.match(await db.shifts.get(b.id), { seatsTaken: 0, end: '2026-12-05T11:00:00+08:00' });
    });

    t.test('a signup on a shift that the edit cancels does not block a move', async (t) => {
      const {
        community,
        event,
        signups: [onEarly, onLate],
      } = await volunteerOnBackToBack(db, ['early', 'late']);
      // The late slot goes; the early one grows into its hour.
      await db.events.update(
        event.id,
        draft(community.id, { slots: [slot({ key: 'early', capacity: 2, durationMinutes: 120 })] }),
        { now: NOW },
      );
      t.match(await db.signups.get(onEarly.id), { status: 'confirmed' });
      t.match(await db.signups.get(onLate.id), {
        status: 'cancelled',
        cancelReason: 'event_changed',
      });
    });

    t.test('a re-plan that changes nothing writes nothing', async (t) => {
      const { community } = await seedUnits(db);
      const event = await db.events.create(
        draft(community.id, {
          recurrence: { rrule: 'FREQ=DAILY;COUNT=5', exdates: [], rdates: [] },
        }),
        NOW,
      );
      const before = (await db.events.occurrences(event.id, DEC)).items;
      await db.events.update(
        event.id,
        draft(community.id, {
          title: '只改标题',
          recurrence: { rrule: 'FREQ=DAILY;COUNT=5', exdates: [], rdates: [] },
        }),
        { now: NOW },
      );
      const after = (await db.events.occurrences(event.id, DEC)).items;
      t.same(
        after.map((o) => [o.id, o.start, o.status, o.shifts.map((s) => [s.id, s.start, s.status])]),
        before.map((o) => [
          o.id,
          o.start,
          o.status,
          o.shifts.map((s) => [s.id, s.start, s.status]),
        ]),
      );
    });

    // The lock read compares each row's copied slot settings with its slot's in SQL (one
    // boolean per row): rows whose settings and times match are not written at all (their
    // row version stays), a changed setting rewrites them from the slot, and a null age or an
    // empty tag list compares equal to itself.
    t.test(
      'the copied slot settings are compared in SQL: equal ones are not rewritten',
      async (t) => {
        const { community } = await seedUnits(db);
        const k = kyselyOf(db);
        const slots = [
          slot({ key: 'crew' }),
          slot({ key: 'medic', minAge: 18, requiredTags: ['medical'], onePerPerson: true }),
        ];
        const recurrence = { rrule: 'FREQ=DAILY;COUNT=3', exdates: [], rdates: [] };
        const event = await db.events.create(draft(community.id, { recurrence, slots }), NOW);
        const versions = async () =>
          (
            await sql<{
              slot_key: string;
              v: string;
              name: string;
              min_age: number | null;
              tags: string[];
            }>`
            select slot_key, xmin::text as v, name, min_age, required_tags as tags from shifts
            where event_id = ${event.id} order by occurrence_id, slot_key`.execute(k)
          ).rows;
        const before = await versions();
        t.equal(before.length, 6);
        await db.events.update(
          event.id,
          draft(community.id, { title: '只改标题', recurrence, slots }),
          {
            now: NOW,
          },
        );
        t.same(await versions(), before, 'nothing rewritten');
        const changed = [
          slot({ key: 'crew' }),
          slot({
            key: 'medic',
            minAge: 16,
            requiredTags: ['medical', 'first-aid'],
            onePerPerson: true,
          }),
        ];
        await db.events.update(event.id, draft(community.id, { recurrence, slots: changed }), {
          now: NOW,
        });
        const after = await versions();
        t.same(
          after.map((r) => [
            r.slot_key,
            r.v === before.find((b) => b.v === r.v)?.v,
            r.min_age,
            r.tags,
          ]),
          before.map((r) =>
            r.slot_key === 'crew'
              ? ['crew', true, null, []]
              : ['medic', false, 16, ['medical', 'first-aid']],
          ),
          "only the medic rows rewritten, with the slot's new settings",
        );
      },
    );

    // The notices are built in SQL beside the change (one per shift, in plan order): their
    // shape is what webhooks receive (docs/notifications.md).
    t.test('a re-plan and a cancellation announce each shift they move or cancel', async (t) => {
      const { community } = await seedUnits(db);
      const twoSlots = (start: string, capacity: number) =>
        draft(community.id, {
          start,
          recurrence: { rrule: 'FREQ=DAILY;COUNT=2', exdates: [], rdates: [] },
          slots: [
            slot({ key: 'a', capacity, durationMinutes: 30, repeatEveryMinutes: 30 }),
            slot({ key: 'b', capacity, durationMinutes: 60 }),
          ],
        });
      const event = await db.events.create(twoSlots('2026-12-05T08:00', 2), NOW);
      const k = kyselyOf(db);
      const notices = async (type: string) =>
        (
          await sql<{ shift_id: string; data: Record<string, unknown> }>`
            select o.shift_id, o.data from outbox o join shifts s on s.id = o.shift_id
            where o.type = ${type} and s.event_id = ${event.id} order by o.shift_id`.execute(k)
        ).rows;
      const before = (await db.events.occurrences(event.id, DEC)).items
        .flatMap((o) => o.shifts)
        .sort((x, y) => (x.id < y.id ? -1 : 1));
      t.equal(before.length, 10, 'two days of four half-hours and one two-hour shift');

      await db.events.update(event.id, twoSlots('2026-12-05T09:00', 2), { now: NOW });
      const iso = (instant: string | number) => new Date(instant).toISOString();
      t.same(
        await notices('shift.changed'),
        before.map((shift) => {
          const start = iso(Date.parse(shift.start) + 3_600_000);
          return {
            shift_id: shift.id,
            data: {
              shiftId: shift.id,
              start,
              end: iso(Date.parse(shift.end) + 3_600_000),
              previousStart: iso(shift.start),
              changes: { start: { from: iso(shift.start), to: start } },
            },
          };
        }),
        'one shift.changed per moved shift, with the times before and after',
      );
      // Written in plan order: occurrence by occurrence, slot by slot, repeat by repeat.
      const planOrder = (await db.events.occurrences(event.id, DEC)).items.flatMap((o) =>
        [...o.shifts]
          .sort((x, y) =>
            x.slotKey === y.slotKey
              ? Date.parse(x.start) - Date.parse(y.start)
              : x.slotKey < y.slotKey
                ? -1
                : 1,
          )
          .map((shift) => shift.id),
      );
      t.same(
        (
          await sql<{ shift_id: string }>`
            select o.shift_id from outbox o join shifts s on s.id = o.shift_id
            where o.type = 'shift.changed' and s.event_id = ${event.id}
            order by o.seq`.execute(k)
        ).rows.map((row) => row.shift_id),
        planOrder,
        'the notices in plan order',
      );
      await db.events.update(event.id, twoSlots('2026-12-05T09:00', 3), { now: NOW });
      t.equal((await notices('shift.changed')).length, 10, 'a capacity change moves nothing');

      await db.events.cancel(event.id, '天气', NOW);
      t.same(
        await notices('shift.cancelled'),
        before.map((shift) => ({
          shift_id: shift.id,
          data: { shiftId: shift.id, reason: 'event_cancelled' },
        })),
        'one shift.cancelled per future shift',
      );
    });

    t.test('a time-of-day change keeps every occurrence, shift and signup', async (t) => {
      const { community } = await seedUnits(db);
      const rule = { rrule: 'FREQ=DAILY;COUNT=4', exdates: [], rdates: [] };
      const event = await db.events.create(draft(community.id, { recurrence: rule }), NOW);
      const before = (await db.events.occurrences(event.id, DEC)).items;
      const x = await person(db, community.id);
      const signups = [];
      for (const o of before)
        signups.push(await db.signups.create(one(o.shifts[0]!.id, x.id), NOW));
      await db.events.update(
        event.id,
        draft(community.id, { start: '2026-12-05T18:30', recurrence: rule }),
        { now: NOW },
      );
      const after = (await db.events.occurrences(event.id, DEC)).items;
      t.same(
        after.map((o) => o.id),
        before.map((o) => o.id),
      );
      t.same(
        after.map((o) => o.shifts[0]!.start),
        [
          '2026-12-05T18:30:00+08:00',
          '2026-12-06T18:30:00+08:00',
          '2026-12-07T18:30:00+08:00',
          '2026-12-08T18:30:00+08:00',
        ],
      );
      for (const s of signups) t.match(await db.signups.get(s.id), { status: 'confirmed' });
    });
  });
}
