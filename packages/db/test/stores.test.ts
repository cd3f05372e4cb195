// The store suite: every store of RotaDb, on PGlite and (when DATABASE_URL is set) PostgreSQL.
import { isRotaError, type RotaError } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t, { type Test } from 'tap';
import {
  backends,
  draft,
  kyselyOf,
  NOW,
  oneShift,
  person,
  seedUnits,
  slot,
} from './fixtures/fixtures.ts';

const DEC = { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

/** Asserts that `promise` rejects with a RotaError of `code`, and returns it. */
async function refused(
  t: Test,
  promise: Promise<unknown>,
  code: RotaError['code'],
): Promise<RotaError | undefined> {
  try {
    await promise;
  } catch (error) {
    t.ok(isRotaError(error, code), `refused with ${code}`, {
      found: isRotaError(error) ? error.code : String(error),
    });
    return isRotaError(error) ? error : undefined;
  }
  t.fail(`expected ${code}, got success`);
  return undefined;
}

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    t.equal(db.kind, backend);

    t.test('migrating again is a no-op', async (t) => {
      // The schema and the migration log, before and after: nothing may change.
      const fingerprint = async () => {
        const kysely = kyselyOf(db);
        const columns = await sql<{ c: string }>`
          select table_name || '.' || column_name || ':' || data_type as c
          from information_schema.columns where table_schema = 'public'
          order by 1`.execute(kysely);
        const indexes = await sql<{ c: string }>`
          select indexname as c from pg_indexes where schemaname = 'public' order by 1`.execute(
          kysely,
        );
        const log = await sql<{ c: string }>`
          select name as c from kysely_migration order by name`.execute(kysely);
        return [columns.rows, indexes.rows, log.rows].map((rows) => rows.map((r) => r.c));
      };
      const before = await fingerprint();
      await db.migrate();
      await db.migrate();
      t.same(await fingerprint(), before, 'same columns, indexes and migration log');
      t.ok(before[2]!.length > 0, 'the log lists the migrations');
      t.pass();
    });

    t.test('units: a tree with paths, lists and cursors', async (t) => {
      const { district, subdistrict, community } = await seedUnits(db);
      t.same(await db.units.path(community.id), [district.id, subdistrict.id, community.id]);
      t.equal(await db.units.path('no-such-unit'), undefined);
      t.same(await db.units.get(community.id), {
        id: community.id,
        name: '王家园社区',
        kind: 'community',
        parentId: subdistrict.id,
      });
      t.equal(await db.units.get('nope'), undefined);
      const children = await db.units.list({ parentId: subdistrict.id });
      t.equal(children.items.length, 2);
      const first = await db.units.list({ parentId: subdistrict.id, limit: 1 });
      t.equal(first.items.length, 1);
      t.type(first.nextCursor, 'string');
      const second = await db.units.list({
        parentId: subdistrict.id,
        limit: 1,
        cursor: first.nextCursor ?? undefined,
      });
      t.equal(second.items.length, 1);
      t.not(second.items[0]?.id, first.items[0]?.id);
      t.equal(second.nextCursor, null);
      await refused(t, db.units.create({ name: 'x', kind: 'grid', parentId: 'nope' }), 'not_found');
      await refused(t, db.units.list({ cursor: 'garbage' }), 'validation_failed');
      await refused(t, db.units.list({ limit: 501 }), 'validation_failed');
    });

    t.test('tokens: stored hashed, verified, deleted', async (t) => {
      const units = await seedUnits(db);
      const admin = await db.tokens.create({ role: 'admin', label: 'root' });
      t.match(admin.token, /^rota_/);
      t.same(await db.tokens.verify(admin.token), {
        id: admin.id,
        role: 'admin',
        unitId: null,
        personId: null,
        label: 'root',
        language: null,
        personLanguage: null,
      });
      t.equal(await db.tokens.verify(`${admin.token}x`), undefined);
      t.ok(await db.tokens.hasAdmin());
      // Only the hash is stored: the secret appears nowhere in the table.
      const { rows } = await sql`select * from tokens`.execute(kyselyOf(db));
      t.notOk(JSON.stringify(rows).includes(admin.token));
      const organizer = await db.tokens.create({
        role: 'organizer',
        unitId: units.community.id,
        secret: 'demo-organizer',
      });
      const again = await db.tokens.create({
        role: 'organizer',
        unitId: units.community.id,
        secret: 'demo-organizer',
      });
      t.equal(again.id, organizer.id, 'a given secret is created once');
      t.equal((await db.tokens.get(organizer.id))?.unitId, units.community.id);
      t.equal(await db.tokens.delete(organizer.id), true);
      t.equal(await db.tokens.delete(organizer.id), false);
      t.equal(await db.tokens.verify('demo-organizer'), undefined);
    });

    t.test('people: phone in E.164, tags, updates', async (t) => {
      const { community, other } = await seedUnits(db);
      const p = await db.people.create({
        name: '张三',
        unitId: community.id,
        phone: '138 0013 8000',
        birthDate: '1950-02-28',
        tags: ['medical', 'party-member', 'medical'],
      });
      t.equal(p.phone, '+8613800138000');
      t.same(p.tags, ['medical', 'party-member']);
      t.equal(p.birthDate, '1950-02-28');
      t.notOk('feedKey' in p, 'no feed key on a person (test/feed-keys.test.ts)');
      const intl = await db.people.create({
        name: 'B',
        unitId: community.id,
        phone: '+1 212 555 0100',
      });
      t.equal(intl.phone, '+12125550100');
      t.equal(intl.birthDate, null);
      const error = await refused(
        t,
        db.people.create({ name: 'C', unitId: community.id, phone: '12345' }),
        'validation_failed',
      );
      t.same(error?.errors, [{ path: 'phone', message: 'is not a valid phone number' }]);
      await refused(t, db.people.create({ name: 'D', unitId: 'nope' }), 'not_found');
      const updated = await db.people.update(p.id, {
        unitId: other.id,
        phone: null,
        tags: ['law-enforcement'],
      });
      t.same(
        { unitId: updated.unitId, phone: updated.phone, tags: updated.tags, name: updated.name },
        { unitId: other.id, phone: null, tags: ['law-enforcement'], name: '张三' },
      );
      t.same(await db.people.get(p.id), updated);
      await refused(t, db.people.update('nope', { name: 'x' }), 'not_found');
      await refused(t, db.people.update(p.id, { phone: 'abc' }), 'validation_failed');
    });

    t.test('events: publication materializes occurrences and shifts', async (t) => {
      const { community } = await seedUnits(db);
      const weekly = await db.events.create(
        draft(community.id, {
          title: '每周督办',
          recurrence: {
            rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4',
            exdates: ['2026-12-12T08:00'],
            rdates: [],
          },
          slots: [
            slot({ key: 'staff', capacity: 3 }),
            slot({
              key: 'appt',
              role: 'attendee',
              durationMinutes: 30,
              repeatEveryMinutes: 30,
              capacity: 2,
            }),
          ],
        }),
        NOW,
      );
      t.equal(weekly.status, 'published');
      t.equal(weekly.version, 1);
      t.same((await db.events.get(weekly.id))?.recurrence, weekly.recurrence);
      const occurrences = await db.events.occurrences(weekly.id, DEC);
      t.same(
        occurrences.items.map((o) => o.start),
        ['2026-12-05T08:00:00+08:00', '2026-12-19T08:00:00+08:00', '2026-12-26T08:00:00+08:00'],
      );
      const first = occurrences.items[0];
      t.equal(first?.localStart, '2026-12-05T08:00:00');
      t.equal(first?.end, '2026-12-05T10:00:00+08:00');
      // One staff shift, and four 30-minute appointments in two hours.
      t.equal(first?.shifts.length, 5);
      const staff = first?.shifts.find((s) => s.slotKey === 'staff');
      t.match(staff, {
        role: 'volunteer',
        start: '2026-12-05T08:00:00+08:00',
        end: '2026-12-05T10:00:00+08:00',
        capacity: 3,
        seatsTaken: 0,
        seatsLeft: 3,
        waitlistCount: 0,
        status: 'open',
        event: { title: '每周督办', kind: 'general', unitId: community.id },
      });
      const appts = first?.shifts.filter((s) => s.slotKey === 'appt').map((s) => s.start);
      t.same(appts, [
        '2026-12-05T08:00:00+08:00',
        '2026-12-05T08:30:00+08:00',
        '2026-12-05T09:00:00+08:00',
        '2026-12-05T09:30:00+08:00',
      ]);
      t.same(await db.occurrences.get(first?.id ?? ''), first);
      t.equal(await db.occurrences.get('nope'), undefined);
      t.same(await db.events.overrides(weekly.id), []);

      const drafted = await db.events.create(draft(community.id, { status: 'draft' }), NOW);
      t.equal(
        (await db.events.occurrences(drafted.id, DEC)).items.length,
        1,
        'drafts are materialized (organizers see their shifts)',
      );
      const published = await db.events.publish(drafted.id, NOW);
      t.equal(published.status, 'published');
      t.equal(published.version, 2);
      t.equal((await db.events.occurrences(drafted.id, DEC)).items.length, 1);
      t.equal(
        (await db.events.publish(drafted.id, NOW)).version,
        2,
        'publishing twice changes nothing',
      );
      await refused(t, db.events.publish('nope', NOW), 'not_found');
      await refused(t, db.events.create(draft('nope'), NOW), 'not_found');
    });

    t.test('events: a schedule that would flood the horizon with shifts is refused', async (t) => {
      const { community } = await seedUnits(db);
      const before = await db.events.list({ unitId: community.id, includeDrafts: true });
      // Daily for the 180-day horizon, a 5-minute appointment all day long: 181 x 288 shifts.
      const flood = draft(community.id, {
        durationMinutes: 24 * 60,
        recurrence: { rrule: 'FREQ=DAILY', exdates: [], rdates: [] },
        slots: [
          slot({
            key: 'appt',
            role: 'attendee',
            durationMinutes: 5,
            repeatEveryMinutes: 5,
          }),
        ],
      });
      const error = await refused(t, db.events.create(flood, NOW), 'validation_failed');
      t.equal(error?.errors?.[0]?.path, 'recurrence.rrule');
      t.match(error?.errors?.[0]?.message, /at most 20000/);
      const after = await db.events.list({ unitId: community.id, includeDrafts: true });
      t.equal(after.items.length, before.items.length, 'nothing was written');
      // The same event ten times weekly fits (10 x 288 shifts); bounded, so that the horizon
      // test below still sees only its own event grow.
      const weekly = await db.events.create(
        { ...flood, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=10', exdates: [], rdates: [] } },
        NOW,
      );
      t.equal(weekly.status, 'published');
    });

    t.test('events: list with filters and cursor', async (t) => {
      const { subdistrict, community, other } = await seedUnits(db);
      const a = await db.events.create(draft(community.id, { kind: 'cleanup_drive' }), NOW);
      const b = await db.events.create(draft(other.id, { kind: 'home_visit' }), NOW);
      const c = await db.events.create(draft(community.id, { status: 'draft' }), NOW);
      const ids = async (filter: Parameters<RotaDb['events']['list']>[0]) =>
        (await db.events.list(filter)).items.map((e) => e.id).sort();
      t.same(await ids({ unitId: subdistrict.id }), [a.id, b.id].sort());
      t.same(await ids({ unitId: subdistrict.id, includeDrafts: true }), [a.id, b.id, c.id].sort());
      t.same(await ids({ unitId: community.id, kind: 'cleanup_drive' }), [a.id]);
      t.same(await ids({ unitId: subdistrict.id, status: 'draft', includeDrafts: true }), [c.id]);
      t.same(
        await ids({ unitId: subdistrict.id, ...DEC, includeDrafts: true }),
        [a.id, b.id, c.id].sort(),
      );
      t.same(
        await ids({
          unitId: subdistrict.id,
          from: '2027-01-01T00:00:00Z',
          to: '2027-02-01T00:00:00Z',
        }),
        [],
      );
      const page1 = await db.events.list({ unitId: subdistrict.id, limit: 1 });
      const page2 = await db.events.list({
        unitId: subdistrict.id,
        limit: 1,
        cursor: page1.nextCursor ?? undefined,
      });
      t.equal(page2.nextCursor, null);
      t.same([page1.items[0]?.id, page2.items[0]?.id].sort(), [a.id, b.id].sort());
    });

    t.test('events: update re-plans, keeps surviving shifts, cancels vanished ones', async (t) => {
      const { community } = await seedUnits(db);
      const event = await db.events.create(
        draft(community.id, {
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exdates: [], rdates: [] },
          slots: [slot({ key: 'crew', capacity: 2 }), slot({ key: 'cook', capacity: 1 })],
        }),
        NOW,
      );
      const before = await db.events.occurrences(event.id, DEC);
      t.equal(before.items.length, 3);
      const week1 = before.items[0]!;
      const week3 = before.items[2]!;
      const crew1 = week1.shifts.find((s) => s.slotKey === 'crew')!;
      const cook1 = week1.shifts.find((s) => s.slotKey === 'cook')!;
      const crew3 = week3.shifts.find((s) => s.slotKey === 'crew')!;
      const a = await person(db, community.id);
      const b = await person(db, community.id);
      const c = await person(db, community.id);
      const onCrew = await db.signups.create(
        { shiftId: crew1.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      const onCook = await db.signups.create(
        { shiftId: cook1.id, personId: b.id, seats: 1, companions: [] },
        NOW,
      );
      const onWeek3 = await db.signups.create(
        { shiftId: crew3.id, personId: c.id, seats: 1, companions: [] },
        NOW,
      );

      await refused(
        t,
        db.events.update(event.id, draft(community.id), { ifVersion: 7, now: NOW }),
        'version_conflict',
      );
      // Drop the cook slot, make the crew bigger, and stop after two weeks.
      const updated = await db.events.update(
        event.id,
        draft(community.id, {
          title: '新标题',
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2', exdates: [], rdates: [] },
          slots: [slot({ key: 'crew', capacity: 4 })],
        }),
        { ifVersion: 1, now: NOW },
      );
      t.equal(updated.version, 2);
      t.equal(updated.title, '新标题');
      const after = await db.events.occurrences(event.id, DEC);
      t.same(
        after.items.map((o) => o.status),
        ['scheduled', 'scheduled', 'cancelled'],
      );
      t.equal(after.items[2]?.cancelReason, 'event_changed');
      const keptCrew = after.items[0]?.shifts.find((s) => s.slotKey === 'crew');
      t.equal(keptCrew?.id, crew1.id, 'a surviving shift keeps its id');
      t.equal(keptCrew?.capacity, 4);
      t.equal(keptCrew?.seatsTaken, 1, 'and its signups');
      t.equal(keptCrew?.event.title, '新标题');
      t.equal((await db.signups.get(onCrew.id))?.status, 'confirmed');
      const cook = await db.shifts.get(cook1.id);
      t.equal(cook?.status, 'cancelled');
      t.match(await db.signups.get(onCook.id), {
        status: 'cancelled',
        cancelReason: 'event_changed',
      });
      t.match(await db.signups.get(onWeek3.id), {
        status: 'cancelled',
        cancelReason: 'event_changed',
      });
      t.equal((await db.shifts.get(crew3.id))?.seatsTaken, 0);

      // Moving the start time moves the kept shift and its signup.
      await db.events.update(
        event.id,
        draft(community.id, {
          start: '2026-12-05T09:00',
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2', exdates: [], rdates: [] },
          slots: [slot({ key: 'crew', capacity: 4 })],
        }),
        { now: NOW },
      );
      const moved = await db.shifts.get(crew1.id);
      t.equal(moved?.start, '2026-12-05T09:00:00+08:00');
      t.equal((await db.signups.get(onCrew.id))?.status, 'confirmed');
      t.equal((await db.events.get(event.id))?.version, 3);
    });

    t.test('events: cancel cancels every future signup', async (t) => {
      const { community } = await seedUnits(db);
      const { event, shift } = await oneShift(db, community.id);
      const a = await person(db, community.id);
      const signup = await db.signups.create(
        { shiftId: shift.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      const cancelled = await db.events.cancel(event.id, '下雨', NOW);
      t.equal(cancelled.status, 'cancelled');
      t.equal(cancelled.cancelReason, '下雨');
      t.match(await db.signups.get(signup.id), {
        status: 'cancelled',
        cancelReason: 'event_cancelled',
      });
      t.equal((await db.shifts.get(shift.id))?.status, 'cancelled');
      await refused(
        t,
        db.events.update(event.id, draft(community.id), { now: NOW }),
        'invalid_state',
      );
      await refused(t, db.events.publish(event.id, NOW), 'invalid_state');
      const b = await person(db, community.id);
      await refused(
        t,
        db.signups.create({ shiftId: shift.id, personId: b.id, seats: 1, companions: [] }, NOW),
        'shift_cancelled',
      );
    });

    t.test('occurrences: cancel one, move one', async (t) => {
      const { community } = await seedUnits(db);
      const event = await db.events.create(
        draft(community.id, {
          recurrence: { rrule: 'FREQ=DAILY;COUNT=3', exdates: [], rdates: [] },
        }),
        NOW,
      );
      const [day1, day2] = (await db.events.occurrences(event.id, DEC)).items;
      const a = await person(db, community.id);
      const s1 = await db.signups.create(
        { shiftId: day1!.shifts[0]!.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      const s2 = await db.signups.create(
        { shiftId: day2!.shifts[0]!.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      const cancelled = await db.occurrences.update(
        day1!.id,
        { status: 'cancelled', reason: '停水' },
        NOW,
      );
      t.equal(cancelled.status, 'cancelled');
      t.equal(cancelled.cancelReason, '停水');
      t.equal(cancelled.shifts[0]?.status, 'cancelled');
      t.match(await db.signups.get(s1.id), {
        status: 'cancelled',
        cancelReason: 'occurrence_cancelled',
      });
      const moved = await db.occurrences.update(day2!.id, { start: '2026-12-06T14:00' }, NOW);
      t.equal(moved.localStart, '2026-12-06T14:00:00');
      t.equal(moved.originalLocalStart, '2026-12-06T08:00:00');
      t.equal(moved.start, '2026-12-06T14:00:00+08:00');
      t.equal(moved.shifts[0]?.id, day2!.shifts[0]!.id, 'the shift keeps its id');
      t.equal(moved.shifts[0]?.start, '2026-12-06T14:00:00+08:00');
      t.equal((await db.signups.get(s2.id))?.status, 'confirmed');
      const overrides = await db.events.overrides(event.id);
      t.same(
        overrides.map((o) => o.id),
        [day1!.id, day2!.id],
      );
      // A re-plan keeps the organizer's move and cancellation.
      await db.events.update(
        event.id,
        draft(community.id, {
          title: 'x',
          recurrence: { rrule: 'FREQ=DAILY;COUNT=3', exdates: [], rdates: [] },
        }),
        { now: NOW },
      );
      const again = (await db.events.occurrences(event.id, DEC)).items;
      t.same(
        again.map((o) => [o.status, o.localStart]),
        [
          ['cancelled', '2026-12-05T08:00:00'],
          ['scheduled', '2026-12-06T14:00:00'],
          ['scheduled', '2026-12-07T08:00:00'],
        ],
      );
      await refused(
        t,
        db.occurrences.update('nope', { start: '2026-12-06T14:00' }, NOW),
        'not_found',
      );
      await refused(
        t,
        db.occurrences.update(day1!.id, { start: '2026-12-06T14:00' }, NOW),
        'invalid_state',
      );
    });

    t.test('shift search: one query, every filter, keyset cursor', async (t) => {
      const { district, subdistrict, community, other } = await seedUnits(db);
      const medical = await db.events.create(
        draft(community.id, {
          kind: 'vaccination_clinic',
          start: '2026-12-10T08:00',
          slots: [
            slot({ key: 'doctor', requiredTags: ['medical'], capacity: 1, minNeeded: 1 }),
            slot({
              key: 'appt',
              role: 'attendee',
              minAge: 60,
              capacity: 2,
              offsetMinutes: 30,
              durationMinutes: 60,
            }),
          ],
        }),
        NOW,
      );
      const kids = await db.events.create(
        draft(other.id, {
          kind: 'parent_child',
          start: '2026-12-11T08:00',
          slots: [slot({ key: 'family', role: 'attendee', maxAge: 12, capacity: 1 })],
        }),
        NOW,
      );
      await db.events.create(
        draft(community.id, { status: 'draft', start: '2026-12-12T08:00' }),
        NOW,
      );
      const window = { from: '2026-12-10T00:00:00+08:00', to: '2026-12-13T00:00:00+08:00' };
      const search = async (filter: object) =>
        (await db.shifts.search({ ...window, unitId: district.id, ...filter })).items.map(
          (s) => `${s.event.kind}:${s.slotKey}`,
        );
      t.same(await search({}), [
        'vaccination_clinic:doctor',
        'vaccination_clinic:appt',
        'parent_child:family',
      ]);
      t.equal((await search({ includeDrafts: true })).length, 4);
      t.same(await search({ unitId: other.id }), ['parent_child:family']);
      t.same(await search({ unitId: subdistrict.id, kind: 'parent_child' }), [
        'parent_child:family',
      ]);
      t.same(await search({ role: 'volunteer' }), ['vaccination_clinic:doctor']);
      t.same(await search({ understaffed: true }), ['vaccination_clinic:doctor']);
      const doctor = await person(db, community.id, { tags: ['medical'], birthDate: '1960-12-10' });
      const child = await person(db, other.id, { birthDate: '2016-12-12' });
      const nobody = await person(db, other.id, { birthDate: null });
      t.same(await search({ eligibleFor: doctor.id }), [
        'vaccination_clinic:doctor',
        'vaccination_clinic:appt',
      ]);
      // 10 on 11 December 2026 (born 12 December 2016): a child, not 60, no tag.
      t.same(await search({ eligibleFor: child.id }), ['parent_child:family']);
      t.same(await search({ eligibleFor: nobody.id }), []);
      const family = (await db.shifts.search({ ...window, kind: 'parent_child' })).items[0]!;
      await db.signups.create(
        { shiftId: family.id, personId: child.id, seats: 1, companions: [] },
        NOW,
      );
      t.same(await search({ available: true }), [
        'vaccination_clinic:doctor',
        'vaccination_clinic:appt',
      ]);
      t.same(await search({ available: false }), ['parent_child:family']);
      const docShift = (
        await db.shifts.search({ ...window, role: 'volunteer', unitId: community.id })
      ).items[0]!;
      await db.signups.create(
        { shiftId: docShift.id, personId: doctor.id, seats: 1, companions: [] },
        NOW,
      );
      t.same(await search({ understaffed: true }), []);
      // Pages of one, in start order, through the cursor.
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await db.shifts.search({ ...window, unitId: district.id, limit: 1, cursor });
        seen.push(...page.items.map((s) => s.id));
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      t.same(
        seen,
        (await db.shifts.search({ ...window, unitId: district.id })).items.map((s) => s.id),
      );
      t.equal((await db.shifts.search({ ...window, unitId: 'nope' })).items.length, 0);
      // Moving an event to another unit moves its shifts in the subtree search.
      await db.events.update(
        kids.id,
        draft(community.id, {
          kind: 'parent_child',
          start: '2026-12-11T08:00',
          slots: [slot({ key: 'family', role: 'attendee', maxAge: 12, capacity: 1 })],
        }),
        { now: NOW },
      );
      t.same(await search({ unitId: other.id }), []);
      t.equal((await search({ unitId: community.id })).length, 3);
      t.ok(medical.id && kids.id);
      t.type(medical.id, 'string');
      t.type(kids.id, 'string');
      t.not(medical.id, kids.id, 'two events, two ids');
    });

    t.test('signups: confirm, waitlist, refusals', async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id, { capacity: 3, maxPartySize: 3 });
      const [a, b, c, d] = [
        await person(db, community.id),
        await person(db, community.id),
        await person(db, community.id),
        await person(db, community.id),
      ];
      const sa = await db.signups.create(
        {
          shiftId: shift.id,
          personId: a!.id,
          seats: 2,
          companions: [{ name: '小明', birthDate: '2018-01-01' }],
          note: '带孩子',
        },
        NOW,
      );
      t.match(sa, {
        status: 'confirmed',
        seats: 2,
        companions: [{ name: '小明', birthDate: '2018-01-01' }],
        note: '带孩子',
        waitlistPosition: null,
        cancelledAt: null,
        noShow: false,
        // A record in the event's zone (issue 11, item 13), the same instant as NOW.
        createdAt: '2026-12-01T08:00:00+08:00',
      });
      const sb = await db.signups.create(
        { shiftId: shift.id, personId: b!.id, seats: 2, companions: [{ name: 'x' }] },
        NOW,
      );
      t.match(sb, { status: 'waitlisted', waitlistPosition: 1 });
      const sc = await db.signups.create(
        { shiftId: shift.id, personId: c!.id, seats: 1, companions: [] },
        NOW,
      );
      t.match(sc, { status: 'confirmed' }, 'a party that fits is confirmed');
      const sd = await db.signups.create(
        { shiftId: shift.id, personId: d!.id, seats: 1, companions: [] },
        NOW,
      );
      t.match(sd, { status: 'waitlisted', waitlistPosition: 2 });
      t.match(await db.shifts.get(shift.id), { seatsTaken: 3, seatsLeft: 0, waitlistCount: 2 });
      await refused(
        t,
        db.signups.create({ shiftId: shift.id, personId: a!.id, seats: 1, companions: [] }, NOW),
        'already_signed_up',
      );
      await refused(
        t,
        db.signups.create({ shiftId: 'nope', personId: a!.id, seats: 1, companions: [] }, NOW),
        'not_found',
      );
      await refused(
        t,
        db.signups.create({ shiftId: shift.id, personId: 'nope', seats: 1, companions: [] }, NOW),
        'not_found',
      );
      // Cancelling a confirmed single frees one seat: b's party of two does not fit, d does.
      const cancel = await db.signups.cancel(sc.id, 'cancelled_by_person', NOW);
      t.match(cancel.value, {
        status: 'cancelled',
        cancelReason: 'cancelled_by_person',
        cancelledAt: '2026-12-01T08:00:00+08:00',
      });
      t.same(
        cancel.promoted.map((s) => [s.id, s.status]),
        [[sd.id, 'confirmed']],
      );
      t.match(await db.signups.get(sb.id), { status: 'waitlisted', waitlistPosition: 1 });
      const again = await db.signups.cancel(sc.id, 'cancelled_by_person', NOW);
      t.same(again.promoted, [], 'cancelling twice changes nothing');
      // Cancelling the party of two promotes b's party of two.
      const second = await db.signups.cancel(sa.id, 'cancelled_by_organizer', NOW);
      t.same(
        second.promoted.map((s) => s.id),
        [sb.id],
      );
      t.match(await db.shifts.get(shift.id), { seatsTaken: 3, waitlistCount: 0 });
      const roster = await db.shifts.roster(shift.id);
      t.same(
        roster.map((r) => [r.id, r.status]),
        [
          [sa.id, 'cancelled'],
          [sb.id, 'confirmed'],
          [sc.id, 'cancelled'],
          [sd.id, 'confirmed'],
        ],
        'every signup in join order',
      );
      t.equal(roster[0]?.person.phone, a!.phone);
      await refused(t, db.signups.cancel('nope', 'cancelled_by_person', NOW), 'not_found');
      t.equal(await db.signups.get('nope'), undefined);
    });

    t.test('signups: no waitlist, eligibility, window, double-booking', async (t) => {
      const { community } = await seedUnits(db);
      const { shift: full } = await oneShift(db, community.id, { capacity: 1, waitlist: false });
      const a = await person(db, community.id);
      const b = await person(db, community.id, { birthDate: '2015-01-01' });
      await db.signups.create({ shiftId: full.id, personId: a.id, seats: 1, companions: [] }, NOW);
      await refused(
        t,
        db.signups.create({ shiftId: full.id, personId: b.id, seats: 1, companions: [] }, NOW),
        'shift_full',
      );
      const { shift: adults } = await oneShift(db, community.id, { minAge: 18, requiredTags: [] });
      const error = await refused(
        t,
        db.signups.create({ shiftId: adults.id, personId: b.id, seats: 1, companions: [] }, NOW),
        'ineligible',
      );
      t.equal(error?.extra?.reason, 'too_young');
      const { shift: medics } = await oneShift(db, community.id, { requiredTags: ['medical'] });
      t.equal(
        (
          await refused(
            t,
            db.signups.create(
              { shiftId: medics.id, personId: a.id, seats: 1, companions: [] },
              NOW,
            ),
            'ineligible',
          )
        )?.extra?.reason,
        'missing_tag',
      );
      // The same time as `full`, where a is confirmed: a volunteer cannot be in two places.
      const { shift: clash } = await oneShift(db, community.id);
      await refused(
        t,
        db.signups.create({ shiftId: clash.id, personId: a.id, seats: 1, companions: [] }, NOW),
        'schedule_conflict',
      );
      // Attendee seats may overlap.
      const { shift: seat } = await oneShift(db, community.id, { role: 'attendee' });
      t.match(
        await db.signups.create(
          { shiftId: seat.id, personId: a.id, seats: 1, companions: [] },
          NOW,
        ),
        { status: 'confirmed' },
      );
      // After the shift started, signup is closed.
      await refused(
        t,
        db.signups.create(
          { shiftId: clash.id, personId: b.id, seats: 1, companions: [] },
          '2026-12-05T00:30:00Z',
        ),
        'signup_closed',
      );
      const drafted = await db.events.create(draft(community.id, { status: 'draft' }), NOW);
      const draftShift = (
        await db.shifts.search({ ...DEC, includeDrafts: true, unitId: community.id })
      ).items.find((s) => s.eventId === drafted.id);
      t.ok(draftShift, 'drafts are found with includeDrafts');
      await refused(
        t,
        db.signups.create(
          { shiftId: draftShift!.id, personId: b.id, seats: 1, companions: [] },
          NOW,
        ),
        'signup_closed',
      );
    });

    t.test('shifts: capacity changes promote the waitlist', async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id, {
        capacity: 1,
        maxPartySize: 3,
        role: 'attendee',
      });
      const people = [
        await person(db, community.id),
        await person(db, community.id),
        await person(db, community.id),
        await person(db, community.id),
      ];
      const seats = [1, 3, 1, 1];
      const signups = [];
      for (const [i, p] of people.entries()) {
        const n = seats[i]!;
        signups.push(
          await db.signups.create(
            {
              shiftId: shift.id,
              personId: p.id,
              seats: n,
              companions: Array.from({ length: n - 1 }, (_, k) => ({ name: `c${k}` })),
            },
            NOW,
          ),
        );
      }
      t.same(
        signups.map((s) => s.waitlistPosition),
        [null, 1, 2, 3],
      );
      await refused(t, db.shifts.setCapacity(shift.id, 0, NOW), 'validation_failed');
      await refused(t, db.shifts.setCapacity('nope', 3, NOW), 'not_found');
      // Raise to 3: two seats free; the party of three is skipped, the two singles come in.
      const raised = await db.shifts.setCapacity(shift.id, 3, NOW);
      t.same(
        raised.promoted.map((s) => s.id),
        [signups[2]!.id, signups[3]!.id],
      );
      t.match(raised.value, { capacity: 3, seatsTaken: 3, waitlistCount: 1 });
      t.equal((await db.signups.get(signups[1]!.id))?.waitlistPosition, 1);
      const error = await refused(
        t,
        db.shifts.setCapacity(shift.id, 2, NOW),
        'capacity_below_taken',
      );
      t.same(error?.errors, [{ path: 'capacity', message: 'must be at least 3' }]);
      const bigger = await db.shifts.setCapacity(shift.id, 6, NOW);
      t.same(
        bigger.promoted.map((s) => s.id),
        [signups[1]!.id],
      );
      t.match(bigger.value, { seatsTaken: 6, waitlistCount: 0, seatsLeft: 0 });
    });

    t.test("attendance, hours, a person's signups and calendar", async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id);
      const { shift: seat } = await oneShift(db, community.id, { role: 'attendee' });
      const a = await person(db, community.id);
      const signup = await db.signups.create(
        { shiftId: shift.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      const attendee = await db.signups.create(
        { shiftId: seat.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      await refused(t, db.signups.checkOut(signup.id, '2026-12-05T00:05:00Z'), 'invalid_state');
      const inAt = '2026-12-05T00:05:00.000Z';
      t.equal((await db.signups.checkIn(signup.id, inAt)).checkedInAt, '2026-12-05T08:05:00+08:00');
      await refused(t, db.signups.noShow(signup.id), 'invalid_state');
      await refused(t, db.signups.checkOut(signup.id, '2026-12-05T00:00:00Z'), 'validation_failed');
      t.equal(
        (await db.signups.checkOut(signup.id, '2026-12-05T01:35:00Z')).checkedOutAt,
        '2026-12-05T09:35:00+08:00',
      );
      t.equal((await db.signups.noShow(attendee.id)).noShow, true);
      await refused(t, db.signups.checkIn('nope', inAt), 'not_found');

      const window = { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' };
      t.same(
        await db.people.hours(a.id, window, NOW),
        { totalMinutes: 0, items: [] },
        'not ended yet',
      );
      const hours = await db.people.hours(a.id, window, '2026-12-06T00:00:00Z');
      t.equal(hours.totalMinutes, 90, 'checked-in time counts');
      t.match(hours.items, [
        { signupId: signup.id, shiftId: shift.id, start: '2026-12-05T08:00:00+08:00', minutes: 90 },
      ]);

      const list = await db.people.signups(a.id, { ...window });
      t.equal(list.items.length, 2);
      t.match(list.items[0], {
        shift: { start: '2026-12-05T08:00:00+08:00' },
        event: { title: '擦洗宣传橱窗', timeZone: 'Asia/Shanghai' },
      });
      const cancelled = await db.people.signups(a.id, { ...window, status: 'cancelled' });
      t.equal(cancelled.items.length, 0);
      const paged = await db.people.signups(a.id, { ...window, limit: 1 });
      const rest = await db.people.signups(a.id, {
        ...window,
        limit: 1,
        cursor: paged.nextCursor ?? undefined,
      });
      t.equal(rest.nextCursor, null);
      t.not(rest.items[0]?.id, paged.items[0]?.id);
      const calendar = await db.people.calendar(a.id, window);
      t.equal(calendar.length, 2);
    });

    t.test('attendance is taken back one step at a time, the last first', async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id);
      const a = await person(db, community.id);
      const b = await person(db, community.id);
      const signup = await db.signups.create(
        { shiftId: shift.id, personId: a.id, seats: 1, companions: [] },
        NOW,
      );
      const other = await db.signups.create(
        { shiftId: shift.id, personId: b.id, seats: 1, companions: [] },
        NOW,
      );
      const inAt = '2026-12-05T00:05:00.000Z';
      const outAt = '2026-12-05T01:35:00.000Z';
      await refused(t, db.signups.undoAttendance(signup.id, 'check-in'), 'invalid_state');
      await db.signups.checkIn(signup.id, inAt);
      await db.signups.checkOut(signup.id, outAt);
      // The check-out first: undoing the check-in under it would drop it silently.
      await refused(t, db.signups.undoAttendance(signup.id, 'check-in'), 'invalid_state');
      // Records read in the event's zone (issue 11, item 13): the same instant as inAt.
      const inShanghai = '2026-12-05T08:05:00+08:00';
      t.match(await db.signups.undoAttendance(signup.id, 'check-out'), {
        checkedInAt: inShanghai,
        checkedOutAt: null,
      });
      await refused(t, db.signups.undoAttendance(signup.id, 'check-out'), 'invalid_state');
      t.match(await db.signups.undoAttendance(signup.id, 'check-in'), {
        checkedInAt: null,
        checkedOutAt: null,
        noShow: false,
      });
      // A wrong no-show taken back: the person can be checked in after all.
      await refused(t, db.signups.undoAttendance(signup.id, 'no-show'), 'invalid_state');
      await db.signups.noShow(signup.id, '2026-12-05T00:10:00Z');
      t.equal((await db.signups.undoAttendance(signup.id, 'no-show')).noShow, false);
      t.equal((await db.signups.checkIn(signup.id, inAt)).checkedInAt, inShanghai);
      t.match(await db.signups.get(other.id), { checkedInAt: null, noShow: false }, 'others kept');
      await refused(t, db.signups.undoAttendance('nope', 'no-show'), 'not_found');
      const cancelled = await db.signups.cancel(other.id, 'cancelled_by_person', NOW);
      await refused(t, db.signups.undoAttendance(cancelled.value.id, 'no-show'), 'invalid_state');
    });

    t.test('idempotency: the claim commits with the command, or not at all', async (t) => {
      const scope = `tok-${backend}`;
      const opened = async (key: string, hash: string) => {
        const command = await db.idempotency.open(scope, key, hash, NOW);
        if (command.state !== 'new') throw new Error(`${key}: ${command.state}`);
        return command;
      };
      // Committed: the store's write and the answer under the key, together.
      const k1 = await opened('k1', 'h1');
      const unit = await k1.run(() => db.units.create({ name: '命令区', kind: 'district' }));
      await k1.commit(201, { id: unit.id, 名字: '张三' });
      t.ok(await db.units.get(unit.id), 'the write committed with the key');
      const replay = { state: 'replay', status: 201, body: { id: unit.id, 名字: '张三' } };
      t.same(await db.idempotency.peek(scope, 'k1', 'h1'), replay);
      t.same(await db.idempotency.open(scope, 'k1', 'h1', NOW), replay, 'open replays too');
      t.same(await db.idempotency.peek(scope, 'k1', 'h2'), { state: 'mismatch' });
      t.same(await db.idempotency.open(scope, 'k1', 'h2', NOW), { state: 'mismatch' });

      // Rolled back (a refusal, or a crash before the commit): nothing written, the key free.
      const k2 = await opened('k2', 'h1');
      const gone = await k2.run(() => db.units.create({ name: '撤销区', kind: 'district' }));
      await k2.rollback();
      t.equal(await db.units.get(gone.id), undefined, 'the write rolled back with the claim');
      t.same(await db.idempotency.peek(scope, 'k2', 'h1'), { state: 'new' }, 'the key is free');
      const again = await opened('k2', 'h2');
      await again.rollback();

      // A store's own transaction inside a command is a savepoint: its refusal undoes only
      // its own writes, and the command goes on.
      const k3 = await opened('k3', 'h1');
      const kept = await k3.run(async () => {
        const first = await db.units.create({ name: '保留区', kind: 'district' });
        await refused(
          t,
          db.units.create({ name: '孤儿', kind: 'community', parentId: 'no-such-unit' }),
          'not_found',
        );
        return first;
      });
      await k3.commit(201, { id: kept.id });
      t.ok(await db.units.get(kept.id));

      t.same(await db.idempotency.peek('other', 'k1', 'h9'), { state: 'new' }, 'scoped');
      t.equal(await db.idempotency.purge('2026-12-01T00:00:00Z'), 0, 'nothing older');
      t.ok((await db.idempotency.purge('2026-12-02T00:00:00Z')) >= 2);
      t.same(await db.idempotency.peek(scope, 'k1', 'h2'), { state: 'new' }, 'purged');
    });

    if (backend === 'postgres') {
      t.test('idempotency: a second request waits for the first, then replays', async (t) => {
        const scope = `wait-${backend}`;
        const first = await db.idempotency.open(scope, 'k', 'h', NOW);
        if (first.state !== 'new') throw new Error(first.state);
        const second = db.idempotency.open(scope, 'k', 'h', NOW);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await first.commit(201, { n: 1 });
        t.same(await second, { state: 'replay', status: 201, body: { n: 1 } });
        // Still running after 2 s: 409 in flight (and nothing of the waiter is left).
        const slow = await db.idempotency.open(scope, 'slow', 'h', NOW);
        if (slow.state !== 'new') throw new Error(slow.state);
        t.same(await db.idempotency.open(scope, 'slow', 'h', NOW), { state: 'in_flight' });
        await slow.rollback();
        const free = await db.idempotency.open(scope, 'slow', 'h', NOW);
        t.equal(free.state, 'new', 'free once the holder rolled back');
        if (free.state === 'new') await free.rollback();
      });
    }

    t.test('signups with an idempotency key: one signup, the same answer', async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id);
      const a = await person(db, community.id);
      const command = { shiftId: shift.id, personId: a.id, seats: 1, companions: [] };
      const idempotency = { scope: 'tok', key: `signup-${backend}`, requestHash: 'h' };
      t.same(await db.idempotency.peek('tok', idempotency.key, 'h'), { state: 'new' });
      const first = await db.signups.create(command, NOW, { idempotency });
      const second = await db.signups.create(command, NOW, { idempotency });
      t.same(second, first);
      t.equal((await db.shifts.roster(shift.id)).length, 1);
      t.match(await db.idempotency.peek('tok', idempotency.key, 'h'), {
        state: 'replay',
        status: 201,
        body: first,
      });
      await refused(
        t,
        db.signups.create(command, NOW, { idempotency: { ...idempotency, requestHash: 'other' } }),
        'idempotency_key_reused',
      );
      // A refused signup leaves no record behind: the key can be used again.
      const b = await person(db, community.id);
      const key = { scope: 'tok', key: `fail-${backend}`, requestHash: 'h' };
      await refused(
        t,
        db.signups.create({ ...command, shiftId: 'nope', personId: b.id }, NOW, {
          idempotency: key,
        }),
        'not_found',
      );
      t.same(await db.idempotency.peek('tok', key.key, 'h'), { state: 'new' });
    });

    t.test('the horizon: materialized ahead, extended later', async (t) => {
      // Every other event of this file is bounded (one-off or COUNT), so only this one grows.
      const { community } = await seedUnits(db);
      const event = await db.events.create(
        draft(community.id, { recurrence: { rrule: 'FREQ=WEEKLY', exdates: [], rdates: [] } }),
        NOW,
      );
      const window = { from: NOW, to: '2027-12-01T00:00:00Z', limit: 500 };
      const count = async () => (await db.events.occurrences(event.id, window)).items.length;
      // 180 days from 1 December 2026: the Saturdays 5 December .. 29 May.
      t.equal(await count(), 26);
      const extended = await db.extendHorizon('2026-12-15T00:00:00Z');
      t.same(extended, { occurrences: 2, shifts: 2 });
      t.equal(await count(), 28);
      t.same(await db.extendHorizon('2026-12-15T00:00:00Z'), { occurrences: 0, shifts: 0 });
    });

    t.test('the database itself refuses what breaks an invariant', async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id, { capacity: 1 });
      const { shift: other } = await oneShift(db, community.id, { capacity: 1 });
      const a = await person(db, community.id);
      const b = await person(db, community.id);
      const k = kyselyOf(db);
      await db.signups.create({ shiftId: shift.id, personId: a.id, seats: 1, companions: [] }, NOW);
      const waiting = await db.signups.create(
        { shiftId: shift.id, personId: b.id, seats: 1, companions: [] },
        NOW,
      );
      t.equal(waiting.status, 'waitlisted');
      const code = async (statement: Promise<unknown>) => {
        try {
          await statement;
          return 'ok';
        } catch (error) {
          const { code, constraint } = error as { code?: string; constraint?: string };
          return `${code} ${constraint}`;
        }
      };
      t.equal(
        await code(
          sql`update shifts set seats_taken = capacity + 1 where id = ${shift.id}`.execute(k),
        ),
        '23514 shifts_seats_within_capacity',
        'CHECK: never more seats than capacity',
      );
      t.equal(
        await code(
          sql`insert into signups (shift_id, person_id, seats, status, role, period, created_at)
            select shift_id, person_id, 1, 'waitlisted', role, period, created_at from signups
            where id = ${waiting.id}`.execute(k),
        ),
        '23505 signups_one_active_per_shift',
        'partial unique index: one active signup per person and shift',
      );
      // b confirmed on the other shift at the same time, then the waitlisted one confirmed.
      await db.signups.create({ shiftId: other.id, personId: b.id, seats: 1, companions: [] }, NOW);
      t.equal(
        await code(
          sql`update signups set status = 'confirmed' where id = ${waiting.id}`.execute(k),
        ),
        '23P01 signups_no_double_booking',
        'exclusion constraint: no overlapping confirmed volunteer shifts',
      );
      // A promotion that would double-book skips that person: the seat stays free.
      const first = (await db.shifts.roster(shift.id))[0]!;
      const cancelled = await db.signups.cancel(first.id, 'cancelled_by_person', NOW);
      t.same(cancelled.promoted, []);
      t.match(await db.signups.get(waiting.id), { status: 'waitlisted', waitlistPosition: 1 });
      t.match(await db.shifts.get(shift.id), { seatsTaken: 0, waitlistCount: 1 });
    });

    t.test('both drivers return the same JS types', async (t) => {
      const { rows } = await sql<{
        n: unknown;
        big: unknown;
        at: unknown;
        d: unknown;
      }>`select count(*)::bigint as n, 9007199254740991::bigint as big,
          '2026-12-05 08:00:00+08'::timestamptz as at, '2026-12-05'::date as d`.execute(
        kyselyOf(db),
      );
      t.same(rows[0], {
        n: 1,
        big: 9007199254740991,
        at: '2026-12-05T00:00:00.000Z',
        d: '2026-12-05',
      });
    });
  });
}
