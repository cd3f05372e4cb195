// Shifts carry their event's status for the search (migration 0004): every way an event's
// status changes reaches its shifts, rows written by plain SQL take it, and the migration fills
// it on a database that already holds shifts. On PGlite and (when DATABASE_URL is set) PostgreSQL.
import { createTestDatabase } from '@rota/db/testing';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import t from 'tap';
import { migrationProvider } from '../src/migrations/migrations.ts';
import { backends, draft, kyselyOf, NOW, seedUnits, slot } from './fixtures/fixtures.ts';

// Three daily occurrences, 5-7 December 2026 at 08:00 in Shanghai (00:00 UTC).
const DAYS = { from: '2026-12-05T00:00:00Z', to: '2026-12-08T00:00:00Z' };
const daily = { rrule: 'FREQ=DAILY;COUNT=3', exdates: [], rdates: [] };

for (const backend of backends) {
  t.test(backend, async (t) => {
    const { db, drop } = await createTestDatabase({ backend });
    t.teardown(drop);
    const kysely = kyselyOf(db);
    const { district, community } = await seedUnits(db);

    /** The event's shifts found by the search: without drafts, and with them. */
    const found = async (eventId: string, window = DAYS) => {
      const ids = async (includeDrafts: boolean) =>
        (
          await db.shifts.search({ ...window, unitId: district.id, includeDrafts, limit: 500 })
        ).items
          .filter((shift) => shift.eventId === eventId)
          .map((shift) => shift.start);
      return { published: await ids(false), withDrafts: await ids(true) };
    };
    /** `events.status` and the distinct `shifts.event_status` of the event's shifts. */
    const statuses = async (eventId: string) => {
      const { rows } = await sql<{ event: string; shifts: string[] }>`
        select e.status as event, array(select distinct s.event_status from shifts s
          where s.event_id = e.id order by 1) as shifts
        from events e where e.id = ${eventId}`.execute(kysely);
      return rows[0];
    };
    const starts = ['2026-12-05T08:00:00+08:00', '2026-12-06T08:00:00+08:00'];
    const allStarts = [...starts, '2026-12-07T08:00:00+08:00'];

    t.test('a draft, then published: its shifts appear without includeDrafts', async (t) => {
      const event = await db.events.create(
        draft(community.id, { status: 'draft', recurrence: daily }),
        NOW,
      );
      t.same(await statuses(event.id), { event: 'draft', shifts: ['draft'] });
      t.same(await found(event.id), { published: [], withDrafts: allStarts });
      await db.events.publish(event.id, NOW);
      t.same(await statuses(event.id), { event: 'published', shifts: ['published'] });
      t.same(await found(event.id), { published: allStarts, withDrafts: allStarts });
    });

    t.test('cancelled: the shifts already under way stay open but leave the search', async (t) => {
      const event = await db.events.create(draft(community.id, { recurrence: daily }), NOW);
      t.same(await found(event.id), { published: allStarts, withDrafts: allStarts });
      // On 6 December at noon (Shanghai): the 7 December shift is cancelled with its signups,
      // the two earlier ones stay `open`; only their event's status hides them.
      await db.events.cancel(event.id, '下雨', '2026-12-06T04:00:00Z');
      const { rows } = await sql<{ status: string; n: number }>`
        select status, count(*)::int as n from shifts where event_id = ${event.id}
        group by status order by status`.execute(kysely);
      t.same(rows, [
        { status: 'cancelled', n: 1 },
        { status: 'open', n: 2 },
      ]);
      t.same(await statuses(event.id), { event: 'cancelled', shifts: ['cancelled'] });
      t.same(await found(event.id), { published: [], withDrafts: [] });
    });

    t.test('any other change of events.status (e.g. back to draft by SQL) follows', async (t) => {
      const event = await db.events.create(draft(community.id, { recurrence: daily }), NOW);
      await sql`update events set status = 'draft' where id = ${event.id}`.execute(kysely);
      t.same(await statuses(event.id), { event: 'draft', shifts: ['draft'] });
      t.same(await found(event.id), { published: [], withDrafts: allStarts });
      // A change of anything else leaves the shifts alone.
      await sql`update events set title = '改名' where id = ${event.id}`.execute(kysely);
      t.same(await statuses(event.id), { event: 'draft', shifts: ['draft'] });
      await sql`update events set status = 'published' where id = ${event.id}`.execute(kysely);
      t.same(await found(event.id), { published: allStarts, withDrafts: allStarts });
    });

    t.test('a shift inserted by SQL without the column takes its event status', async (t) => {
      const event = await db.events.create(
        draft(community.id, { status: 'draft', slots: [slot({ key: 'crew' })] }),
        NOW,
      );
      await sql`insert into shifts (id, event_id, occurrence_id, slot_key, sequence, name, role,
          start, "end", local_date, capacity, min_needed, max_party_size, waitlist)
        select 'sql-shift', event_id, occurrence_id, 'extra', 0, 'Extra', 'volunteer',
          start, "end", local_date, 3, 0, 1, true
        from shifts where event_id = ${event.id}`.execute(kysely);
      const { rows } = await sql<{ event_status: string; unit_path: string }>`
        select event_status, unit_path::text from shifts where id = 'sql-shift'`.execute(kysely);
      t.equal(rows[0]?.event_status, 'draft');
      t.ok(rows[0]?.unit_path.endsWith(community.id.replaceAll('-', '_')), 'and its unit path');
      await db.events.publish(event.id, NOW);
      t.same(
        (await found(event.id)).published.length,
        2,
        'published with its event: the materialized shift and the SQL one',
      );
    });

    t.test('the migration fills the column on a database that holds shifts', async (t) => {
      const migrator = new Migrator({ db: kysely, provider: migrationProvider });
      const down = await migrator.migrateTo('0003-shift-unit-path');
      t.equal(down.error, undefined);
      // Later migrations (0030, 0040, ...) go down first; 0004 is the last one down.
      t.same(
        down.results
          ?.filter((result) => result.migrationName <= '0004-shift-event-status')
          .map((result) => [result.migrationName, result.direction, result.status]),
        [['0004-shift-event-status', 'Down', 'Success']],
      );
      t.ok(
        down.results?.every((result) => result.status === 'Success'),
        'every step down succeeded',
      );
      const { rows: columns } = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.columns
        where table_name = 'shifts' and column_name = 'event_status'`.execute(kysely);
      t.equal(columns[0]?.n, 0, 'down removed the column');
      // Without the triggers, statuses change under the shifts: the migration reads them.
      const { rows: events } = await sql<{ id: string }>`
        select id from events order by created_at, id`.execute(kysely);
      t.ok(events.length >= 4);
      await sql`update events set status = 'cancelled' where id = ${events[0]!.id}`.execute(kysely);
      await sql`update events set status = 'draft' where id = ${events[1]!.id}`.execute(kysely);
      await db.migrate();
      const { rows } = await sql<{ status: string; shifts: number; wrong: number }>`
        select e.status, count(*)::int as shifts,
          count(*) filter (where s.event_status is distinct from e.status)::int as wrong
        from shifts s join events e on e.id = s.event_id
        group by e.status order by e.status`.execute(kysely);
      t.same(
        rows.map((row) => row.status),
        ['cancelled', 'draft', 'published'],
      );
      t.ok(
        rows.every((row) => row.shifts > 0 && row.wrong === 0),
        'every shift has its event status',
        { rows },
      );
      await sql`update events set status = 'published' where id = ${events[1]!.id}`.execute(kysely);
      t.same(await statuses(events[1]!.id), {
        event: 'published',
        shifts: ['published'],
      });
    });
  });
}
