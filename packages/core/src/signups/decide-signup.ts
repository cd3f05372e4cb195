import type { ErrorCode } from '../errors/error-catalog.ts';
import type { SignupWindow } from '../model/event.ts';
import type { Companion } from '../model/signup.ts';
import type { EligibilityRule, IneligibleReason } from './check-eligibility.ts';

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
}

/**
 * Decides a signup. Checks in this order: shift_cancelled, signup_closed, already_signed_up,
 * ineligible, schedule_conflict, then capacity (confirmed, waitlisted at the next position, or
 * shift_full). TODO(core helper): implement.
 */
export function decideSignup(_context: SignupContext): SignupDecision {
  throw new Error('not implemented');
}

/** Whether signup is open for a shift starting at `shiftStart`. */
export function signupWindowState(
  _window: SignupWindow,
  _shiftStart: string,
  _publishedAt: string | null,
  _now: string,
): 'open' | 'not_yet_open' | 'closed' {
  throw new Error('not implemented');
}
