// Issue 10 item 10: a signup's Idempotency-Key is claimed in the signup's own transaction.
// When the request dies before that transaction commits (the process crashed, the database
// dropped the connection), nothing of it is left: the retry with the same key runs at once
// instead of waiting ~60 s on 409 idempotency_key_in_flight; a later retry replays it.
import type { RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import t from 'tap';
import { buildApp } from '../src/build-app.ts';
import { expectStatus, NOW, publishedEvent } from './helpers/unit-tree.ts';
import { clientFor } from './support/api-client.ts';
import { backends } from './support/backends.ts';

/** The database, with the next signup dying before its transaction starts (as in a crash). */
function crashingOnce(db: RotaDb): RotaDb & { crashNext: () => void } {
  let crash = false;
  const signups: RotaDb['signups'] = {
    ...db.signups,
    create(command, now, options) {
      if (crash) {
        crash = false;
        return Promise.reject(
          Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined }),
        );
      }
      return db.signups.create(command, now, options);
    },
  };
  return Object.assign(Object.create(db) as RotaDb, {
    kind: db.kind,
    signups,
    crashNext: () => {
      crash = true;
    },
  });
}

for (const backend of backends)
  t.test(`a signup's key after a crash, on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    const crashing = crashingOnce(db);
    const app = await buildApp({ db: crashing, now: () => NOW });
    t.teardown(async () => {
      await app.close();
      await drop();
    });
    const call = clientFor(app);
    const admin = (await db.tokens.create({ role: 'admin' })).token;
    const unit = (
      await expectStatus(
        call(admin, 'POST', '/v1/units', { name: '永泰街道', kind: 'subdistrict' }),
        201,
        'unit',
      )
    ).body.id;
    const person = (
      await expectStatus(
        call(admin, 'POST', '/v1/people', { name: '王芳', unitId: unit }),
        201,
        'person',
      )
    ).body.id;
    const { shiftId } = await publishedEvent(call, admin, unit);
    const body = { shiftId, personId: person };
    const headers = { 'idempotency-key': 'crash-1' };

    crashing.crashNext();
    const crashed = await call(admin, 'POST', '/v1/signups', body, headers);
    t.equal(crashed.status, 503, 'the crashed request answers 503');
    t.equal(crashed.body.code, 'database_unavailable');

    const retried = await call(admin, 'POST', '/v1/signups', body, headers);
    t.equal(retried.status, 201, 'the retry runs at once (not idempotency_key_in_flight)');
    const replayed = await call(admin, 'POST', '/v1/signups', body, headers);
    t.equal(replayed.status, 201);
    t.equal(replayed.body.id, retried.body.id, 'a later retry replays the first answer');
    const other = await call(admin, 'POST', '/v1/signups', { ...body, seats: 2 }, headers);
    t.equal(other.status, 422, 'the key with another body is still refused');
    t.equal(other.body.code, 'idempotency_key_reused');
    const roster = await call(admin, 'GET', `/v1/shifts/${shiftId}/roster`);
    t.equal(roster.body.items.length, 1, 'one signup');
  });
