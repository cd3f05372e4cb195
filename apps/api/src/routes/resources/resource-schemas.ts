import { z } from 'zod';

/** Resource as answered by the API (core's `Resource`). */
export const resourceSchema = z
  .object({
    id: z.string(),
    unitId: z.string().describe('The owner; events of its subtree may book it'),
    name: z.string(),
    kind: z.string().nullable(),
    quantity: z.int(),
    note: z.string().nullable(),
    retired: z.boolean().describe('A retired resource is kept (its bookings are history)'),
    version: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Resource' });

/** An event's resource request with its defaults filled (core's `ResourceRequest`). */
export const resourceRequestSchema = z
  .object({
    resourceId: z.string(),
    quantity: z.int(),
    offsetMinutes: z.int(),
    durationMinutes: z.int().nullable().describe('null: until the occurrence ends'),
  })
  .meta({ id: 'ResourceRequest' });

/** A booking as an occurrence holds it (core's `Booking`). */
export const bookingSchema = z
  .object({
    resourceId: z.string(),
    quantity: z.int(),
    start: z.string(),
    end: z.string(),
  })
  .meta({ id: 'Booking' });

/** One request that did not fit (core's `ResourceConflict`). */
export const resourceConflictSchema = z
  .object({
    resourceId: z.string(),
    resourceName: z.string(),
    occurrenceId: z.string().nullable(),
    occurrenceStart: z.string(),
    start: z.string(),
    end: z.string(),
    wanted: z.int(),
    free: z.int().describe('The least free at any instant of the span'),
    heldBy: z.array(z.object({ eventId: z.string(), title: z.string() })),
  })
  .meta({ id: 'ResourceConflict' });

/** GET /v1/resources/:id/availability. */
export const availabilitySchema = z
  .object({
    resourceId: z.string(),
    quantity: z.int(),
    items: z.array(
      z.object({ start: z.string(), end: z.string(), booked: z.int(), free: z.int() }),
    ),
  })
  .meta({ id: 'Availability' });
