import * as z from 'zod';
import { idSchema, nameSchema, noteSchema } from './primitives.ts';
import { storableText } from './storable-text.ts';

const MAX_QUANTITY = 100_000;
const MAX_OCCURRENCE_MINUTES = 7 * 24 * 60;

/** A kind of equipment, free text for filtering (`loader`, `shovel_truck`, `tent`). */
export const resourceKindSchema = storableText.regex(
  /^[a-z0-9][a-z0-9_-]{0,49}$/,
  'must be 1-50 of a-z, 0-9, - or _',
);

/** POST /v1/resources: strict. */
export const resourceInputSchema = z.strictObject({
  unitId: idSchema,
  name: nameSchema,
  quantity: z.int().min(1).max(MAX_QUANTITY),
  kind: resourceKindSchema.optional(),
  note: noteSchema.optional(),
});
export type ResourceInput = z.infer<typeof resourceInputSchema>;

/** PATCH /v1/resources/:id: any of these; `retired: true` retires it (its history stays). */
export const resourcePatchSchema = z.strictObject({
  name: nameSchema.optional(),
  quantity: z.int().min(0).max(MAX_QUANTITY).optional(),
  kind: resourceKindSchema.nullable().optional(),
  note: noteSchema.nullable().optional(),
  retired: z.boolean().optional(),
});
export type ResourcePatch = z.infer<typeof resourcePatchSchema>;

/** Equipment with a quantity, owned by a unit and usable by events of that unit's subtree. */
export interface Resource {
  id: string;
  unitId: string;
  name: string;
  kind: string | null;
  quantity: number;
  note: string | null;
  retired: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What an event asks of one resource, for every occurrence: `quantity` from `offsetMinutes`
 * after the occurrence's start for `durationMinutes` (null: to the occurrence's end).
 */
export const resourceRequestInputSchema = z.strictObject({
  resourceId: idSchema,
  quantity: z.int().min(1).max(MAX_QUANTITY),
  offsetMinutes: z.int().min(0).max(MAX_OCCURRENCE_MINUTES).optional(),
  durationMinutes: z.int().min(1).max(MAX_OCCURRENCE_MINUTES).nullable().optional(),
});
export type ResourceRequestInput = z.infer<typeof resourceRequestInputSchema>;

/** A resource request with its defaults filled (as stored and answered). */
export interface ResourceRequest {
  resourceId: string;
  quantity: number;
  offsetMinutes: number;
  /** null: until the occurrence ends (follows a change of the event's duration). */
  durationMinutes: number | null;
}

/** A booking as an occurrence answers it: the resource held, how many, from when to when. */
export interface Booking {
  resourceId: string;
  quantity: number;
  start: string;
  end: string;
}

/** One stretch of a resource's availability timeline. */
export interface AvailabilityInterval {
  start: string;
  end: string;
  booked: number;
  free: number;
}

/** An event holding part of a resource when a booking did not fit. */
export interface ResourceHolder {
  eventId: string;
  title: string;
}

/** One occurrence's request that did not fit (409 `resource_conflict`, horizon shortfalls). */
export interface ResourceConflict {
  resourceId: string;
  resourceName: string;
  occurrenceId: string | null;
  occurrenceStart: string;
  start: string;
  end: string;
  wanted: number;
  free: number;
  heldBy: ResourceHolder[];
}

/** A future booking that a lower quantity (or retirement) would leave unsatisfied. */
export interface BookingInTheWay {
  bookingId: string;
  eventId: string;
  title: string;
  occurrenceId: string;
  start: string;
  end: string;
  quantity: number;
}
