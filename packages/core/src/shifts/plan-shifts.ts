import type { Slot } from '../model/event.ts';
import type { ScheduledOccurrence } from '../recurrence/expand-schedule.ts';

/** A shift to materialize: one slot at one time on one occurrence. */
export interface PlannedShift {
  slotKey: string;
  /** 0 for a slot without repeats; n for the n-th repeat (`repeatEveryMinutes`). */
  sequence: number;
  /** RFC 3339 with the zone's offset. */
  start: string;
  end: string;
}

/**
 * The shifts of one occurrence: every slot, repeated every `repeatEveryMinutes` while the
 * repeat fits inside the slot's window. TODO(core helper): implement.
 */
export function planShifts(
  _event: { slots: readonly Slot[]; timeZone: string },
  _occurrence: ScheduledOccurrence,
): PlannedShift[] {
  throw new Error('not implemented');
}
