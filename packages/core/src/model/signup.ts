import * as z from 'zod';
import type { Location } from './event.ts';
import { dateSchema, idSchema, instantSchema, nameSchema, noteSchema } from './primitives.ts';

export const companionSchema = z.strictObject({
  name: nameSchema,
  birthDate: dateSchema.optional(),
});
export type Companion = z.infer<typeof companionSchema>;

/** POST /v1/signups. `seats` defaults to 1 + companions; when both are given they must agree. */
export const signupInputSchema = z
  .strictObject({
    shiftId: idSchema,
    personId: idSchema,
    seats: z.int().min(1).max(50).optional(),
    companions: z.array(companionSchema).max(49).optional(),
    note: noteSchema.optional(),
    checkIn: z
      .boolean()
      .optional()
      .describe('Organizers: true records the check-in now, with the signup (a walk-in)'),
    checkedInAt: instantSchema
      .optional()
      .describe('Organizers: the check-in time, recorded with the signup'),
    checkedOutAt: instantSchema
      .optional()
      .describe('Organizers: the check-out time (needs a check-in)'),
  })
  .superRefine((value, ctx) => {
    if (value.checkIn !== undefined && value.checkedInAt !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkedInAt'],
        message: 'give checkIn or checkedInAt, not both',
      });
    }
    if (
      value.checkedOutAt !== undefined &&
      value.checkIn !== true &&
      value.checkedInAt === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkedOutAt'],
        message: 'needs a check-in (checkIn: true or checkedInAt)',
      });
    }
    const implied = 1 + (value.companions?.length ?? 0);
    if (value.seats !== undefined && value.companions !== undefined && value.seats !== implied) {
      ctx.addIssue({
        code: 'custom',
        path: ['seats'],
        message: `must equal 1 + companions (${implied})`,
      });
    }
  });
export type SignupInput = z.infer<typeof signupInputSchema>;

export const attendanceSchema = z.strictObject({ at: instantSchema.optional() });

/** The attendance steps that can be taken back, one at a time (a wrong tap at the door). */
export const attendanceSteps = ['check-in', 'check-out', 'no-show'] as const;
export type AttendanceStep = (typeof attendanceSteps)[number];

export const signupStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** Why a signup was cancelled. */
export const cancelReasons = [
  'cancelled_by_person',
  'cancelled_by_organizer',
  'event_changed',
  'event_cancelled',
  'occurrence_cancelled',
] as const;
export type CancelReason = (typeof cancelReasons)[number];

/** A person on a shift. */
export interface Signup {
  id: string;
  shiftId: string;
  personId: string;
  seats: number;
  companions: Companion[];
  note: string | null;
  status: SignupStatus;
  /** 1-based among the shift's waitlisted signups in join order; null unless waitlisted. */
  waitlistPosition: number | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: CancelReason | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  noShow: boolean;
  /** Recorded by an organizer after the shift had started (someone who came to the door). */
  walkIn: boolean;
}

/** A signup with the shift's times and the event's title (a person's list). */
export interface SignupWithShift extends Signup {
  /**
   * The organizer's own words (the event's or the date's cancel reason) for a signup cancelled
   * by `event_cancelled` or `occurrence_cancelled`; null otherwise or when none was given.
   */
  cancelNote: string | null;
  shift: { start: string; end: string; name: string; role: 'volunteer' | 'attendee' };
  event: {
    id: string;
    title: string;
    kind: string;
    timeZone: string;
    location: Location | null;
    description: string | null;
    /** The event's version: it grows with every change (the feeds' SEQUENCE). */
    version: number;
  };
}

/**
 * A roster line: a signup and who it is. `unitId` is the person's unit, so that a reader can
 * ask `mayReadContactDetails` before showing the phone.
 */
export interface RosterEntry extends Signup {
  person: { name: string; phone: string | null; unitId: string };
}

/** Volunteer hours: confirmed (or attended) signups whose shift has ended. */
export interface Hours {
  totalMinutes: number;
  items: {
    signupId: string;
    shiftId: string;
    eventTitle: string;
    start: string;
    minutes: number;
  }[];
}
