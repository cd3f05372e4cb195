import type { Slot } from '../model/event.ts';
import type { ScheduledOccurrence } from '../recurrence/schedule.ts';
import { epochFormatter, parseInstant } from '../recurrence/zoned-time.ts';

/** A shift to materialize: one slot at one time on one occurrence. */
export interface PlannedShift {
  slotKey: string;
  /** 0 for a slot without repeats; n for the n-th repeat (`repeatEveryMinutes`). */
  sequence: number;
  /** RFC 3339 with the zone's offset. */
  start: string;
  end: string;
}

const MINUTE = 60_000;

/**
 * The shifts of one occurrence, slot by slot in slot order.
 *
 * - A slot without `repeatEveryMinutes` gives one shift: from the occurrence's start plus
 *   `offsetMinutes`, lasting `durationMinutes` (sequence 0).
 * - A repeating slot (appointments) gives shifts `k = 0, 1, ...` starting at
 *   `offsetMinutes + k * repeatEveryMinutes`, each lasting `durationMinutes` (one
 *   appointment's length), for as long as the shift ends by the occurrence's end. A repeating
 *   slot whose first appointment does not fit gives no shift.
 *
 * Minutes are added on the instant line, not the wall clock, so a shift that spans a DST
 * change lasts its real length; instants carry the event zone's offset.
 *
 * @example
 * planShifts(
 *   { timeZone: 'Asia/Shanghai', slots: [
 *     { ...usher, key: 'usher', offsetMinutes: 0, durationMinutes: 240, repeatEveryMinutes: null },
 *     { ...resident, key: 'resident', offsetMinutes: 0, durationMinutes: 30, repeatEveryMinutes: 30 },
 *   ] },
 *   { localStart: '2026-12-05T08:00:00', start: '2026-12-05T08:00:00+08:00', end: '2026-12-05T10:00:00+08:00' },
 * );
 * // usher 08:00-12:00 (seq 0); resident 08:00-08:30 (0), 08:30-09:00 (1), 09:00-09:30 (2), 09:30-10:00 (3)
 */
export function planShifts(
  event: { slots: readonly Slot[]; timeZone: string },
  occurrence: ScheduledOccurrence,
): PlannedShift[] {
  const shifts: PlannedShift[] = [];
  eachPlannedShift(event, occurrence, (slot, sequence, start, end, format) => {
    shifts.push({ slotKey: slot.key, sequence, start: format(start), end: format(end) });
  });
  return shifts;
}

/**
 * {@link planShifts}' shifts as epoch milliseconds, in the same order, each with its slot and
 * the formatter of its instants: a re-plan compares 20,000 stored shifts' times with these and
 * formats only the ones it writes, instead of formatting and parsing back every one.
 *
 * @internal
 */
export function eachPlannedShift(
  event: { slots: readonly Slot[]; timeZone: string },
  occurrence: ScheduledOccurrence,
  visit: (
    slot: Slot,
    sequence: number,
    start: number,
    end: number,
    format: (ms: number) => string,
  ) => void,
): void {
  const base = parseInstant(occurrence.start);
  const occurrenceEnd = parseInstant(occurrence.end);
  for (const slot of event.slots) {
    const first = base + slot.offsetMinutes * MINUTE;
    const length = slot.durationMinutes * MINUTE;
    // The slot's shifts lie in [first, max(first + length, occurrence end)]: one offset
    // lookup for all of them when no transition falls inside.
    const format = epochFormatter(first, Math.max(first + length, occurrenceEnd), event.timeZone);
    if (slot.repeatEveryMinutes === null) {
      visit(slot, 0, first, first + length, format);
      continue;
    }
    const step = slot.repeatEveryMinutes * MINUTE;
    for (let k = 0, start = first; start + length <= occurrenceEnd; k++, start += step) {
      visit(slot, k, start, start + length, format);
    }
  }
}
