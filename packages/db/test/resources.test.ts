// Resources and bookings (invariant 7) through the stores, on PGlite and (with DATABASE_URL)
// PostgreSQL: CRUD, bookings that follow occurrences, refusals that write nothing, the horizon's
// shortfalls, availability.
import { isRotaError, type ResourceConflict, type RotaError } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { backends, draft, kyselyOf, NOW, seedUnits, wholeOccurrence } from './fixtures/fixtures.ts';

const DEC = { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

async function refused(t: Test, promise: Promise<unknown>, code: RotaError['code']) {
  try {
    await promise;
  } catch (error) {
    t.ok(isRotaError(error, code), `refused with ${code}`, {
      found: isRotaError(error) ? `${error.code}: ${error.message}` : String(error),
    });
    return isRotaError(error) ? error : undefined;
  }
  t.fail(`expected ${code}, got success`);
  return undefined;
}

/** Every row count that a refused command must leave unchanged. */
async function counts(db: RotaDb) {
  const { rows } = await sql<{ events: number; occurrences: number; bookings: number }>`
    select (select count(*)::int from events) as events,
      (select count(*)::int from occurrences) as occurrences,
      (select count(*)::int from bookings) as bookings`.execute(kyselyOf(db));
  return rows[0];
}

/** The most booked at any instant, per resource, over every booking (one SQL query). */
async function overbooked(db: RotaDb) {
  const { rows } = await sql<{ id: string }>`
    select r.id from resources r
    where exists (select 1 from bookings b where b.resource_id = r.id
      and (select sum(x.quantity) from bookings x
           where x.resource_id = r.id and x.period @> lower(b.period)) > r.quantity)`.execute(
    kyselyOf(db),
  );
  return rows.map((row) => row.id);
}

async function bookingsOf(db: RotaDb, eventId: string) {
  const page = await db.events.occurrences(eventId, { ...DEC, limit: 500 });
  return page.items.flatMap((o) => o.resources.map((r) => ({ occurrence: o.localStart, ...r })));
}

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend, horizonDays: 30 });
    t.teardown(drop);
    const units = await seedUnits(db);

    t.test(
      'resources: create, get, list usable by a unit, edit, retire keeps history',
      async (t) => {
        const loader = await db.resources.create(
          { unitId: units.subdistrict.id, name: '装载机', quantity: 3, kind: 'loader' },
          NOW,
        );
        t.match(loader, {
          unitId: units.subdistrict.id,
          name: '装载机',
          kind: 'loader',
          quantity: 3,
          note: null,
          retired: false,
          version: 1,
        });
        t.same(await db.resources.get(loader.id), loader);
        t.equal(await db.resources.get('nope'), undefined);
        const tent = await db.resources.create(
          { unitId: units.community.id, name: '帐篷', quantity: 10, kind: 'tent', note: '蓝色' },
          NOW,
        );
        const inCommunity = await db.resources.list({ unitId: units.community.id });
        t.ok(
          inCommunity.items.some((r) => r.id === loader.id),
          "the subdistrict's loader serves it",
        );
        t.ok(inCommunity.items.some((r) => r.id === tent.id));
        const inOther = await db.resources.list({ unitId: units.other.id });
        t.notOk(
          inOther.items.some((r) => r.id === tent.id),
          "a sibling community's tent does not",
        );
        t.same(
          (await db.resources.list({ kind: 'tent' })).items.map((r) => r.id),
          [tent.id],
        );
        await refused(
          t,
          db.resources.create({ unitId: 'nope', name: 'x', quantity: 1 }, NOW),
          'not_found',
        );
        const renamed = await db.resources.update(
          tent.id,
          { name: '大帐篷', note: null },
          { now: NOW },
        );
        t.match(renamed, { name: '大帐篷', note: null, version: 2 });
        await refused(
          t,
          db.resources.update(tent.id, { quantity: 9 }, { ifVersion: 1, now: NOW }),
          'version_conflict',
        );
        const retired = await db.resources.update(tent.id, { retired: true }, { now: NOW });
        t.equal(retired.retired, true);
        t.notOk((await db.resources.list({ kind: 'tent' })).items.length, 'retired: not listed');
        t.equal(
          (await db.resources.list({ kind: 'tent', includeRetired: true })).items.length,
          1,
          'but kept',
        );
        t.same(await db.resources.get(tent.id), retired);
      },
    );

    t.test('an event books its resources per occurrence; a second one is refused', async (t) => {
      const truck = await db.resources.create(
        { unitId: units.community.id, name: '铲车', quantity: 1, kind: 'shovel_truck' },
        NOW,
      );
      const loaders = await db.resources.create(
        { unitId: units.subdistrict.id, name: '装载机', quantity: 3, kind: 'loader' },
        NOW,
      );
      const cleanup = await db.events.create(
        draft(units.community.id, {
          title: '清洁家园',
          resources: [wholeOccurrence(truck.id), wholeOccurrence(loaders.id, 3)],
        }),
        NOW,
      );
      t.same(cleanup.resources.length, 2);
      const booked = await bookingsOf(db, cleanup.id);
      t.same(
        booked.map((b) => [b.resourceId, b.quantity, b.start, b.end]).sort(),
        [
          [truck.id, 1, '2026-12-05T08:00:00+08:00', '2026-12-05T10:00:00+08:00'],
          [loaders.id, 3, '2026-12-05T08:00:00+08:00', '2026-12-05T10:00:00+08:00'],
        ].sort(),
      );

      const before = await counts(db);
      const error = await refused(
        t,
        db.events.create(
          draft(units.other.id, {
            title: '红庙社区清洁',
            start: '2026-12-05T09:00',
            resources: [wholeOccurrence(loaders.id)],
          }),
          NOW,
        ),
        'resource_conflict',
      );
      const conflicts = error?.extra?.conflicts as ResourceConflict[];
      t.match(conflicts, [
        {
          resourceId: loaders.id,
          resourceName: '装载机',
          occurrenceStart: '2026-12-05T09:00:00+08:00',
          wanted: 1,
          free: 0,
          heldBy: [{ eventId: cleanup.id, title: '清洁家园' }],
        },
      ]);
      t.match(
        error?.message,
        /装载机: 1 wanted at 2026-12-05T09:00:00\+08:00, 0 free; held by "清洁家园"/,
      );
      t.same(await counts(db), before, 'the refused event wrote nothing');

      // The afternoon is free: the same request after 10:00 fits.
      const afternoon = await db.events.create(
        draft(units.other.id, {
          title: '下午清洁',
          start: '2026-12-05T10:00',
          resources: [wholeOccurrence(loaders.id, 2)],
        }),
        NOW,
      );
      t.equal((await bookingsOf(db, afternoon.id)).length, 1, 'back to back is not an overlap');

      // Timeline of the day: 3 booked 08-10, 2 booked 10-12.
      t.same(
        await db.resources.availability(loaders.id, {
          from: '2026-12-05T00:00:00Z',
          to: '2026-12-05T06:00:00Z',
        }),
        [
          {
            start: '2026-12-05T00:00:00.000Z',
            end: '2026-12-05T02:00:00.000Z',
            booked: 3,
            free: 0,
          },
          {
            start: '2026-12-05T02:00:00.000Z',
            end: '2026-12-05T04:00:00.000Z',
            booked: 2,
            free: 1,
          },
          {
            start: '2026-12-05T04:00:00.000Z',
            end: '2026-12-05T06:00:00.000Z',
            booked: 0,
            free: 3,
          },
        ],
      );
      t.equal(await db.resources.availability('nope', DEC), undefined);
      const window = { from: '2026-12-05T00:00:00Z', to: '2026-12-05T02:00:00Z' };
      const free = await db.resources.list({ unitId: units.community.id, window, minFree: 1 });
      t.notOk(
        free.items.some((r) => r.id === loaders.id),
        'no loader free 08-10',
      );
      const later = { from: '2026-12-05T04:00:00Z', to: '2026-12-05T06:00:00Z' };
      const freeLater = await db.resources.list({
        unitId: units.community.id,
        window: later,
        minFree: 3,
      });
      t.ok(
        freeLater.items.some((r) => r.id === loaders.id),
        'three loaders free after 12',
      );

      // Lowering the quantity below what is booked is refused, naming the bookings.
      const quantityError = await refused(
        t,
        db.resources.update(loaders.id, { quantity: 2 }, { now: NOW }),
        'resource_conflict',
      );
      t.match(quantityError?.extra?.bookings, [
        { eventId: cleanup.id, title: '清洁家园', quantity: 3 },
      ]);
      t.equal((await db.resources.get(loaders.id))?.quantity, 3, 'unchanged');
      await refused(
        t,
        db.resources.update(loaders.id, { retired: true }, { now: NOW }),
        'resource_conflict',
      );
      // ...but a quantity change after the bookings have ended is history, not a conflict.
      const afterwards = await db.resources.update(
        loaders.id,
        { quantity: 1 },
        { now: '2026-12-06T00:00:00Z' },
      );
      t.equal(afterwards.quantity, 1);
      await db.resources.update(loaders.id, { quantity: 3 }, { now: NOW });

      // Moving the occurrence moves its bookings; moving it onto the afternoon is refused.
      const occurrence = (await db.events.occurrences(cleanup.id, DEC)).items[0];
      if (occurrence === undefined) throw new Error('no occurrence');
      const beforeMove = await counts(db);
      const moveError = await refused(
        t,
        db.occurrences.update(occurrence.id, { start: '2026-12-05T11:00' }, NOW),
        'resource_conflict',
      );
      t.match(moveError?.extra?.conflicts, [{ resourceId: loaders.id, wanted: 3, free: 1 }]);
      t.same(await counts(db), beforeMove);
      t.equal((await db.occurrences.get(occurrence.id))?.localStart, '2026-12-05T08:00:00');
      const moved = await db.occurrences.update(occurrence.id, { start: '2026-12-06T08:00' }, NOW);
      t.same(
        moved.resources.map((r) => r.start),
        ['2026-12-06T08:00:00+08:00', '2026-12-06T08:00:00+08:00'],
        'the bookings moved with the occurrence',
      );
      // The freed morning takes the refused request now.
      await db.events.create(
        draft(units.other.id, {
          title: '红庙社区清洁',
          start: '2026-12-05T09:00',
          resources: [wholeOccurrence(loaders.id)],
        }),
        NOW,
      );
      // Cancelling the occurrence releases its bookings.
      const cancelled = await db.occurrences.update(occurrence.id, { status: 'cancelled' }, NOW);
      t.same(cancelled.resources, []);
      t.same(await overbooked(db), []);
    });

    t.test('changes: a changed request re-books, [] releases, cancel releases', async (t) => {
      const tents = await db.resources.create(
        { unitId: units.community.id, name: '帐篷', quantity: 10 },
        NOW,
      );
      const weekly = await db.events.create(
        draft(units.community.id, {
          title: '每周督办',
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exdates: [], rdates: [] },
          resources: [
            { resourceId: tents.id, quantity: 4, offsetMinutes: 30, durationMinutes: 60 },
          ],
        }),
        NOW,
      );
      const booked = await bookingsOf(db, weekly.id);
      t.equal(booked.length, 4, 'one booking per occurrence');
      t.same(booked[0], {
        occurrence: '2026-12-05T08:00:00',
        resourceId: tents.id,
        quantity: 4,
        start: '2026-12-05T08:30:00+08:00',
        end: '2026-12-05T09:30:00+08:00',
      });
      const rival = await db.events.create(
        draft(units.community.id, {
          title: '亲子活动',
          start: '2026-12-12T08:00',
          resources: [wholeOccurrence(tents.id, 6)],
        }),
        NOW,
      );
      const before = await counts(db);
      const error = await refused(
        t,
        db.events.update(
          weekly.id,
          {
            ...draft(units.community.id, {
              title: '每周督办',
              recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exdates: [], rdates: [] },
            }),
            resources: [wholeOccurrence(tents.id, 5)],
          },
          { now: NOW },
        ),
        'resource_conflict',
      );
      t.same(
        ((error?.extra?.conflicts ?? []) as ResourceConflict[]).map((c) => [
          c.occurrenceStart,
          c.wanted,
          c.free,
        ]),
        [['2026-12-12T08:00:00+08:00', 5, 4]],
        'only the week of the rival conflicts',
      );
      t.same(await counts(db), before);
      t.equal((await db.events.get(weekly.id))?.version, weekly.version, 'the event is unchanged');
      await db.events.update(
        weekly.id,
        {
          ...draft(units.community.id, { title: '每周督办', recurrence: weekly.recurrence }),
          resources: [],
        },
        { now: NOW },
      );
      t.same(await bookingsOf(db, weekly.id), [], '[] releases every booking');
      await db.events.cancel(rival.id, undefined, NOW);
      t.same(await bookingsOf(db, rival.id), [], 'cancelling releases');
    });

    t.test('drafts book nothing; publication books or is refused', async (t) => {
      const truck = await db.resources.create(
        { unitId: units.district.id, name: '铲车', quantity: 1 },
        NOW,
      );
      const request = [wholeOccurrence(truck.id)];
      const a = await db.events.create(
        draft(units.community.id, {
          status: 'draft',
          start: '2026-12-20T08:00',
          resources: request,
        }),
        NOW,
      );
      const b = await db.events.create(
        draft(units.other.id, { status: 'draft', start: '2026-12-20T09:00', resources: request }),
        NOW,
      );
      t.same(await bookingsOf(db, a.id), []);
      await db.events.publish(a.id, NOW);
      t.equal((await bookingsOf(db, a.id)).length, 1);
      await refused(t, db.events.publish(b.id, NOW), 'resource_conflict');
      t.equal((await db.events.get(b.id))?.status, 'draft', 'still a draft');
    });

    t.test('requests an event cannot make: unknown, foreign, retired', async (t) => {
      const theirs = await db.resources.create(
        { unitId: units.other.id, name: '测温枪', quantity: 20 },
        NOW,
      );
      const old = await db.resources.create(
        { unitId: units.community.id, name: '旧铲车', quantity: 1 },
        NOW,
      );
      await db.resources.update(old.id, { retired: true }, { now: NOW });
      const ask = (resourceId: string) =>
        db.events.create(
          draft(units.community.id, {
            resources: [wholeOccurrence(resourceId)],
          }),
          NOW,
        );
      const before = await counts(db);
      t.same(
        (await refused(t, ask('nope'), 'not_found'))?.errors?.[0]?.path,
        'resources.0.resourceId',
      );
      await refused(t, ask(theirs.id), 'forbidden');
      await refused(t, ask(old.id), 'invalid_state');
      t.same(await counts(db), before);
    });

    t.test('the horizon marks occurrences that no longer fit; one query finds them', async (t) => {
      const stage = await db.resources.create(
        { unitId: units.community.id, name: '舞台', quantity: 1 },
        NOW,
      );
      const request = [wholeOccurrence(stage.id)];
      // A one-off event far ahead, beyond a weekly event's horizon (30 days).
      const gala = await db.events.create(
        draft(units.community.id, {
          title: '新年联欢',
          start: '2027-01-09T08:00',
          resources: request,
        }),
        NOW,
      );
      const weekly = await db.events.create(
        draft(units.community.id, {
          title: '周六排练',
          start: '2026-12-05T08:00',
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=8', exdates: [], rdates: [] },
          resources: request,
        }),
        NOW,
      );
      const beforeExtend = await db.events.occurrences(weekly.id, {
        from: NOW,
        to: '2027-03-01T00:00:00Z',
        limit: 500,
      });
      t.equal(beforeExtend.items.length, 4, 'materialized to the horizon only');
      await db.extendHorizon('2026-12-20T00:00:00Z');
      const all = (
        await db.events.occurrences(weekly.id, {
          from: NOW,
          to: '2027-03-01T00:00:00Z',
          limit: 500,
        })
      ).items;
      const clash = all.find((o) => o.localStart === '2027-01-09T08:00:00');
      t.match(clash?.resourceShortfall, [
        {
          resourceId: stage.id,
          wanted: 1,
          free: 0,
          heldBy: [{ eventId: gala.id, title: '新年联欢' }],
        },
      ]);
      t.same(clash?.resources, [], 'nothing booked for it');
      t.ok(
        all
          .filter((o) => o !== clash)
          .every((o) => o.resources.length === 1 && o.resourceShortfall === null),
        'the others are booked',
      );
      const { rows: told } = await sql<{ data: { occurrenceId: string } }>`
        select data from outbox where type = 'resource.conflict'`.execute(kyselyOf(db));
      t.same(
        told.map((row) => row.data.occurrenceId),
        [clash?.id],
        'the organizers are told once (resource.conflict in the outbox)',
      );
      await db.extendHorizon('2026-12-20T00:00:00Z');
      const { rows: again1 } =
        await sql`select 1 from outbox where type = 'resource.conflict'`.execute(kyselyOf(db));
      t.equal(again1.length, 1, 'not told again while it stays marked');
      const found = await db.resources.shortfalls({ unitId: units.subdistrict.id, from: NOW });
      t.same(
        found.items.map((o) => o.id),
        [clash?.id],
      );
      // Cancelling the gala and publishing a change re-books it and clears the mark.
      await db.events.cancel(gala.id, undefined, NOW);
      await db.extendHorizon('2026-12-20T00:00:00Z');
      const again = await db.occurrences.get(clash?.id ?? '');
      t.equal(again?.resourceShortfall, null);
      t.equal(again?.resources.length, 1);
      t.same((await db.resources.shortfalls({ from: NOW })).items, []);
      t.same(await overbooked(db), []);
    });

    t.test('the database itself refuses an overflowing booking, whoever writes it', async (t) => {
      const k = kyselyOf(db);
      const { rows } = await sql<{ id: string }>`
        select b.id from bookings b join resources r on r.id = b.resource_id
        where r.quantity = b.quantity limit 1`.execute(k);
      const row = rows[0];
      if (row === undefined) throw new Error('no full booking');
      try {
        await sql`update bookings set quantity = quantity + 1 where id = ${row.id}`.execute(k);
        t.fail('the trigger should refuse');
      } catch (error) {
        t.equal((error as { code?: string }).code, 'RT409', 'SQLSTATE RT409');
      }
      t.same(await overbooked(db), []);
    });
  });
}
