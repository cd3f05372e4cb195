import { eventKinds, occurrenceStatuses, shiftStatuses, slotRoles } from '@rota/core';
import { z } from 'zod';
import { bookingSchema, resourceConflictSchema } from '../resources/resource-schemas.ts';

/** Where an event happens, as answered. */
export const locationOutput = z.object({ name: z.string(), address: z.string().optional() });

/** Shift as answered by the API (core's `Shift`). */
export const shiftSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    occurrenceId: z.string(),
    slotKey: z.string(),
    name: z.string(),
    role: z.enum(slotRoles),
    start: z.string().describe("RFC 3339 with the offset of the event's time zone"),
    end: z.string(),
    capacity: z.int(),
    seatsTaken: z.int(),
    seatsLeft: z.int(),
    waitlistCount: z.int(),
    minNeeded: z.int(),
    understaffed: z.boolean().describe('Confirmed seats below minNeeded'),
    requiredTags: z.array(z.string()),
    minAge: z.int().nullable(),
    maxAge: z.int().nullable(),
    maxPartySize: z.int(),
    waitlist: z.boolean(),
    status: z.enum(shiftStatuses),
    event: z.object({
      title: z.string(),
      kind: z.enum(eventKinds),
      unitId: z.string(),
      location: locationOutput.nullable(),
    }),
  })
  .meta({ id: 'Shift' });

/** Occurrence as answered by the API (core's `Occurrence`). */
export const occurrenceSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    start: z.string(),
    end: z.string(),
    localStart: z.string().describe("Wall-clock start in the event's time zone"),
    originalLocalStart: z.string().describe('The start the recurrence gave it (RECURRENCE-ID)'),
    status: z.enum(occurrenceStatuses),
    cancelReason: z.string().nullable(),
    shifts: z.array(shiftSchema),
    resources: z.array(bookingSchema).describe('What the occurrence holds'),
    resourceShortfall: z
      .array(resourceConflictSchema)
      .nullable()
      .describe('Set when the horizon reached it and its resources did not fit; null: all booked'),
  })
  .meta({ id: 'Occurrence' });
