// The signup batch's reads go by key, whatever the planner believes about the tables. When the
// batch's statements are prepared (`preparedStatements`), PostgreSQL may keep one generic plan, costed with
// the statistics of the moment; on a freshly loaded database those say the tables are small.
// With a plain `exists` (and plain joins) such a plan hashed every active signup of the table
// (and seq-scanned events and occurrences) on every batch: 5 ms at 10,000 signups in the spread
// benchmark, growing with the table. Here the statistics are taken on empty tables and kept,
// generic plans are forced, and the test counts the rows each table gave up to one batch.
import { createDatabase } from '@rota/db';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql } from 'kysely';
import t from 'tap';

if (!process.env.DATABASE_URL) {
  t.plan(0, 'PostgreSQL only: DATABASE_URL is not set');
} else {
  const { url, drop } = await createTestDatabase({ backend: 'postgres' });
  t.teardown(drop);
  // One connection: the session settings below and the statistics flush apply to the batch's.
  const db = await createDatabase({ url, poolSize: 1, migrate: false, preparedStatements: true });
  t.teardown(() => db.close());
  const kysely = (db as unknown as { kysely: Kysely<unknown> }).kysely;

  const tables = ['units', 'people', 'events', 'occurrences', 'shifts', 'signups'];
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(kysely);
    await sql`analyze ${sql.table(table)}`.execute(kysely);
  }
  const shifts = 400;
  const perShift = 10;
  await sql`insert into units (id, name, kind, path, created_at)
    values ('plan-unit', '新华街道', 'subdistrict', 'plan_unit', now())`.execute(kysely);
  await sql`insert into people (id, name, unit_id, created_at)
    select 'plan-person-' || g, '居民 ' || g, 'plan-unit', now()
    from generate_series(1, ${shifts * perShift + 10}) g`.execute(kysely);
  await sql`insert into events (id, unit_id, kind, title, time_zone, start_local, starts_at,
      duration_minutes, signup_window, slots, status, published_at, created_at, updated_at)
    select 'plan-' || g, 'plan-unit', 'general', '清扫 ' || g, 'Asia/Shanghai',
      '2031-05-01T09:00:00', '2031-05-01T01:00:00Z', 60,
      '{"opensBeforeMinutes":null,"closesBeforeMinutes":0}', '[]', 'published', now(), now(), now()
    from generate_series(1, ${shifts}) g`.execute(kysely);
  await sql`insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
    select 'plan-' || g, 'plan-' || g, '2031-05-01T09:00:00', '2031-05-01T09:00:00',
      '2031-05-01T01:00:00Z', '2031-05-01T02:00:00Z'
    from generate_series(1, ${shifts}) g`.execute(kysely);
  await sql`insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role,
      start, "end", local_date, capacity, seats_taken, max_party_size, waitlist)
    select 'plan-' || g, 'plan-' || g, 'plan-' || g, 'class', 0, '课堂',
      case when g > ${shifts / 2} then 'volunteer' else 'attendee' end,
      '2031-05-01T01:00:00Z', '2031-05-01T02:00:00Z', '2031-05-01', ${perShift + 5},
      ${perShift}, 1, true
    from generate_series(1, ${shifts}) g`.execute(kysely);
  await sql`insert into signups (shift_id, person_id, seats, status, role, period, created_at)
    select 'plan-' || (g % ${shifts} + 1), 'plan-person-' || g, 1, 'confirmed',
      case when g % ${shifts} + 1 > ${shifts / 2} then 'volunteer' else 'attendee' end, tstzrange('2031-05-01T01:00:00Z', '2031-05-01T02:00:00Z'), now()
    from generate_series(1, ${shifts * perShift}) g`.execute(kysely);
  await sql`set plan_cache_mode = force_generic_plan`.execute(kysely);

  interface Reads {
    signups: number;
    eventsSeqScans: number;
    occurrencesSeqScans: number;
  }
  async function reads(): Promise<Reads> {
    await sql`select pg_stat_force_next_flush()`.execute(kysely);
    await sql`select pg_stat_clear_snapshot()`.execute(kysely);
    const { rows } = await sql<{ relname: string; seq_scan: number; tuples: number }>`
      select t.relname, t.seq_scan::int, (t.seq_tup_read + coalesce(
          (select sum(i.idx_tup_read) from pg_stat_user_indexes i where i.relid = t.relid), 0))::int
        as tuples
      from pg_stat_user_tables t where t.relname in ('signups', 'events', 'occurrences')`.execute(
      kysely,
    );
    const row = (name: string) => rows.find((r) => r.relname === name)!;
    return {
      signups: row('signups').tuples,
      eventsSeqScans: row('events').seq_scan,
      occurrencesSeqScans: row('occurrences').seq_scan,
    };
  }

  /** One batch: each pair a (shift number, person id) signing up at once. */
  async function batchOf(pairs: [number, string][]) {
    const now = new Date().toISOString();
    const settled = await Promise.allSettled(
      pairs.map(([shift, personId]) =>
        db.signups.create({ shiftId: `plan-${shift}`, personId, seats: 1, companions: [] }, now),
      ),
    );
    return settled.map((outcome) =>
      outcome.status === 'fulfilled' ? outcome.value.status : (outcome.reason as Error).name,
    );
  }
  const newcomer = (n: number) => `plan-person-${shifts * perShift + n}`;

  t.test('a batch reads its pairs and its shifts by key, not whole tables', async (t) => {
    // Enough batches for PostgreSQL to settle on the generic plans (forced anyway).
    for (let round = 0; round < 2; round += 1) {
      await batchOf([1, 2, 3].map((n) => [round * 3 + n, newcomer(round * 3 + n)]));
    }
    const before = await reads();
    // Volunteer shifts: two newcomers, and two people who hold a confirmed volunteer signup
    // at the same hour elsewhere (found by the batch's read of overlapping volunteer shifts).
    const outcomes = await batchOf([
      [shifts - 3, newcomer(7)],
      [shifts - 2, newcomer(8)],
      [shifts - 1, 'plan-person-398'],
      [shifts, 'plan-person-399'],
    ]);
    const after = await reads();
    t.same(outcomes, ['confirmed', 'confirmed', 'RotaError', 'RotaError']);
    t.ok(
      after.signups - before.signups <= 4 * 4,
      `signups rows read by the batch: ${after.signups - before.signups} (the table holds ${
        shifts * perShift
      } active ones)`,
    );
    t.equal(after.eventsSeqScans, before.eventsSeqScans, 'no sequential scan of events');
    t.equal(
      after.occurrencesSeqScans,
      before.occurrencesSeqScans,
      'no sequential scan of occurrences',
    );
  });
}
