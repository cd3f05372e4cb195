import type { Slot, SlotRole } from '../model/event.ts';
import type { ScheduledOccurrence } from '../recurrence/schedule.ts';
import { formatEpoch, localToInstant, parseInstant } from '../recurrence/zoned-time.ts';
import { eachPlannedShift, type PlannedShift, planShifts } from '../shifts/plan-shifts.ts';

/** An occurrence as stored: the input of a re-plan. */
export interface ExistingOccurrence {
  id: string;
  /** The local start the schedule gave it: its key within the event. */
  originalLocalStart: string;
  /** Where it is now (differs when an organizer moved it). */
  localStart: string;
  /** RFC 3339 (any offset). */
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
}

/** A shift as stored: the input of a re-plan. */
export type ExistingShift = ExistingShiftCore & (ShiftSettings | SettingsCompared);

/** What every stored shift gives a re-plan. */
export interface ExistingShiftCore {
  id: string;
  occurrenceId: string;
  slotKey: string;
  sequence: number;
  role: SlotRole;
  /** RFC 3339 (any offset). */
  start: string;
  end: string;
  /** `start` and `end` as epoch milliseconds, when the caller has them (saves parsing). */
  startMs?: number | undefined;
  endMs?: number | undefined;
  capacity: number;
  seatsTaken: number;
  waitlistCount: number;
  status: 'open' | 'cancelled';
}

/** The slot settings a shift row copies, compared with its slot's by the re-plan. */
export interface ShiftSettings {
  name: string;
  minNeeded: number;
  maxPartySize: number;
  minAge: number | null;
  maxAge: number | null;
  companionMinAge: number | null;
  companionMaxAge: number | null;
  requiredTags: readonly string[];
  waitlist: boolean;
  /** The slot's "one per person per occurrence" (false when the slot does not say). */
  onePerPerson?: boolean | undefined;
}

/**
 * Instead of {@link ShiftSettings}, whether they equal the settings of the slot named by the
 * row's `slotKey` (name, minimum, party size, ages, tags, waitlist, one per person), as the
 * caller compared them: the database compares them where the rows are, so a 20,000-shift
 * re-plan does not carry ten more columns per row into JavaScript.
 */
export interface SettingsCompared {
  sameSettings: boolean;
}

/** Whether a stored shift's copied settings equal its slot's. */
function sameSettings(old: ExistingShift, slot: Slot): boolean {
  if ('sameSettings' in old) return old.sameSettings;
  return (
    old.name === slot.name &&
    old.minNeeded === slot.minNeeded &&
    old.maxPartySize === slot.maxPartySize &&
    old.minAge === slot.minAge &&
    old.maxAge === slot.maxAge &&
    old.companionMinAge === slot.companionMinAge &&
    old.companionMaxAge === slot.companionMaxAge &&
    old.waitlist === slot.waitlist &&
    (old.onePerPerson ?? false) === (slot.onePerPerson === true) &&
    old.requiredTags.join(',') === slot.requiredTags.join(',')
  );
}

/** What an event's re-plan is computed from. */
export interface ReplanInput {
  event: { slots: readonly Slot[]; timeZone: string; durationMinutes: number };
  /** The schedule's occurrences from `now` to the horizon (core's expandSchedule). */
  expanded: readonly ScheduledOccurrence[];
  /**
   * The event's stored occurrences that start at or after `now`, and any whose original
   * start is one of `expanded`'s.
   */
  occurrences: readonly ExistingOccurrence[];
  /** Every shift of those occurrences. */
  shifts: readonly ExistingShift[];
  /** RFC 3339: the past is never touched. */
  now: string;
}

/** An occurrence's new times. */
export interface OccurrenceTimes {
  /** `YYYY-MM-DDTHH:mm:ss`. */
  localStart: string;
  start: string;
  end: string;
}

/** A shift to write with its slot's settings (found by `slotKey`). */
export interface ShiftUpdate {
  id: string;
  slotKey: string;
  sequence: number;
  role: SlotRole;
  start: string;
  end: string;
  /** `start` and `end` as epoch milliseconds. */
  startMs: number;
  endMs: number;
  /** The slot's capacity, never below the seats already taken. */
  capacity: number;
  /** The times or the role changed: its signups move with it. */
  moved: boolean;
  /** The start or the end changed (a `shift.changed` notice). */
  retimed: boolean;
  /** The stored row's start, as given ({@link ExistingShift}). */
  previousStart: string;
}

/** The plan for one occurrence's shifts. */
export interface ShiftPlan {
  /** Shifts to insert (the occurrence's id is the caller's). */
  insert: PlannedShift[];
  /** Shifts that keep their id, signups and seats and take new times or settings. */
  update: ShiftUpdate[];
  /** Open shifts that no longer exist: cancelled with their signups (`event_changed`). */
  cancel: string[];
  /** Shifts whose capacity rose while people wait: the waitlist moves up. */
  promote: string[];
}

/** What to write so that an event's future matches its schedule. */
export interface ReplanPlan {
  occurrences: {
    /** New occurrences (their key is `localStart`), each with its shifts. */
    insert: (OccurrenceTimes & { shifts: PlannedShift[] })[];
    /** Existing rows that take a new key or new times, and become `scheduled`. */
    update: (OccurrenceTimes & { id: string; originalLocalStart: string })[];
    /** Scheduled occurrences that the schedule no longer has (`event_changed`). */
    cancel: string[];
  };
  shifts: {
    /** New shifts of existing occurrences. */
    insert: (PlannedShift & { occurrenceId: string })[];
    update: ShiftUpdate[];
    /** Open shifts to cancel with their signups, including every shift of a cancelled occurrence. */
    cancel: string[];
    promote: string[];
  };
}

/** `YYYY-MM-DDTHH:mm` or with seconds, always with seconds (occurrence keys). */
export function normalizeLocal(local: string): string {
  return local.length === 16 ? `${local}:00` : local;
}

/** The occurrence at a (moved) local start: its instants in the event's zone. */
export function occurrenceAt(
  event: { timeZone: string; durationMinutes: number },
  localStart: string,
): OccurrenceTimes {
  const start = localToInstant(localStart, event.timeZone);
  return {
    localStart: normalizeLocal(localStart),
    start,
    end: formatEpoch(parseInstant(start) + event.durationMinutes * 60_000, event.timeZone),
  };
}

/**
 * How one occurrence's shifts follow the event's slots at `times`: a shift that still exists
 * (same slot key and repeat number) keeps its id and signups and takes the new times and
 * settings (capacity never below the seats taken; a raise promotes the waitlist); an open
 * shift that no longer exists is cancelled with its signups; new ones are inserted. A shift
 * whose stored row already matches is left alone (nothing to write).
 */
export function planOccurrenceShifts(
  event: { slots: readonly Slot[]; timeZone: string },
  times: OccurrenceTimes,
  existing: readonly ExistingShift[],
): ShiftPlan {
  const slots = new Map(event.slots.map((slot) => [slot.key, slot]));
  // By slot key, then repeat number: no key string built per shift.
  const byKey = new Map<string, Map<number, ExistingShift>>();
  for (const row of existing) {
    const bySequence = byKey.get(row.slotKey);
    if (bySequence === undefined) byKey.set(row.slotKey, new Map([[row.sequence, row]]));
    else bySequence.set(row.sequence, row);
  }
  const plan: ShiftPlan = { insert: [], update: [], cancel: [], promote: [] };
  const kept = new Set<string>();
  eachPlannedShift(event, times, (planned, sequence, startMs, endMs, format) => {
    const slot = slots.get(planned.key);
    if (slot === undefined) return;
    const old = byKey.get(planned.key)?.get(sequence);
    if (old === undefined) {
      plan.insert.push({
        slotKey: planned.key,
        sequence,
        start: format(startMs),
        end: format(endMs),
      });
      return;
    }
    kept.add(old.id);
    const capacity = Math.max(slot.capacity, old.seatsTaken);
    const retimed =
      (old.startMs ?? parseInstant(old.start)) !== startMs ||
      (old.endMs ?? parseInstant(old.end)) !== endMs;
    const moved = retimed || old.role !== slot.role;
    const unchanged =
      !moved && old.status === 'open' && old.capacity === capacity && sameSettings(old, slot);
    if (unchanged) return;
    plan.update.push({
      id: old.id,
      slotKey: planned.key,
      sequence,
      role: slot.role,
      start: format(startMs),
      end: format(endMs),
      startMs,
      endMs,
      capacity,
      moved,
      retimed,
      previousStart: old.start,
    });
    if (capacity > old.capacity && old.waitlistCount > 0) plan.promote.push(old.id);
  });
  for (const row of existing) {
    if (!kept.has(row.id) && row.status === 'open') plan.cancel.push(row.id);
  }
  return plan;
}

/**
 * Re-plans the future of an event after a change: the pure decision of how its edited schedule
 * maps onto the stored rows, in time linear in the rows.
 *
 * - Each expanded occurrence is matched to a stored row with the same original start; failing
 *   that, to an unmatched row of the same local date whose original start the schedule no
 *   longer has (a change of time of day keeps the occurrence, its shifts and its signups: the
 *   row takes the new key). Rows of a date are taken in the order given.
 * - A matched row that an organizer cancelled stays cancelled (and its shifts untouched); one
 *   cancelled by an earlier re-plan (`event_changed`) comes back. A row an organizer moved
 *   keeps its moved time.
 * - Unmatched scheduled rows from `now` on are cancelled with their shifts (`event_changed`).
 * - Unmatched expanded occurrences are inserted with their shifts.
 * - Each kept occurrence's shifts follow {@link planOccurrenceShifts}.
 *
 * @example
 * planReplan({ event, expanded: expandSchedule(schedule, { from: now, to: horizon }),
 *   occurrences: storedOccurrences, shifts: storedShifts, now });
 * // { occurrences: { insert, update, cancel }, shifts: { insert, update, cancel, promote } }
 */
export function planReplan(input: ReplanInput): ReplanPlan {
  const { event, expanded, occurrences, now } = input;
  const nowMs = parseInstant(now);
  const plan: ReplanPlan = {
    occurrences: { insert: [], update: [], cancel: [] },
    shifts: { insert: [], update: [], cancel: [], promote: [] },
  };
  const wanted = new Map<string, ScheduledOccurrence>();
  for (const occurrence of expanded) wanted.set(normalizeLocal(occurrence.localStart), occurrence);

  const byKey = new Map<string, ExistingOccurrence>();
  for (const row of occurrences) byKey.set(row.originalLocalStart, row);
  // Rows the schedule no longer has, by local date, that a same-day occurrence may take over.
  const sameDay = new Map<string, ExistingOccurrence[]>();
  for (const row of occurrences) {
    if (wanted.has(row.originalLocalStart)) continue;
    if (row.status !== 'scheduled' && row.cancelReason !== 'event_changed') continue;
    const date = row.originalLocalStart.slice(0, 10);
    const list = sameDay.get(date);
    if (list === undefined) sameDay.set(date, [row]);
    else list.push(row);
  }
  const taken = new Map<string, number>();
  const used = new Set<string>();
  const matched = new Map<string, ExistingOccurrence>();
  for (const key of wanted.keys()) {
    const row = byKey.get(key);
    if (row !== undefined) {
      matched.set(key, row);
      used.add(row.id);
    }
  }
  for (const key of wanted.keys()) {
    if (matched.has(key)) continue;
    const date = key.slice(0, 10);
    const list = sameDay.get(date);
    const next = taken.get(date) ?? 0;
    const row = list?.[next];
    if (row === undefined) continue;
    taken.set(date, next + 1);
    matched.set(key, row);
    used.add(row.id);
  }

  const shiftsOf = new Map<string, ExistingShift[]>();
  for (const shift of input.shifts) {
    const list = shiftsOf.get(shift.occurrenceId);
    if (list === undefined) shiftsOf.set(shift.occurrenceId, [shift]);
    else list.push(shift);
  }

  for (const [key, occurrence] of wanted) {
    const times: OccurrenceTimes = {
      localStart: key,
      start: occurrence.start,
      end: occurrence.end,
    };
    const old = matched.get(key);
    if (old === undefined) {
      plan.occurrences.insert.push({ ...times, shifts: planShifts(event, times) });
      continue;
    }
    if (old.status === 'cancelled' && old.cancelReason !== 'event_changed') continue;
    const moved = old.localStart !== old.originalLocalStart;
    const at = moved ? occurrenceAt(event, old.localStart) : times;
    if (
      old.originalLocalStart !== key ||
      old.localStart !== at.localStart ||
      old.status !== 'scheduled' ||
      parseInstant(old.start) !== parseInstant(at.start) ||
      parseInstant(old.end) !== parseInstant(at.end)
    ) {
      plan.occurrences.update.push({ id: old.id, originalLocalStart: key, ...at });
    }
    const shifts = planOccurrenceShifts(event, at, shiftsOf.get(old.id) ?? []);
    for (const planned of shifts.insert)
      plan.shifts.insert.push({ ...planned, occurrenceId: old.id });
    plan.shifts.update.push(...shifts.update);
    plan.shifts.cancel.push(...shifts.cancel);
    plan.shifts.promote.push(...shifts.promote);
  }

  for (const row of occurrences) {
    if (used.has(row.id) || row.status !== 'scheduled') continue;
    if (parseInstant(row.start) < nowMs) continue;
    plan.occurrences.cancel.push(row.id);
    for (const shift of shiftsOf.get(row.id) ?? []) {
      if (shift.status === 'open') plan.shifts.cancel.push(shift.id);
    }
  }
  return plan;
}
