// The storable-text rule at the library level: a store command handed text PostgreSQL cannot
// store (U+0000, a lone UTF-16 surrogate) refuses it with `validation_failed` naming the field
// (core's assertStorableText), before any SQL: never a driver error, nothing written. Runs on
// PGlite, and on PostgreSQL when DATABASE_URL is set.
import { isRotaError } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import t, { type Test } from 'tap';
import {
  backends,
  draft,
  kyselyOf,
  NOW,
  oneShift,
  person,
  seedUnits,
} from './fixtures/fixtures.ts';

/** Awaits a refusal: `validation_failed` whose field paths are `paths`. */
async function refusedOn(t: Test, promise: Promise<unknown>, paths: string[], what: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isRotaError(error, 'validation_failed')) {
    t.fail(`${what}: expected validation_failed, got ${String(error)}`);
    return;
  }
  t.same(
    error.errors?.map((e) => [e.path, e.message]),
    paths.map((path) => [path, 'must be storable text']),
    what,
  );
}

for (const backend of backends) {
  t.test(`unstorable text is refused by the stores on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const { community } = await seedUnits(db);
    const kysely = kyselyOf(db);
    const count = async (table: string) =>
      Number(
        (
          await kysely
            .selectFrom(table as never)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const eventsBefore = await count('events');

    await refusedOn(
      t,
      db.events.create(draft(community.id, { title: '擦洗\u0000橱窗' }), NOW),
      ['title'],
      'an event title with U+0000',
    );
    await refusedOn(
      t,
      db.events.create(
        draft(community.id, {
          description: 'ok',
          location: { name: '活动室\ud83d', address: '\udc00' },
        }),
        NOW,
      ),
      ['location.name', 'location.address'],
      'a place with lone surrogates: every field named',
    );
    t.equal(await count('events'), eventsBefore, 'no event written');

    await refusedOn(
      t,
      db.units.create({ name: 'a\u0000b', kind: 'grid', parentId: community.id }),
      ['name'],
      'a unit name',
    );
    await refusedOn(
      t,
      db.people.create({ name: '王芳\ud800', unitId: community.id }),
      ['name'],
      'a person name',
    );
    const somebody = await person(db, community.id);
    await refusedOn(
      t,
      db.people.update(somebody.id, { tags: ['medical', 'x\u0000'] }),
      ['tags.1'],
      'a tag',
    );

    const { event, shift } = await oneShift(db, community.id);
    await refusedOn(
      t,
      db.signups.create(
        {
          shiftId: shift.id,
          personId: somebody.id,
          seats: 1,
          companions: [],
          note: '我带抹布\u0000',
        },
        NOW,
      ),
      ['note'],
      'a signup note',
    );
    t.same((await db.shifts.roster(shift.id)).length, 0, 'no signup written');
    await refusedOn(
      t,
      db.events.update(event.id, { ...draft(community.id), title: '\udfff' }, { now: NOW }),
      ['title'],
      'an edited title',
    );
    await refusedOn(t, db.events.cancel(event.id, '下雨\u0000', NOW), ['reason'], 'a reason');
    t.match(await db.events.get(event.id), { title: '擦洗宣传橱窗', status: 'published' });
  });
}
