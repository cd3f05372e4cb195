// The signup batch's and the token lookup's statements go out as named prepared statements on
// PostgreSQL (parsed and planned once per connection), and as plain ones when turned off (a
// pooler that cannot keep them). pg_prepared_statements is per session: a pool of one
// connection lets the test see that session's statements.
import { createDatabase, type RotaDb } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import t from 'tap';

if (!process.env.DATABASE_URL) {
  t.plan(0, 'PostgreSQL only: DATABASE_URL is not set');
} else {
  const { url, drop } = await createTestDatabase({ backend: 'postgres' });
  t.teardown(drop);

  async function preparedNames(db: RotaDb): Promise<string[]> {
    const kysely = (db as unknown as { kysely: Kysely<unknown> }).kysely;
    const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements
      order by name`.execute(kysely);
    return rows.map((row) => row.name);
  }

  async function signUpOnce(db: RotaDb, tag: string) {
    const unit = await db.units.create({ name: `新华街道 ${tag}`, kind: 'subdistrict' });
    const person = await db.people.create({ name: `李明 ${tag}`, unitId: unit.id });
    const token = await db.tokens.create({ role: 'volunteer', personId: person.id });
    t.ok(await db.tokens.verify(token.token), 'the lookup answers');
    // A published shift written as rows (as materialization leaves them): this file tests the
    // statements of a signup, not the event store.
    const kysely = (db as unknown as { kysely: Kysely<unknown> }).kysely;
    const id = `prep-${tag}-${Math.random().toString(36).slice(2)}`;
    await sql`insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
        duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
      values (${id}, ${unit.id}, 'general', ${`清扫 ${tag}`}, 'Asia/Shanghai', '2031-05-01T09:00:00',
        '2031-05-01T01:00:00Z', 60, '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]',
        'published', now(), now(), now())`.execute(kysely);
    await sql`insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
      values (${id}, ${id}, '2031-05-01T09:00:00', '2031-05-01T09:00:00', '2031-05-01T01:00:00Z',
        '2031-05-01T02:00:00Z')`.execute(kysely);
    await sql`insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role,
        start, "end", local_date, capacity, max_party_size, waitlist)
      values (${id}, ${id}, ${id}, 'helper', 0, 'Helper', 'volunteer', '2031-05-01T01:00:00Z',
        '2031-05-01T02:00:00Z', '2031-05-01', 2, 1, true)`.execute(kysely);
    const signup = await db.signups.create(
      { shiftId: id, personId: person.id, seats: 1, companions: [] },
      new Date().toISOString(),
    );
    t.equal(signup.status, 'confirmed');
  }

  t.test('on by default: the hot statements are prepared once', async (t) => {
    const db = await createDatabase({ url, poolSize: 1, migrate: false });
    t.teardown(() => db.close());
    await signUpOnce(db, 'a');
    const names = await preparedNames(db);
    // The token lookup, the shifts' locks, the (shift, person) pairs, the volunteer's
    // overlapping shifts, the write.
    t.equal(names.length, 5, `five prepared statements: ${names.join(', ')}`);
    await signUpOnce(db, 'b');
    t.same(await preparedNames(db), names, 'the next signup reuses them');
    t.ok(names.every((name) => name.startsWith('rota_')));
  });

  t.test('off: nothing is prepared, the answers are the same', async (t) => {
    const db = await createDatabase({
      url,
      poolSize: 1,
      migrate: false,
      preparedStatements: false,
    });
    t.teardown(() => db.close());
    await signUpOnce(db, 'c');
    t.same(await preparedNames(db), []);
  });
}
