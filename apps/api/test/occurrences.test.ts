// Occurrences of the weekly clinic: cancelling one cancels its signups and closes its shifts;
// moving one re-times it; both show in the calendar as overrides. Runs on PGlite, and on
// PostgreSQL when DATABASE_URL is set.
import t from 'tap';
import { seedCommunity } from './helpers/seed-community.ts';
import { seedClinic } from './helpers/seed-events.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`occurrences on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const { units, people, tokens } = await seedCommunity(call, admin);
    const clinicId = await seedClinic(call, tokens.community, units.community);

    const occurrence = await call(
      tokens.wang,
      'GET',
      `/v1/events/${clinicId}/occurrences?to=2027-01-31T00:00:00Z`,
    );
    t.equal(occurrence.status, 200);
    const target = occurrence.body.items[1];
    const appointment = target.shifts.find((s: { slotKey: string }) => s.slotKey === 'appointment');
    const booked = await call(tokens.wang, 'POST', '/v1/signups', {
      shiftId: appointment.id,
      personId: people.wang,
    });
    t.equal(booked.status, 201);

    t.equal(
      (
        await call(tokens.sibling, 'PATCH', `/v1/occurrences/${target.id}`, {
          status: 'cancelled',
        })
      ).status,
      403,
    );
    t.equal(
      (await call(tokens.community, 'PATCH', '/v1/occurrences/nope', { status: 'cancelled' }))
        .status,
      404,
    );
    const badPatch = await call(tokens.community, 'PATCH', `/v1/occurrences/${target.id}`, {
      status: 'moved',
    });
    t.equal(badPatch.status, 400);
    t.same(
      badPatch.body.errors.map((e: { path: string }) => e.path),
      ['status'],
      'names the field of the closest shape',
    );
    const cancelled = await call(tokens.community, 'PATCH', `/v1/occurrences/${target.id}`, {
      status: 'cancelled',
      reason: '疫苗未到',
    });
    t.equal(cancelled.status, 200);
    t.equal(cancelled.body.status, 'cancelled');
    const gone = await call(tokens.wang, 'GET', `/v1/signups/${booked.body.id}`);
    t.match(gone.body, { status: 'cancelled', cancelReason: 'occurrence_cancelled' });
    // The volunteer's own list carries the office's words for that date.
    const mine = await call(
      tokens.wang,
      'GET',
      `/v1/people/${people.wang}/signups?status=cancelled&to=2027-01-31T00:00:00Z`,
    );
    t.equal(mine.status, 200);
    t.match(
      mine.body.items.find((s: { id: string }) => s.id === booked.body.id),
      { cancelReason: 'occurrence_cancelled', cancelNote: '疫苗未到' },
    );
    const refused = await call(tokens.wang, 'POST', '/v1/signups', {
      shiftId: appointment.id,
      personId: people.wang,
    });
    t.equal(refused.status, 409);
    t.equal(refused.body.code, 'shift_cancelled');

    const next = occurrence.body.items[2];
    const moved = await call(tokens.community, 'PATCH', `/v1/occurrences/${next.id}`, {
      start: '2027-01-03T09:00',
    });
    t.equal(moved.status, 200);
    t.equal(moved.body.localStart, '2027-01-03T09:00:00');
    t.equal(moved.body.start, '2027-01-03T09:00:00+08:00');
    const ics = await call(tokens.wang, 'GET', `/v1/events/${clinicId}/calendar.ics`);
    t.same(
      ics.text.match(/^RECURRENCE-ID[^\r\n]*/gm),
      ['RECURRENCE-ID;TZID=Asia/Shanghai:20270102T080000'],
      'the moved occurrence is an override of its original start',
    );
    t.match(
      ics.text,
      /^EXDATE;TZID=Asia\/Shanghai:20261219T080000,20261226T080000\r?$/m,
      'the cancelled one is excluded, beside the schedule’s own exdate',
    );
  });
}
