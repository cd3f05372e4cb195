// Events: creating (from a template too), validating, listing (drafts for organizers only),
// patching with If-Match, publishing, occurrences and the calendar; cancelling an event
// cancels its signups. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import ICAL from 'ical.js';
import t from 'tap';
import { seedCommunity } from './helpers/seed-community.ts';
import { clinicInput, dayEventInput, seedDayEvent } from './helpers/seed-events.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`events on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const { units, tokens } = await seedCommunity(call, admin);
    const day = dayEventInput(units.community);

    const created = await call(tokens.community, 'POST', '/v1/events', day);
    t.equal(created.status, 201);
    t.match(created.body, {
      title: '擦洗宣传橱窗',
      status: 'published',
      version: 1,
      timeZone: 'Asia/Shanghai',
      signupWindow: { opensBeforeMinutes: null, closesBeforeMinutes: 0 },
    });
    t.match(created.body.slots[0], {
      key: 'crew',
      offsetMinutes: 0,
      durationMinutes: 120,
      maxPartySize: 1,
      waitlist: true,
    });
    const eventId = created.body.id;

    const clinic = await call(tokens.sub, 'POST', '/v1/events', clinicInput(units.community));
    t.equal(clinic.status, 201, 'a parent organizer creates from a template');
    t.equal(clinic.body.status, 'draft', 'status defaults to draft');
    t.same(
      clinic.body.slots.find((s: { key: string }) => s.key === 'vaccinator').requiredTags,
      ['medical'],
      "the template's slots, the vaccinator's qualification with them",
    );
    const clinicId = clinic.body.id;

    const invalid = await call(tokens.community, 'POST', '/v1/events', {
      ...day,
      recurrence: { rrule: 'FREQ=SOMETIMES' },
      slots: [day.slots[0], { ...day.slots[1], capacity: 0 }],
    });
    t.equal(invalid.status, 400);
    t.same(
      invalid.body.errors.map((e: { path: string }) => e.path),
      ['slots.1.capacity'],
    );
    const rrule = await call(tokens.community, 'POST', '/v1/events', {
      ...day,
      recurrence: { rrule: 'FREQ=SOMETIMES' },
    });
    t.equal(rrule.status, 400);
    t.same(
      rrule.body.errors.map((e: { path: string }) => e.path),
      ['recurrence.rrule'],
    );
    const zone = await call(tokens.community, 'POST', '/v1/events', {
      ...day,
      timeZone: 'Mars/Base',
    });
    t.equal(zone.status, 400);
    t.same(
      zone.body.errors.map((e: { path: string }) => e.path),
      ['timeZone'],
    );
    const typed = await call(tokens.community, 'POST', '/v1/events', {
      ...day,
      durationMinutes: '60',
    });
    t.equal(typed.status, 400, '"60" is not a number: nothing is coerced');
    t.same(
      typed.body.errors.map((e: { path: string }) => e.path),
      ['durationMinutes'],
    );
    t.equal(
      (await call(tokens.sibling, 'POST', '/v1/events', day)).status,
      403,
      'a sibling organizer may not create here',
    );
    t.equal((await call(tokens.wang, 'POST', '/v1/events', day)).status, 403);
    t.equal(
      (await call(tokens.community, 'POST', '/v1/events', { ...day, unitId: 'nope' })).status,
      404,
    );

    const draftByVolunteer = await call(tokens.wang, 'GET', `/v1/events/${clinicId}`);
    t.equal(draftByVolunteer.status, 404, 'drafts are visible to organizers only');
    t.equal((await call(tokens.sibling, 'GET', `/v1/events/${clinicId}`)).status, 404);
    const draftByOrganizer = await call(tokens.community, 'GET', `/v1/events/${clinicId}`);
    t.equal(draftByOrganizer.status, 200);
    t.equal(draftByOrganizer.headers.etag, '"1"');
    t.equal((await call(tokens.wang, 'GET', `/v1/events/${eventId}`)).status, 200);

    const list = await call(tokens.wang, 'GET', `/v1/events?unitId=${units.sub}`);
    t.equal(list.status, 200);
    t.same(
      list.body.items.map((e: { id: string }) => e.id),
      [eventId],
      'no drafts for volunteers',
    );
    const orgList = await call(
      tokens.community,
      'GET',
      `/v1/events?unitId=${units.community}&to=2027-01-31T00:00:00Z`,
    );
    t.same(
      orgList.body.items.map((e: { id: string }) => e.id).sort(),
      [eventId, clinicId].sort(),
      'organizers see their drafts',
    );
    const span = await call(
      tokens.wang,
      'GET',
      '/v1/events?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z',
    );
    t.equal(span.status, 400);
    t.same(
      span.body.errors.map((e: { path: string }) => e.path),
      ['query.to'],
    );
    const badKind = await call(tokens.wang, 'GET', '/v1/events?kind=party&limit=9999');
    t.equal(badKind.status, 400);
    t.same(badKind.body.errors.map((e: { path: string }) => e.path).sort(), [
      'query.kind',
      'query.limit',
    ]);

    const stale = await call(
      tokens.community,
      'PATCH',
      `/v1/events/${clinicId}`,
      { title: '接种点（改）' },
      { 'if-match': '"7"' },
    );
    t.equal(stale.status, 412);
    t.equal(stale.body.code, 'version_conflict');
    const patched = await call(
      tokens.community,
      'PATCH',
      `/v1/events/${clinicId}`,
      { title: '临时疫苗接种点 · 王家园社区' },
      { 'if-match': '"1"' },
    );
    t.equal(patched.status, 200);
    t.equal(patched.body.version, 2);
    t.equal(patched.body.title, '临时疫苗接种点 · 王家园社区');
    t.equal(
      (await call(tokens.sibling, 'PATCH', `/v1/events/${clinicId}`, { title: 'x' })).status,
      404,
      'a draft does not exist for a sibling organizer',
    );
    t.equal(
      (await call(tokens.wang, 'PATCH', `/v1/events/${eventId}`, { title: 'x' })).status,
      403,
    );
    t.equal(
      (await call(tokens.community, 'PATCH', `/v1/events/${eventId}`, { status: 'cancelled' }))
        .status,
      400,
      'status is not patched',
    );

    const published = await call(tokens.community, 'POST', `/v1/events/${clinicId}/publish`);
    t.equal(published.status, 200);
    t.equal(published.body.status, 'published');
    t.equal((await call(tokens.wang, 'POST', `/v1/events/${clinicId}/publish`)).status, 403);
    t.equal((await call(tokens.community, 'POST', '/v1/events/nope/publish')).status, 404);

    const occurrences = await call(
      tokens.wang,
      'GET',
      `/v1/events/${clinicId}/occurrences?to=2027-01-31T00:00:00Z`,
    );
    t.equal(occurrences.status, 200);
    t.same(
      occurrences.body.items.map((o: { localStart: string }) => o.localStart.slice(0, 16)),
      ['2026-12-12T08:00', '2026-12-26T08:00', '2027-01-02T08:00'],
      'weekly on Saturdays, without the excluded date',
    );
    t.equal(occurrences.body.items[0].start, '2026-12-12T08:00:00+08:00');

    const ics = await call(tokens.wang, 'GET', `/v1/events/${clinicId}/calendar.ics`);
    t.equal(ics.status, 200);
    t.match(ics.headers['content-type'], /^text\/calendar; charset=utf-8/);
    const vevent = new ICAL.Component(ICAL.parse(ics.text)).getFirstSubcomponent('vevent');
    t.ok(vevent, 'parses as iCalendar');
    t.equal(String(vevent?.getFirstPropertyValue('summary')), '临时疫苗接种点 · 王家园社区');
    t.match(ics.text, /RRULE:FREQ=WEEKLY/);

    const dayOccurrences = await call(tokens.wang, 'GET', `/v1/events/${eventId}/occurrences`);
    const shiftOf: Record<string, string> = {};
    for (const shift of dayOccurrences.body.items[0].shifts) shiftOf[shift.slotKey] = shift.id;
    t.same(Object.keys(shiftOf).sort(), ['crew', 'seat', 'solo']);
  });

  t.test(`cancelling an event on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const { units, people, tokens } = await seedCommunity(call, admin);
    const { eventId, shiftOf } = await seedDayEvent(call, tokens.community, units.community);
    // One the person cancelled themself before the event is: it keeps no note of the office.
    const own = await call(tokens.wang, 'POST', '/v1/signups', {
      shiftId: shiftOf.solo,
      personId: people.wang,
    });
    t.equal(own.status, 201);
    t.equal((await call(tokens.wang, 'DELETE', `/v1/signups/${own.body.id}`)).status, 200);

    // Two confirmed and one waitlisted on the crew: every one of them is cancelled.
    for (const key of ['wang', 'chen', 'li'] as const) {
      const signup = await call(tokens[key], 'POST', '/v1/signups', {
        shiftId: shiftOf.crew,
        personId: people[key],
      });
      t.equal(signup.status, 201, `${key} signs up`);
    }

    t.equal(
      (await call(tokens.wang, 'POST', `/v1/events/${eventId}/cancel`, { reason: 'x' })).status,
      403,
    );
    const bad = await call(tokens.community, 'POST', `/v1/events/${eventId}/cancel`, {
      why: '下雨',
    });
    t.equal(bad.status, 400);
    t.same(
      bad.body.errors.map((e: { path: string }) => e.path),
      ['why'],
    );
    const cancelled = await call(tokens.community, 'POST', `/v1/events/${eventId}/cancel`, {
      reason: '下雨',
    });
    t.equal(cancelled.status, 200);
    t.match(cancelled.body, { status: 'cancelled', cancelReason: '下雨' });
    const crew = await call(tokens.community, 'GET', `/v1/shifts/${shiftOf.crew}/roster`);
    t.same(
      crew.body.items.map((s: { status: string; cancelReason: string }) => [
        s.status,
        s.cancelReason,
      ]),
      [
        ['cancelled', 'event_cancelled'],
        ['cancelled', 'event_cancelled'],
        ['cancelled', 'event_cancelled'],
      ],
      'every future signup is cancelled, the waitlisted one too',
    );
    // The volunteer reads the office's words with the cancelled signup, not their own one's.
    const mine = await call(tokens.wang, 'GET', `/v1/people/${people.wang}/signups`);
    t.equal(mine.status, 200);
    const on = (shiftId: string) =>
      mine.body.items.find((s: { shiftId: string }) => s.shiftId === shiftId);
    t.match(on(shiftOf.crew), { cancelReason: 'event_cancelled', cancelNote: '下雨' });
    t.match(on(shiftOf.solo), { cancelReason: 'cancelled_by_person', cancelNote: null });
  });
}
