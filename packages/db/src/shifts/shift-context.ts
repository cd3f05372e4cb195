import type { SignupContext, SignupWindow } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { prepared } from '../support/prepared-statements.ts';

/** What a signup decision needs of a shift, its occurrence and its event. */
export interface ShiftContextRow {
  id: string;
  role: 'volunteer' | 'attendee';
  start: string;
  end: string;
  name: string;
  local_date: string;
  capacity: number;
  seats_taken: number;
  waitlist_count: number;
  max_party_size: number;
  min_age: number | null;
  max_age: number | null;
  companion_min_age: number | null;
  companion_max_age: number | null;
  required_tags: string[];
  waitlist: boolean;
  status: 'open' | 'cancelled';
  event_status: 'draft' | 'published' | 'cancelled';
  occurrence_status: 'scheduled' | 'cancelled';
  signup_window: SignupWindow;
  published_at: string | null;
  /** The event's unit path (ltree text): who organizes the shift. */
  unit_path: string;
  /** The event's time zone (the offset of the signup's record instants). */
  time_zone: string;
}

const shiftContextColumns = sql`s.id, s.role, s.start, s."end", s.local_date, s.name,
  s.capacity, s.seats_taken, s.waitlist_count, s.max_party_size, s.min_age, s.max_age,
  s.companion_min_age, s.companion_max_age, s.required_tags, s.waitlist, s.status,
  e.status as event_status, o.status as occurrence_status, e.signup_window, e.published_at,
  s.unit_path::text as unit_path, e.time_zone`;

/** Reads a shift's signup context (no lock: the per-command path locks in its UPDATE). */
export async function readShiftContext(
  trx: Transaction<Database>,
  shiftId: string,
): Promise<ShiftContextRow | undefined> {
  const { rows } = await sql<ShiftContextRow>`
    select ${shiftContextColumns}
    from shifts s join events e on e.id = s.event_id join occurrences o on o.id = s.occurrence_id
    where s.id = ${shiftId}`.execute(trx);
  return rows[0];
}

/**
 * Reads the signup context of several shifts and takes their row locks (FOR UPDATE), in id
 * order: two batches lock in the same order, so they wait for each other instead of
 * deadlocking. The counters read are exact until the transaction ends (the group-commit path).
 */
export async function lockShiftContexts(
  trx: Transaction<Database>,
  shiftIds: readonly string[],
): Promise<ShiftContextRow[]> {
  // The event and the occurrence are read by key, row by row of the batch: `offset 0` keeps
  // each lateral subquery from being flattened into a join that the (prepared, generic) plan
  // may then run as a hash join over the whole events and occurrences tables.
  const { rows } = await sql<ShiftContextRow>`${prepared}
    select ${shiftContextColumns}
    from shifts s
      cross join lateral (select status, signup_window, published_at, time_zone from events
        where id = s.event_id offset 0) e
      cross join lateral (select status from occurrences where id = s.occurrence_id offset 0) o
    where s.id = any(${[...shiftIds]}::text[])
    order by s.id
    for update of s`.execute(trx);
  return rows;
}

/**
 * The shift part of core's SignupContext. A shift is open for signup only when it, its
 * occurrence and its event all are; the counters are passed in because the group-commit path
 * carries them forward in memory while it holds the lock.
 */
export function decisionShift(
  row: ShiftContextRow,
  counters: { seatsTaken: number; waitlistCount: number },
): SignupContext['shift'] {
  // The event's and the occurrence's statuses go to decideSignup on their own (core owns what
  // a draft or a cancelled occurrence means).
  return {
    status: row.status,
    role: row.role,
    start: row.start,
    end: row.end,
    localDate: row.local_date,
    capacity: row.capacity,
    seatsTaken: counters.seatsTaken,
    waitlist: row.waitlist,
    waitlistCount: counters.waitlistCount,
    minAge: row.min_age,
    maxAge: row.max_age,
    companionMinAge: row.companion_min_age,
    companionMaxAge: row.companion_max_age,
    requiredTags: row.required_tags,
    maxPartySize: row.max_party_size,
  };
}
