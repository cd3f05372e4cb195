import type { Page, Shift } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { ShiftSearch } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import { type ShiftRow, shiftColumns, toShift } from './shift-rows.ts';

/**
 * The shift search: one SQL statement over the materialized shifts (no rule is expanded at
 * request time), in `(start, id)` order with a keyset cursor. Every filter but `kind` is on the
 * shift row itself (it carries its event's status and unit path), so the page is cut on
 * `shifts` alone and only its rows are joined to their events. A unit filter covers the unit's
 * subtree through the GiST `(unit_path, start)` index; `eligibleFor` compares the person's age
 * on each shift's local date and requires the shift's tags to be a subset of the person's.
 *
 * @example
 * await searchShifts(db, { from: '2026-12-01T00:00:00+08:00', to: '2026-12-08T00:00:00+08:00',
 *   unitId: subdistrict.id, available: true });
 */
export async function searchShifts(
  db: Kysely<Database>,
  filter: ShiftSearch,
): Promise<Page<Shift>> {
  const limit = pageLimit(filter.limit);
  const after = decodeCursor(filter.cursor);
  const where = [
    sql`s.start >= ${filter.from}::timestamptz`,
    sql`s.start < ${filter.to}::timestamptz`,
    sql`s.status = 'open'`,
    filter.includeDrafts
      ? sql`s.event_status in ('published', 'draft')`
      : sql`s.event_status = 'published'`,
  ];
  if (after !== undefined) {
    where.push(sql`(s.start, s.id) > (${after[0]}::timestamptz, ${after[1]})`);
  }
  if (filter.unitId !== undefined) {
    // rota_unit_path is evaluated while the statement is planned (migration 0004): the planner
    // sees the path as a value and estimates the subtree's share of shifts (ltree's
    // selectivity), so it reads a small unit's week from the GiST (unit_path, start) index and
    // walks (start, id) in order for a large one. An unknown unit's path is null: no rows.
    where.push(sql`s.unit_path <@ rota_unit_path(${filter.unitId})`);
  }
  if (filter.kind !== undefined) {
    where.push(
      sql`exists (select 1 from events k where k.id = s.event_id and k.kind = ${filter.kind})`,
    );
  }
  if (filter.role !== undefined) where.push(sql`s.role = ${filter.role}`);
  if (filter.available === true) where.push(sql`s.seats_taken < s.capacity`);
  if (filter.available === false) where.push(sql`s.seats_taken >= s.capacity`);
  if (filter.understaffed === true) where.push(sql`s.seats_taken < s.min_needed`);
  if (filter.understaffed === false) where.push(sql`s.seats_taken >= s.min_needed`);
  if (filter.eligibleFor !== undefined) {
    where.push(sql`exists (select 1 from people p where p.id = ${filter.eligibleFor}
      and s.required_tags <@ p.tags
      and (s.min_age is null or (p.birth_date is not null
        and rota_age(p.birth_date, s.local_date) >= s.min_age))
      and (s.max_age is null or (p.birth_date is not null
        and rota_age(p.birth_date, s.local_date) <= s.max_age)))`);
  }
  // The page is cut before the join: joined first, every shift of the window that passes the
  // filters was joined to its event, then the sort kept `limit + 1` of them. Each page row
  // then reads its event by key (a lateral subquery the planner cannot flatten): as a plain
  // join, statistics taken while `events` was small had it hash the whole table per search
  // (test/plan-stability.test.ts).
  const { rows } = await sql<ShiftRow>`
    select ${shiftColumns}
    from (select s.* from shifts s
      where ${sql.join(where, sql` and `)}
      order by s.start, s.id
      limit ${limit + 1}) s
    cross join lateral (select title, kind, unit_id, location, time_zone from events
      where id = s.event_id offset 0) e
    order by s.start, s.id`.execute(db);
  return toPage(rows, limit, toShift, (row) => [new Date(row.start_ms).toISOString(), row.id]);
}
