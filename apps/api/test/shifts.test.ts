// Shifts: searching (ordered by start, filtered by role, availability and a person's
// eligibility), reading one with its seats. Runs on PGlite, and on PostgreSQL when
// DATABASE_URL is set.

import t from 'tap';
import { pageOf } from '../src/http/page-schema.ts';
import { shiftSchema } from '../src/routes/shifts/shift-schemas.ts';
import { seedCommunity } from './helpers/seed-community.ts';
import { seedDayEvent } from './helpers/seed-events.ts';
import { NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`shifts on ${backend}`, async (t) => {
    const { call, admin } = await buildTestApp(t, { now: NOW, backend });
    const { units, people, tokens } = await seedCommunity(call, admin);
    const { shiftOf } = await seedDayEvent(call, tokens.community, units.community);

    const found = await call(
      tokens.wang,
      'GET',
      `/v1/shifts?unitId=${units.district}&role=volunteer&available=true`,
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
    t.same(
      found.body.items.map((s: { id: string }) => s.id).sort(),
      [shiftOf.crew, shiftOf.solo].sort(),
      'the two volunteer shifts with seats, not the attendee seat',
    );
    for (const item of found.body.items) {
      const one = await call(tokens.wang, 'GET', `/v1/shifts/${item.id}`);
      t.equal(JSON.stringify(item), one.text, `shift ${item.slotKey}`);
    }
    // Asked by the person themself: another volunteer may not probe their age (issue 10).
    const eligible = await call(
      tokens.zhao,
      'GET',
      `/v1/shifts?eligibleFor=${people.zhao}&kind=general`,
    );
    t.equal(eligible.status, 200);
    t.notOk(
      eligible.body.items.some((s: { id: string }) => s.id === shiftOf.seat),
      'a 14-year-old is not eligible for a 60+ seat',
    );
    t.same(
      eligible.body.items.map((s: { id: string }) => s.id).sort(),
      [shiftOf.crew, shiftOf.solo].sort(),
      'but for the shifts without an age rule',
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
      event: { title: '擦洗宣传橱窗', kind: 'general', unitId: units.community },
    });
    t.equal((await call(tokens.wang, 'GET', '/v1/shifts/nope')).status, 404);
  });
}
