// Issue 11: what a hurried or careless user could break. One subtest per numbered item, each
// failing before its fix. Runs on PGlite, and again on PostgreSQL when DATABASE_URL is set.
import net from 'node:net';
import ICAL from 'ical.js';
import t from 'tap';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

// Saturday 28 November 2026, 12:00 in Shanghai.
const NOW = '2026-11-28T04:00:00.000Z';

/** The starts (UTC ms) of a feed's master VEVENT expanded by ical.js, with its overrides. */
function feedStarts(text: string, limit = 100): number[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent');
  const master = vevents.find((v) => !v.hasProperty('recurrence-id'));
  if (!master) return [];
  const event = new ICAL.Event(master);
  for (const override of vevents.filter((v) => v.hasProperty('recurrence-id'))) {
    event.relateException(override);
  }
  if (!event.isRecurring()) return [event.startDate.toJSDate().getTime()];
  const iterator = event.iterator();
  const out: number[] = [];
  for (let next = iterator.next(); next && out.length < limit; next = iterator.next()) {
    out.push(event.getOccurrenceDetails(next).startDate.toJSDate().getTime());
  }
  return out;
}

for (const backend of backends) {
  t.test(`issue 11 on ${backend}`, async (t) => {
    const { app, db, call, admin, setNow } = await buildTestApp(t, { now: NOW, backend });
    const unit = (await call(admin, 'POST', '/v1/units', { name: '王家园社区', kind: 'community' }))
      .body.id as string;
    const organizer = (await call(admin, 'POST', '/v1/tokens', { role: 'organizer', unitId: unit }))
      .body.token as string;
    const person = (
      await call(organizer, 'POST', '/v1/people', {
        name: '王芳',
        unitId: unit,
        birthDate: '1990-05-01',
      })
    ).body.id as string;
    const volunteer = (
      await call(organizer, 'POST', '/v1/tokens', { role: 'volunteer', personId: person })
    ).body.token as string;

    const slot = { key: 'helper', name: '志愿者', role: 'volunteer', capacity: 3, minNeeded: 2 };
    const oneOff = (start: string, durationMinutes: number, extra: object = {}) => ({
      unitId: unit,
      kind: 'general',
      title: '清扫楼道',
      start,
      durationMinutes,
      slots: [slot],
      status: 'published',
      ...extra,
    });

    await t.test('1: a started shift keeps its signups: no cancel erases the hours', async (t) => {
      setNow(NOW);
      const event = await call(organizer, 'POST', '/v1/events', oneOff('2026-11-28T13:00', 60));
      t.equal(event.status, 201);
      const occurrences = await call(organizer, 'GET', `/v1/events/${event.body.id}/occurrences`);
      const shiftId = occurrences.body.items[0].shifts[0].id as string;
      const signup = await call(volunteer, 'POST', '/v1/signups', { shiftId, personId: person });
      t.equal(signup.status, 201);
      const id = signup.body.id as string;

      setNow('2026-11-28T05:00:00.000Z'); // 13:00, the start
      t.equal((await call(organizer, 'POST', `/v1/signups/${id}/check-in`)).status, 200);
      setNow('2026-11-28T06:00:00.000Z'); // 14:00, the end
      t.equal((await call(organizer, 'POST', `/v1/signups/${id}/check-out`)).status, 200);
      const before = await call(volunteer, 'GET', `/v1/people/${person}/hours`);
      t.equal(before.body.totalMinutes, 60);

      for (const token of [volunteer, organizer]) {
        const cancel = await call(token, 'DELETE', `/v1/signups/${id}`);
        t.equal(cancel.status, 422, 'nobody cancels a signup of a started shift');
        t.equal(cancel.body.code, 'in_the_past');
        t.match(cancel.headers['content-type'], /application\/problem\+json/);
      }
      const after = await call(volunteer, 'GET', `/v1/people/${person}/hours`);
      t.equal(after.body.totalMinutes, 60, 'the hours are still there');
      t.equal((await call(volunteer, 'GET', `/v1/signups/${id}`)).body.status, 'confirmed');

      const cancelOccurrence = await call(
        organizer,
        'PATCH',
        `/v1/occurrences/${occurrences.body.items[0].id}`,
        { status: 'cancelled' },
      );
      t.equal(cancelOccurrence.status, 422, 'a started occurrence is not cancelled after the fact');
      t.equal(cancelOccurrence.body.code, 'in_the_past');
      t.equal((await call(volunteer, 'GET', `/v1/people/${person}/hours`)).body.totalMinutes, 60);
      setNow(NOW);
    });

    await t.test('2: attendance is not recorded ahead of time', async (t) => {
      setNow(NOW); // 12:00
      const event = await call(organizer, 'POST', '/v1/events', oneOff('2026-11-28T14:00', 5));
      t.equal(event.status, 201);
      const occurrences = await call(organizer, 'GET', `/v1/events/${event.body.id}/occurrences`);
      const shiftId = occurrences.body.items[0].shifts[0].id as string;
      const signup = await call(volunteer, 'POST', '/v1/signups', { shiftId, personId: person });
      const id = signup.body.id as string;

      const early = await call(organizer, 'POST', `/v1/signups/${id}/no-show`);
      t.equal(early.status, 422, 'no no-show before the shift starts');
      t.equal(early.body.code, 'not_yet');
      const ahead = await call(organizer, 'POST', `/v1/signups/${id}/check-in`, {
        at: '2026-11-28T14:00:00+08:00',
      });
      t.equal(ahead.status, 422, 'no check-in two hours ahead of the clock');
      t.equal(ahead.body.code, 'not_yet');
      t.match(ahead.body.errors, [{ path: 'at', message: 'must not be later than now' }]);

      setNow('2026-11-28T06:00:00.000Z'); // 14:00
      const skew = await call(organizer, 'POST', `/v1/signups/${id}/check-in`, {
        at: '2026-11-28T14:03:00+08:00',
      });
      t.equal(skew.status, 200, 'a few minutes of clock skew are fine');
      const future = await call(organizer, 'POST', `/v1/signups/${id}/check-out`, {
        at: '2026-11-28T14:22:00+08:00',
      });
      t.equal(future.status, 422, 'a check-out 22 minutes in the future is refused');
      t.equal(future.body.code, 'not_yet');
      const zh = await call(
        organizer,
        'POST',
        `/v1/signups/${id}/check-out`,
        { at: '2026-11-28T14:22:00+08:00' },
        { 'accept-language': 'zh-CN' },
      );
      t.same([zh.body.title, zh.body.errors[0].message], ['该时间尚未到来', '不能晚于当前时间']);

      setNow('2026-11-28T06:30:00.000Z'); // 14:30
      const out = await call(organizer, 'POST', `/v1/signups/${id}/check-out`, {
        at: '2026-11-28T14:26:00+08:00',
      });
      t.equal(out.status, 200);
      const hours = await call(organizer, 'GET', `/v1/people/${person}/hours`);
      const item = hours.body.items.find((i: { signupId: string }) => i.signupId === id);
      // What the organizer recorded, 14:03-14:26, within the shift's tolerance (issue 10's
      // bounds); no future time inflates it any more.
      t.equal(item.minutes, 23);
      setNow(NOW);
    });

    await t.test('3: an occurrence moves neither into the past nor onto another', async (t) => {
      setNow(NOW);
      // Monday 30 November 09:00, weekly, three times.
      const event = await call(
        organizer,
        'POST',
        '/v1/events',
        oneOff('2026-11-30T09:00', 60, { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } }),
      );
      t.equal(event.status, 201);
      const list = await call(organizer, 'GET', `/v1/events/${event.body.id}/occurrences`);
      t.equal(list.body.items.length, 3);
      const [first, second] = list.body.items;

      const past = await call(organizer, 'PATCH', `/v1/occurrences/${second.id}`, {
        start: '2026-11-27T09:00',
      });
      t.equal(past.status, 422);
      t.equal(past.body.code, 'in_the_past');
      t.match(past.body.errors, [{ path: 'start' }]);

      const onto = await call(organizer, 'PATCH', `/v1/occurrences/${second.id}`, {
        start: '2026-11-30T09:00',
      });
      t.equal(onto.status, 409);
      t.equal(onto.body.code, 'occurrence_taken');
      t.match(onto.body.errors, [{ path: 'start' }]);

      const fine = await call(organizer, 'PATCH', `/v1/occurrences/${second.id}`, {
        start: '2026-12-08T09:00',
      });
      t.equal(fine.status, 200, 'a move to a free future time still works');

      setNow('2026-11-30T01:30:00.000Z'); // Monday 09:30: the first occurrence is under way
      const started = await call(organizer, 'PATCH', `/v1/occurrences/${first.id}`, {
        start: '2026-12-01T09:00',
      });
      t.equal(started.status, 422, 'an occurrence under way stays where it happened');
      t.equal(started.body.code, 'in_the_past');
      setNow(NOW);
    });

    await t.test('4: an event that is already over is refused; API and feed agree', async (t) => {
      setNow(NOW); // 12:00 in Shanghai
      const over = await call(organizer, 'POST', '/v1/events', oneOff('2026-11-28T08:00', 60));
      t.equal(over.status, 422);
      t.equal(over.body.code, 'in_the_past');
      t.match(over.body.errors, [{ path: 'start' }]);

      const draft = await call(
        organizer,
        'POST',
        '/v1/events',
        oneOff('2026-11-28T13:00', 60, { status: 'draft' }),
      );
      t.equal(draft.status, 201);
      setNow('2026-11-28T07:00:00.000Z'); // 15:00: the draft's only occurrence is over
      const publish = await call(organizer, 'POST', `/v1/events/${draft.body.id}/publish`);
      t.equal(publish.status, 422);
      t.equal(publish.body.code, 'in_the_past');
      setNow(NOW);

      // Started at 11:30 and still running: the API lists it, and the feed shows that one.
      const running = await call(organizer, 'POST', '/v1/events', oneOff('2026-11-28T11:30', 60));
      t.equal(running.status, 201);
      const occurrences = await call(organizer, 'GET', `/v1/events/${running.body.id}/occurrences`);
      t.equal(occurrences.body.items.length, 1);
      const feed = await call(organizer, 'GET', `/v1/events/${running.body.id}/calendar.ics`);
      t.same(
        feedStarts(feed.text),
        occurrences.body.items.map((o: { start: string }) => Date.parse(o.start)),
      );

      const patch = await call(organizer, 'PATCH', `/v1/events/${running.body.id}`, {
        start: '2026-11-28T08:00',
      });
      t.equal(patch.status, 422, 'a one-off event is not moved into the past either');
      t.equal(patch.body.code, 'in_the_past');
    });

    await t.test('5: a start the rule does not produce is refused, naming the first', async (t) => {
      setNow(NOW);
      const tuesday = await call(
        organizer,
        'POST',
        '/v1/events',
        oneOff('2026-12-22T10:00', 60, { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' } }),
      );
      t.equal(tuesday.status, 400);
      t.equal(tuesday.body.code, 'validation_failed');
      t.match(tuesday.body.errors, [{ path: 'start', message: /2026-12-28T10:00/ }]);

      const monday = await call(
        organizer,
        'POST',
        '/v1/events',
        oneOff('2026-12-28T10:00', 60, { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' } }),
      );
      t.equal(monday.status, 201);
      const occurrences = await call(
        organizer,
        'GET',
        `/v1/events/${monday.body.id}/occurrences?from=2026-12-01T00:00:00Z&to=2027-03-01T00:00:00Z`,
      );
      const feed = await call(organizer, 'GET', `/v1/events/${monday.body.id}/calendar.ics`);
      t.same(
        feedStarts(feed.text),
        occurrences.body.items.map((o: { start: string }) => Date.parse(o.start)),
        'ical.js expands the feed to exactly the API occurrences',
      );
      t.equal(occurrences.body.items.length, 4);

      const patched = await call(organizer, 'PATCH', `/v1/events/${monday.body.id}`, {
        start: '2026-12-29T10:00',
      });
      t.equal(patched.status, 400, 'a PATCH to such a start is refused too');
      t.match(patched.body.errors, [{ path: 'start', message: /2027-01-04T10:00/ }]);
    });

    await t.test('6: the shifts of a draft are marked draft, not open', async (t) => {
      setNow(NOW);
      const draft = await call(
        organizer,
        'POST',
        '/v1/events',
        oneOff('2026-12-02T09:00', 60, { status: 'draft', title: '草稿活动' }),
      );
      t.equal(draft.status, 201);
      const search = await call(
        organizer,
        'GET',
        `/v1/shifts?understaffed=true&unitId=${unit}&limit=500`,
      );
      t.equal(search.status, 200);
      const mine = search.body.items.filter(
        (shift: { eventId: string }) => shift.eventId === draft.body.id,
      );
      t.equal(mine.length, 1);
      t.equal(mine[0].status, 'draft');
      t.ok(
        search.body.items.some((shift: { status: string }) => shift.status === 'open'),
        "published events' shifts stay open",
      );
      const direct = await call(organizer, 'GET', `/v1/shifts/${mine[0].id}`);
      t.equal(direct.body.status, 'draft');
    });

    await t.test('7: a birth date in the future is refused', async (t) => {
      setNow(NOW);
      const created = await call(organizer, 'POST', '/v1/people', {
        name: '未来人',
        unitId: unit,
        birthDate: '2030-01-01',
      });
      t.equal(created.status, 400);
      t.match(created.body.errors, [{ path: 'birthDate', message: 'must not be in the future' }]);
      const patched = await call(organizer, 'PATCH', `/v1/people/${person}`, {
        birthDate: '2026-11-29',
      });
      t.equal(patched.status, 400, 'tomorrow in Shanghai is the future too... ');
      const today = await call(organizer, 'PATCH', `/v1/people/${person}`, {
        birthDate: '2026-11-28',
      });
      t.equal(today.status, 200, 'born today is fine');
      await call(organizer, 'PATCH', `/v1/people/${person}`, { birthDate: '1990-05-01' });

      const shifts = await call(organizer, 'GET', `/v1/shifts?unitId=${unit}&role=volunteer`);
      const open = shifts.body.items.find((s: { status: string }) => s.status === 'open');
      const companion = await call(volunteer, 'POST', '/v1/signups', {
        shiftId: open.id,
        personId: person,
        companions: [{ name: '小明', birthDate: '2031-02-03' }],
      });
      t.equal(companion.status, 400);
      t.match(companion.body.errors, [{ path: 'companions.0.birthDate' }]);
    });

    await t.test('11: one appointment per person per occurrence, by the database', async (t) => {
      setNow(NOW);
      const clinic = await call(organizer, 'POST', '/v1/events', {
        unitId: unit,
        kind: 'vaccination_clinic',
        title: '疫苗接种点',
        start: '2026-12-05T09:00',
        durationMinutes: 120,
        recurrence: { rrule: 'FREQ=DAILY;COUNT=2' },
        slots: [
          {
            key: 'appointment',
            name: '预约接种',
            role: 'attendee',
            capacity: 5,
            durationMinutes: 30,
            repeatEveryMinutes: 30,
          },
          { key: 'desk', name: '登记员', role: 'volunteer', capacity: 2, durationMinutes: 30 },
        ],
        status: 'published',
      });
      t.equal(clinic.status, 201);
      t.equal(clinic.body.slots[0].onePerPerson, true, 'on by default for appointments');
      t.equal(clinic.body.slots[1].onePerPerson, false, 'off for other slots');
      const list = await call(organizer, 'GET', `/v1/events/${clinic.body.id}/occurrences`);
      const [day1, day2] = list.body.items;
      const appointments = (o: { shifts: { id: string; slotKey: string }[] }) =>
        o.shifts.filter((s) => s.slotKey === 'appointment').map((s) => s.id);
      const [nine, nineThirty, ten] = appointments(day1) as [string, string, string];

      const first = await call(volunteer, 'POST', '/v1/signups', {
        shiftId: nine,
        personId: person,
      });
      t.equal(first.status, 201);
      const second = await call(volunteer, 'POST', '/v1/signups', {
        shiftId: nineThirty,
        personId: person,
      });
      t.equal(second.status, 409);
      t.equal(second.body.code, 'one_per_occurrence');
      const byOrganizer = await call(organizer, 'POST', '/v1/signups', {
        shiftId: ten,
        personId: person,
      });
      t.equal(byOrganizer.status, 409, 'an organizer cannot book a second one either');
      const nextDay = await call(volunteer, 'POST', '/v1/signups', {
        shiftId: appointments(day2)[0],
        personId: person,
      });
      t.equal(nextDay.status, 201, 'another occurrence is another appointment');

      // Cancelled, the place is free again.
      t.equal((await call(volunteer, 'DELETE', `/v1/signups/${first.body.id}`)).status, 200);
      const again = await call(volunteer, 'POST', '/v1/signups', {
        shiftId: ten,
        personId: person,
      });
      t.equal(again.status, 201);
      await call(volunteer, 'DELETE', `/v1/signups/${again.body.id}`);

      // At once, on three repeats: exactly one wins.
      const racers = await Promise.all(
        [nine, nineThirty, ten].map((shiftId) =>
          call(volunteer, 'POST', '/v1/signups', { shiftId, personId: person }),
        ),
      );
      t.same(racers.map((r) => r.status).sort(), [201, 409, 409]);
      const held = await db.shifts.roster(nine);
      const rosters = [held, await db.shifts.roster(nineThirty), await db.shifts.roster(ten)];
      const active = rosters
        .flat()
        .filter((entry) => entry.personId === person && entry.status !== 'cancelled');
      t.equal(active.length, 1, 'one active appointment in the database');
    });

    await t.test('12: errors in Chinese for Accept-Language zh-CN; English stays', async (t) => {
      setNow(NOW);
      const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
      const bad = {
        unitId: unit,
        kind: 'general',
        title: '擦洗宣传橱窗',
        start: '2026-12-05T14:00',
        durationMinutes: 60,
        slots: [{ key: 'volunteer', name: '志愿者', role: 'volunteer', capacity: 0 }],
      };
      const chinese = await call(organizer, 'POST', '/v1/events', bad, zh);
      t.equal(chinese.status, 400);
      t.equal(chinese.headers['content-language'], 'zh-CN');
      t.equal(chinese.body.code, 'validation_failed', 'the code stays the same');
      t.equal(chinese.body.title, '请求内容有误');
      t.match(chinese.body.errors, [{ path: 'slots.0.capacity', message: /^[^a-zA-Z]*过小/ }]);
      t.notMatch(chinese.body.detail, /Too small/);
      const english = await call(organizer, 'POST', '/v1/events', bad);
      t.equal(english.body.title, 'The request is not valid');
      t.match(english.body.errors, [{ message: 'Too small: expected number to be >=1' }]);

      const query = await call(organizer, 'GET', '/v1/shifts?limit=0&understaffd=1', undefined, zh);
      t.same(query.body.errors, [
        { path: 'query.limit', message: '不能小于 1' },
        { path: 'query.understaffd', message: '未知字段' },
      ]);
      const missing = await call(volunteer, 'GET', '/v1/shifts/nope', undefined, zh);
      t.equal(missing.status, 404);
      t.same([missing.body.title, missing.body.detail], ['未找到', '没有 id 为 nope 的班次']);
      const unauthorized = await call(undefined, 'GET', '/v1/units', undefined, zh);
      t.equal(unauthorized.status, 401);
      t.match(unauthorized.body.title, /令牌/);

      const shifts = await call(organizer, 'GET', `/v1/shifts?unitId=${unit}&role=volunteer`);
      const shiftId = shifts.body.items.find((s: { status: string }) => s.status === 'open').id;
      const csv = await call(organizer, 'GET', `/v1/shifts/${shiftId}/roster.csv`, undefined, zh);
      t.equal(csv.status, 200);
      t.match(csv.text, /^\uFEFF姓名,电话,状态/);
      const csvEnglish = await call(organizer, 'GET', `/v1/shifts/${shiftId}/roster.csv`);
      t.match(csvEnglish.text, /^\uFEFFname,phone,status/);
    });

    await t.test('8 and 15: SEQUENCE grows with changes; the personal feed', async (t) => {
      setNow(NOW);
      const created = await call(
        organizer,
        'POST',
        '/v1/events',
        oneOff('2026-12-07T09:00', 60, {
          title: '社区义诊',
          description: '请带好医保卡',
          location: { name: '王家园社区活动室', address: '王家园路 1 号' },
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
        }),
      );
      t.equal(created.status, 201);
      const id = created.body.id as string;
      const vevents = async () => {
        const feed = await call(organizer, 'GET', `/v1/events/${id}/calendar.ics`);
        return new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent');
      };
      const sequence = (v: ICAL.Component) => Number(v.getFirstPropertyValue('sequence') ?? 0);
      t.equal(sequence((await vevents())[0]!), 0);
      for (const title of ['社区义诊（一）', '社区义诊（二）', '社区义诊（三）']) {
        t.equal((await call(organizer, 'PATCH', `/v1/events/${id}`, { title })).status, 200);
      }
      t.equal(sequence((await vevents())[0]!), 3, 'three changes, SEQUENCE 3');
      const list = await call(organizer, 'GET', `/v1/events/${id}/occurrences`);
      const moved = await call(organizer, 'PATCH', `/v1/occurrences/${list.body.items[1].id}`, {
        start: '2026-12-15T09:00',
      });
      t.equal(moved.status, 200);
      const after = await vevents();
      t.equal(after.length, 2, 'the master and the moved occurrence');
      t.ok(
        after.every((v) => sequence(v) === 4),
        'a move is a change too',
      );

      // The personal feed: location and description, and a cancel stays as CANCELLED.
      const shiftId = list.body.items[0].shifts[0].id as string;
      const signup = await call(volunteer, 'POST', '/v1/signups', { shiftId, personId: person });
      t.equal(signup.status, 201);
      const { feedUrl } = (await call(volunteer, 'POST', `/v1/people/${person}/feed-key`)).body;
      const personal = async () => {
        const feed = await call(undefined, 'GET', feedUrl);
        return new ICAL.Component(ICAL.parse(feed.text))
          .getAllSubcomponents('vevent')
          .find((v) => v.getFirstPropertyValue('uid') === `${signup.body.id}@rota`);
      };
      const entry = await personal();
      t.ok(entry, 'the signup is in the feed');
      t.equal(entry!.getFirstPropertyValue('location'), '王家园社区活动室, 王家园路 1 号');
      t.equal(entry!.getFirstPropertyValue('description'), '请带好医保卡');
      t.equal(entry!.getFirstPropertyValue('status'), 'CONFIRMED');
      t.equal((await call(volunteer, 'DELETE', `/v1/signups/${signup.body.id}`)).status, 200);
      const cancelled = await personal();
      t.ok(cancelled, 'a cancelled signup stays in the feed');
      t.equal(cancelled!.getFirstPropertyValue('status'), 'CANCELLED');
      t.ok(sequence(cancelled!) > sequence(entry!), 'with a higher SEQUENCE');
    });

    await t.test('9: a request the HTTP parser refuses is problem+json', async (t) => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as net.AddressInfo;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(
            Buffer.concat([
              Buffer.from('GET /v1/units?name='),
              Buffer.from('王家园', 'utf8'),
              Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
            ]),
          );
        });
        let out = '';
        socket.on('data', (chunk) => {
          out += chunk;
        });
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      t.match(raw, /^HTTP\/1\.1 400 /);
      t.match(raw, /content-type: application\/problem\+json; charset=utf-8/i);
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
      t.match(body, { status: 400, code: 'validation_failed', type: /^urn:rota:error:/ });
      const encoded = await call(admin, 'GET', `/v1/units?parentId=${encodeURIComponent('王')}`);
      t.equal(encoded.status, 404, 'the same text percent-encoded reaches the route');
    });

    await t.test('10: an unknown query parameter is a 400 naming it', async (t) => {
      const misspelt = await call(organizer, 'GET', '/v1/shifts?understaffd=true');
      t.equal(misspelt.status, 400);
      t.equal(misspelt.body.code, 'validation_failed');
      t.match(misspelt.body.errors, [{ path: 'query.understaffd', message: 'unknown field' }]);
      for (const url of [
        `/v1/units/${unit}?verbose=1`,
        '/v1/templates?lang=zh',
        `/v1/people/${person}/hours?form=2026-01-01T00:00:00Z`,
        '/v1/events?unit=1',
        '/health?x=1',
      ]) {
        const res = await call(organizer, 'GET', url);
        t.equal(res.status, 400, url);
        t.match(res.headers['content-type'], /application\/problem\+json/);
        t.match(res.body.errors?.[0]?.path, /^query\./, `${url} names the parameter`);
      }
    });
  });
}
