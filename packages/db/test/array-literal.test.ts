// The re-plan's hand-made parameters: array literals (arrayLiteral) must reach the database as
// the same values the driver would have sent, on PGlite and (when DATABASE_URL is set)
// PostgreSQL; ISO strings made by arithmetic (isoFromEpochMs) must equal toISOString's.
import { createTestDatabase } from '@rota/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { arrayLiteral } from '../src/support/array-literal.ts';
import { isoFromEpochMs } from '../src/support/instants.ts';
import { backends, kyselyOf } from './fixtures/fixtures.ts';

t.test('isoFromEpochMs writes what toISOString writes', async (t) => {
  const instants = fc.oneof(
    fc.integer({ min: 0, max: 253_402_300_799_999 }),
    fc.integer({ min: -62_198_755_200_000, max: 8_640_000_000_000_000 }),
    fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  );
  fc.assert(
    fc.property(fc.array(instants, { maxLength: 20 }), (list) => {
      // In sequence, as a re-plan calls it: the cached day must never leak into another day.
      for (const ms of list) {
        if (isoFromEpochMs(ms) !== new Date(ms).toISOString()) return false;
      }
      return true;
    }),
    { numRuns: 2000 },
  );
  t.equal(isoFromEpochMs(1_796_083_200_000), '2026-12-01T00:00:00.000Z');
  t.equal(isoFromEpochMs(1_796_169_599_999), '2026-12-01T23:59:59.999Z');
  t.equal(isoFromEpochMs(1_796_169_600_001), '2026-12-02T00:00:00.001Z');
});

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
