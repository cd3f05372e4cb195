// A signup made for someone else (an organizer at a desk) is authorized by the store, in the
// signup's own transaction: through the set-based batch (PostgreSQL), the per-command path
// (PGlite, and keyed requests) and a batch that mixes actors. The route reads nothing first.
import { isRotaError } from '@rota/core';
import type { RotaDb, SignupActor } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { backends, draft, NOW, oneShift, person, seedUnits, slot } from './fixtures/fixtures.ts';

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'created';
  } catch (error) {
    return isRotaError(error) ? `${error.code}: ${error.message}` : String(error);
  }
}

for (const backend of backends) {
  t.test(`${backend}: the store checks who signs a person up`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const { subdistrict, community, other } = await seedUnits(db);
    const resident = await person(db, community.id);
    const { shift } = await oneShift(db, community.id, { capacity: 10 });
    const draftEvent = await db.events.create(
      draft(community.id, { status: 'draft', slots: [slot({ key: 'crew' })] }),
      NOW,
    );
    const draftShift = (
      await db.events.occurrences(draftEvent.id, {
        from: '2026-12-01T00:00:00Z',
        to: '2027-01-01T00:00:00Z',
      })
    ).items[0]!.shifts[0]!;
    const desk: SignupActor = { role: 'organizer', unitId: community.id };
    const parent: SignupActor = { role: 'organizer', unitId: subdistrict.id };
    const sibling: SignupActor = { role: 'organizer', unitId: other.id };
    const volunteer: SignupActor = { role: 'volunteer', unitId: null };
    const create = (db: RotaDb, shiftId: string, personId: string, actor: SignupActor) =>
      outcome(db.signups.create({ shiftId, personId, seats: 1, companions: [] }, NOW, { actor }));

    // One batch on PostgreSQL: every call below is made in the same turn.
    const results = await Promise.all([
      create(db, shift.id, resident.id, sibling),
      create(db, shift.id, resident.id, volunteer),
      create(db, 'no-such-shift', resident.id, desk),
      create(db, shift.id, 'no-such-person', desk),
      create(db, draftShift.id, resident.id, sibling),
    ]);
    t.same(results, [
      `forbidden: You do not organize the unit of person ${resident.id}`,
      'forbidden: You may only sign up yourself',
      `not_found: No shift no-such-shift`,
      'not_found: No person no-such-person',
      `not_found: No shift ${draftShift.id}`,
    ]);
    t.same(await db.shifts.roster(shift.id), [], 'nothing written');
    t.equal(
      await create(db, draftShift.id, resident.id, desk),
      'signup_closed: The event is not published',
      "the draft's organizer sees it, and it is closed",
    );
    const stranger = await person(db, other.id);
    t.same(
      await Promise.all([
        create(db, shift.id, resident.id, parent),
        create(db, shift.id, stranger.id, desk),
      ]),
      ['created', `forbidden: You do not organize the unit of person ${stranger.id}`],
      "the person's unit or an ancestor; the event's organizer may not enrol a person of " +
        'another unit (issue 10: cross-unit enrolment)',
    );
    t.equal(
      await create(db, shift.id, stranger.id, sibling),
      'created',
      "the organizer of the person's unit, on a published shift of another unit",
    );
    const outsider = await person(db, other.id);
    const { shift: otherShift } = await oneShift(db, other.id);
    t.equal(
      await create(db, otherShift.id, outsider.id, desk),
      `forbidden: You do not organize the unit of person ${outsider.id}`,
      'neither the event nor the person in their subtree',
    );
    t.equal(
      await create(db, otherShift.id, outsider.id, { role: 'admin', unitId: null }),
      'created',
      'an admin anywhere',
    );
    // The per-command path: a keyed request.
    const keyed = await outcome(
      db.signups.create(
        {
          shiftId: shift.id,
          personId: (await person(db, other.id)).id,
          seats: 1,
          companions: [],
        },
        NOW,
        {
          actor: sibling,
          idempotency: { scope: 'test', key: 'k1', requestHash: 'h' },
        },
      ),
    );
    t.equal(keyed, 'created', "the sibling organizes the person's unit");
    const keyedRefused = await outcome(
      db.signups.create(
        { shiftId: shift.id, personId: outsider.id, seats: 1, companions: [] },
        NOW,
        {
          actor: { role: 'organizer', unitId: 'nobody' },
          idempotency: { scope: 'test', key: 'k2', requestHash: 'h' },
        },
      ),
    );
    t.equal(keyedRefused, `forbidden: You do not organize the unit of person ${outsider.id}`);
  });
}
