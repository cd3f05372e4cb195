// Calendar feed keys (issue 10 item 9): only a hash is stored, the key is seen once when it is
// made, a rotation ends the previous key at once, and migration 0011 hashed the keys stored
// in plaintext before it in place, so that feed URLs already in calendar apps keep working.
// On PGlite and (when DATABASE_URL is set) PostgreSQL.
import { createHash } from 'node:crypto';
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import t from 'tap';
import * as m0011 from '../src/migrations/0011-feed-key-hash.ts';
import { backends, kyselyOf, person, seedUnits } from './fixtures/fixtures.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const kysely = kyselyOf(db);
    const { community } = await seedUnits(db);
    const stored = async (id: string) =>
      (
        await sql<{ feed_key_hash: string | null }>`
          select feed_key_hash from people where id = ${id}`.execute(kysely)
      ).rows[0]?.feed_key_hash;

    t.test('a new person has no key; a rotation makes one, stored hashed', async (t) => {
      const wang = await person(db, community.id, { name: '王芳' });
      t.notOk('feedKey' in wang, 'the person carries no key');
      t.equal(await stored(wang.id), null, 'no key made yet');
      t.equal(await db.people.byFeedKey(wang.id, ''), undefined, 'no key opens it');

      const key = await db.people.rotateFeedKey(wang.id);
      if (key === undefined) throw new Error('no key');
      t.ok(key.length >= 32, 'a random key (24 bytes)');
      t.equal(await stored(wang.id), sha256(key), 'the row holds its SHA-256, not the key');
      t.match(await db.people.byFeedKey(wang.id, key), { id: wang.id, name: '王芳' });
      t.equal(await db.people.byFeedKey(wang.id, sha256(key)), undefined, 'the hash is no key');

      const next = await db.people.rotateFeedKey(wang.id);
      if (next === undefined) throw new Error('no key');
      t.not(next, key);
      t.equal(await db.people.byFeedKey(wang.id, key), undefined, 'the old key stops at once');
      t.match(await db.people.byFeedKey(wang.id, next), { id: wang.id });

      const li = await person(db, community.id, { name: '李娜' });
      t.equal(await db.people.byFeedKey(li.id, next), undefined, "one person's key only");
      t.equal(await db.people.rotateFeedKey('00000000-0000-4000-8000-000000000000'), undefined);
    });

    t.test('migration 0011 hashes stored keys in place: old feed URLs keep working', async (t) => {
      const chen = await person(db, community.id, { name: '陈静' });
      // Back to the plaintext column, with a key as the code before 0011 wrote it.
      await m0011.down(kysely);
      await sql`update people set feed_key = 'old-plaintext-key-0123456789'
        where id = ${chen.id}`.execute(kysely);
      await m0011.up(kysely);
      t.equal(await stored(chen.id), sha256('old-plaintext-key-0123456789'));
      t.match(await db.people.byFeedKey(chen.id, 'old-plaintext-key-0123456789'), {
        id: chen.id,
      });
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from people
        where feed_key_hash is null or feed_key_hash !~ '^[0-9a-f]{64}$'`.execute(kysely);
      t.equal(rows[0]?.n, 0, 'every row holds a hash after the migration');
    });
  });
}
