// The demo seed: what `npm start` shows on an empty database must exist and tell the stories of
// USE-CASES.md. Runs on PGlite, and again on PostgreSQL when DATABASE_URL is set.
import type { Event, EventKind, Shift } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { startRota } from '../src/start-rota.ts';
import { backends } from './support/backends.ts';

// A Saturday, 12:00 in Shanghai: "next week" is Monday 30 November to Sunday 6 December 2026.
const NOW = '2026-11-28T04:00:00Z';
const UNTIL = '2027-03-01T00:00:00Z';
const UNTIL_LATER = '2027-06-01T00:00:00Z';
const DAY_MS = 24 * 60 * 60 * 1000;

for (const backend of backends) {
  t.test(`demo seed on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const { tokens } = await seedDemo(db, NOW);
    const events = (await db.events.list({ limit: 500 })).items;

    const shiftsOf = async (event: Event): Promise<Shift[]> => {
      const page = await db.events.occurrences(event.id, { from: NOW, to: UNTIL, limit: 500 });
      return page.items.flatMap((occurrence) => occurrence.shifts);
    };
    const eventTitled = (part: string): Event => {
      const event = events.find((e) => e.title.includes(part));
      if (!event) throw new Error(`no event titled ${part}`);
      return event;
    };

    t.test('the units tree: 平城区 > five subdistricts > communities > grids', async (t) => {
      const district = await unitOfToken(db, tokens, '平城区 organizer');
      t.match(district, { name: '平城区', kind: 'district', parentId: null });
      const subdistricts = (await db.units.list({ parentId: district.id, limit: 500 })).items;
      t.same(
        subdistricts.map((u) => u.name).sort(),
        ['永泰街道', '新华街道', '迎宾街道', '老平旺街道', '水泊寺街道'].sort(),
      );
      t.ok(subdistricts.every((u) => u.kind === 'subdistrict'));
      const yongtai = subdistricts.find((u) => u.name === '永泰街道')!;
      const communities = (await db.units.list({ parentId: yongtai.id, limit: 500 })).items;
      t.same(
        communities.map((u) => u.name).sort(),
        ['永和里社区', '王家园社区', '荣华里社区'].sort(),
      );
      t.ok(communities.every((u) => u.kind === 'community'));
      const wangjiayuan = communities.find((u) => u.name === '王家园社区')!;
      const grids = (await db.units.list({ parentId: wangjiayuan.id, limit: 500 })).items;
      t.equal(grids.length, 2);
      t.ok(grids.every((u) => u.kind === 'grid'));
      t.same(await db.units.path(grids[0]!.id), [
        district.id,
        yongtai.id,
        wangjiayuan.id,
        grids[0]!.id,
      ]);
    });

    t.test('one published event per use case, next week in Asia/Shanghai', async (t) => {
      const kinds = new Map<EventKind, number>();
      for (const event of events) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
      t.same(Object.fromEntries(kinds), {
        cleanup_drive: 1,
        general: 3, // weekly supervision, complaint follow-up, notice-board tidy-up
        inspection: 1,
        vaccination_clinic: 3,
        elderly_class: 1,
        parent_child: 1,
        home_visit: 1,
      });
      t.ok(events.every((e) => e.status === 'published' && e.timeZone === 'Asia/Shanghai'));
      for (const part of [
        '清洁家园',
        '每周督办',
        '废品收购站',
        '老年课堂',
        '亲子活动',
        '走访慰问',
      ]) {
        t.ok(eventTitled(part), part);
      }
      t.ok(eventTitled('接诉即办'));
      t.ok(eventTitled('宣传橱窗'));

      const cleanup = eventTitled('清洁家园');
      t.equal(cleanup.start.slice(0, 16), '2026-12-05T08:30', 'next Saturday morning');
      t.match(cleanup.description, /铲车1台、装载机3台/, 'the equipment is named');
      const [crew] = await shiftsOf(cleanup);
      t.match(crew, {
        slotKey: 'crew',
        start: '2026-12-05T08:30:00+08:00',
        capacity: 25,
        minNeeded: 20,
        seatsTaken: 6,
        understaffed: true,
      });

      // The complaint is at short notice: today, not next week.
      const complaint = eventTitled('接诉即办');
      const [assignee] = await shiftsOf(complaint);
      t.match(assignee, { capacity: 1, seatsTaken: 1, seatsLeft: 0 });
      t.ok(Date.parse(assignee!.start) - Date.parse(NOW) <= 3 * 3600_000, 'within hours');
    });

    t.test('the weekly supervision recurs, with one skipped week and one moved', async (t) => {
      const supervision = eventTitled('每周督办');
      t.match(supervision.recurrence, {
        rrule: /FREQ=WEEKLY/,
        exdates: [/^2026-12-14T09:00/],
      });
      const occurrences = (
        await db.events.occurrences(supervision.id, { from: NOW, to: UNTIL, limit: 500 })
      ).items;
      t.equal(occurrences.length, 7, 'eight Mondays, one left out');
      t.notOk(occurrences.some((o) => o.originalLocalStart.startsWith('2026-12-14')));
      const moved = occurrences.filter((o) => o.localStart !== o.originalLocalStart);
      t.equal(moved.length, 1);
      t.match(moved[0], {
        originalLocalStart: /^2026-12-07T09:00/,
        localStart: /^2026-12-08T14:30/,
        start: '2026-12-08T14:30:00+08:00',
      });
    });

    t.test('three vaccination sites with staff shifts and 30-minute appointments', async (t) => {
      const clinics = events.filter((e) => e.kind === 'vaccination_clinic');
      t.equal(new Set(clinics.map((e) => e.unitId)).size, 3, 'in three communities');
      for (const clinic of clinics) {
        const shifts = await shiftsOf(clinic);
        const keys = new Set(shifts.map((s) => s.slotKey));
        t.same([...keys].sort(), ['appointment', 'observer', 'registrar', 'usher', 'vaccinator']);
        const vaccinator = shifts.find((s) => s.slotKey === 'vaccinator')!;
        t.same(vaccinator.requiredTags, ['medical']);
        const appointments = shifts.filter((s) => s.slotKey === 'appointment');
        t.equal(appointments.length, 16, '08:00-16:00 every 30 minutes');
        for (const a of appointments) {
          t.equal(Date.parse(a.end) - Date.parse(a.start), 30 * 60_000);
        }
      }
      const site1 = eventTitled('临时疫苗接种点 · 王家园社区');
      const staffed = (await shiftsOf(site1)).filter((s) => s.role === 'volunteer' && s.seatsTaken);
      t.same(staffed.map((s) => s.slotKey).sort(), ['registrar', 'usher', 'vaccinator']);
    });

    t.test('roles with qualifications: inspection officer, class speaker', async (t) => {
      const officer = (await shiftsOf(eventTitled('废品收购站'))).find(
        (s) => s.slotKey === 'officer',
      );
      t.match(officer, { requiredTags: ['law-enforcement'], seatsTaken: 1 });
      const elderly = await shiftsOf(eventTitled('老年课堂'));
      t.match(
        elderly.find((s) => s.slotKey === 'seat'),
        { minAge: 60, seatsTaken: 3 },
      );
      t.match(
        elderly.find((s) => s.slotKey === 'speaker'),
        {
          requiredTags: ['medical'],
          seatsTaken: 1,
        },
      );
    });

    t.test('the family shift is full and has a waitlist', async (t) => {
      const search = await db.shifts.search({ from: NOW, to: UNTIL, limit: 500 });
      const fullWithWaitlist = search.items.filter((s) => s.seatsLeft === 0 && s.waitlistCount > 0);
      t.equal(fullWithWaitlist.length, 1);
      const family = fullWithWaitlist[0]!;
      t.match(family, {
        slotKey: 'family',
        capacity: 10,
        seatsTaken: 10,
        waitlistCount: 1,
        event: { kind: 'parent_child' },
      });
      const roster = await db.shifts.roster(family.id);
      t.same(
        roster.map((r) => [r.person.name, r.seats, r.status, r.waitlistPosition]),
        [
          ['孙小红', 3, 'confirmed', null],
          ['周涛', 3, 'confirmed', null],
          ['陈静', 4, 'confirmed', null],
          ['冯海燕', 3, 'waitlisted', 1],
        ],
      );
      t.ok(roster.every((r) => r.companions.length === r.seats - 1 && r.companions[0]?.birthDate));

      // The home visit pair is complete; its monthly repeats are still open.
      const visits = await shiftsOf(eventTitled('走访慰问'));
      t.equal(visits.length, 3, 'three monthly visits');
      t.match(visits[0], { capacity: 2, seatsTaken: 2, seatsLeft: 0, waitlistCount: 0 });
    });

    t.test(
      'the cleanup drive books the shovel truck and three loaders; a rival is refused',
      async (t) => {
        const cleanup = eventTitled('清洁家园');
        const loaders = (await db.resources.list({ unitId: cleanup.unitId, kind: 'loader' })).items;
        const trucks = (await db.resources.list({ unitId: cleanup.unitId, kind: 'shovel_truck' }))
          .items;
        t.match(loaders, [{ name: '装载机', quantity: 3, note: '区环卫中心' }]);
        t.match(trucks, [{ name: '铲车', quantity: 1 }]);
        const [occurrence] = (await db.events.occurrences(cleanup.id, { from: NOW, to: UNTIL }))
          .items;
        t.same(
          occurrence?.resources.map((b) => b.quantity).sort(),
          [1, 3],
          'the truck and the three loaders are booked for the morning',
        );
        try {
          await db.events.create(
            {
              ...cleanup,
              title: '楼道杂物清理',
              start: cleanup.start.replace('08:30', '10:00'),
              resources: [
                { resourceId: loaders[0]!.id, quantity: 1, offsetMinutes: 0, durationMinutes: 60 },
              ],
              status: 'published',
            },
            NOW,
          );
          t.fail('a loader that morning should be refused');
        } catch (error) {
          t.match(error, {
            code: 'resource_conflict',
            extra: {
              conflicts: [
                { resourceName: '装载机', wanted: 1, free: 0, heldBy: [{ eventId: cleanup.id }] },
              ],
            },
          });
        }
      },
    );

    t.test('the returned tokens verify, with the right roles and bindings', async (t) => {
      t.ok(tokens.length >= 8);
      const tails = new Set(tokens.map((x) => x.token.slice(-16)));
      t.equal(tails.size, tokens.length, 'the random tails all differ');
      for (const token of tokens) {
        t.match(token.token, /^demo-(organizer|volunteer)-[a-z0-9-]+-[\w-]{16}$/);
        const info = await db.tokens.verify(token.token);
        t.equal(info?.role, token.role, token.label);
        t.equal(info?.label, token.label);
        const [name, role] = token.label.split(' ');
        t.equal(role, token.role);
        if (token.role === 'organizer') {
          t.equal((await db.units.get(info!.unitId!))?.name, name);
          t.equal(token.unitId, info!.unitId, 'the banner shows the unit id');
        } else {
          t.equal((await db.people.get(info!.personId!))?.name, name);
          t.equal(token.personId, info!.personId, 'the banner shows the person id');
        }
      }
      const labels = tokens.map((x) => x.label);
      for (const label of ['平城区 organizer', '永泰街道 organizer', '王家园社区 organizer']) {
        t.ok(labels.includes(label), label);
      }
      t.ok(labels.includes('李娜 volunteer'));
      t.equal(await db.tokens.verify('demo-organizer-pingcheng-'), undefined, 'needs the secret');
    });
  });
}

async function unitOfToken(db: RotaDb, tokens: { label: string; token: string }[], label: string) {
  const token = tokens.find((x) => x.label === label);
  const info = token && (await db.tokens.verify(token.token));
  const unit = info?.unitId ? await db.units.get(info.unitId) : undefined;
  if (!unit) throw new Error(`no unit for ${label}`);
  return unit;
}

t.test('every start prints new demo sign-in links that work once', async (t) => {
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  t.teardown(drop);
  const options = { adminToken: undefined, demo: true, now: NOW };
  const first = await startRota(db, options);
  t.same(
    first.demoLinks.map((link) => [link.role, link.name]),
    [
      ['volunteer', '李娜'],
      ['organizer', '王家园社区'],
    ],
  );
  t.equal(first.demo, 'seeded');
  const events = (await db.events.list({ limit: 500 })).items.length;
  const second = await startRota(db, options);
  t.equal(second.demo, 'current', 'the demo is seeded once');
  t.equal((await db.events.list({ limit: 500 })).items.length, events, 'nothing added');
  t.equal(second.demoLinks.length, 2, 'a later start prints new links');
  // And new tokens for the guides (the first start's secrets cannot be shown again).
  t.same(
    second.demoTokens.map((token) => token.label),
    ['李娜 volunteer', '王家园社区 organizer'],
  );
  for (const token of second.demoTokens) {
    t.match(token.token, /^demo-(organizer|volunteer)-[a-z-]+-[\w-]{16}$/);
    const info = await db.tokens.verify(token.token);
    t.equal(info?.role, token.role, `${token.label} verifies`);
    t.equal(info?.personId ?? info?.unitId, token.personId ?? token.unitId);
  }
  const firstTokens = new Set(first.demoTokens.map((token) => token.token));
  t.notOk(
    second.demoTokens.some((token) => firstTokens.has(token.token)),
    'fresh secrets',
  );
  for (const link of [...first.demoLinks, ...second.demoLinks]) {
    t.match(link.path, /^\/sign-in#code=[\w-]{20,}$/);
    const code = link.path.split('=')[1]!;
    const opened = await db.signIn.exchange(code, NOW);
    t.ok(opened.ok, `${link.role} ${link.name} signs in`);
    if (opened.ok && link.role === 'volunteer') {
      t.equal((await db.people.get(opened.session.personId!))?.name, '李娜');
    }
    t.match(await db.signIn.exchange(code, NOW), { ok: false, reason: 'used' });
  }
});

// Issue 11, item 14: the volunteer guide's first search ("open shifts this week": available
// shifts 李娜 may take in the next seven days) finds shifts on a fresh start and on starts
// weeks later on the same data: every start adds next week's demo when it is missing.
t.test('the demo follows today: every start has next week', async (t) => {
  const { db, drop } = await createTestDatabase({ backend: 'pglite' });
  t.teardown(drop);
  let now = NOW;
  const app = await buildApp({ db, now: () => now, logger: false });
  t.teardown(() => app.close());
  const start = (at: string) => startRota(db, { adminToken: undefined, demo: true, now: at });
  const firstSearch = async (report: Awaited<ReturnType<typeof start>>) => {
    const lina = report.demoTokens.find((token) => token.label === '李娜 volunteer');
    if (!lina?.personId) throw new Error('no token for 李娜');
    const to = new Date(Date.parse(now) + 7 * DAY_MS).toISOString();
    const res = await app.inject({
      method: 'GET',
      url: '/v1/shifts',
      headers: { authorization: `Bearer ${lina.token}` },
      query: { available: 'true', eligibleFor: lina.personId, from: now, to, limit: '500' },
    });
    t.equal(res.statusCode, 200, res.body);
    return res.json().items as Shift[];
  };

  const fresh = await start(now);
  t.equal(fresh.demo, 'seeded');
  t.ok((await firstSearch(fresh)).length > 0, 'a fresh start finds shifts');

  for (const weeks of [1, 2, 12]) {
    now = new Date(Date.parse(NOW) + weeks * 7 * DAY_MS).toISOString();
    const later = await start(now);
    t.equal(later.demo, 'added', `${weeks} week(s) later: next week's demo is added`);
    const found = await firstSearch(later);
    t.ok(found.length > 0, `${weeks} week(s) later the first search finds shifts`);
    const kinds = new Set(found.map((shift) => shift.event.kind));
    t.ok(kinds.has('vaccination_clinic'), 'the week of the use cases, not leftovers');
    const cleanups = (await db.events.list({ kind: 'cleanup_drive', limit: 500 })).items;
    t.equal(cleanups.length, weeks === 12 ? 4 : weeks + 1, 'one cleanup drive per demo week');
    const again = await start(now);
    t.equal(again.demo, 'current', 'a second start the same day adds nothing');
    t.equal(
      (await db.events.list({ kind: 'cleanup_drive', limit: 500 })).items.length,
      cleanups.length,
    );
  }
  // The refreshed week tells the same stories: the cleanup drive is short of people.
  const latest = (await db.events.list({ kind: 'cleanup_drive', limit: 500 })).items.at(-1)!;
  const [occurrence] = (
    await db.events.occurrences(latest.id, { from: now, to: UNTIL_LATER, limit: 1 })
  ).items;
  t.match(occurrence?.shifts[0], { slotKey: 'crew', seatsTaken: 6, understaffed: true });
});
