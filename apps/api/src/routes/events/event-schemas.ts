import { eventKinds, eventStatuses, slotRoles } from '@rota/core';
import { z } from 'zod';
import { resourceRequestSchema } from '../resources/resource-schemas.ts';
import { locationOutput } from '../shifts/shift-schemas.ts';

/** A slot with every default filled in (core's `Slot`). */
export const slotSchema = z.object({
  key: z.string(),
  name: z.string(),
  role: z.enum(slotRoles),
  capacity: z.int(),
  minNeeded: z.int(),
  offsetMinutes: z.int(),
  durationMinutes: z.int(),
  repeatEveryMinutes: z.int().nullable(),
  maxPartySize: z.int(),
  minAge: z.int().nullable(),
  maxAge: z.int().nullable(),
  companionMinAge: z.int().nullable(),
  companionMaxAge: z.int().nullable(),
  requiredTags: z.array(z.string()),
  waitlist: z.boolean(),
  onePerPerson: z
    .boolean()
    .describe('At most one place per person among the shifts of this slot on one occurrence'),
});

/** Event as answered by the API (core's `Event`). */
export const eventSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    kind: z.enum(eventKinds),
    template: z.enum(eventKinds).nullable(),
    title: z.string(),
    description: z.string().nullable(),
    location: locationOutput.nullable(),
    timeZone: z.string(),
    start: z.string().describe("Local wall-clock start in the event's time zone"),
    durationMinutes: z.int(),
    recurrence: z
      .object({
        rrule: z.string().nullable(),
        exdates: z.array(z.string()),
        rdates: z.array(z.string()),
      })
      .nullable(),
    signupWindow: z.object({
      opensBeforeMinutes: z.int().nullable(),
      closesBeforeMinutes: z.int(),
    }),
    slots: z.array(slotSchema),
    resources: z
      .array(resourceRequestSchema)
      .describe("Booked for every occurrence (see the occurrences' `resources`)"),
    reminders: z
      .object({ dayBeforeAt: z.string().nullable(), hoursBefore: z.array(z.int()) })
      .nullable()
      .optional()
      .describe('Reminder lead times; null: the day before at 18:00 and 2 hours before'),
    status: z.enum(eventStatuses),
    version: z.int(),
    cancelReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Event' });

const affectedSignup = z.object({
  signupId: z.string(),
  personId: z.string(),
  shiftId: z.string(),
});

/** What an event edit would do (core's EditEffects): the dry run's answer. */
export const editEffectsSchema = z
  .object({
    shiftsAdded: z.int(),
    shiftsRemoved: z.int().describe('Open shifts cancelled, with their signups'),
    shiftsChanged: z.int().describe('Open shifts that stay with other times, capacity or rules'),
    occurrencesAdded: z.int(),
    occurrencesCancelled: z.int(),
    occurrencesMoved: z.int(),
    signupsCancelled: z.array(
      affectedSignup.extend({ reason: z.string().describe('The cancelReason they would get') }),
    ),
    waitlistPromoted: z.array(affectedSignup),
  })
  .meta({ id: 'EditEffects' });

/** PATCH /v1/events/:id?dryRun=true: the event as it would be, and what would happen. */
export const eventDryRunSchema = z
  .object({
    dryRun: z.literal(true),
    event: eventSchema.describe('The event as the edit would leave it'),
    effects: editEffectsSchema,
  })
  .meta({ id: 'EventDryRun' });
