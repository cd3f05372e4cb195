// The shift search's `eligibleFor` is SQL (rota_age, tag containment); a signup is decided by
// core's checkEligibility. They must agree: generated people (leap-day birthdays, no birth
// date, tags) and slots (age limits, required tags) on dates around 29 February, compared
// shift by shift, on PGlite and (when DATABASE_URL is set) PostgreSQL.
import { checkEligibility } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import fc from 'fast-check';
import t from 'tap';
import { backends, draft, NOW, seedUnits, slot } from './fixtures/fixtures.ts';

const births = [null, '2008-02-29', '2009-02-28', '2009-03-01', '1966-12-31', '1967-03-01'];
const limits = [null, 17, 18, 60];
const tagSets = [[], ['first_aid'], ['driver'], ['first_aid', 'driver']];

const slotArb = fc.record({
  minAge: fc.constantFrom(...limits),
  maxAge: fc.constantFrom(...limits),
  requiredTags: fc.constantFrom(...tagSets),
});
const personArb = fc.record({
  birthDate: fc.constantFrom(...births),
  tags: fc.constantFrom(...tagSets),
});

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const { community } = await seedUnits(db);
    const rules = fc.sample(slotArb, { numRuns: 8, seed: 12 });
    const people = fc.sample(personArb, { numRuns: 10, seed: 21 });
    // Four days around the end of February 2027 (a common year), one shift per slot a day.
    const event = await db.events.create(
      draft(community.id, {
        start: '2027-02-27T10:00',
        recurrence: { rrule: 'FREQ=DAILY;COUNT=4', exdates: [], rdates: [] },
        slots: rules.map((rule, i) => slot({ key: `s${i}`, ...rule })),
      }),
      NOW,
    );
    const window = { from: '2027-02-26T00:00:00Z', to: '2027-03-05T00:00:00Z' };
    const all = await db.shifts.search({ ...window, unitId: community.id, limit: 500 });
    const shifts = all.items.filter((shift) => shift.eventId === event.id);
    t.equal(shifts.length, rules.length * 4);
    let phone = 0;
    for (const input of people) {
      phone += 1;
      const person = await db.people.create({
        name: `p${phone}`,
        unitId: community.id,
        phone: `1390013${String(phone).padStart(4, '0')}`,
        birthDate: input.birthDate,
        tags: input.tags,
      });
      const found = await db.shifts.search({
        ...window,
        unitId: community.id,
        eligibleFor: person.id,
        limit: 500,
      });
      const sql = new Set(found.items.map((shift) => shift.id));
      const core = new Set(
        shifts
          .filter(
            (shift) =>
              checkEligibility(
                {
                  minAge: shift.minAge,
                  maxAge: shift.maxAge,
                  companionMinAge: null,
                  companionMaxAge: null,
                  requiredTags: shift.requiredTags,
                  maxPartySize: shift.maxPartySize,
                },
                { birthDate: input.birthDate, tags: input.tags },
                { seats: 1, companions: [] },
                shift.start.slice(0, 10),
              ).ok,
          )
          .map((shift) => shift.id),
      );
      t.same([...sql].sort(), [...core].sort(), `${input.birthDate} ${input.tags.join('+')}`);
    }
  });
}
