// Issue 10 item 4: attendance is bounded to its shift (ATTENDANCE_TOLERANCE_MINUTES each side),
// and a person's hours never overflow: check-in 2026 / check-out 5026 used to credit 1.5
// billion minutes, and 0001 / 9999 made GET /v1/people/:id/hours a 500 for good.
import { ATTENDANCE_TOLERANCE_MINUTES } from '@rota/core';
import t from 'tap';
import { createUnit } from './helpers/fixture-calls.ts';
import { expectStatus, NOW, publishedEvent } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

// The fixture's shift: 2026-12-05 09:00-11:00 in Shanghai.
const START = '2026-12-05T01:00:00.000Z';
/** Attendance is recorded after the fact (no time below lies in this clock's future). */
const LATE_THAT_DAY = '2026-12-05T07:30:00.000Z';
const AFTER = '2026-12-06T00:00:00.000Z';

for (const backend of backends)
  t.test(`attendance bounds and hours on ${backend}`, async (t) => {
    const { db, call, admin, setNow } = await buildTestApp(t, { now: NOW, backend });
    const unit = await createUnit(call, admin, '永泰街道', 'subdistrict');
    const person = async (name: string) =>
      (await expectStatus(call(admin, 'POST', '/v1/people', { name, unitId: unit }), 201, name))
        .body.id as string;
    const { shiftId } = await publishedEvent(call, admin, unit);
    const signUp = async (personId: string) =>
      (await expectStatus(call(admin, 'POST', '/v1/signups', { shiftId, personId }), 201, 'signup'))
        .body.id as string;
    const attend = (id: string, action: 'check-in' | 'check-out', at: string) =>
      call(admin, 'POST', `/v1/signups/${id}/${action}`, { at });

    const forger = await person('王芳');
    const forged = await signUp(forger);
    const early = await person('李建国');
    const earlyId = await signUp(early);
    const legacy = await person('陈静');
    const legacyId = await signUp(legacy);
    setNow(LATE_THAT_DAY);
    for (const [action, at] of [
      ['check-in', '0001-01-01T00:00:00Z'],
      ['check-in', '9999-12-31T00:00:00Z'],
      ['check-in', '2026-12-04T20:59:00Z'], // a minute before start - tolerance
    ] as const) {
      const refused = await attend(forged, action, at);
      t.equal(refused.status, 400, `${action} at ${at} is refused`);
      t.equal(refused.body.code, 'validation_failed');
      t.same(
        refused.body.errors.map((error: { path: string }) => error.path),
        ['at'],
      );
    }
    t.equal((await attend(forged, 'check-in', START)).status, 200);
    for (const at of ['5026-01-01T00:00:00Z', '2026-12-05T07:01:00Z']) {
      const refused = await attend(forged, 'check-out', at);
      t.equal(refused.status, 400, `check-out at ${at} is refused`);
      t.equal(refused.body.errors[0].path, 'at');
    }
    const signup = (await call(admin, 'GET', `/v1/signups/${forged}`)).body;
    t.equal(signup.checkedOutAt, null, 'nothing written by the refusals');

    // Within the tolerance: early to set up, late to clear away.
    t.equal((await attend(earlyId, 'check-in', '2026-12-04T21:00:00Z')).status, 200);
    t.equal((await attend(earlyId, 'check-out', '2026-12-05T07:00:00Z')).status, 200);

    // A record written before the bounds existed (or by hand): hours still answer, clipped to
    // the shift and its tolerance, and the total stays a safe integer.
    const kysely = (db as unknown as { kysely: { updateTable: (table: string) => any } }).kysely;
    await kysely
      .updateTable('signups')
      .set({ checked_in_at: '0001-01-01T00:00:00Z', checked_out_at: '9999-12-31T00:00:00Z' })
      .where('id', '=', legacyId)
      .execute();

    setNow(AFTER);
    const widest = 120 + 2 * ATTENDANCE_TOLERANCE_MINUTES;
    for (const [who, minutes] of [
      [early, widest],
      [legacy, widest],
    ] as const) {
      const hours = await call(admin, 'GET', `/v1/people/${who}/hours`);
      t.equal(hours.status, 200, 'hours answer (no integer overflow)');
      t.equal(hours.body.totalMinutes, minutes, 'credited within the shift and its tolerance');
    }
  });
