import { formatInstant, type Occurrence, type ResourceConflict } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { type ShiftRow, shiftColumns, toShift } from '../shifts/shift-rows.ts';

/** An occurrences row as read. */
export interface OccurrenceRow {
  id: string;
  event_id: string;
  /** The local start the schedule gave it (its key within the event). */
  original_local_start: string;
  /** Where it is now: differs from the original when an organizer moved it. */
  local_start: string;
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  /** What the horizon could not book for it (migration 0060); null: everything booked. */
  resource_shortfall: ResourceConflict[] | null;
}

interface BookingRow {
  occurrence_id: string;
  resource_id: string;
  quantity: number;
  start: string;
  end: string;
}

/** Occurrences by id, each with its shifts (in start order). */
export async function loadOccurrences(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, Occurrence>> {
  const out = new Map<string, Occurrence>();
  if (ids.length === 0) return out;
  const list = sql.join(ids);
  const occurrences = await sql<OccurrenceRow & { time_zone: string }>`
    select o.*, e.time_zone from occurrences o join events e on e.id = o.event_id
    where o.id in (${list})`.execute(db);
  const shifts = await sql<ShiftRow>`
    select ${shiftColumns} from shifts s join events e on e.id = s.event_id
    where s.occurrence_id in (${list}) order by s.start, s.slot_key, s.sequence`.execute(db);
  const bookings = await sql<BookingRow>`
    select b.occurrence_id, b.resource_id, b.quantity, lower(b.period) as start,
      upper(b.period) as "end"
    from bookings b where b.occurrence_id in (${list})
    order by lower(b.period), b.resource_id`.execute(db);
  const zones = new Map<string, string>();
  for (const row of occurrences.rows) {
    zones.set(row.id, row.time_zone);
    out.set(row.id, {
      id: row.id,
      eventId: row.event_id,
      start: formatInstant(row.start, row.time_zone),
      end: formatInstant(row.end, row.time_zone),
      localStart: row.local_start,
      originalLocalStart: row.original_local_start,
      status: row.status,
      cancelReason: row.cancel_reason,
      shifts: [],
      resources: [],
      resourceShortfall: row.resource_shortfall,
    });
  }
  for (const row of bookings.rows) {
    const zone = zones.get(row.occurrence_id) ?? 'UTC';
    out.get(row.occurrence_id)?.resources.push({
      resourceId: row.resource_id,
      quantity: row.quantity,
      start: formatInstant(row.start, zone),
      end: formatInstant(row.end, zone),
    });
  }
  for (const row of shifts.rows) out.get(row.occurrence_id)?.shifts.push(toShift(row));
  return out;
}
