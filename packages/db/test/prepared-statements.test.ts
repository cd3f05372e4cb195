// The signup batch's and the token lookup's statements go out unnamed on PostgreSQL by default
// (parsed and planned with their parameters on every execution), the session left in
// PostgreSQL's own plan_cache_mode so that the foreign-key checks and the trigger statements
// each inserted signup runs keep their cached plans; prepared on demand (named, parsed once per
// connection) under force_custom_plan. pg_prepared_statements is per session: a pool of one
// connection lets the test see that session's statements (docs/decisions/0008, amendment).
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

  async function sessionPlanCacheMode(db: RotaDb): Promise<string> {
    const kysely = (db as unknown as { kysely: Kysely<unknown> }).kysely;
    const { rows } = await sql<{
      mode: string;
    }>`select current_setting('plan_cache_mode') as mode`.execute(kysely);
    return rows[0]!.mode;
  }

  t.test(
    'by default: nothing prepared, the session keeps cached plans for row triggers',
    async (t) => {
      const db = await createDatabase({ url, poolSize: 1, migrate: false });
      t.teardown(() => db.close());
      await signUpOnce(db, 'a');
      t.same(await preparedNames(db), [], 'the hot statements went out unnamed');
      // Under force_custom_plan each signup row's two foreign-key checks and the one-per-occurrence
      // trigger's read of its shift were planned again, row after row.
      t.equal(await sessionPlanCacheMode(db), 'auto');
    },
  );

  t.test('prepared: the hot statements are prepared once, planned with their values', async (t) => {
    const db = await createDatabase({ url, poolSize: 1, migrate: false, preparedStatements: true });
    t.teardown(() => db.close());
    await signUpOnce(db, 'b');
    const names = await preparedNames(db);
    // The token lookup, the shifts' locks, the (shift, person) pairs, the volunteer's
    // overlapping shifts, the write.
    t.equal(names.length, 5, `five prepared statements: ${names.join(', ')}`);
    await signUpOnce(db, 'c');
    t.same(await preparedNames(db), names, 'the next signup reuses them');
    t.ok(names.every((name) => name.startsWith('rota_')));
    // A named statement may otherwise keep a generic plan costed on small tables.
    t.equal(await sessionPlanCacheMode(db), 'force_custom_plan');
  });

  t.test('a mode asked for wins', async (t) => {
    const db = await createDatabase({
      url,
      poolSize: 1,
      migrate: false,
      planCacheMode: 'force_custom_plan',
    });
    t.teardown(() => db.close());
    await signUpOnce(db, 'd');
    t.same(await preparedNames(db), []);
    t.equal(await sessionPlanCacheMode(db), 'force_custom_plan');
  });
}
