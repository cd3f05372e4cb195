// A zone with daylight saving time (every other store test runs in Asia/Shanghai): a weekly
// event in Europe/Berlin across the spring-forward of 28 March 2027 keeps its wall-clock time,
// on PGlite and (when DATABASE_URL is set) PostgreSQL, through creation and a re-plan.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { backends, draft, NOW, person, seedUnits, slot } from './fixtures/fixtures.ts';

const SPRING = { from: '2027-03-01T00:00:00Z', to: '2027-04-30T00:00:00Z' };
const weekly = { rrule: 'FREQ=WEEKLY;COUNT=3', exdates: [], rdates: [] };

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);

    t.test('Europe/Berlin across spring-forward: 09:00 stays 09:00', async (t) => {
      const { community } = await seedUnits(db);
      const event = await db.events.create(
        draft(community.id, {
          timeZone: 'Europe/Berlin',
          start: '2027-03-21T09:00',
          recurrence: weekly,
          slots: [slot({ key: 'crew', durationMinutes: 180 })],
        }),
        NOW,
      );
      const before = (await db.events.occurrences(event.id, SPRING)).items;
      t.same(
        before.map((o) => [o.start, o.shifts[0]?.start, o.shifts[0]?.end]),
        [
          ['2027-03-21T09:00:00+01:00', '2027-03-21T09:00:00+01:00', '2027-03-21T12:00:00+01:00'],
          ['2027-03-28T09:00:00+02:00', '2027-03-28T09:00:00+02:00', '2027-03-28T12:00:00+02:00'],
          ['2027-04-04T09:00:00+02:00', '2027-04-04T09:00:00+02:00', '2027-04-04T12:00:00+02:00'],
        ],
      );
      const x = await person(db, community.id);
      const signup = await db.signups.create(
        { shiftId: before[1]!.shifts[0]!.id, personId: x.id, seats: 1, companions: [] },
        NOW,
      );

      // An hour earlier every week: the rows stay, the offsets follow the zone.
      await db.events.update(
        event.id,
        draft(community.id, {
          timeZone: 'Europe/Berlin',
          start: '2027-03-21T08:00',
          recurrence: weekly,
          slots: [slot({ key: 'crew', durationMinutes: 180 })],
        }),
        { now: NOW },
      );
      const after = (await db.events.occurrences(event.id, SPRING)).items;
      t.same(
        after.map((o) => o.id),
        before.map((o) => o.id),
        'the same occurrences',
      );
      t.same(
        after.map((o) => [o.localStart, o.start, o.shifts[0]?.id]),
        [
          ['2027-03-21T08:00:00', '2027-03-21T08:00:00+01:00', before[0]!.shifts[0]!.id],
          ['2027-03-28T08:00:00', '2027-03-28T08:00:00+02:00', before[1]!.shifts[0]!.id],
          ['2027-04-04T08:00:00', '2027-04-04T08:00:00+02:00', before[2]!.shifts[0]!.id],
        ],
      );
      t.match(await db.signups.get(signup.id), { status: 'confirmed' });
      // A move into the night of the transition: the event's two hours are real hours, so the
      // wall clock jumps from 01:00 to 04:00 (02:00-03:00 does not exist that night).
      const moved = await db.occurrences.update(after[0]!.id, { start: '2027-03-28T01:00' }, NOW);
      t.equal(moved.start, '2027-03-28T01:00:00+01:00');
      t.equal(moved.end, '2027-03-28T04:00:00+02:00', 'two real hours later, across the gap');
    });
  });
}
