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
  start: string;
  end: string;
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
  title: string;
  kind: string;
  unit_id: string;
  location: Location | null;
  time_zone: string;
}

/** Columns of a Shift: `s` is shifts, `e` its event. */
export const shiftColumns = sql`s.id, s.event_id, s.occurrence_id, s.slot_key, s.name, s.role,
  s.start, s."end", s.capacity, s.seats_taken, s.waitlist_count, s.min_needed, s.required_tags,
  s.min_age, s.max_age, s.max_party_size, s.waitlist, s.status, e.title, e.kind, e.unit_id,
  e.location, e.time_zone`;

export function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    eventId: row.event_id,
    occurrenceId: row.occurrence_id,
    slotKey: row.slot_key,
    name: row.name,
    role: row.role,
    start: formatInstant(row.start, row.time_zone),
    end: formatInstant(row.end, row.time_zone),
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
    status: row.status,
    event: {
      title: row.title,
      kind: row.kind as EventKind,
      unitId: row.unit_id,
      location: row.location,
    },
  };
}
