import type { ErrorCode } from '../errors/error-catalog.ts';
import { RotaError } from '../errors/rota-error.ts';
import type { SignupWindow } from '../model/event.ts';
import type { Companion } from '../model/signup.ts';
import { overlaps } from '../shifts/overlaps.ts';
import type { EligibilityRule, IneligibleReason } from './check-eligibility.ts';
import { checkEligibility } from './check-eligibility.ts';

/** The outcome of a signup request, as data. The store persists it; the API maps it. */
export type SignupDecision =
  | { kind: 'confirmed' }
  | { kind: 'waitlisted'; position: number }
  | {
      kind: 'rejected';
      code: Extract<
        ErrorCode,
        | 'shift_full'
        | 'already_signed_up'
        | 'schedule_conflict'
        | 'ineligible'
        | 'signup_closed'
        | 'shift_cancelled'
      >;
      reason?: IneligibleReason;
      detail: string;
    };

export interface SignupContext {
  shift: EligibilityRule & {
    status: 'open' | 'cancelled';
    role: 'volunteer' | 'attendee';
    /** RFC 3339 */
    start: string;
    end: string;
    /** The shift's local date in the event's zone, for ages. */
    localDate: string;
    capacity: number;
    seatsTaken: number;
    waitlist: boolean;
    waitlistCount: number;
  };
  signupWindow: SignupWindow;
  /**
   * The event's status: a draft's shifts take no signups (`signup_closed`, checked first) and a
   * cancelled event's none (`shift_cancelled`). Absent: published.
   */
  eventStatus?: 'draft' | 'published' | 'cancelled' | undefined;
  /** The occurrence's status: a cancelled occurrence's shifts take no signups. Absent: scheduled. */
  occurrenceStatus?: 'scheduled' | 'cancelled' | undefined;
  /** When the event was published (RFC 3339); signup never opens before. */
  publishedAt: string | null;
  person: { birthDate: string | null; tags: readonly string[] };
  seats: number;
  companions: readonly Companion[];
  /** The person already holds a confirmed or waitlisted signup on this shift. */
  alreadySignedUp: boolean;
  /** The person's confirmed volunteer shifts (checked only when this shift is a volunteer one). */
  confirmedVolunteerShifts: readonly { start: string; end: string; name: string }[];
  /** RFC 3339: "now" is an argument, core reads no clock. */
  now: string;
  /**
   * An organizer (or the admin) signs the person up: once the shift has started, the signup
   * window no longer applies and the signup is a walk-in recorded at the door (issue 15).
   * Volunteers never get this: for them a started shift stays `signup_closed`.
   */
  byOrganizer?: boolean | undefined;
}

/**
 * Decides a signup. Checks in this order: signup_closed for a draft event ("The event is not
 * published"), shift_cancelled (the shift, its occurrence or its event), signup_closed (the
 * window), already_signed_up,
 * ineligible (with `reason`), schedule_conflict (volunteer shifts only), then capacity: confirmed
 * when the seats fit, else waitlisted at `waitlistCount + 1` when the slot keeps a waitlist,
 * else shift_full. The store must apply a `confirmed` decision with an atomic conditional
 * update: this answer is what the data said, not a lock.
 *
 * @example
 * const decision = decideSignup({ ...context, shift: { ...shift, capacity: 2, seatsTaken: 2 } });
 * // { kind: 'waitlisted', position: shift.waitlistCount + 1 }
 */
export function decideSignup(context: SignupContext): SignupDecision {
  const { shift } = context;
  if (context.eventStatus === 'draft') {
    return reject('signup_closed', 'The event is not published');
  }
  if (
    shift.status === 'cancelled' ||
    context.eventStatus === 'cancelled' ||
    context.occurrenceStatus === 'cancelled'
  ) {
    return reject('shift_cancelled', 'This shift is cancelled');
  }
  const window = signupWindowState(
    context.signupWindow,
    shift.start,
    context.publishedAt,
    context.now,
  );
  if (!isWalkIn(context)) {
    if (window === 'not_yet_open') {
      return reject('signup_closed', 'Signup for this shift is not open yet');
    }
    if (window === 'closed') {
      return reject('signup_closed', 'Signup for this shift has closed');
    }
  }
  if (context.alreadySignedUp) {
    return reject('already_signed_up', 'Already signed up for this shift');
  }
  const eligibility = checkEligibility(
    shift,
    context.person,
    { seats: context.seats, companions: context.companions },
    shift.localDate,
  );
  if (!eligibility.ok) {
    return {
      kind: 'rejected',
      code: 'ineligible',
      reason: eligibility.reason,
      detail: eligibility.detail,
    };
  }
  if (shift.role === 'volunteer') {
    const clash = context.confirmedVolunteerShifts.find((other) => overlaps(shift, other));
    if (clash !== undefined) {
      return reject('schedule_conflict', `Overlaps your confirmed shift "${clash.name}"`);
    }
  }
  if (shift.seatsTaken + context.seats <= shift.capacity) {
    return { kind: 'confirmed' };
  }
  if (shift.waitlist) {
    return { kind: 'waitlisted', position: shift.waitlistCount + 1 };
  }
  const left = Math.max(0, shift.capacity - shift.seatsTaken);
  return reject('shift_full', `${left} of ${shift.capacity} seats left, ${context.seats} asked`);
}

/**
 * The error that answers a rejected decision (the one mapping both signup paths use). A
 * `shift_full` carries the catalog's own message, as the database's refusal does.
 *
 * @example
 * decisionToError({ kind: 'rejected', code: 'ineligible', reason: 'too_young', detail: '...' });
 * // RotaError ineligible with extra { reason: 'too_young' }
 */
export function decisionToError(
  decision: Extract<SignupDecision, { kind: 'rejected' }>,
): RotaError {
  if (decision.code === 'shift_full') return new RotaError('shift_full');
  return new RotaError(decision.code, decision.detail, {
    ...(decision.reason !== undefined ? { extra: { reason: decision.reason } } : {}),
  });
}

/**
 * Whether signup is open for a shift starting at `shiftStart`, at `now`. It closes
 * `closesBeforeMinutes` before the start; it opens `opensBeforeMinutes` before the start, or at
 * publication when that is null, and never before publication (an unpublished event, with
 * `publishedAt` null, is never open).
 *
 * @example
 * signupWindowState({ opensBeforeMinutes: null, closesBeforeMinutes: 60 },
 *   '2026-12-05T08:00:00+08:00', '2026-11-01T00:00:00Z', '2026-12-05T07:30:00+08:00'); // 'closed'
 */
export function signupWindowState(
  window: SignupWindow,
  shiftStart: string,
  publishedAt: string | null,
  now: string,
): 'open' | 'not_yet_open' | 'closed' {
  const startMs = Date.parse(shiftStart);
  const nowMs = Date.parse(now);
  if (nowMs >= startMs - window.closesBeforeMinutes * MINUTE_MS) return 'closed';
  if (publishedAt === null) return 'not_yet_open';
  const publishedMs = Date.parse(publishedAt);
  const opensMs =
    window.opensBeforeMinutes === null
      ? publishedMs
      : Math.max(publishedMs, startMs - window.opensBeforeMinutes * MINUTE_MS);
  return nowMs < opensMs ? 'not_yet_open' : 'open';
}

const MINUTE_MS = 60_000;

/**
 * Whether a signup is a walk-in: made by an organizer once its shift has started (or ended).
 * Such a signup's `createdAt` is at or after its shift's start, which no volunteer's can be
 * (the window closes at the start at the latest): the Signup's `walkIn` is read that way.
 *
 * @example
 * isWalkIn({ byOrganizer: true, now: '2026-12-05T09:10:00+08:00',
 *   shift: { start: '2026-12-05T09:00:00+08:00' } }); // true
 */
export function isWalkIn(context: {
  byOrganizer?: boolean | undefined;
  now: string;
  shift: { start: string };
}): boolean {
  return context.byOrganizer === true && Date.parse(context.now) >= Date.parse(context.shift.start);
}

type RejectCode = Extract<SignupDecision, { kind: 'rejected' }>['code'];

function reject(code: RejectCode, detail: string): SignupDecision {
  return { kind: 'rejected', code, detail };
}
