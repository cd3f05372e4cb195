// A POST sent with an Idempotency-Key has its answer recorded for 24 h so that a retry can
// replay it; for tokens, sign-in links, webhooks and feed keys that answer is a live secret.
// Whoever reads the database (a backup, a replica, a support query) must find neither the key
// nor the secret in idempotency_records, while a retry with the same key still gets the
// identical answer and a retry with another key does not. Runs on PGlite, and on PostgreSQL
// when DATABASE_URL is set.
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import { buildUnitTree, NOW } from './helpers/unit-tree.ts';
import { backends } from './support/backends.ts';
import { buildTestApp } from './support/build-test-app.ts';

for (const backend of backends) {
  t.test(`secret-bearing answers under an Idempotency-Key, on ${backend}`, async (t) => {
    const { db, call, admin } = await buildTestApp(t, { now: NOW, backend });
    const kysely = (db as unknown as { kysely: Kysely<object> }).kysely;
    const tree = await buildUnitTree(call, admin);
    const webhook = await call(admin, 'POST', '/v1/webhooks', {
      unitId: tree.units.a,
      url: 'https://hooks.example.com/rota',
      events: ['signup.confirmed'],
    });
    t.equal(webhook.status, 201, 'a webhook whose secret to rotate');

    /** Every record as the text of its whole row: what a reader of the database sees. */
    const rowsText = async () =>
      (
        await sql<{ row: string }>`select r::text as row from idempotency_records r`.execute(kysely)
      ).rows
        .map((r) => r.row)
        .join('\n');

    const cases: {
      name: string;
      url: string;
      body?: object;
      status: number;
      /** The same key on another request (another body, or another URL). */
      changed: { url?: string; body?: object };
      secret: (body: Record<string, string>) => string;
    }[] = [
      {
        name: 'POST /v1/tokens',
        url: '/v1/tokens',
        body: { role: 'organizer', unitId: tree.units.a, label: 'front desk' },
        status: 201,
        changed: { body: { role: 'organizer', unitId: tree.units.a, label: 'back desk' } },
        secret: (b) => b.token ?? '',
      },
      {
        name: 'POST /v1/sign-in-links',
        url: '/v1/sign-in-links',
        body: { personId: tree.people.other },
        status: 201,
        changed: { body: { personId: tree.people.spare } },
        secret: (b) => b.code ?? '',
      },
      {
        name: 'POST /v1/webhooks',
        url: '/v1/webhooks',
        body: {
          unitId: tree.units.a,
          url: 'https://hooks.example.com/two',
          events: ['shift.changed'],
        },
        status: 201,
        changed: {
          body: {
            unitId: tree.units.a,
            url: 'https://hooks.example.com/3',
            events: ['shift.changed'],
          },
        },
        secret: (b) => b.secret ?? '',
      },
      {
        name: 'POST /v1/webhooks/:id/rotate-secret',
        url: `/v1/webhooks/${webhook.body.id}/rotate-secret`,
        body: { overlapMinutes: 10 },
        status: 200,
        changed: { body: { overlapMinutes: 20 } },
        secret: (b) => b.secret ?? '',
      },
      {
        name: 'POST /v1/people/:id/feed-key',
        url: `/v1/people/${tree.people.spare}/feed-key`,
        status: 201,
        changed: { url: `/v1/people/${tree.people.other}/feed-key` },
        secret: (b) => b.key ?? '',
      },
    ];

    for (const [i, c] of cases.entries()) {
      t.test(c.name, async (t) => {
        const key = `idem-${backend}-${i}-3b9f0c7e-51d2-4c1e-9a7e-${c.url.length}`;
        const headers = { 'idempotency-key': key };
        const first = await call(admin, 'POST', c.url, c.body, headers);
        t.equal(first.status, c.status, first.status === c.status ? 'created' : first.text);
        const secret = c.secret(first.body);
        t.ok(secret.length >= 16, 'the answer carries a secret');

        const text = await rowsText();
        t.ok(text.length > 0, 'the answer is recorded');
        t.notOk(text.includes(key), 'no Idempotency-Key anywhere in idempotency_records');
        t.notOk(text.includes(secret), 'no secret anywhere in idempotency_records');

        const retry = await call(admin, 'POST', c.url, c.body, headers);
        t.equal(retry.status, c.status, 'the retry gets the same status');
        t.equal(retry.headers['idempotent-replayed'], 'true', 'replayed');
        t.equal(retry.text, first.text, 'the identical answer, the same secret');

        const other = await call(admin, 'POST', c.url, c.body, {
          'idempotency-key': `${key}-other`,
        });
        t.equal(other.status, c.status, 'another key runs anew');
        t.not(other.headers['idempotent-replayed'], 'true', 'another key replays nothing');
        t.not(c.secret(other.body), secret, 'another key does not get the recorded secret');

        const changed = await call(
          admin,
          'POST',
          c.changed.url ?? c.url,
          c.changed.body ?? c.body,
          headers,
        );
        t.equal(changed.status, 422, 'the key on another request is refused, as before');
        t.equal(changed.body.code, 'idempotency_key_reused');
      });
    }
  });
}
