import {
  type CancelReason,
  type Companion,
  formatInstant,
  type Signup,
  type SignupStatus,
  type SignupWithShift,
} from '@rota/core';
import { sql } from 'kysely';

/** A signup row with its computed waitlist position. */
export interface SignupRow {
  id: string;
  shift_id: string;
  person_id: string;
  seats: number;
  companions: Companion[];
  note: string | null;
  status: SignupStatus;
  join_seq: number;
  created_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  checked_in_at: string | null;
  checked_out_at: string | null;
  no_show: boolean;
  /** Made at or after its shift's start: only an organizer can (core's isWalkIn). */
  walk_in: boolean;
  waitlist_position: number | null;
  /** The event's time zone: the signup's record instants carry its offset. */
  time_zone: string;
}

/** A signup's own columns, `g` being the signups table, with its waitlist position. */
const signupOwnColumns = sql`g.id, g.shift_id, g.person_id, g.seats, g.companions, g.note,
  g.status, g.join_seq, g.created_at, g.cancelled_at, g.cancel_reason, g.checked_in_at,
  g.checked_out_at, g.no_show, g.created_at >= lower(g.period) as walk_in,
  case when g.status = 'waitlisted' then (
    select count(*) from signups w
    where w.shift_id = g.shift_id and w.status = 'waitlisted' and w.join_seq <= g.join_seq
  ) end as waitlist_position`;

/**
 * The columns of a signup, `g` being the signups table. The waitlist position is counted from
 * rows (earlier waitlisted signups of the shift by join order, + 1), never stored; the event's
 * time zone comes by primary keys (shift, then event).
 */
export const signupColumns = sql`${signupOwnColumns},
  (select ze.time_zone from shifts zs join events ze on ze.id = zs.event_id
    where zs.id = g.shift_id) as time_zone`;

/** A record instant (created, cancelled, checked in or out) in the event's zone, like shifts. */
function recordInstant(value: string, timeZone: string): string;
function recordInstant(value: string | null, timeZone: string): string | null;
function recordInstant(value: string | null, timeZone: string): string | null {
  return value === null ? null : formatInstant(value, timeZone, { milliseconds: true });
}

/** A signup as the API answers it (its join order is not part of it). */
export function toSignup(row: Omit<SignupRow, 'join_seq'>): Signup {
  return {
    id: row.id,
    shiftId: row.shift_id,
    personId: row.person_id,
    seats: row.seats,
    companions: row.companions,
    note: row.note,
    status: row.status,
    waitlistPosition: row.waitlist_position,
    createdAt: recordInstant(row.created_at, row.time_zone),
    cancelledAt: recordInstant(row.cancelled_at, row.time_zone),
    cancelReason: row.cancel_reason as CancelReason | null,
    checkedInAt: recordInstant(row.checked_in_at, row.time_zone),
    checkedOutAt: recordInstant(row.checked_out_at, row.time_zone),
    noShow: row.no_show,
    walkIn: row.walk_in,
  };
}

/** A signup row joined with its shift (`s`) and event (`e`). */
export interface SignupWithShiftRow extends SignupRow {
  shift_start: string;
  shift_end: string;
  shift_name: string;
  shift_role: 'volunteer' | 'attendee';
  event_id: string;
  event_title: string;
  event_kind: string;
  event_location: { name: string; address?: string } | null;
  event_description: string | null;
  event_version: number;
  cancel_note: string | null;
}

/**
 * The organizer's words for a signup cancelled with its event or its date (`s` the shift, `e`
 * the event): read in the list's own statement, the occurrence by primary key. An empty reason
 * is no note.
 */
const cancelNoteColumn = sql`case g.cancel_reason
    when 'event_cancelled' then nullif(btrim(e.cancel_reason), '')
    when 'occurrence_cancelled' then (select nullif(btrim(o.cancel_reason), '')
      from occurrences o where o.id = s.occurrence_id)
  end as cancel_note`;

export const signupWithShiftColumns = sql`${signupOwnColumns}, s.start as shift_start,
  s."end" as shift_end, s.name as shift_name, s.role as shift_role, e.id as event_id,
  e.title as event_title, e.kind as event_kind, e.time_zone, e.location as event_location,
  e.description as event_description, e.version as event_version,
  ${cancelNoteColumn}`;

export function toSignupWithShift(row: SignupWithShiftRow): SignupWithShift {
  return {
    ...toSignup(row),
    cancelNote: row.status === 'cancelled' ? row.cancel_note : null,
    shift: {
      start: formatInstant(row.shift_start, row.time_zone),
      end: formatInstant(row.shift_end, row.time_zone),
      name: row.shift_name,
      role: row.shift_role,
    },
    event: {
      id: row.event_id,
      title: row.event_title,
      kind: row.event_kind,
      timeZone: row.time_zone,
      location: row.event_location,
      description: row.event_description,
      version: row.event_version,
    },
  };
}
