// Issue 10 item 7: pagination cursors are signed (HMAC with the database's own secret). A
// cursor the server did not write (the old unsigned form, `["garbage","x"]` that the database
// would fail to cast as timestamptz, a payload changed under its signature) is a 400
// validation_failed on query.cursor on every paginated route, never a 500; a real one works.
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { buildUnitTree, NOW, publishedEvent } from './helpers/unit-tree.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const backend of backends)
  t.test(`forged cursors on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    const app = await buildApp({ db, now: () => NOW });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin' })).token;
    const tree = await buildUnitTree(call, admin);
    const first = await publishedEvent(call, admin, tree.units.a);
    await publishedEvent(call, admin, tree.units.a, { start: '2026-12-06T09:00' });
    for (const shiftId of [first.shiftId]) {
      await call(admin, 'POST', '/v1/signups', { shiftId, personId: tree.people.self });
    }
    const webhook = await call(admin, 'POST', '/v1/webhooks', {
      unitId: tree.units.a,
      url: 'https://hooks.example.com/rota',
      events: ['signup.promoted'],
    });
    t.equal(webhook.status, 201, 'a webhook to list deliveries of');
    const window = 'from=2026-11-28T00:00:00Z&to=2027-06-01T00:00:00Z';
    const routes = [
      '/v1/units?limit=1',
      '/v1/events?limit=1',
      `/v1/events/${first.eventId}/occurrences?limit=1&${window}`,
      `/v1/shifts?limit=1&${window}`,
      '/v1/people?limit=1',
      `/v1/people/${tree.people.self}/signups?limit=1`,
      '/v1/resources?limit=1',
      `/v1/resources/shortfalls?limit=1&unitId=${tree.units.a}`,
      '/v1/webhooks?limit=1',
      `/v1/webhooks/${webhook.body.id}/deliveries?limit=1`,
      `/v1/people/${tree.people.self}/notifications?limit=1`,
    ];

    const doc = (await call(undefined, 'GET', '/openapi.json')).body as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const paginated = Object.entries(doc.paths)
      .filter(([, ops]) =>
        ops.get?.parameters?.some((p) => p.name === 'cursor' && p.in === 'query'),
      )
      .map(([path]) => path.replace(/\{id\}/g, ':id'));
    const covered = routes.map((url) =>
      url.split('?')[0]!.replace(/\/v1\/(events|people|webhooks)\/[^/]+\//, '/v1/$1/:id/'),
    );
    t.same(
      paginated.filter((path) => !covered.includes(path)),
      [],
      'every paginated route of the OpenAPI document is probed',
    );

    for (const url of routes) {
      const page = await call(admin, 'GET', url);
      t.equal(page.status, 200, `${url}: a first page`);
      const next = page.body.nextCursor as string | null;
      const forgeries = [
        b64(['garbage', 'x']),
        b64(['2026-12-01T00:00:00.000Z', 'x']),
        'not-base64-at-all!',
        `${b64(['garbage', 'x'])}.AAAAAAAAAAAAAAAAAAAAAA`,
      ];
      if (next !== null) {
        const [, signature] = next.split('.');
        forgeries.push(`${b64(['1999-01-01T00:00:00.000Z', 'zzz'])}.${signature}`);
        const second = await call(admin, 'GET', `${url}&cursor=${next}`);
        t.equal(second.status, 200, `${url}: the server's own cursor works`);
      }
      for (const cursor of forgeries) {
        const res = await call(admin, 'GET', `${url}&cursor=${encodeURIComponent(cursor)}`);
        t.equal(res.status, 400, `${url}: forged cursor ${cursor.slice(0, 20)}... is a 400`);
        t.equal(res.body.code, 'validation_failed');
        t.same(
          res.body.errors?.map((error: { path: string }) => error.path),
          ['query.cursor'],
        );
      }
    }
  });
