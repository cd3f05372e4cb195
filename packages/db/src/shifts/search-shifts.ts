import type { Page, Shift } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { ShiftSearch } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import { type ShiftRow, shiftColumns, toShift } from './shift-rows.ts';

/**
 * The shift search: one SQL statement over the materialized shifts (no rule is expanded at
 * request time), walking the `shifts (start, id)` index with a keyset cursor. A unit filter
 * covers the unit's subtree through the ltree index; `eligibleFor` compares the person's age on
 * each shift's local date and requires the shift's tags to be a subset of the person's.
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
    filter.includeDrafts ? sql`e.status in ('published', 'draft')` : sql`e.status = 'published'`,
  ];
  if (after !== undefined) {
    where.push(sql`(s.start, s.id) > (${after[0]}::timestamptz, ${after[1]})`);
  }
  if (filter.unitId !== undefined) {
    // The path as a value, not a subquery: with a known value the planner estimates the
    // subtree's share of shifts (ltree's selectivity) and picks the GiST (unit_path, start)
    // index for a small unit, the (start, id) order for a large one.
    const unit = await db
      .selectFrom('units')
      .select(sql<string>`path::text`.as('path'))
      .where('id', '=', filter.unitId)
      .executeTakeFirst();
    if (unit === undefined) return { items: [], nextCursor: null };
    where.push(sql`s.unit_path <@ ${unit.path}::ltree`);
  }
  if (filter.kind !== undefined) where.push(sql`e.kind = ${filter.kind}`);
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
  const { rows } = await sql<ShiftRow>`
    select ${shiftColumns}
    from shifts s join events e on e.id = s.event_id
    where ${sql.join(where, sql` and `)}
    order by s.start, s.id
    limit ${limit + 1}`.execute(db);
  return toPage(rows, limit, toShift, (row) => [row.start, row.id]);
}
