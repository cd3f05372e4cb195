// The demo flow through the typed client against a real listening server (fetch over TCP):
// an organizer sets up a shift with one seat and a waitlist; a volunteer finds it and signs
// up; a second is waitlisted; the first cancels and the second is promoted; the organizer
// reads the roster as JSON and as CSV; the promoted volunteer's calendar feed lists the shift.
// Every call is typed from the generated `paths`: a wrong path, parameter or body fails tsc.
import { buildApp } from '@rota/api';
import { createDatabase } from '@rota/db';
import t from 'tap';
import { allPages, createRotaClient, idempotent, RotaProblem, unwrap } from '../src/index.ts';

// The server's clock: Saturday 28 November 2026, noon in Shanghai; the shift is a week later.
const NOW = '2026-11-28T04:00:00.000Z';

t.test('volunteer finds a shift, waitlist, promotion, roster, feed', async (t) => {
  const db = await createDatabase({});
  const app = await buildApp({ db, now: () => NOW });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(async () => {
    await app.close();
    await db.close();
  });
  const adminToken = (await db.tokens.create({ role: 'admin', label: 'demo flow' })).token;
  const admin = createRotaClient({ baseUrl, token: adminToken });

  // Set-up: a community, its organizer, two volunteers with their tokens.
  const unit = await unwrap(
    admin.POST('/v1/units', { body: { name: '王家园社区', kind: 'community' } }),
  );
  const organizerToken = await unwrap(
    admin.POST('/v1/tokens', { body: { role: 'organizer', unitId: unit.id } }),
  );
  const organizer = createRotaClient({ baseUrl, token: organizerToken.token });
  const wang = await unwrap(
    organizer.POST('/v1/people', { body: { name: '王伟', unitId: unit.id } }),
  );
  const li = await unwrap(
    organizer.POST('/v1/people', { body: { name: '李娜, "小李"', unitId: unit.id } }),
  );
  const volunteer = async (personId: string) =>
    createRotaClient({
      baseUrl,
      token: (await unwrap(organizer.POST('/v1/tokens', { body: { role: 'volunteer', personId } })))
        .token,
    });
  const wangClient = await volunteer(wang.id);
  const liClient = await volunteer(li.id);

  const event = await unwrap(
    organizer.POST('/v1/events', {
      body: {
        unitId: unit.id,
        kind: 'cleanup_drive',
        title: '垃圾分类督导',
        start: '2026-12-05T08:00',
        durationMinutes: 120,
        status: 'published',
        slots: [{ key: 'guide', name: '督导员', role: 'volunteer', capacity: 1, waitlist: true }],
      },
    }),
  );

  // 1. The volunteer finds an open shift (every page, through allPages).
  const found = [];
  for await (const shift of allPages((cursor) =>
    unwrap(
      wangClient.GET('/v1/shifts', {
        params: { query: { available: 'true', unitId: unit.id, limit: 1, cursor } },
      }),
    ),
  )) {
    found.push(shift);
  }
  t.equal(found.length, 1);
  const shift = found[0]!;
  t.equal(shift.eventId, event.id);

  // 2. 王伟 signs up (retry-safe: the same key twice is one signup).
  const key = idempotent();
  const body = { shiftId: shift.id, personId: wang.id };
  const first = await unwrap(wangClient.POST('/v1/signups', { params: { header: key }, body }));
  const retried = await wangClient.POST('/v1/signups', { params: { header: key }, body });
  t.equal(first.status, 'confirmed');
  t.equal(retried.response.headers.get('idempotent-replayed'), 'true');
  t.equal(retried.data?.id, first.id);

  // 3. 李娜 comes second: waitlisted; a third try is a typed problem.
  const second = await unwrap(
    liClient.POST('/v1/signups', { body: { shiftId: shift.id, personId: li.id } }),
  );
  t.equal(second.status, 'waitlisted');
  t.equal(second.waitlistPosition, 1);
  const again = await unwrap(
    liClient.POST('/v1/signups', { body: { shiftId: shift.id, personId: li.id } }),
  ).catch((error: unknown) => error);
  t.ok(again instanceof RotaProblem);
  t.equal((again as RotaProblem).code, 'already_signed_up');

  // 4. 王伟 cancels: 李娜 is promoted in the same transaction.
  const cancelled = await unwrap(
    wangClient.DELETE('/v1/signups/{id}', { params: { path: { id: first.id } } }),
  );
  t.equal(cancelled.signup.status, 'cancelled');
  t.same(
    cancelled.promoted.map((signup) => signup.id),
    [second.id],
  );
  const promoted = await unwrap(
    liClient.GET('/v1/signups/{id}', { params: { path: { id: second.id } } }),
  );
  t.equal(promoted.status, 'confirmed');

  // 5. The organizer reads the roster: JSON typed as JSON, CSV as text.
  const roster = await unwrap(
    organizer.GET('/v1/shifts/{id}/roster', { params: { path: { id: shift.id } } }),
  );
  t.same(
    roster.items.map((entry) => [entry.person.name, entry.status]),
    [
      ['王伟', 'cancelled'],
      ['李娜, "小李"', 'confirmed'],
    ],
  );
  const csv = await organizer.GET('/v1/shifts/{id}/roster.csv', {
    params: { path: { id: shift.id } },
    parseAs: 'arrayBuffer', // fetch's text() would drop the byte order mark
  });
  t.equal(csv.response.status, 200);
  t.match(csv.response.headers.get('content-disposition'), /attachment; filename="roster-/);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.data);
  t.ok(text.startsWith('\ufeff'), 'a byte order mark for Excel');
  t.match(text, /"李娜, ""小李"""/, 'a name with a comma and quotes, quoted');
  t.equal(text.trimEnd().split('\r\n').length, 3, 'a header row and one line per signup');
  const volunteerRoster = await liClient.GET('/v1/shifts/{id}/roster', {
    params: { path: { id: shift.id } },
  });
  t.equal(volunteerRoster.response.status, 403, 'volunteers do not read rosters');

  // 6. The promoted volunteer's calendar feed (no bearer token: the feed key) lists the shift.
  const feedKey = await unwrap(
    liClient.POST('/v1/people/{id}/feed-key', { params: { path: { id: li.id } } }),
  );
  const calendarApp = createRotaClient({ baseUrl });
  const feed = await calendarApp.GET('/v1/people/{id}/calendar.ics', {
    params: { path: { id: li.id }, query: { key: feedKey.key } },
    parseAs: 'text',
  });
  t.equal(feed.response.status, 200);
  t.match(feed.response.headers.get('content-type'), /^text\/calendar/);
  t.match(feed.data, /BEGIN:VEVENT/);
  t.match(feed.data, /垃圾分类督导/);
  const wrongKey = await calendarApp.GET('/v1/people/{id}/calendar.ics', {
    params: { path: { id: li.id }, query: { key: 'wrong' } },
    parseAs: 'text',
  });
  t.equal(wrongKey.response.status, 401);
});
