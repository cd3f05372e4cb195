// Issue 11, item 13: instants that are records (a signup's createdAt, check-in, check-out,
// cancelledAt; an event's createdAt and updatedAt) carry the event's time zone offset like its
// shift times, in JSON and in the roster CSV, instead of UTC `Z` times that read as the wrong
// day in Beijing. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import t from 'tap';
import { expectStatus, publishedEvent } from './helpers/unit-tree.ts';
import { buildTestApp } from './support/build-test-app.ts';

// Friday 4 December 2026, 23:30 in Shanghai: 15:30 UTC, still the 4th in UTC.
const LATE_EVENING = '2026-12-04T15:30:00.250Z';
// The shift: 2026-12-05 09:00-11:00 in Shanghai (the fixture's event), 01:00-03:00 UTC.
const DURING = '2026-12-05T02:00:00.000Z';
const AFTER = '2026-12-05T04:00:00.000Z';

const backends: ('pglite' | 'postgres')[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

const SHANGHAI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/;
const NEW_YORK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?-05:00$/;

for (const backend of backends) {
  t.test(`record instants on ${backend}`, async (t) => {
    const { call, admin, setNow } = await buildTestApp(t, { now: LATE_EVENING, backend });
    const unit = (
      await expectStatus(
        call(admin, 'POST', '/v1/units', { name: '永泰街道', kind: 'subdistrict' }),
        201,
        'unit',
      )
    ).body.id as string;
    const person = async (name: string) =>
      (await expectStatus(call(admin, 'POST', '/v1/people', { name, unitId: unit }), 201, name))
        .body.id as string;

    await t.test("a signup's records are in the event's zone, to the millisecond", async (t) => {
      setNow(LATE_EVENING);
      const { eventId, shiftId } = await publishedEvent(call, admin, unit);
      const event = (await call(admin, 'GET', `/v1/events/${eventId}`)).body;
      t.equal(event.createdAt, '2026-12-04T23:30:00.250+08:00', 'the 4th in Beijing');
      t.equal(event.updatedAt, event.createdAt);
      const shift = (await call(admin, 'GET', `/v1/shifts/${shiftId}`)).body;
      t.match(shift.start, SHANGHAI, 'as shift times are');

      const signup = await expectStatus(
        call(admin, 'POST', '/v1/signups', { shiftId, personId: await person('王芳') }),
        201,
        'signup',
      );
      t.equal(signup.body.createdAt, '2026-12-04T23:30:00.250+08:00');
      setNow(DURING);
      const checkedIn = await expectStatus(
        call(admin, 'POST', `/v1/signups/${signup.body.id}/check-in`, {
          at: '2026-12-05T00:55:00Z',
        }),
        200,
        'check-in',
      );
      t.equal(checkedIn.body.checkedInAt, '2026-12-05T08:55:00+08:00');
      setNow(AFTER);
      const checkedOut = await expectStatus(
        call(admin, 'POST', `/v1/signups/${signup.body.id}/check-out`, {}),
        200,
        'check-out',
      );
      t.equal(checkedOut.body.checkedOutAt, '2026-12-05T12:00:00+08:00', 'now, in Beijing');
      const read = (await call(admin, 'GET', `/v1/signups/${signup.body.id}`)).body;
      t.same(
        [read.createdAt, read.checkedInAt, read.checkedOutAt],
        [signup.body.createdAt, checkedIn.body.checkedInAt, checkedOut.body.checkedOutAt],
        'GET answers the same strings',
      );
      const mine = (
        await call(admin, 'GET', `/v1/people/${signup.body.personId}/signups?from=${LATE_EVENING}`)
      ).body.items[0];
      t.equal(mine.createdAt, signup.body.createdAt, "in the person's list too");

      const roster = await call(admin, 'GET', `/v1/shifts/${shiftId}/roster`);
      t.equal(roster.body.items[0].checkedInAt, '2026-12-05T08:55:00+08:00');
      const csv = await call(admin, 'GET', `/v1/shifts/${shiftId}/roster.csv`);
      t.match(csv.text, /,2026-12-04T23:30:00\.250\+08:00,2026-12-05T08:55:00\+08:00,/);
      t.notMatch(csv.text, /\d{2}Z/, 'no UTC time in the CSV');
    });

    await t.test('a cancellation, and another zone', async (t) => {
      setNow(LATE_EVENING);
      const { eventId, shiftId } = await publishedEvent(call, admin, unit, {
        timeZone: 'America/New_York',
        title: 'Food bank',
      });
      const signup = await expectStatus(
        call(admin, 'POST', '/v1/signups', { shiftId, personId: await person('Anna') }),
        201,
        'signup',
      );
      t.match(signup.body.createdAt, NEW_YORK);
      t.equal(Date.parse(signup.body.createdAt), Date.parse(LATE_EVENING), 'the same instant');
      const cancelled = await call(admin, 'DELETE', `/v1/signups/${signup.body.id}`);
      t.equal(cancelled.status, 200, cancelled.text);
      t.equal(cancelled.body.signup.cancelledAt, '2026-12-04T10:30:00.250-05:00');
      const changed = await call(admin, 'PATCH', `/v1/events/${eventId}`, { title: 'Food bank 2' });
      t.equal(changed.status, 200, changed.text);
      t.match(changed.body.updatedAt, NEW_YORK);
    });
  });
}
