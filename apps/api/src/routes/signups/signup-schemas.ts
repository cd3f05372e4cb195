import { cancelReasons, signupStatuses } from '@rota/core';
import { z } from 'zod';
import { recordInstantSchema } from '../../http/record-instant-schema.ts';

const companionOutput = z.object({ name: z.string(), birthDate: z.string().optional() });

/** Signup as answered by the API (core's `Signup`). */
export const signupSchema = z
  .object({
    id: z.string(),
    shiftId: z.string(),
    personId: z.string(),
    seats: z.int(),
    companions: z.array(companionOutput),
    note: z.string().nullable(),
    status: z.enum(signupStatuses),
    waitlistPosition: z
      .int()
      .nullable()
      .describe(
        "1-based among the shift's waitlisted signups in join order; null unless waitlisted",
      ),
    createdAt: recordInstantSchema,
    cancelledAt: recordInstantSchema.nullable(),
    cancelReason: z.enum(cancelReasons).nullable(),
    checkedInAt: recordInstantSchema.nullable(),
    checkedOutAt: recordInstantSchema.nullable(),
    noShow: z.boolean(),
    walkIn: z
      .boolean()
      .describe('Recorded by an organizer after the shift had started (came to the door)'),
  })
  .meta({ id: 'Signup' });

/** A signup with its shift's times and its event (a person's list). */
export const signupWithShiftSchema = signupSchema
  .extend({
    cancelNote: z
      .string()
      .nullable()
      .describe(
        "The organizer's own words (the reason given when cancelling the event or the date) for a signup cancelled with cancelReason event_cancelled or occurrence_cancelled; null otherwise or when no reason was given",
      ),
    shift: z.object({
      start: z.string(),
      end: z.string(),
      name: z.string(),
      role: z.enum(['volunteer', 'attendee']),
    }),
    event: z.object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      timeZone: z.string(),
      location: z.object({ name: z.string(), address: z.string().optional() }).nullable(),
      description: z.string().nullable(),
      version: z.int().describe("The event's version (its calendar SEQUENCE is version - 1)"),
    }),
  })
  .meta({ id: 'SignupWithShift' });

/** DELETE /v1/signups/:id answer. */
export const cancelledSignupSchema = z.object({
  signup: signupSchema,
  promoted: z.array(signupSchema).describe('Waitlisted signups confirmed by the freed seats'),
});

/** A roster line: a signup and who it is. */
export const rosterEntrySchema = signupSchema
  .extend({
    person: z.object({
      name: z.string(),
      phone: z
        .string()
        .nullable()
        .describe(
          "Null when the person gave none, or when the reader may not read it (a person of a unit the reader does not organize: core's mayReadContactDetails)",
        ),
    }),
  })
  .meta({ id: 'RosterEntry' });
