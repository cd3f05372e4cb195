import type { Event } from '../model/event.ts';
import type { Occurrence as MaterializedOccurrence } from '../model/shift.ts';
import type { SignupWithShift } from '../model/signup.ts';

/**
 * An event as RFC 5545 text: RRULE, EXDATE, VTIMEZONE, and moved or cancelled occurrences as
 * RECURRENCE-ID overrides. `now` stamps DTSTAMP. TODO(core helper): implement.
 */
export function renderEventCalendar(
  _event: Event,
  _overrides: readonly MaterializedOccurrence[],
  _now: string,
): string {
  throw new Error('not implemented');
}

/** A person's confirmed shifts as RFC 5545 text (a subscribable feed). */
export function renderPersonCalendar(
  _person: { id: string; name: string },
  _signups: readonly SignupWithShift[],
  _now: string,
): string {
  throw new Error('not implemented');
}
