import { type EventKind, formatInstant, type Location, type Shift } from '@rota/core';
import { sql } from 'kysely';

/** A shift row joined with the event fields a Shift shows. */
export interface ShiftRow {
  id: string;
  event_id: string;
  occurrence_id: string;
  slot_key: string;
  name: string;
  role: 'volunteer' | 'attendee';
  /** Epoch milliseconds (see {@link shiftColumns}). */
  start_ms: number;
  end_ms: number;
  capacity: number;
  seats_taken: number;
  waitlist_count: number;
  min_needed: number;
  required_tags: string[];
  min_age: number | null;
  max_age: number | null;
  max_party_size: number;
  waitlist: boolean;
  status: 'open' | 'cancelled';
  event_status: 'draft' | 'published' | 'cancelled';
  title: string;
  kind: string;
  unit_id: string;
  location: Location | null;
  time_zone: string;
}

/**
 * Columns of a Shift: `s` is shifts, `e` its event. The times come as epoch milliseconds (a
 * float8, a number on both drivers): a timestamptz is parsed from text to an ISO string, then
 * parsed again to be shown in the event's zone; with the formatting, that was a fifth of the API
 * process's CPU for a page of 50 shifts.
 */
export const shiftColumns = sql`s.id, s.event_id, s.occurrence_id, s.slot_key, s.name, s.role,
  round(date_part('epoch', date_trunc('milliseconds', s.start)) * 1000) as start_ms,
  round(date_part('epoch', date_trunc('milliseconds', s."end")) * 1000) as end_ms,
  s.capacity, s.seats_taken, s.waitlist_count, s.min_needed, s.required_tags,
  s.min_age, s.max_age, s.max_party_size, s.waitlist, s.status, s.event_status, e.title, e.kind, e.unit_id,
  e.location, e.time_zone`;

// The shifts' times in their event's zone, memoized: a page repeats a few instants (the shifts
// of one occurrence share their start, occurrences share hours) and formatting one costs about
// as much as the rest of its shift's mapping. A pure function of (instant, zone), bounded like
// core's offset cache.
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 10_000;

function formatMs(ms: number, timeZone: string): string {
  const key = `${timeZone}|${ms}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatInstant(new Date(ms), timeZone);
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    eventId: row.event_id,
    occurrenceId: row.occurrence_id,
    slotKey: row.slot_key,
    name: row.name,
    role: row.role,
    start: formatMs(row.start_ms, row.time_zone),
    end: formatMs(row.end_ms, row.time_zone),
    capacity: row.capacity,
    seatsTaken: row.seats_taken,
    seatsLeft: Math.max(0, row.capacity - row.seats_taken),
    waitlistCount: row.waitlist_count,
    minNeeded: row.min_needed,
    understaffed: row.seats_taken < row.min_needed,
    requiredTags: row.required_tags,
    minAge: row.min_age,
    maxAge: row.max_age,
    maxPartySize: row.max_party_size,
    waitlist: row.waitlist,
    // A draft's shift is not open to anyone yet: say so rather than `open` (a volunteer gets
    // a 404 on it).
    status: row.status === 'open' && row.event_status === 'draft' ? 'draft' : row.status,
    event: {
      title: row.title,
      kind: row.kind as EventKind,
      unitId: row.unit_id,
      location: row.location,
    },
  };
}
