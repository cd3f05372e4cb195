// On PostgreSQL a transaction's BEGIN goes out without waiting for its answer, and a signup
// batch sends its reads (and its write with the outbox insert) together, relying on `pg` to
// send a connection's statements one after the other in the order they were started
// (support/pipelined-begin.ts, signups/group-commit). These pin what that relies on: the first
// statement runs inside the transaction, statements started together run in order in the same
// transaction, and a connection lost under a transaction fails its statement and leaves the pool
// working.
import { createDatabase, type RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';

if (!process.env.DATABASE_URL) {
  t.plan(0, 'PostgreSQL only: DATABASE_URL is not set');
} else {
  const { url, drop } = await createTestDatabase({ backend: 'postgres' });
  t.teardown(drop);
  const db: RotaDb = await createDatabase({ url, poolSize: 2 });
  t.teardown(() => db.close());
  const kysely = (db as unknown as { kysely: Kysely<unknown> }).kysely;
  await sql`create table pipelined_probe (n int)`.execute(kysely);

  t.test('the first statement runs inside the transaction', async (t) => {
    await t.rejects(
      kysely.transaction().execute(async (trx) => {
        await sql`insert into pipelined_probe values (1)`.execute(trx);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    const { rows } = await sql<{ n: number }>`select count(*)::int as n
      from pipelined_probe`.execute(kysely);
    t.equal(rows[0]?.n, 0, 'the insert was rolled back with the transaction');
    const inside = await kysely.transaction().execute(async (trx) => {
      const [{ rows: a }, { rows: b }] = await Promise.all([
        sql<{ x: string }>`select txid_current()::text as x`.execute(trx),
        sql<{ x: string }>`select txid_current()::text as x`.execute(trx),
      ]);
      return { a: a[0]?.x, b: b[0]?.x };
    });
    t.equal(inside.a, inside.b, 'statements started together share the transaction');
  });

  t.test('statements started together run in the order they were started', async (t) => {
    const seen = await kysely.transaction().execute(async (trx) => {
      const [, read] = await Promise.all([
        sql`select set_config('rota.probe', 'locked first', true)`.execute(trx),
        sql<{ v: string }>`select current_setting('rota.probe', true) as v`.execute(trx),
      ]);
      return read.rows[0]?.v;
    });
    t.equal(seen, 'locked first');
  });

  t.test('a connection lost in a transaction fails it, and the pool carries on', async (t) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    t.teardown(() => admin.end());
    await t.rejects(
      kysely.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await sql`insert into pipelined_probe values (2)`.execute(trx);
      }),
    );
    // Every pooled connection may be the next one: each must open its transaction for real.
    for (let i = 0; i < 4; i += 1) {
      const n = await kysely.transaction().execute(async (trx) => {
        await sql`insert into pipelined_probe values (3)`.execute(trx);
        const { rows } = await sql<{ n: number }>`select count(*)::int as n
          from pipelined_probe where n = 3`.execute(trx);
        return rows[0]?.n;
      });
      t.equal(n, i + 1);
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n
      from pipelined_probe where n = 2`.execute(kysely);
    t.equal(rows[0]?.n, 0, 'nothing of the broken transaction was written');
  });
}
