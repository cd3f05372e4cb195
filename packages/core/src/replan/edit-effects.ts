/**
 * What an event edit does to what people see and hold, the answer of a dry run
 * (`PATCH /v1/events/:id?dryRun=true`): so that an organizer is told "3 signups will be
 * cancelled" before saving. Computed by {@link diffEditEffects} from the event's occurrences,
 * shifts and signups before and after the edit (the store applies the edit in a transaction
 * it rolls back), so that the dry run and the real edit cannot disagree.
 */
export interface EditEffects {
  /** Open shifts that the edit creates. */
  shiftsAdded: number;
  /** Open shifts that the edit cancels (their signups with them). */
  shiftsRemoved: number;
  /** Open shifts that stay but change (times, capacity, rules, name). */
  shiftsChanged: number;
  /** Occurrences that appear. */
  occurrencesAdded: number;
  /** Scheduled occurrences that the edit cancels. */
  occurrencesCancelled: number;
  /** Scheduled occurrences that stay but start at another time. */
  occurrencesMoved: number;
  /** Confirmed or waitlisted signups that the edit cancels, with the reason they would get. */
  signupsCancelled: { signupId: string; personId: string; shiftId: string; reason: string }[];
  /** Waitlisted signups that the edit confirms (a raised capacity). */
  waitlistPromoted: { signupId: string; personId: string; shiftId: string }[];
}

/** The state of an event's schedule that an edit can change, as the store reads it. */
export interface EditSnapshot {
  occurrences: readonly { id: string; start: string; status: string }[];
  /** `shape`: everything of the shift that a person sees besides its counts, as one string. */
  shifts: readonly { id: string; status: string; shape: string }[];
  signups: readonly {
    id: string;
    personId: string;
    shiftId: string;
    status: string;
    cancelReason: string | null;
  }[];
}

/**
 * The effects of an edit, from the snapshots before and after it.
 *
 * @example
 * diffEditEffects(before, after).signupsCancelled.length // 3
 */
export function diffEditEffects(before: EditSnapshot, after: EditSnapshot): EditEffects {
  const occurrencesBefore = new Map(before.occurrences.map((o) => [o.id, o]));
  const shiftsBefore = new Map(before.shifts.map((s) => [s.id, s]));
  const signupsBefore = new Map(before.signups.map((g) => [g.id, g]));
  const effects: EditEffects = {
    shiftsAdded: 0,
    shiftsRemoved: 0,
    shiftsChanged: 0,
    occurrencesAdded: 0,
    occurrencesCancelled: 0,
    occurrencesMoved: 0,
    signupsCancelled: [],
    waitlistPromoted: [],
  };
  for (const occurrence of after.occurrences) {
    const old = occurrencesBefore.get(occurrence.id);
    const scheduled = occurrence.status === 'scheduled';
    if (old === undefined || old.status !== 'scheduled') {
      if (scheduled) effects.occurrencesAdded++;
    } else if (!scheduled) {
      effects.occurrencesCancelled++;
    } else if (Date.parse(old.start) !== Date.parse(occurrence.start)) {
      effects.occurrencesMoved++;
    }
  }
  for (const shift of after.shifts) {
    const old = shiftsBefore.get(shift.id);
    const open = shift.status === 'open';
    if (old === undefined || old.status !== 'open') {
      if (open) effects.shiftsAdded++;
    } else if (!open) {
      effects.shiftsRemoved++;
    } else if (old.shape !== shift.shape) {
      effects.shiftsChanged++;
    }
  }
  for (const signup of after.signups) {
    const old = signupsBefore.get(signup.id);
    if (old === undefined) continue;
    const { id: signupId, personId, shiftId } = signup;
    if (old.status !== 'cancelled' && signup.status === 'cancelled') {
      effects.signupsCancelled.push({
        signupId,
        personId,
        shiftId,
        reason: signup.cancelReason ?? 'event_changed',
      });
    } else if (old.status === 'waitlisted' && signup.status === 'confirmed') {
      effects.waitlistPromoted.push({ signupId, personId, shiftId });
    }
  }
  return effects;
}
