import type { EventKind, Location, OccurrenceStatus, SlotRole } from './event.ts';
import type { Booking, ResourceConflict } from './resource.ts';

/**
 * `draft`: open, but its event is not published yet (organizers see it; nobody can sign up).
 */
export const shiftStatuses = ['open', 'draft', 'cancelled'] as const;
export type ShiftStatus = (typeof shiftStatuses)[number];

/** A slot on one occurrence at one time: the thing people sign up for. */
export interface Shift {
  id: string;
  eventId: string;
  occurrenceId: string;
  slotKey: string;
  name: string;
  role: SlotRole;
  /** RFC 3339 with the event zone's offset. */
  start: string;
  end: string;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  waitlistCount: number;
  minNeeded: number;
  understaffed: boolean;
  requiredTags: string[];
  minAge: number | null;
  maxAge: number | null;
  maxPartySize: number;
  waitlist: boolean;
  status: ShiftStatus;
  event: { title: string; kind: EventKind; unitId: string; location: Location | null };
}

/** One concrete time of an event, identified by its original local start. */
export interface Occurrence {
  id: string;
  eventId: string;
  /** RFC 3339 instants (after a move, the new ones). */
  start: string;
  end: string;
  /** Local wall-clock start in the event's zone (after a move, the new one). */
  localStart: string;
  /** The start the recurrence rule gave it (iCalendar RECURRENCE-ID), local wall clock. */
  originalLocalStart: string;
  status: OccurrenceStatus;
  cancelReason: string | null;
  shifts: Shift[];
  /** What the occurrence holds (its event's resource requests, booked). */
  resources: Booking[];
  /**
   * Set when the horizon reached this occurrence and what its event asks for did not fit:
   * each request left unbooked. null when everything is booked.
   */
  resourceShortfall: ResourceConflict[] | null;
}
