// The resource routes and resource requests of events through app.inject, on real stores
// (PGlite; PostgreSQL too when DATABASE_URL is set): success paths, each documented refusal,
// and that a refusal writes nothing.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { buildUnitTree, type CallFn, eventInput, expectStatus, NOW } from './helpers/unit-tree.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

for (const backend of backends) {
  t.test(`resources on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    const app = await buildApp({ db, now: () => NOW });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call: CallFn = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin' })).token;
    const { units, tokens } = await buildUnitTree(call, admin);
    const organizer = tokens.unit as string;

    const truck = (
      await expectStatus(
        call(organizer, 'POST', '/v1/resources', {
          unitId: units.a,
          name: '铲车',
          quantity: 1,
          kind: 'shovel_truck',
        }),
        201,
        'truck',
      )
    ).body;
    const loaders = (
      await expectStatus(
        call(organizer, 'POST', '/v1/resources', {
          unitId: units.a,
          name: '装载机',
          quantity: 3,
          kind: 'loader',
          note: '街道车队',
        }),
        201,
        'loaders',
      )
    ).body;

    t.test('POST /v1/resources: strict body, 404 unit, 403 outside', async (t) => {
      t.match(loaders, {
        unitId: units.a,
        name: '装载机',
        quantity: 3,
        kind: 'loader',
        retired: false,
      });
      const bad = await call(organizer, 'POST', '/v1/resources', {
        unitId: units.a,
        name: '',
        quantity: '3',
        colour: 'red',
      });
      t.equal(bad.status, 400);
      t.equal(bad.body.code, 'validation_failed');
      t.same(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
        'colour',
        'name',
        'quantity',
      ]);
      t.equal(
        (await call(organizer, 'POST', '/v1/resources', { unitId: 'nope', name: 'x', quantity: 1 }))
          .status,
        404,
      );
      t.equal(
        (
          await call(tokens.sibling, 'POST', '/v1/resources', {
            unitId: units.a,
            name: 'x',
            quantity: 1,
          })
        ).status,
        403,
      );
      t.equal(
        (
          await call(undefined, 'POST', '/v1/resources', {
            unitId: units.a,
            name: 'x',
            quantity: 1,
          })
        ).status,
        401,
      );
      t.equal((await call(organizer, 'GET', '/v1/resources/nope')).status, 404);
      t.equal((await call(organizer, 'PATCH', '/v1/resources/nope', { quantity: 1 })).status, 404);
      t.equal((await call(organizer, 'GET', '/v1/resources/nope/availability')).status, 404);
    });

    t.test('an event books; a second one the same morning is refused helpfully', async (t) => {
      const cleanup = await call(
        organizer,
        'POST',
        '/v1/events',
        eventInput(units.a, {
          kind: 'cleanup_drive',
          template: 'cleanup_drive',
          title: '清洁家园',
          start: '2026-12-05T08:00',
          durationMinutes: 180,
          slots: undefined,
          resources: [
            { resourceId: truck.id, quantity: 1 },
            { resourceId: loaders.id, quantity: 3 },
          ],
        }),
      );
      t.equal(cleanup.status, 201);
      t.same(cleanup.body.resources, [
        { resourceId: truck.id, quantity: 1, offsetMinutes: 0, durationMinutes: null },
        { resourceId: loaders.id, quantity: 3, offsetMinutes: 0, durationMinutes: null },
      ]);
      const occurrences = await call(
        organizer,
        'GET',
        `/v1/events/${cleanup.body.id}/occurrences?from=${encodeURIComponent(NOW)}`,
      );
      const first = occurrences.body.items[0];
      t.equal(first.resourceShortfall, null);
      t.same(
        first.resources.sort(
          (a: { quantity: number }, b: { quantity: number }) => a.quantity - b.quantity,
        ),
        [
          {
            resourceId: truck.id,
            quantity: 1,
            start: '2026-12-05T08:00:00+08:00',
            end: '2026-12-05T11:00:00+08:00',
          },
          {
            resourceId: loaders.id,
            quantity: 3,
            start: '2026-12-05T08:00:00+08:00',
            end: '2026-12-05T11:00:00+08:00',
          },
        ],
      );
      const before = await call(admin, 'GET', `/v1/events?unitId=${units.a}&limit=500`);
      const second = await call(
        organizer,
        'POST',
        '/v1/events',
        eventInput(units.a, {
          title: '楼道清理',
          start: '2026-12-05T10:00',
          resources: [{ resourceId: loaders.id, quantity: 1 }],
        }),
      );
      t.equal(second.status, 409);
      t.equal(second.headers['content-type'], 'application/problem+json; charset=utf-8');
      t.match(second.body, {
        type: 'urn:rota:error:resource_conflict',
        code: 'resource_conflict',
        status: 409,
        detail: /装载机: 1 wanted at 2026-12-05T10:00:00\+08:00, 0 free; held by "清洁家园"/,
        conflicts: [
          {
            resourceId: loaders.id,
            resourceName: '装载机',
            occurrenceStart: '2026-12-05T10:00:00+08:00',
            wanted: 1,
            free: 0,
            heldBy: [{ eventId: cleanup.body.id, title: '清洁家园' }],
          },
        ],
      });
      t.same(
        (await call(admin, 'GET', `/v1/events?unitId=${units.a}&limit=500`)).body,
        before.body,
        'nothing written',
      );
      const chinese = await call(
        organizer,
        'POST',
        '/v1/events',
        eventInput(units.a, {
          title: '楼道清理',
          start: '2026-12-05T10:00',
          resources: [{ resourceId: loaders.id, quantity: 1 }],
        }),
        { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      );
      t.equal(chinese.status, 409);
      t.equal(
        chinese.body.detail,
        '装载机：2026-12-05T10:00:00+08:00 需要 1 台，仅剩 0 台空闲，已被“清洁家园”占用',
        'the detail in Chinese when the client asks for it',
      );
      const availability = await call(
        undefined === organizer ? admin : tokens.self,
        'GET',
        `/v1/resources/${loaders.id}/availability?from=2026-12-05T00:00:00%2B08:00&to=2026-12-06T00:00:00%2B08:00`,
      );
      t.equal(availability.status, 200);
      t.same(availability.body, {
        resourceId: loaders.id,
        quantity: 3,
        items: [
          {
            start: '2026-12-04T16:00:00.000Z',
            end: '2026-12-05T00:00:00.000Z',
            booked: 0,
            free: 3,
          },
          {
            start: '2026-12-05T00:00:00.000Z',
            end: '2026-12-05T03:00:00.000Z',
            booked: 3,
            free: 0,
          },
          {
            start: '2026-12-05T03:00:00.000Z',
            end: '2026-12-05T16:00:00.000Z',
            booked: 0,
            free: 3,
          },
        ],
      });
      const free = await call(
        organizer,
        'GET',
        `/v1/resources?unitId=${units.a}&kind=loader&minFree=1&from=2026-12-05T09:00:00%2B08:00&to=2026-12-05T10:00:00%2B08:00`,
      );
      t.same(free.body.items, [], 'no loader is free that morning');
      const afternoon = await call(
        organizer,
        'GET',
        `/v1/resources?unitId=${units.a}&kind=loader&minFree=3&from=2026-12-05T13:00:00%2B08:00&to=2026-12-05T15:00:00%2B08:00`,
      );
      t.same(
        afternoon.body.items.map((r: { id: string }) => r.id),
        [loaders.id],
      );
      t.equal((await call(organizer, 'GET', '/v1/resources?minFree=x')).status, 400);

      const lower = await call(organizer, 'PATCH', `/v1/resources/${loaders.id}`, { quantity: 2 });
      t.equal(lower.status, 409);
      t.match(lower.body, {
        code: 'resource_conflict',
        errors: [{ path: 'quantity' }],
        bookings: [{ eventId: cleanup.body.id, title: '清洁家园', quantity: 3 }],
      });
      const lowerZh = await call(
        organizer,
        'PATCH',
        `/v1/resources/${loaders.id}`,
        { quantity: 2 },
        { 'accept-language': 'zh' },
      );
      t.equal(lowerZh.body.detail, '有 1 项未来的预订将无法满足：“清洁家园”');
      const stale = await call(
        organizer,
        'PATCH',
        `/v1/resources/${loaders.id}`,
        { note: 'x' },
        { 'if-match': '"9"' },
      );
      t.equal(stale.status, 412);
      const raised = await call(
        organizer,
        'PATCH',
        `/v1/resources/${loaders.id}`,
        { quantity: 4 },
        { 'if-match': `"${loaders.version}"` },
      );
      t.equal(raised.status, 200);
      t.equal(raised.body.quantity, 4);
      const fits = await call(
        organizer,
        'POST',
        '/v1/events',
        eventInput(units.a, {
          title: '楼道清理',
          start: '2026-12-05T10:00',
          resources: [{ resourceId: loaders.id, quantity: 1 }],
        }),
      );
      t.equal(fits.status, 201, 'with a fourth loader it fits');
      const occ = (
        await call(
          organizer,
          'GET',
          `/v1/events/${fits.body.id}/occurrences?from=${encodeURIComponent(NOW)}`,
        )
      ).body.items[0];
      const moved = await call(organizer, 'PATCH', `/v1/occurrences/${occ.id}`, {
        start: '2026-12-05T09:00',
      });
      t.equal(moved.status, 200);
      t.equal(moved.body.resources[0].start, '2026-12-05T09:00:00+08:00');
      const cancelled = await call(organizer, 'POST', `/v1/events/${fits.body.id}/cancel`, {});
      t.equal(cancelled.status, 200);
      const released = await call(organizer, 'GET', `/v1/occurrences/${occ.id}`);
      t.ok(released.status === 404 || released.body.resources?.length === 0);
    });

    t.test('requests an event cannot make; templates prompt; shortfalls', async (t) => {
      const foreign = await call(tokens.sibling, 'POST', '/v1/events', {
        ...eventInput(units.b),
        resources: [{ resourceId: truck.id, quantity: 1 }],
      });
      t.equal(foreign.status, 403);
      t.same(foreign.body.errors, [
        {
          path: 'resources.0.resourceId',
          message: "belongs to a unit outside the event's line of units",
        },
      ]);
      const twice = await call(organizer, 'POST', '/v1/events', {
        ...eventInput(units.a),
        resources: [
          { resourceId: truck.id, quantity: 1 },
          { resourceId: truck.id, quantity: 1 },
        ],
      });
      t.equal(twice.status, 400);
      t.equal(twice.body.errors[0].path, 'resources.1.resourceId');
      const templates = await call(organizer, 'GET', '/v1/templates');
      const cleanup = templates.body.items.find(
        (item: { kind: string }) => item.kind === 'cleanup_drive',
      );
      t.same(cleanup.suggestedResources, [
        { kind: 'shovel_truck', name: '铲车', quantity: 1 },
        { kind: 'loader', name: '装载机', quantity: 3 },
      ]);
      const shortfalls = await call(organizer, 'GET', '/v1/resources/shortfalls');
      t.equal(shortfalls.status, 200);
      t.same(shortfalls.body, { items: [], nextCursor: null });
      t.equal((await call(tokens.self, 'GET', '/v1/resources/shortfalls')).status, 403);
    });
  });
}
