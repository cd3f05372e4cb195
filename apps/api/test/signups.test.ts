// Signups on the three shifts of a Saturday event: confirmed, idempotent retries, eligibility,
// the waitlist and its promotion, overlaps, the roster (JSON and CSV), capacity, cancelling,
// attendance, a person's list, calendar feed and hours. Runs on PGlite, and on PostgreSQL
// when DATABASE_URL is set.
import ICAL from 'ical.js';
import t from 'tap';
import { seedCommunity } from './helpers/seed-community.ts';
import { seedDayEvent } from './helpers/seed-events.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`signups on ${backend}`, async (t) => {
    const { call, admin, setNow } = await buildTestApp(t, { now: NOW, backend });
    const { units, people, tokens } = await seedCommunity(call, admin);
    const { shiftOf } = await seedDayEvent(call, tokens.community, units.community);

    const signUp = (token: string, body: object, headers: Record<string, string> = {}) =>
      call(token, 'POST', '/v1/signups', body, headers);

    const first = await signUp(tokens.wang, {
      shiftId: shiftOf.crew,
      personId: people.wang,
      note: '我带抹布',
    });
    t.equal(first.status, 201);
    t.match(first.body, {
      status: 'confirmed',
      seats: 1,
      waitlistPosition: null,
      note: '我带抹布',
    });
    const wangCrew = first.body.id;
    const again = await signUp(tokens.wang, { shiftId: shiftOf.crew, personId: people.wang });
    t.equal(again.status, 409);
    t.equal(again.body.code, 'already_signed_up');
    const forOther = await signUp(tokens.wang, { shiftId: shiftOf.crew, personId: people.chen });
    t.equal(forOther.status, 403, 'a volunteer acts only for themself');
    t.equal((await signUp(tokens.wang, { shiftId: 'nope', personId: people.wang })).status, 404);
    t.equal(
      (await signUp(tokens.community, { shiftId: shiftOf.crew, personId: 'nope' })).status,
      404,
    );
    const mismatch = await signUp(tokens.li, {
      shiftId: shiftOf.seat,
      personId: people.li,
      seats: 3,
      companions: [{ name: '老伴' }],
    });
    t.equal(mismatch.status, 400, 'seats and companions must agree');
    t.same(
      mismatch.body.errors.map((e: { path: string }) => e.path),
      ['seats'],
    );

    // Idempotent retry: the same answer, nothing new.
    const key = { 'idempotency-key': 'li-seat-1' };
    const seat = await signUp(
      tokens.li,
      {
        shiftId: shiftOf.seat,
        personId: people.li,
        companions: [{ name: '老伴', birthDate: '1952-02-02' }],
      },
      key,
    );
    t.equal(seat.status, 201);
    t.equal(seat.body.seats, 2, 'seats default to 1 + companions');
    const replay = await signUp(
      tokens.li,
      {
        shiftId: shiftOf.seat,
        personId: people.li,
        companions: [{ name: '老伴', birthDate: '1952-02-02' }],
      },
      key,
    );
    t.equal(replay.status, 201);
    t.equal(replay.headers['idempotent-replayed'], 'true');
    t.equal(replay.body.id, seat.body.id);
    const reused = await signUp(tokens.li, { shiftId: shiftOf.seat, personId: people.li }, key);
    t.equal(reused.status, 422);
    t.equal(reused.body.code, 'idempotency_key_reused');
    t.equal((await call(admin, 'GET', `/v1/shifts/${shiftOf.seat}`)).body.seatsTaken, 2);

    const young = await signUp(tokens.zhao, { shiftId: shiftOf.seat, personId: people.zhao });
    t.equal(young.status, 422);
    t.match(young.body, { code: 'ineligible', reason: 'too_young' });
    const party = await signUp(tokens.community, {
      shiftId: shiftOf.seat,
      personId: people.chen,
      seats: 4,
    });
    t.equal(party.status, 422);
    t.match(party.body, { code: 'ineligible', reason: 'party_too_large' });

    // Full with a waitlist: waitlisted, promoted when a seat frees up.
    const chen = await signUp(tokens.chen, { shiftId: shiftOf.crew, personId: people.chen });
    t.equal(chen.body.status, 'confirmed');
    const li = await signUp(tokens.community, { shiftId: shiftOf.crew, personId: people.li });
    t.equal(li.status, 201);
    t.match(li.body, { status: 'waitlisted', waitlistPosition: 1 });
    const crewShift = await call(admin, 'GET', `/v1/shifts/${shiftOf.crew}`);
    t.match(crewShift.body, {
      seatsTaken: 2,
      seatsLeft: 0,
      waitlistCount: 1,
      understaffed: false,
    });

    // Full without a waitlist.
    t.equal(
      (await signUp(tokens.chen, { shiftId: shiftOf.solo, personId: people.chen })).status,
      409,
      'overlaps crew',
    );
    const soloTaken = await signUp(tokens.zhao, { shiftId: shiftOf.solo, personId: people.zhao });
    t.equal(soloTaken.status, 201);
    const full = await signUp(tokens.stranger, {
      shiftId: shiftOf.solo,
      personId: people.stranger,
    });
    t.equal(full.status, 409);
    t.equal(full.body.code, 'shift_full');
    const conflict = await signUp(tokens.wang, { shiftId: shiftOf.solo, personId: people.wang });
    t.equal(conflict.status, 409);
    t.match(conflict.body, { status: 409, type: 'urn:rota:error:schedule_conflict' });
    // One answer, not two: the overlap is decided before capacity (decideSignup's order).
    t.equal(conflict.body.code, 'schedule_conflict');

    const read = await call(tokens.wang, 'GET', `/v1/signups/${wangCrew}`);
    t.equal(read.status, 200);
    t.equal(read.body.id, wangCrew);
    t.equal((await call(tokens.chen, 'GET', `/v1/signups/${wangCrew}`)).status, 403);
    t.equal((await call(tokens.sibling, 'GET', `/v1/signups/${wangCrew}`)).status, 403);
    t.equal((await call(tokens.community, 'GET', `/v1/signups/${wangCrew}`)).status, 200);
    t.equal((await call(tokens.wang, 'GET', '/v1/signups/nope')).status, 404);

    // The roster: every signup in join order, as JSON and as CSV for Excel.
    const roster = await call(tokens.community, 'GET', `/v1/shifts/${shiftOf.crew}/roster`);
    t.equal(roster.status, 200);
    t.same(
      roster.body.items.map((r: { person: { name: string } }) => r.person.name),
      ['王芳', '陈静', '李建国'],
    );
    t.equal(roster.body.items[0].person.phone, '+8613800138000');
    const csv = await call(
      tokens.community,
      'GET',
      `/v1/shifts/${shiftOf.crew}/roster`,
      undefined,
      {
        accept: 'text/csv',
      },
    );
    t.equal(csv.status, 200);
    t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
    t.ok(csv.text.startsWith('\uFEFFname,phone,status'), 'a BOM, then the header row');
    const lines = csv.text.slice(1).trim().split('\r\n');
    t.equal(lines.length, 4);
    t.match(lines[1], /^王芳,"=""\+8613800138000""",confirmed/);
    t.match(lines[3], /^李建国,,waitlisted,1,/);
    t.equal((await call(tokens.wang, 'GET', `/v1/shifts/${shiftOf.crew}/roster`)).status, 403);
    t.equal((await call(tokens.sibling, 'GET', `/v1/shifts/${shiftOf.crew}/roster`)).status, 403);

    // Capacity below seats taken; raising it promotes.
    const below = await call(tokens.community, 'PATCH', `/v1/shifts/${shiftOf.seat}`, {
      capacity: 1,
    });
    t.equal(below.status, 409);
    t.equal(below.body.code, 'capacity_below_taken');
    t.equal(
      (await call(tokens.wang, 'PATCH', `/v1/shifts/${shiftOf.seat}`, { capacity: 20 })).status,
      403,
    );
    t.equal(
      (await call(tokens.community, 'PATCH', `/v1/shifts/${shiftOf.seat}`, { capacity: '20' }))
        .status,
      400,
    );
    const raised = await call(tokens.community, 'PATCH', `/v1/shifts/${shiftOf.seat}`, {
      capacity: 12,
    });
    t.equal(raised.status, 200);
    t.equal(raised.body.capacity, 12);

    // Cancelling: the waitlist moves up.
    t.equal((await call(tokens.li, 'DELETE', `/v1/signups/${wangCrew}`)).status, 403);
    const cancelled = await call(tokens.wang, 'DELETE', `/v1/signups/${wangCrew}`);
    t.equal(cancelled.status, 200);
    t.match(cancelled.body.signup, { status: 'cancelled', cancelReason: 'cancelled_by_person' });
    t.same(
      cancelled.body.promoted.map((s: { id: string }) => s.id),
      [li.body.id],
    );
    t.equal(cancelled.body.promoted[0].status, 'confirmed');

    // Attendance: organizers only.
    t.equal((await call(tokens.chen, 'POST', `/v1/signups/${chen.body.id}/check-in`)).status, 403);
    // Attendance is recorded once it happened (422 not_yet before): after the shift.
    setNow('2026-12-05T03:30:00.000Z');
    const inAt = '2026-12-05T01:05:00.000Z';
    const checkedIn = await call(tokens.community, 'POST', `/v1/signups/${chen.body.id}/check-in`, {
      at: inAt,
    });
    t.equal(checkedIn.status, 200);
    t.equal(Date.parse(checkedIn.body.checkedInAt), Date.parse(inAt));
    const badAt = await call(tokens.community, 'POST', `/v1/signups/${chen.body.id}/check-out`, {
      at: 'soon',
    });
    t.equal(badAt.status, 400);
    t.same(
      badAt.body.errors.map((e: { path: string }) => e.path),
      ['at'],
    );
    const checkedOut = await call(
      tokens.community,
      'POST',
      `/v1/signups/${chen.body.id}/check-out`,
      {
        at: '2026-12-05T03:00:00.000Z',
      },
    );
    t.equal(checkedOut.status, 200);
    t.equal(Date.parse(checkedOut.body.checkedOutAt), Date.parse('2026-12-05T03:00:00.000Z'));
    const noShow = await call(tokens.community, 'POST', `/v1/signups/${li.body.id}/no-show`);
    t.equal(noShow.status, 200);
    t.equal(noShow.body.noShow, true);
    t.equal((await call(tokens.community, 'POST', '/v1/signups/nope/no-show')).status, 404);

    // A wrong tap at the door is taken back, the last step first; organizers only.
    const chenAt = (step: string) => `/v1/signups/${chen.body.id}/${step}`;
    t.equal((await call(tokens.chen, 'DELETE', chenAt('check-out'))).status, 403);
    const underCheckOut = await call(tokens.community, 'DELETE', chenAt('check-in'));
    t.equal(underCheckOut.status, 409);
    t.equal(underCheckOut.body.code, 'invalid_state');
    const outUndone = await call(tokens.community, 'DELETE', chenAt('check-out'));
    t.equal(outUndone.status, 200);
    t.match(outUndone.body, { checkedOutAt: null, noShow: false });
    t.equal(Date.parse(outUndone.body.checkedInAt), Date.parse(inAt));
    t.equal(
      (await call(tokens.community, 'DELETE', chenAt('check-out'))).body.code,
      'invalid_state',
    );
    const noShowUndone = await call(
      tokens.community,
      'DELETE',
      `/v1/signups/${li.body.id}/no-show`,
    );
    t.equal(noShowUndone.status, 200);
    t.equal(noShowUndone.body.noShow, false);
    t.equal((await call(tokens.community, 'DELETE', '/v1/signups/nope/no-show')).status, 404);
    // Back as they were for what follows.
    t.equal(
      (
        await call(tokens.community, 'POST', chenAt('check-out'), {
          at: '2026-12-05T03:00:00.000Z',
        })
      ).status,
      200,
    );
    t.equal(
      (await call(tokens.community, 'POST', `/v1/signups/${li.body.id}/no-show`)).status,
      200,
    );
    setNow(NOW);

    // A person's own list and calendar feed.
    const mine = await call(tokens.chen, 'GET', `/v1/people/${people.chen}/signups`);
    t.equal(mine.status, 200);
    t.same(
      mine.body.items.map((s: { id: string }) => s.id),
      [chen.body.id],
    );
    t.match(mine.body.items[0], { shift: { name: '志愿者' }, event: { title: '擦洗宣传橱窗' } });
    t.equal((await call(tokens.wang, 'GET', `/v1/people/${people.chen}/signups`)).status, 403);
    t.equal(
      (await call(tokens.chen, 'GET', `/v1/people/${people.chen}/signups?status=maybe`)).status,
      400,
    );

    const link = await call(tokens.chen, 'POST', `/v1/people/${people.chen}/feed-key`);
    t.equal(link.status, 201, 'the person makes their feed key');
    const feed = await call(undefined, 'GET', link.body.feedUrl);
    t.equal(feed.status, 200);
    t.match(feed.headers['content-type'], /^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent');
    t.equal(events.length, 1, 'one confirmed shift');
    t.match(String(events[0]?.getFirstPropertyValue('summary')), '擦洗宣传橱窗');
    t.equal(
      (await call(undefined, 'GET', `/v1/people/${people.chen}/calendar.ics?key=wrong`)).status,
      401,
    );
    t.equal((await call(undefined, 'GET', `/v1/people/${people.chen}/calendar.ics`)).status, 401);

    // After the shift: hours, and signup closed.
    setNow('2026-12-06T00:00:00.000Z');
    const closed = await signUp(tokens.stranger, {
      shiftId: shiftOf.seat,
      personId: people.stranger,
    });
    t.equal(closed.status, 422);
    t.equal(closed.body.code, 'signup_closed');
    const hours = await call(tokens.chen, 'GET', `/v1/people/${people.chen}/hours`);
    t.equal(hours.status, 200);
    // Checked in at 09:05, out at 11:00 local: the attended minutes count.
    t.equal(hours.body.totalMinutes, 115);
    t.match(hours.body.items, [
      { signupId: chen.body.id, eventTitle: '擦洗宣传橱窗', minutes: 115 },
    ]);
    t.equal((await call(tokens.wang, 'GET', `/v1/people/${people.chen}/hours`)).status, 403);
    setNow(NOW);
  });
}
