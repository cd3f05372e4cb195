import type { SlotRole } from '../model/event.ts';
import { parseInstant } from '../recurrence/zoned-time.ts';

/** A shift that a re-plan or a move gives new times (or a new role). */
export interface ShiftMove {
  id: string;
  role: SlotRole;
  /** RFC 3339. */
  start: string;
  end: string;
}

/** A signup (not cancelled) on a moved shift. */
export interface SignupOnMovedShift {
  id: string;
  shiftId: string;
  personId: string;
  status: 'confirmed' | 'waitlisted';
  seats: number;
  joinSeq: number;
}

/** A confirmed volunteer period of one of those people elsewhere (not on a moved shift). */
export interface BusyPeriod {
  personId: string;
  start: string;
  end: string;
}

/** The signups that lose their seat to an overlap, and the seats each shift frees. */
export interface MovedSignupsDecision {
  cancel: { id: string; shiftId: string; seats: number }[];
  /** Shifts with freed confirmed seats: their waitlists move up (always). */
  freed: string[];
}

interface Interval {
  start: number;
  end: number;
}

/**
 * Which confirmed volunteers lose a signup when their shifts move: no one may hold two
 * confirmed volunteer seats whose times overlap (DESIGN.md invariant, the database's
 * exclusion constraint). Decided on the final times, in time O(n log n):
 *
 * - a period elsewhere that is not moving (`busy`) always keeps its seat;
 * - among one person's moved signups that would overlap, the one starting earliest keeps its
 *   seat (then the earlier join, then the smaller id); the others are cancelled;
 * - waitlisted signups and attendee seats move without a check (attendee seats may overlap).
 *
 * Every seat freed this way goes to the shift's waitlist (`freed`), whatever the capacity did.
 *
 * @example
 * decideMovedSignups(
 *   [{ id: 's1', role: 'volunteer', start: '2026-12-05T14:00:00+08:00', end: '2026-12-05T16:00:00+08:00' }],
 *   [{ id: 'g1', shiftId: 's1', personId: 'p', status: 'confirmed', seats: 1, joinSeq: 1 }],
 *   [{ personId: 'p', start: '2026-12-05T14:00:00+08:00', end: '2026-12-05T15:00:00+08:00' }],
 * ); // { cancel: [{ id: 'g1', shiftId: 's1', seats: 1 }], freed: ['s1'] }
 */
export function decideMovedSignups(
  moves: readonly ShiftMove[],
  signups: readonly SignupOnMovedShift[],
  busy: readonly BusyPeriod[],
): MovedSignupsDecision {
  const moveOf = new Map(moves.map((move) => [move.id, move]));
  const busyOf = new Map<string, Interval[]>();
  for (const period of busy) {
    const list = busyOf.get(period.personId) ?? [];
    list.push({ start: parseInstant(period.start), end: parseInstant(period.end) });
    busyOf.set(period.personId, list);
  }
  for (const list of busyOf.values()) list.sort((a, b) => a.start - b.start);

  type Candidate = Interval & { signup: SignupOnMovedShift };
  const candidatesOf = new Map<string, Candidate[]>();
  for (const signup of signups) {
    const move = moveOf.get(signup.shiftId);
    if (move === undefined || signup.status !== 'confirmed' || move.role !== 'volunteer') continue;
    const list = candidatesOf.get(signup.personId) ?? [];
    list.push({ start: parseInstant(move.start), end: parseInstant(move.end), signup });
    candidatesOf.set(signup.personId, list);
  }

  const decision: MovedSignupsDecision = { cancel: [], freed: [] };
  const freed = new Set<string>();
  for (const [personId, candidates] of candidatesOf) {
    candidates.sort(
      (a, b) =>
        a.start - b.start ||
        a.signup.joinSeq - b.signup.joinSeq ||
        (a.signup.id < b.signup.id ? -1 : a.signup.id > b.signup.id ? 1 : 0),
    );
    const fixed = busyOf.get(personId) ?? [];
    let lastEnd = Number.NEGATIVE_INFINITY;
    for (const candidate of candidates) {
      if (candidate.start < lastEnd || overlapsAny(fixed, candidate)) {
        const { id, shiftId, seats } = candidate.signup;
        decision.cancel.push({ id, shiftId, seats });
        if (!freed.has(shiftId)) {
          freed.add(shiftId);
          decision.freed.push(shiftId);
        }
        continue;
      }
      lastEnd = candidate.end;
    }
  }
  return decision;
}

/**
 * Whether `interval` overlaps one of `sorted` (half-open, sorted by start, not overlapping each
 * other, as confirmed volunteer periods of one person are): only the last one starting before
 * `interval` ends can.
 */
function overlapsAny(sorted: readonly Interval[], interval: Interval): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]!.start < interval.end) low = mid + 1;
    else high = mid;
  }
  const candidate = sorted[low - 1];
  return candidate !== undefined && candidate.end > interval.start;
}
