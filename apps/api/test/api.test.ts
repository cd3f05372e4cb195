// Every route of API.md through app.inject, on real stores: the success path and each
// documented error code. Runs on PGlite, and again on PostgreSQL when DATABASE_URL is set.
import { createTestDatabase } from '@rota/db/testing';
import ICAL from 'ical.js';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { pageOf } from '../src/http/page-schema.ts';
import { shiftSchema } from '../src/routes/shifts/shift-schemas.ts';
import { clientFor } from './support/api-client.ts';

// Saturday 28 November 2026, 12:00 in Shanghai.
const NOW = '2026-11-28T04:00:00.000Z';

const backends: ('pglite' | 'postgres')[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

for (const backend of backends) {
  t.test(`the API on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    let now = NOW;
    const app = await buildApp({
      db,
      now: () => now,
      logger: process.env.ROTA_TEST_LOG ? { level: 'error' } : false,
    });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin', label: 'test admin' })).token;

    // The tree: 平城区 > 永泰街道 > { 王家园社区, 李家园社区 }; 新华街道 is a sibling subdistrict.
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};

    await t.test('units', async (t) => {
      const district = await call(admin, 'POST', '/v1/units', { name: '平城区', kind: 'district' });
      t.equal(district.status, 201);
      t.match(district.body, { name: '平城区', kind: 'district', parentId: null });
      ids.district = district.body.id;

      const orgToken = await call(admin, 'POST', '/v1/tokens', {
        role: 'organizer',
        unitId: ids.district,
        label: '区组织者',
      });
      t.equal(orgToken.status, 201);
      t.match(orgToken.body, { role: 'organizer', unitId: ids.district, personId: null });
      t.type(orgToken.body.token, 'string');
      tokens.district = orgToken.body.token;

      const sub = await call(tokens.district, 'POST', '/v1/units', {
        name: '永泰街道',
        kind: 'subdistrict',
        parentId: ids.district,
      });
      t.equal(sub.status, 201, 'an organizer creates a child in their subtree');
      ids.sub = sub.body.id;
      const sibling = await call(admin, 'POST', '/v1/units', {
        name: '新华街道',
        kind: 'subdistrict',
        parentId: ids.district,
      });
      ids.sibling = sibling.body.id;
      for (const name of ['王家园社区', '李家园社区']) {
        const res = await call(admin, 'POST', '/v1/units', {
          name,
          kind: 'community',
          parentId: ids.sub,
        });
        t.equal(res.status, 201);
        ids[name] = res.body.id;
      }
      ids.community = ids.王家园社区!;
      ids.otherCommunity = ids.李家园社区!;

      for (const [name, unitId] of [
        ['sub', ids.sub],
        ['sibling', ids.sibling],
        ['community', ids.community],
        ['otherCommunity', ids.otherCommunity],
      ] as const) {
        const res = await call(tokens.district, 'POST', '/v1/tokens', {
          role: 'organizer',
          unitId,
        });
        t.equal(res.status, 201);
        tokens[name] = res.body.token;
      }

      const outside = await call(tokens.sibling, 'POST', '/v1/units', {
        name: '越界社区',
        kind: 'community',
        parentId: ids.sub,
      });
      t.equal(outside.status, 403, 'a sibling organizer may not create under another subtree');
      t.equal(outside.body.code, 'forbidden');
      const missingParent = await call(admin, 'POST', '/v1/units', {
        name: 'x',
        kind: 'grid',
        parentId: 'no-such-unit',
      });
      t.equal(missingParent.status, 404);
      t.equal(missingParent.body.code, 'not_found');
      const bad = await call(admin, 'POST', '/v1/units', { name: 'x', kind: 'grid', parentId: 5 });
      t.equal(bad.status, 400);
      t.same(
        bad.body.errors.map((e: { path: string }) => e.path),
        ['parentId'],
      );

      const got = await call(tokens.sibling, 'GET', `/v1/units/${ids.community}`);
      t.equal(got.status, 200);
      t.same(got.body, {
        id: ids.community,
        name: '王家园社区',
        kind: 'community',
        parentId: ids.sub,
      });
      t.equal((await call(admin, 'GET', '/v1/units/nope')).status, 404);
      t.equal((await call(undefined, 'GET', `/v1/units/${ids.community}`)).status, 401);

      const children = await call(admin, 'GET', `/v1/units?parentId=${ids.sub}&limit=1`);
      t.equal(children.status, 200);
      t.equal(children.body.items.length, 1);
      t.type(children.body.nextCursor, 'string');
      const rest = await call(
        admin,
        'GET',
        `/v1/units?parentId=${ids.sub}&limit=1&cursor=${encodeURIComponent(children.body.nextCursor)}`,
      );
      t.equal(rest.body.items.length, 1);
      t.not(rest.body.items[0].id, children.body.items[0].id, 'the next page moves on');
      t.equal((await call(admin, 'GET', '/v1/units?parentId=nope')).status, 404);
      const cursor = await call(admin, 'GET', '/v1/units?cursor=not-a-cursor');
      t.equal(cursor.status, 400);
      t.same(
        cursor.body.errors.map((e: { path: string }) => e.path),
        ['query.cursor'],
      );
    });

    await t.test('people and volunteer tokens', async (t) => {
      const people = [
        {
          key: 'wang',
          name: '王芳',
          birthDate: '1990-03-01',
          tags: ['medical'],
          phone: '13800138000',
        },
        { key: 'li', name: '李建国', birthDate: '1950-06-15', tags: ['party-member'] },
        { key: 'zhao', name: '赵小明', birthDate: '2012-09-01', tags: [] },
        { key: 'chen', name: '陈静', birthDate: '1985-01-20', tags: [] },
      ];
      for (const { key, ...input } of people) {
        const res = await call(tokens.community, 'POST', '/v1/people', {
          ...input,
          unitId: ids.community,
        });
        t.equal(res.status, 201, `creates ${input.name}`);
        t.match(res.body, { name: input.name, unitId: ids.community, tags: input.tags });
        t.notOk('feedKey' in res.body, 'no feed key: only its hash is stored');
        ids[key] = res.body.id;
        const token = await call(tokens.community, 'POST', '/v1/tokens', {
          role: 'volunteer',
          personId: res.body.id,
        });
        t.equal(token.status, 201);
        t.match(token.body, { role: 'volunteer', personId: res.body.id });
        tokens[key] = token.body.token;
      }
      const stranger = await call(tokens.otherCommunity, 'POST', '/v1/people', {
        name: '外人',
        unitId: ids.otherCommunity,
      });
      ids.stranger = stranger.body.id;
      tokens.stranger = (
        await call(tokens.otherCommunity, 'POST', '/v1/tokens', {
          role: 'volunteer',
          personId: ids.stranger,
        })
      ).body.token;

      t.equal(
        (await call(tokens.sibling, 'POST', '/v1/people', { name: 'x', unitId: ids.community }))
          .status,
        403,
      );
      t.equal(
        (await call(tokens.community, 'POST', '/v1/people', { name: 'x', unitId: 'nope' })).status,
        404,
      );
      t.equal(
        (await call(tokens.wang, 'POST', '/v1/people', { name: 'x', unitId: ids.community }))
          .status,
        403,
        'a volunteer creates no one',
      );
      const strict = await call(tokens.community, 'POST', '/v1/people', {
        name: 'x',
        unitId: ids.community,
        tags: 'medical',
        age: 40,
      });
      t.equal(strict.status, 400);
      t.same(strict.body.errors.map((e: { path: string }) => e.path).sort(), ['age', 'tags']);
      t.equal(
        (
          await call(tokens.otherCommunity, 'POST', '/v1/tokens', {
            role: 'volunteer',
            personId: ids.wang,
          })
        ).status,
        403,
        'no token for a person outside the subtree',
      );
      t.equal(
        (
          await call(tokens.community, 'POST', '/v1/tokens', {
            role: 'volunteer',
            personId: 'nope',
          })
        ).status,
        404,
      );

      const self = await call(tokens.wang, 'GET', `/v1/people/${ids.wang}`);
      t.equal(self.status, 200);
      t.equal(self.body.name, '王芳', 'Chinese text round-trips');
      t.equal((await call(tokens.li, 'GET', `/v1/people/${ids.wang}`)).status, 403);
      t.equal((await call(tokens.sibling, 'GET', `/v1/people/${ids.wang}`)).status, 403);
      t.equal((await call(tokens.sub, 'GET', `/v1/people/${ids.wang}`)).status, 200);
      t.equal((await call(tokens.sub, 'GET', '/v1/people/nope')).status, 404);

      const patched = await call(tokens.community, 'PATCH', `/v1/people/${ids.chen}`, {
        tags: ['law-enforcement'],
      });
      t.equal(patched.status, 200);
      t.same(patched.body.tags, ['law-enforcement']);
      t.equal(
        (await call(tokens.chen, 'PATCH', `/v1/people/${ids.chen}`, { name: '改名' })).status,
        403,
        'a volunteer does not edit their own record',
      );
      t.equal(
        (await call(tokens.community, 'PATCH', `/v1/people/${ids.chen}`, { unitId: ids.sibling }))
          .status,
        403,
        'nor moves a person out of their subtree',
      );

      // Revoking: the organizer who could create it; then the token is unknown.
      const spare = await call(tokens.community, 'POST', '/v1/tokens', {
        role: 'volunteer',
        personId: ids.chen,
      });
      t.equal((await call(tokens.sibling, 'DELETE', `/v1/tokens/${spare.body.id}`)).status, 403);
      t.equal((await call(tokens.community, 'DELETE', `/v1/tokens/${spare.body.id}`)).status, 204);
      t.equal((await call(spare.body.token, 'GET', '/v1/templates')).status, 401);
      t.equal((await call(tokens.community, 'DELETE', `/v1/tokens/${spare.body.id}`)).status, 404);
    });

    await t.test('templates', async (t) => {
      const res = await call(tokens.wang, 'GET', '/v1/templates');
      t.equal(res.status, 200);
      const clinic = res.body.items.find((x: { kind: string }) => x.kind === 'vaccination_clinic');
      t.ok(clinic, 'the vaccination clinic template');
      t.ok(clinic.slots.some((s: { key: string }) => s.key === 'appointment'));
    });

    const day = {
      unitId: '',
      kind: 'general',
      title: '擦洗宣传橱窗',
      start: '2026-12-05T09:00',
      durationMinutes: 120,
      location: { name: '王家园社区活动室', address: '平城区王家园路1号' },
      slots: [
        { key: 'crew', name: '志愿者', role: 'volunteer', capacity: 2, minNeeded: 2 },
        { key: 'solo', name: '组长', role: 'volunteer', capacity: 1, waitlist: false },
        {
          key: 'seat',
          name: '听众',
          role: 'attendee',
          capacity: 10,
          minAge: 60,
          maxPartySize: 3,
        },
      ],
      status: 'published',
    };
    const shiftOf: Record<string, string> = {};

    await t.test('events', async (t) => {
      day.unitId = ids.community!;
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
      ids.event = created.body.id;

      const clinic = await call(tokens.sub, 'POST', '/v1/events', {
        unitId: ids.community,
        kind: 'vaccination_clinic',
        template: 'vaccination_clinic',
        title: '临时新冠疫苗接种点 · 王家园社区',
        start: '2026-12-12T08:00',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4', exdates: ['2026-12-19T08:00'] },
      });
      t.equal(clinic.status, 201, 'a parent organizer creates from a template');
      t.equal(clinic.body.status, 'draft', 'status defaults to draft');
      t.ok(
        clinic.body.slots
          .find((s: { key: string }) => s.key === 'vaccinator')
          .requiredTags.includes('medical'),
      );
      ids.clinic = clinic.body.id;

      const invalid = await call(tokens.community, 'POST', '/v1/events', {
        ...day,
        recurrence: { rrule: 'FREQ=SOMETIMES' },
        slots: [day.slots[0], { ...day.slots[1], capacity: 0 }],
      });
      t.equal(invalid.status, 400);
      t.ok(invalid.body.errors.some((e: { path: string }) => e.path === 'slots.1.capacity'));
      const rrule = await call(tokens.community, 'POST', '/v1/events', {
        ...day,
        recurrence: { rrule: 'FREQ=SOMETIMES' },
      });
      t.equal(rrule.status, 400);
      t.ok(rrule.body.errors.some((e: { path: string }) => e.path === 'recurrence.rrule'));
      const zone = await call(tokens.community, 'POST', '/v1/events', {
        ...day,
        timeZone: 'Mars/Base',
      });
      t.equal(zone.status, 400);
      t.ok(zone.body.errors.some((e: { path: string }) => e.path === 'timeZone'));
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

      const draftByVolunteer = await call(tokens.wang, 'GET', `/v1/events/${ids.clinic}`);
      t.equal(draftByVolunteer.status, 404, 'drafts are visible to organizers only');
      t.equal((await call(tokens.sibling, 'GET', `/v1/events/${ids.clinic}`)).status, 404);
      const draftByOrganizer = await call(tokens.community, 'GET', `/v1/events/${ids.clinic}`);
      t.equal(draftByOrganizer.status, 200);
      t.equal(draftByOrganizer.headers.etag, '"1"');
      t.equal((await call(tokens.wang, 'GET', `/v1/events/${ids.event}`)).status, 200);

      const list = await call(tokens.wang, 'GET', `/v1/events?unitId=${ids.sub}`);
      t.equal(list.status, 200);
      t.same(
        list.body.items.map((e: { id: string }) => e.id),
        [ids.event],
        'no drafts for volunteers',
      );
      const orgList = await call(
        tokens.community,
        'GET',
        `/v1/events?unitId=${ids.community}&to=2027-01-31T00:00:00Z`,
      );
      t.same(
        orgList.body.items.map((e: { id: string }) => e.id).sort(),
        [ids.event, ids.clinic].sort(),
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
        `/v1/events/${ids.clinic}`,
        { title: '接种点（改）' },
        { 'if-match': '"7"' },
      );
      t.equal(stale.status, 412);
      t.equal(stale.body.code, 'version_conflict');
      const patched = await call(
        tokens.community,
        'PATCH',
        `/v1/events/${ids.clinic}`,
        { title: '临时疫苗接种点 · 王家园社区' },
        { 'if-match': '"1"' },
      );
      t.equal(patched.status, 200);
      t.equal(patched.body.version, 2);
      t.equal(patched.body.title, '临时疫苗接种点 · 王家园社区');
      t.equal(
        (await call(tokens.sibling, 'PATCH', `/v1/events/${ids.clinic}`, { title: 'x' })).status,
        404,
        'a draft does not exist for a sibling organizer',
      );
      t.equal(
        (await call(tokens.wang, 'PATCH', `/v1/events/${ids.event}`, { title: 'x' })).status,
        403,
      );
      t.equal(
        (await call(tokens.community, 'PATCH', `/v1/events/${ids.event}`, { status: 'cancelled' }))
          .status,
        400,
        'status is not patched',
      );

      const published = await call(tokens.community, 'POST', `/v1/events/${ids.clinic}/publish`);
      t.equal(published.status, 200);
      t.equal(published.body.status, 'published');
      t.equal((await call(tokens.wang, 'POST', `/v1/events/${ids.clinic}/publish`)).status, 403);
      t.equal((await call(tokens.community, 'POST', '/v1/events/nope/publish')).status, 404);

      const occurrences = await call(
        tokens.wang,
        'GET',
        `/v1/events/${ids.clinic}/occurrences?to=2027-01-31T00:00:00Z`,
      );
      t.equal(occurrences.status, 200);
      t.same(
        occurrences.body.items.map((o: { localStart: string }) => o.localStart.slice(0, 16)),
        ['2026-12-12T08:00', '2026-12-26T08:00', '2027-01-02T08:00'],
        'weekly on Saturdays, without the excluded date',
      );
      t.match(occurrences.body.items[0].start, /^2026-12-12T08:00(:00)?\+08:00$/);
      ids.clinicOccurrence = occurrences.body.items[1].id;

      const ics = await call(tokens.wang, 'GET', `/v1/events/${ids.clinic}/calendar.ics`);
      t.equal(ics.status, 200);
      t.match(ics.headers['content-type'], /^text\/calendar; charset=utf-8/);
      const vevent = new ICAL.Component(ICAL.parse(ics.text)).getFirstSubcomponent('vevent');
      t.ok(vevent, 'parses as iCalendar');
      t.match(String(vevent?.getFirstPropertyValue('summary')), '临时疫苗接种点');
      t.match(ics.text, /RRULE:FREQ=WEEKLY/);

      const dayOccurrences = await call(tokens.wang, 'GET', `/v1/events/${ids.event}/occurrences`);
      for (const shift of dayOccurrences.body.items[0].shifts) shiftOf[shift.slotKey] = shift.id;
      t.same(Object.keys(shiftOf).sort(), ['crew', 'seat', 'solo']);
    });

    await t.test('shifts', async (t) => {
      const found = await call(
        tokens.wang,
        'GET',
        `/v1/shifts?unitId=${ids.district}&role=volunteer&available=true`,
      );
      t.equal(found.status, 200);
      const starts = found.body.items.map((s: { start: string }) => Date.parse(s.start));
      t.same(
        starts,
        [...starts].sort((a: number, b: number) => a - b),
        'ordered by start',
      );
      t.ok(found.body.items.some((s: { id: string }) => s.id === shiftOf.crew));
      t.ok(found.body.items.every((s: { role: string }) => s.role === 'volunteer'));
      // The search's page is serialized as the store built it, without the schema's check:
      // it must still be what the schema says, and each shift byte for byte the JSON of
      // GET /v1/shifts/:id (which goes through the schema).
      t.same(pageOf(shiftSchema).strict().parse(found.body), found.body);
      t.ok(found.body.items.length > 0);
      for (const item of found.body.items) {
        const one = await call(tokens.wang, 'GET', `/v1/shifts/${item.id}`);
        t.equal(JSON.stringify(item), one.text, `shift ${item.slotKey}`);
      }
      // Asked by the person themself: another volunteer may not probe their age (issue 10).
      const eligible = await call(
        tokens.zhao!,
        'GET',
        `/v1/shifts?eligibleFor=${ids.zhao}&kind=general`,
      );
      t.equal(eligible.status, 200);
      t.notOk(
        eligible.body.items.some((s: { id: string }) => s.id === shiftOf.seat),
        'a 14-year-old is not eligible for a 60+ seat',
      );
      t.equal((await call(tokens.wang, 'GET', '/v1/shifts?available=yes')).status, 400);

      const shift = await call(tokens.wang, 'GET', `/v1/shifts/${shiftOf.crew}`);
      t.equal(shift.status, 200);
      t.match(shift.body, {
        slotKey: 'crew',
        capacity: 2,
        seatsTaken: 0,
        seatsLeft: 2,
        minNeeded: 2,
        understaffed: true,
        event: { title: '擦洗宣传橱窗', kind: 'general', unitId: ids.community },
      });
      t.equal((await call(tokens.wang, 'GET', '/v1/shifts/nope')).status, 404);
    });

    await t.test('signups', async (t) => {
      const signUp = (token: string, body: object, headers: Record<string, string> = {}) =>
        call(token, 'POST', '/v1/signups', body, headers);

      const first = await signUp(tokens.wang!, {
        shiftId: shiftOf.crew,
        personId: ids.wang,
        note: '我带抹布',
      });
      t.equal(first.status, 201);
      t.match(first.body, {
        status: 'confirmed',
        seats: 1,
        waitlistPosition: null,
        note: '我带抹布',
      });
      ids.wangCrew = first.body.id;
      const again = await signUp(tokens.wang!, { shiftId: shiftOf.crew, personId: ids.wang });
      t.equal(again.status, 409);
      t.equal(again.body.code, 'already_signed_up');
      const forOther = await signUp(tokens.wang!, { shiftId: shiftOf.crew, personId: ids.chen });
      t.equal(forOther.status, 403, 'a volunteer acts only for themself');
      t.equal((await signUp(tokens.wang!, { shiftId: 'nope', personId: ids.wang })).status, 404);
      t.equal(
        (await signUp(tokens.community!, { shiftId: shiftOf.crew, personId: 'nope' })).status,
        404,
      );
      const mismatch = await signUp(tokens.li!, {
        shiftId: shiftOf.seat,
        personId: ids.li,
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
        tokens.li!,
        {
          shiftId: shiftOf.seat,
          personId: ids.li,
          companions: [{ name: '老伴', birthDate: '1952-02-02' }],
        },
        key,
      );
      t.equal(seat.status, 201);
      t.equal(seat.body.seats, 2, 'seats default to 1 + companions');
      const replay = await signUp(
        tokens.li!,
        {
          shiftId: shiftOf.seat,
          personId: ids.li,
          companions: [{ name: '老伴', birthDate: '1952-02-02' }],
        },
        key,
      );
      t.equal(replay.status, 201);
      t.equal(replay.headers['idempotent-replayed'], 'true');
      t.equal(replay.body.id, seat.body.id);
      const reused = await signUp(tokens.li!, { shiftId: shiftOf.seat, personId: ids.li }, key);
      t.equal(reused.status, 422);
      t.equal(reused.body.code, 'idempotency_key_reused');
      t.equal((await call(admin, 'GET', `/v1/shifts/${shiftOf.seat}`)).body.seatsTaken, 2);

      const young = await signUp(tokens.zhao!, { shiftId: shiftOf.seat, personId: ids.zhao });
      t.equal(young.status, 422);
      t.match(young.body, { code: 'ineligible', reason: 'too_young' });
      const party = await signUp(tokens.community!, {
        shiftId: shiftOf.seat,
        personId: ids.chen,
        seats: 4,
      });
      t.equal(party.status, 422);
      t.match(party.body, { code: 'ineligible' });

      // Full with a waitlist: waitlisted, promoted when a seat frees up.
      const chen = await signUp(tokens.chen!, { shiftId: shiftOf.crew, personId: ids.chen });
      t.equal(chen.body.status, 'confirmed');
      const li = await signUp(tokens.community!, { shiftId: shiftOf.crew, personId: ids.li });
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
        (await signUp(tokens.chen!, { shiftId: shiftOf.solo, personId: ids.chen })).status,
        409,
        'overlaps crew',
      );
      const soloTaken = await signUp(tokens.zhao!, { shiftId: shiftOf.solo, personId: ids.zhao });
      t.equal(soloTaken.status, 201);
      const full = await signUp(tokens.stranger!, {
        shiftId: shiftOf.solo,
        personId: ids.stranger,
      });
      t.equal(full.status, 409);
      t.equal(full.body.code, 'shift_full');
      const conflict = await signUp(tokens.wang!, { shiftId: shiftOf.solo, personId: ids.wang });
      t.equal(conflict.status, 409);
      t.match(conflict.body, { code: /schedule_conflict|shift_full/ });
      // One answer, not two: the overlap is decided before capacity (decideSignup's order).
      t.equal(conflict.body.code, 'schedule_conflict');

      const read = await call(tokens.wang, 'GET', `/v1/signups/${ids.wangCrew}`);
      t.equal(read.status, 200);
      t.equal(read.body.id, ids.wangCrew);
      t.equal((await call(tokens.chen, 'GET', `/v1/signups/${ids.wangCrew}`)).status, 403);
      t.equal((await call(tokens.sibling, 'GET', `/v1/signups/${ids.wangCrew}`)).status, 403);
      t.equal((await call(tokens.community, 'GET', `/v1/signups/${ids.wangCrew}`)).status, 200);
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
      t.equal((await call(tokens.li, 'DELETE', `/v1/signups/${ids.wangCrew}`)).status, 403);
      const cancelled = await call(tokens.wang, 'DELETE', `/v1/signups/${ids.wangCrew}`);
      t.equal(cancelled.status, 200);
      t.match(cancelled.body.signup, { status: 'cancelled', cancelReason: 'cancelled_by_person' });
      t.same(
        cancelled.body.promoted.map((s: { id: string }) => s.id),
        [li.body.id],
      );
      t.equal(cancelled.body.promoted[0].status, 'confirmed');

      // Attendance: organizers only.
      t.equal(
        (await call(tokens.chen, 'POST', `/v1/signups/${chen.body.id}/check-in`)).status,
        403,
      );
      // Attendance is recorded once it happened (422 not_yet before): after the shift.
      now = '2026-12-05T03:30:00.000Z';
      const inAt = '2026-12-05T01:05:00.000Z';
      const checkedIn = await call(
        tokens.community,
        'POST',
        `/v1/signups/${chen.body.id}/check-in`,
        { at: inAt },
      );
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
      t.type(checkedOut.body.checkedOutAt, 'string');
      const noShow = await call(tokens.community, 'POST', `/v1/signups/${li.body.id}/no-show`);
      t.equal(noShow.status, 200);
      t.equal(noShow.body.noShow, true);
      t.equal((await call(tokens.community, 'POST', '/v1/signups/nope/no-show')).status, 404);
      now = NOW;

      // A person's own list and calendar feed.
      const mine = await call(tokens.chen, 'GET', `/v1/people/${ids.chen}/signups`);
      t.equal(mine.status, 200);
      t.same(
        mine.body.items.map((s: { id: string }) => s.id),
        [chen.body.id],
      );
      t.match(mine.body.items[0], { shift: { name: '志愿者' }, event: { title: '擦洗宣传橱窗' } });
      t.equal((await call(tokens.wang, 'GET', `/v1/people/${ids.chen}/signups`)).status, 403);
      t.equal(
        (await call(tokens.chen, 'GET', `/v1/people/${ids.chen}/signups?status=maybe`)).status,
        400,
      );

      const link = await call(tokens.chen, 'POST', `/v1/people/${ids.chen}/feed-key`);
      t.equal(link.status, 201, 'the person makes their feed key');
      const feed = await call(undefined, 'GET', link.body.feedUrl);
      t.equal(feed.status, 200);
      t.match(feed.headers['content-type'], /^text\/calendar/);
      const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent');
      t.equal(events.length, 1, 'one confirmed shift');
      t.match(String(events[0]?.getFirstPropertyValue('summary')), '擦洗宣传橱窗');
      t.equal(
        (await call(undefined, 'GET', `/v1/people/${ids.chen}/calendar.ics?key=wrong`)).status,
        401,
      );
      t.equal((await call(undefined, 'GET', `/v1/people/${ids.chen}/calendar.ics`)).status, 401);

      // After the shift: hours, and signup closed.
      now = '2026-12-06T00:00:00.000Z';
      const closed = await signUp(tokens.stranger!, {
        shiftId: shiftOf.seat,
        personId: ids.stranger,
      });
      t.equal(closed.status, 422);
      t.equal(closed.body.code, 'signup_closed');
      const hours = await call(tokens.chen, 'GET', `/v1/people/${ids.chen}/hours`);
      t.equal(hours.status, 200);
      // Checked in at 09:05, out at 11:00 local: the attended minutes count.
      t.equal(hours.body.totalMinutes, 115);
      t.match(hours.body.items, [
        { signupId: chen.body.id, eventTitle: '擦洗宣传橱窗', minutes: 115 },
      ]);
      t.equal((await call(tokens.wang, 'GET', `/v1/people/${ids.chen}/hours`)).status, 403);
      now = NOW;
    });

    await t.test('occurrences: cancel and move', async (t) => {
      const occurrence = await call(
        tokens.wang,
        'GET',
        `/v1/events/${ids.clinic}/occurrences?to=2027-01-31T00:00:00Z`,
      );
      const target = occurrence.body.items[1];
      const appointment = target.shifts.find(
        (s: { slotKey: string }) => s.slotKey === 'appointment',
      );
      const booked = await call(tokens.wang, 'POST', '/v1/signups', {
        shiftId: appointment.id,
        personId: ids.wang,
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
      const refused = await call(tokens.wang, 'POST', '/v1/signups', {
        shiftId: appointment.id,
        personId: ids.wang,
      });
      t.equal(refused.status, 409);
      t.equal(refused.body.code, 'shift_cancelled');

      const next = occurrence.body.items[2];
      const moved = await call(tokens.community, 'PATCH', `/v1/occurrences/${next.id}`, {
        start: '2027-01-03T09:00',
      });
      t.equal(moved.status, 200);
      t.match(moved.body.localStart, /^2027-01-03T09:00(:00)?$/);
      t.match(moved.body.start, /^2027-01-03T09:00(:00)?\+08:00$/);
      const ics = await call(tokens.wang, 'GET', `/v1/events/${ids.clinic}/calendar.ics`);
      t.match(ics.text, /RECURRENCE-ID/, 'moved and cancelled occurrences are overrides');
    });

    await t.test('cancel an event', async (t) => {
      t.equal(
        (await call(tokens.wang, 'POST', `/v1/events/${ids.event}/cancel`, { reason: 'x' })).status,
        403,
      );
      const bad = await call(tokens.community, 'POST', `/v1/events/${ids.event}/cancel`, {
        why: '下雨',
      });
      t.equal(bad.status, 400);
      const cancelled = await call(tokens.community, 'POST', `/v1/events/${ids.event}/cancel`, {
        reason: '下雨',
      });
      t.equal(cancelled.status, 200);
      t.match(cancelled.body, { status: 'cancelled', cancelReason: '下雨' });
      const crew = await call(tokens.community, 'GET', `/v1/shifts/${shiftOf.crew}/roster`);
      t.ok(
        crew.body.items.every((s: { status: string }) => s.status === 'cancelled'),
        'every future signup is cancelled',
      );
    });
  });
}
