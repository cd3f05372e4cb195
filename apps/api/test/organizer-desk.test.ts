// What an organizer does at the door and at the desk (issue 15): walk-ins on a started or
// ended shift, with their attendance in the same request (volunteers still refused), and the
// dry run of an event edit, whose effects equal what the real edit then does and which writes
// nothing. PGlite, and PostgreSQL when DATABASE_URL is set.
import { diffEditEffects, type EditSnapshot } from '@rota/core';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { buildUnitTree, type CallFn, eventInput, expectStatus, NOW } from './helpers/unit-tree.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

/**
 * Each test's shift is 09:00-11:00 in Shanghai (01:00-03:00 UTC) on its own December day, so
 * that the same people's shifts never overlap: half an hour in, and two hours after the end.
 */
const during = (day: number) => `2026-12-${String(day).padStart(2, '0')}T01:30:00.000Z`;
const after = (day: number) => `2026-12-${String(day).padStart(2, '0')}T05:00:00.000Z`;

for (const backend of backends) {
  t.test(`organizer desk on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    let clock = NOW;
    const app = await buildApp({ db, now: () => clock });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call: CallFn = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin' })).token;
    const { units, tokens, people } = await buildUnitTree(call, admin);
    const organizer = tokens.unit;
    const kysely = (db as unknown as { kysely: Kysely<object> }).kysely;

    /** A published one-off event in A on 2026-12-`day`, 09:00-11:00; its shift's id. */
    const shiftOf = async (day: number, slot: Record<string, unknown> = {}) => {
      clock = NOW;
      const event = await expectStatus(
        call(
          admin,
          'POST',
          '/v1/events',
          eventInput(units.a, {
            start: `2026-12-${String(day).padStart(2, '0')}T09:00`,
            slots: [{ key: 'crew', name: '志愿者', role: 'volunteer', capacity: 10, ...slot }],
          }),
        ),
        201,
        'event',
      );
      const occurrences = await call(admin, 'GET', `/v1/events/${event.body.id}/occurrences`);
      return occurrences.body.items[0].shifts[0].id as string;
    };
    const roster = async (shiftId: string) =>
      (await call(admin, 'GET', `/v1/shifts/${shiftId}/roster`)).body.items;

    t.test('walk-ins: organizers sign up on a started shift, volunteers may not', async (t) => {
      const shiftId = await shiftOf(5);
      const DURING = during(5);
      const early = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.spare,
      });
      t.equal(early.status, 201);
      t.equal(early.body.walkIn, false, 'before the start: an ordinary signup');

      clock = DURING;
      const own = await call(tokens.self, 'POST', '/v1/signups', {
        shiftId,
        personId: people.self,
      });
      t.equal(own.status, 422, 'the volunteer themself: still closed');
      t.equal(own.body.code, 'signup_closed');

      const walkIn = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.self,
      });
      t.equal(walkIn.status, 201, 'the organizer: a walk-in');
      t.match(walkIn.body, { status: 'confirmed', walkIn: true, checkedInAt: null });
      t.equal((await call(admin, 'GET', `/v1/signups/${walkIn.body.id}`)).body.walkIn, true);

      const checkedIn = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.other,
        checkIn: true,
      });
      t.equal(checkedIn.status, 201, 'with the check-in in the same request');
      t.equal(checkedIn.body.walkIn, true);
      t.equal(Date.parse(checkedIn.body.checkedInAt), Date.parse(DURING), 'checked in now');
      const rows = await roster(shiftId);
      t.same(
        rows.map((r: { walkIn: boolean }) => r.walkIn),
        [false, true, true],
        'the roster marks them',
      );
    });

    t.test('walk-ins: attendance within the bounds, or nothing is written', async (t) => {
      const shiftId = await shiftOf(6);
      const DURING = during(6);
      clock = DURING;
      const volunteer = await call(tokens.self, 'POST', '/v1/signups', {
        shiftId,
        personId: people.self,
        checkIn: true,
      });
      t.equal(volunteer.status, 403, 'a volunteer records no attendance');
      const ahead = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.spare,
        checkedInAt: '2026-12-06T09:05:00+08:00',
        checkedOutAt: '2026-12-06T10:30:00+08:00',
      });
      t.equal(ahead.status, 422, 'a check-out that has not happened yet');
      t.equal(ahead.body.code, 'not_yet');
      t.equal(ahead.body.errors[0].path, 'checkedOutAt');
      const farOff = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.spare,
        checkedInAt: '2026-12-05T09:00:00+08:00',
      });
      t.equal(farOff.status, 400, 'a check-in a day before the shift');
      t.equal(farOff.body.errors[0].path, 'checkedInAt');
      t.same(await roster(shiftId), [], 'refused walk-ins wrote nothing');
      const both = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.spare,
        checkIn: true,
        checkedInAt: DURING,
      });
      t.equal(both.status, 400);
      const outOnly = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.spare,
        checkedOutAt: DURING,
      });
      t.equal(outOnly.status, 400);
      t.equal(outOnly.body.errors[0].path, 'checkedOutAt');

      clock = after(6);
      const late = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.spare,
        checkedInAt: '2026-12-06T09:10:00+08:00',
        checkedOutAt: '2026-12-06T10:50:00+08:00',
      });
      t.equal(late.status, 201, 'after the shift ended: recorded with both times');
      t.match(late.body, { walkIn: true, status: 'confirmed' });
      t.equal(Date.parse(late.body.checkedOutAt), Date.parse('2026-12-06T02:50:00Z'));
      const hours = await call(
        organizer,
        'GET',
        `/v1/people/${people.spare}/hours?from=2026-12-06T00:00:00Z&to=2026-12-07T00:00:00Z`,
      );
      t.equal(hours.body.totalMinutes, 100, 'the walk-in earns its hours');
    });

    t.test('walk-ins: attendance on a full shift (waitlisted) is refused whole', async (t) => {
      const shiftId = await shiftOf(7, { capacity: 1 });
      clock = during(7);
      await expectStatus(
        call(organizer, 'POST', '/v1/signups', { shiftId, personId: people.self }),
        201,
        'first walk-in',
      );
      const waitlisted = await call(organizer, 'POST', '/v1/signups', {
        shiftId,
        personId: people.other,
        checkIn: true,
      });
      t.equal(waitlisted.status, 409);
      t.equal(waitlisted.body.code, 'invalid_state');
      const shift = await call(admin, 'GET', `/v1/shifts/${shiftId}`);
      t.equal(shift.body.waitlistCount, 0, 'no waitlist place taken');
      t.equal((await roster(shiftId)).length, 1);
    });

    /** The event's occurrences, shifts and signups through the API, as core's snapshot. */
    const snapshotOf = async (eventId: string): Promise<EditSnapshot> => {
      const occurrences = (
        await call(
          admin,
          'GET',
          `/v1/events/${eventId}/occurrences?from=2026-11-01T00:00:00Z&to=2027-10-01T00:00:00Z&limit=500`,
        )
      ).body.items;
      const shifts = occurrences.flatMap((o: { shifts: unknown[] }) => o.shifts) as {
        id: string;
        status: string;
        start: string;
        end: string;
        name: string;
        capacity: number;
        minNeeded: number;
        requiredTags: string[];
      }[];
      const signups = [];
      for (const shift of shifts) signups.push(...(await roster(shift.id)));
      return {
        occurrences: occurrences.map((o: { id: string; start: string; status: string }) => ({
          id: o.id,
          start: o.start,
          status: o.status,
        })),
        shifts: shifts.map((s) => ({
          id: s.id,
          status: s.status === 'cancelled' ? 'cancelled' : 'open',
          shape: [
            Date.parse(s.start),
            Date.parse(s.end),
            s.name,
            s.capacity,
            s.minNeeded,
            s.requiredTags.join(','),
          ].join('|'),
        })),
        signups: signups.map(
          (g: {
            id: string;
            personId: string;
            shiftId: string;
            status: string;
            cancelReason: string | null;
          }) => ({
            id: g.id,
            personId: g.personId,
            shiftId: g.shiftId,
            status: g.status,
            cancelReason: g.cancelReason,
          }),
        ),
      };
    };
    const outboxSize = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(kysely)).rows[0]
          ?.n,
      );
    const sorted = <T extends { signupId: string }>(list: T[]) =>
      [...list].sort((a, b) => a.signupId.localeCompare(b.signupId));

    t.test('dry run: equals what the edit then does, and writes nothing', async (t) => {
      clock = NOW;
      const created = await expectStatus(
        call(
          organizer,
          'POST',
          '/v1/events',
          eventInput(units.a, {
            title: '每周督办',
            start: '2026-12-12T09:00',
            recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4' },
            slots: [{ key: 'crew', name: '督办员', role: 'volunteer', capacity: 1 }],
          }),
        ),
        201,
        'weekly event',
      );
      const eventId = created.body.id as string;
      const weeks = (await call(admin, 'GET', `/v1/events/${eventId}/occurrences`)).body.items;
      const crew = (week: number) => weeks[week].shifts[0].id as string;
      const signUp = async (shiftId: string, personId: string) =>
        (
          await expectStatus(
            call(organizer, 'POST', '/v1/signups', { shiftId, personId }),
            201,
            'signup',
          )
        ).body;
      await signUp(crew(0), people.self);
      const waiting = await signUp(crew(0), people.other);
      t.equal(waiting.status, 'waitlisted');
      const third = await signUp(crew(2), people.spare);

      // Two weeks instead of four, two seats each, and a second slot.
      const patch = {
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=2' },
        slots: [
          { key: 'crew', name: '督办员', role: 'volunteer', capacity: 2 },
          { key: 'guide', name: '引导员', role: 'volunteer', capacity: 3 },
        ],
      };
      const before = await snapshotOf(eventId);
      const outbox = await outboxSize();
      const version = (await call(admin, 'GET', `/v1/events/${eventId}`)).body.version;
      const dry = await call(organizer, 'PATCH', `/v1/events/${eventId}?dryRun=true`, patch);
      t.equal(dry.status, 200, dry.text.slice(0, 300));
      t.equal(dry.body.dryRun, true);
      t.equal(dry.body.event.version, version + 1, 'the event as the edit would leave it');
      t.equal(dry.body.event.slots.length, 2);
      t.equal(dry.headers.etag, `"${version}"`, 'the current version is still the one to send');
      t.match(dry.body.effects, {
        shiftsAdded: 2,
        shiftsRemoved: 2,
        shiftsChanged: 2,
        occurrencesAdded: 0,
        occurrencesCancelled: 2,
        occurrencesMoved: 0,
      });
      t.same(dry.body.effects.signupsCancelled, [
        { signupId: third.id, personId: people.spare, shiftId: crew(2), reason: 'event_changed' },
      ]);
      t.same(dry.body.effects.waitlistPromoted, [
        { signupId: waiting.id, personId: people.other, shiftId: crew(0) },
      ]);

      t.same(await snapshotOf(eventId), before, 'no occurrence, shift or signup changed');
      t.equal((await call(admin, 'GET', `/v1/events/${eventId}`)).body.version, version);
      t.equal(await outboxSize(), outbox, 'nothing announced');

      const real = await call(organizer, 'PATCH', `/v1/events/${eventId}`, patch);
      t.equal(real.status, 200);
      t.notOk('dryRun' in real.body, 'the real edit answers the Event');
      const done = diffEditEffects(before, await snapshotOf(eventId));
      const { signupsCancelled, waitlistPromoted, ...counts } = dry.body.effects;
      const { signupsCancelled: cancelled, waitlistPromoted: promoted, ...doneCounts } = done;
      t.same(doneCounts, counts, 'the counts the dry run gave are what the edit did');
      t.same(sorted(cancelled), sorted(signupsCancelled), 'the same signups were cancelled');
      t.same(sorted(promoted), sorted(waitlistPromoted), 'the same waitlist was promoted');
    });

    t.test('dry run: the same refusals as the edit', async (t) => {
      clock = NOW;
      const id = (
        await expectStatus(call(organizer, 'POST', '/v1/events', eventInput(units.a)), 201, 'e')
      ).body.id;
      const stale = await call(
        organizer,
        'PATCH',
        `/v1/events/${id}?dryRun=true`,
        { title: '新' },
        { 'if-match': '"99"' },
      );
      t.equal(stale.status, 412, 'a stale If-Match');
      const invalid = await call(organizer, 'PATCH', `/v1/events/${id}?dryRun=true`, {
        durationMinutes: 0,
      });
      t.equal(invalid.status, 400);
      const badFlag = await call(organizer, 'PATCH', `/v1/events/${id}?dryRun=yes`, {
        title: '新',
      });
      t.equal(badFlag.status, 400, 'dryRun is true or false');
      const sibling = await call(tokens.sibling, 'PATCH', `/v1/events/${id}?dryRun=true`, {
        title: '新',
      });
      t.equal(sibling.status, 403);
      const unknown = await call(organizer, 'PATCH', '/v1/events/nope?dryRun=true', {
        title: '新',
      });
      t.equal(unknown.status, 404);
      const no = await call(organizer, 'PATCH', `/v1/events/${id}?dryRun=false`, {
        title: '真的改',
      });
      t.equal(no.status, 200);
      t.equal(no.body.title, '真的改', 'dryRun=false is the edit');
    });
  });
}
