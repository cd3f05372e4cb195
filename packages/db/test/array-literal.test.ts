// The re-plan's hand-made parameters: array literals (arrayLiteral) must reach the database as
// the same values the driver would have sent, on PGlite and (when DATABASE_URL is set)
// PostgreSQL.
import { createTestDatabase } from '@rota/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { arrayLiteral } from '../src/support/array-literal.ts';
import { backends, kyselyOf } from './fixtures/fixtures.ts';

for (const backend of backends) {
  t.test(`arrayLiteral reads back as the same array on ${backend}`, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const k = kyselyOf(db);
    const texts = [
      '',
      'NULL',
      'null',
      'a,b',
      '{x}',
      ' spaced ',
      'q"uote',
      'back\\slash',
      '\\"',
      '预约',
      "it's",
    ];
    const back = await sql<{ v: string[] }>`select ${arrayLiteral(texts)}::text[] as v`.execute(k);
    t.same(back.rows[0]!.v, texts, 'strings, including empty, NULL-like, quotes and backslashes');
    const numbers = [0, -1, 1796173200000, 1.5, 1e21];
    const floats = await sql<{ v: number[] }>`
      select ${arrayLiteral(numbers)}::float8[] as v`.execute(k);
    t.same(floats.rows[0]!.v.map(Number), numbers, 'numbers');
    const empty = await sql<{ n: number }>`
      select cardinality(${arrayLiteral([])}::text[]) as n`.execute(k);
    t.equal(Number(empty.rows[0]!.n), 0, 'an empty array');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }),
        async (list) => {
          const storable = list.map((s) => s.replaceAll('\u0000', ''));
          const read = await sql<{ v: string[] }>`
          select ${arrayLiteral(storable)}::text[] as v`.execute(k);
          t.same(read.rows[0]!.v, storable);
        },
      ),
      { numRuns: 50 },
    );
  });
}
