// Idempotency records reveal neither the key nor the answer to whoever reads the database (a
// backup, a replica, a support query): the row holds the key's SHA-256 and the answer sealed
// with a key derived from the raw Idempotency-Key and the scope; only a request that sends the
// key again opens it. Migration 0093 seals the records written in plaintext before it. On
// PGlite and (when DATABASE_URL is set) PostgreSQL.
import { createHash } from 'node:crypto';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t from 'tap';
import { openAnswer, sealAnswer } from '../src/idempotency/sealed-answer.ts';
import * as m0093 from '../src/migrations/0093-idempotency-sealed.ts';
import { backends, kyselyOf, NOW, oneShift, person, seedUnits } from './fixtures/fixtures.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

t.test('a sealed answer opens only with its key, scope and status', async (t) => {
  const body = { id: 't1', token: 'rota_secret-abc', role: 'organizer' };
  const sealed = sealAnswer('key-1', 'scope-1', 201, body);
  t.notMatch(sealed, /rota_secret|key-1/);
  t.same(openAnswer('key-1', 'scope-1', 201, sealed), body);
  t.equal(
    JSON.stringify(openAnswer('key-1', 'scope-1', 201, sealed)),
    JSON.stringify(body),
    'key order kept: the replay is the first answer byte for byte',
  );
  t.not(sealAnswer('key-1', 'scope-1', 201, body), sealed, 'a fresh IV each time');
  t.throws(() => openAnswer('key-2', 'scope-1', 201, sealed), 'another key does not open it');
  t.throws(() => openAnswer('key-1', 'scope-2', 201, sealed), 'another scope does not open it');
  t.throws(() => openAnswer('key-1', 'scope-1', 200, sealed), 'another status does not open it');
  const [format, data = ''] = sealed.split('.');
  const flipped = Buffer.from(data, 'base64url');
  flipped[20] = (flipped[20] ?? 0) ^ 1;
  t.throws(
    () => openAnswer('key-1', 'scope-1', 201, `${format}.${flipped.toString('base64url')}`),
    'a tampered answer does not open',
  );
  t.throws(() => openAnswer('key-1', 'scope-1', 201, 'v1.AAAA'), 'a cut answer does not open');
});

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const kysely = kyselyOf(db);
    /** Every record as the text of its whole row: what a reader of the database sees. */
    const rowsText = async () =>
      (
        await sql<{ row: string }>`select r::text as row from idempotency_records r`.execute(kysely)
      ).rows
        .map((r) => r.row)
        .join('\n');

    t.test('the row holds neither the key nor the answer; the key replays it', async (t) => {
      const key = `key-${backend}-6f1c2a`;
      const secret = 'rota_live-bearer-secret-7Q2x';
      const answer = { id: 'tok-1', token: secret, role: 'organizer', label: '值班' };
      const command = await db.idempotency.open('actor-1', key, 'h1', NOW);
      if (command.state !== 'new') throw new Error(`unexpected ${command.state}`);
      await command.run(async () => {});
      await command.commit(201, answer);

      const text = await rowsText();
      t.ok(text.length > 0, 'the record is there');
      t.notOk(text.includes(key), 'no Idempotency-Key in the row');
      t.notOk(text.includes(secret), 'no secret in the row');
      t.notOk(text.includes('值班'), 'nothing of the answer in the row');
      const { rows } = await sql<{ key_hash: string }>`
        select key_hash from idempotency_records where scope = 'actor-1'`.execute(kysely);
      t.same(
        rows.map((r) => r.key_hash),
        [sha256(key)],
        "the key's SHA-256 (hex), as tokens' hashSecret",
      );

      const replay = { state: 'replay', status: 201, body: answer };
      t.same(await db.idempotency.peek('actor-1', key, 'h1'), replay, 'the key replays it');
      t.same(await db.idempotency.open('actor-1', key, 'h1', NOW), replay, 'open replays too');
      t.same(await db.idempotency.peek('actor-1', key, 'h2'), { state: 'mismatch' });
      t.same(
        await db.idempotency.peek('actor-1', `${key}x`, 'h1'),
        { state: 'new' },
        'another key finds nothing to open',
      );
      t.same(
        await db.idempotency.peek('actor-2', key, 'h1'),
        { state: 'new' },
        'the key of another actor is another record',
      );
    });

    t.test("a signup's record (recorded in the group commit) is sealed too", async (t) => {
      const { community } = await seedUnits(db);
      const { shift } = await oneShift(db, community.id);
      const wang = await person(db, community.id, { name: '王芳' });
      const idempotency = { scope: 'tok-s', key: `signup-key-${backend}-91ab`, requestHash: 'h' };
      const command = { shiftId: shift.id, personId: wang.id, seats: 1, companions: [] };
      const signup = await db.signups.create(command, NOW, { idempotency });
      const text = await rowsText();
      t.notOk(text.includes(idempotency.key), 'no key in the rows');
      t.notOk(text.includes(signup.id), 'no answer in the rows');
      t.match(await db.idempotency.peek('tok-s', idempotency.key, 'h'), {
        state: 'replay',
        body: { id: signup.id },
      });
      const again = await db.signups.create(command, NOW, { idempotency });
      t.same(again, signup, 'the retry replays the sealed answer');
    });

    // Last: going down forgets every record.
    t.test('migration 0093 hashes stored keys and seals stored answers in place', async (t) => {
      await m0093.down(kysely);
      const secret = 'rota_old-plaintext-secret-55Zk';
      const body = `{"id":"tok-old","token":"${secret}","role":"admin"}`;
      await sql`insert into idempotency_records
          (scope, key, request_hash, status, body, claimed_at, completed_at, created_at)
        values
          ('actor-old', 'old-key-Ω-1', 'h-old', 201, ${body}::json, ${NOW}, ${NOW}, ${NOW}),
          ('actor-old', 'old-key-unfinished', 'h-u', null, null, ${NOW}, null, ${NOW})`.execute(
        kysely,
      );
      await m0093.up(kysely);

      const text = await rowsText();
      t.notOk(text.includes('old-key'), 'no key left in plaintext');
      t.notOk(text.includes(secret), 'no answer left in plaintext');
      const { rows } = await sql<{ key_hash: string }>`
        select key_hash from idempotency_records where scope = 'actor-old'
        order by key_hash`.execute(kysely);
      t.same(
        rows.map((r) => r.key_hash),
        [sha256('old-key-Ω-1'), sha256('old-key-unfinished')].sort(),
        "the database's sha256 is the code's hash (non-ASCII key included)",
      );

      const replay = await db.idempotency.peek('actor-old', 'old-key-Ω-1', 'h-old');
      t.same(replay, { state: 'replay', status: 201, body: JSON.parse(body) }, 'still replays');
      t.equal(
        JSON.stringify(replay.state === 'replay' && replay.body),
        body,
        'byte for byte as it was recorded',
      );
      t.same(await db.idempotency.open('actor-old', 'old-key-Ω-1', 'h-old', NOW), replay);
      t.same(await db.idempotency.peek('actor-old', 'old-key-Ω-1', 'h-x'), { state: 'mismatch' });
      const unfinished = await db.idempotency.open('actor-old', 'old-key-unfinished', 'h-u', NOW);
      t.equal(unfinished.state, 'new', 'an unfinished old claim is taken over');
      if (unfinished.state === 'new') await unfinished.rollback();
    });
  });
}
