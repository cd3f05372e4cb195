// The API in a zone with daylight saving time (the other API tests run in Asia/Shanghai): a
// weekly event in Europe/Berlin across the spring-forward of 28 March 2027, created, listed,
// re-timed and signed up for through HTTP, on PGlite and (when DATABASE_URL is set) PostgreSQL.
import t from 'tap';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

const NOW = '2026-12-01T00:00:00.000Z';
for (const backend of backends) {
  t.test(backend, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const unit = await call(admin, 'POST', '/v1/units', { name: 'Berlin-Mitte', kind: 'district' });
    t.equal(unit.status, 201);
    const event = {
      unitId: unit.body.id,
      kind: 'general',
      title: 'Sonntagsdienst',
      timeZone: 'Europe/Berlin',
      start: '2027-03-21T09:00',
      durationMinutes: 180,
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
      slots: [{ key: 'crew', name: 'Helfer', role: 'volunteer', capacity: 2 }],
      status: 'published',
    };
    const created = await call(admin, 'POST', '/v1/events', event);
    t.equal(created.status, 201);
    const window = 'from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z';
    const listed = await call(admin, 'GET', `/v1/events/${created.body.id}/occurrences?${window}`);
    t.equal(listed.status, 200);
    t.same(
      listed.body.items.map((o: { start: string; end: string }) => [o.start, o.end]),
      [
        ['2027-03-21T09:00:00+01:00', '2027-03-21T12:00:00+01:00'],
        ['2027-03-28T09:00:00+02:00', '2027-03-28T12:00:00+02:00'],
        ['2027-04-04T09:00:00+02:00', '2027-04-04T12:00:00+02:00'],
      ],
      '09:00 local on both sides of the change, with the offset of the day',
    );

    const volunteer = await call(admin, 'POST', '/v1/people', {
      name: 'Anna',
      unitId: unit.body.id,
      phone: '+4915112345678',
      birthDate: '1990-01-01',
    });
    t.equal(volunteer.status, 201);
    const shiftId = listed.body.items[1].shifts[0].id;
    const signup = await call(admin, 'POST', '/v1/signups', {
      shiftId,
      personId: volunteer.body.id,
    });
    t.equal(signup.status, 201);
    t.equal(signup.body.status, 'confirmed');

    const patched = await call(
      admin,
      'PATCH',
      `/v1/events/${created.body.id}`,
      { start: '2027-03-21T08:00' },
      { 'if-match': '"1"' },
    );
    t.equal(patched.status, 200);
    const shift = await call(admin, 'GET', `/v1/shifts/${shiftId}`);
    t.equal(shift.status, 200);
    t.match(shift.body, {
      id: shiftId,
      start: '2027-03-28T08:00:00+02:00',
      end: '2027-03-28T11:00:00+02:00',
      seatsTaken: 1,
    });
  });
}
