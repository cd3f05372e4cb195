import * as z from 'zod';
import {
  type ReminderSettings,
  reminderSettingsSchema,
} from '../notifications/notification-types.ts';
import {
  descriptionSchema,
  idSchema,
  localDateTimeSchema,
  nameSchema,
  noteSchema,
  tagSchema,
  timeZoneSchema,
} from './primitives.ts';
import { type ResourceRequest, resourceRequestInputSchema } from './resource.ts';
import { storableText } from './storable-text.ts';

export const eventKinds = [
  'cleanup_drive',
  'parent_child',
  'elderly_class',
  'vaccination_clinic',
  'home_visit',
  'inspection',
  'general',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const slotRoles = ['volunteer', 'attendee'] as const;
export type SlotRole = (typeof slotRoles)[number];

const minutes = (max: number) => z.int().min(0).max(max);
const age = z.int().min(0).max(150);
const MAX_OCCURRENCE_MINUTES = 7 * 24 * 60;

/** A slot as an organizer writes it; omitted fields take the documented defaults. */
export const slotInputSchema = z.strictObject({
  key: storableText.regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be 1-50 of a-z, 0-9, - or _'),
  name: nameSchema,
  role: z.enum(slotRoles),
  capacity: z.int().min(1).max(100_000),
  minNeeded: z.int().min(0).max(100_000).optional(),
  offsetMinutes: minutes(MAX_OCCURRENCE_MINUTES).optional(),
  durationMinutes: z.int().min(1).max(MAX_OCCURRENCE_MINUTES).optional(),
  repeatEveryMinutes: z.int().min(5).max(MAX_OCCURRENCE_MINUTES).nullable().optional(),
  maxPartySize: z.int().min(1).max(50).optional(),
  minAge: age.nullable().optional(),
  maxAge: age.nullable().optional(),
  companionMinAge: age.nullable().optional(),
  companionMaxAge: age.nullable().optional(),
  requiredTags: z.array(tagSchema).max(20).optional(),
  waitlist: z.boolean().optional(),
  /**
   * At most one place per person among the slot's shifts on one occurrence (the repeats of
   * an appointment slot). Default: on for attendee slots that repeat, off otherwise.
   */
  onePerPerson: z.boolean().optional(),
});
export type SlotInput = z.infer<typeof slotInputSchema>;

/** A slot with every default filled in: the template for the shifts of each occurrence. */
export interface Slot {
  key: string;
  name: string;
  role: SlotRole;
  capacity: number;
  minNeeded: number;
  offsetMinutes: number;
  durationMinutes: number;
  repeatEveryMinutes: number | null;
  maxPartySize: number;
  minAge: number | null;
  maxAge: number | null;
  companionMinAge: number | null;
  companionMaxAge: number | null;
  requiredTags: string[];
  waitlist: boolean;
  /** At most one place per person among the slot's shifts on one occurrence. */
  onePerPerson: boolean;
}

export const locationSchema = z.strictObject({
  name: nameSchema,
  address: storableText.max(500).optional(),
});
export type Location = z.infer<typeof locationSchema>;

export const recurrenceSchema = z.strictObject({
  /** RFC 5545 RRULE value without the `RRULE:` prefix. */
  rrule: storableText.min(1).max(1000).nullable().optional(),
  exdates: z.array(localDateTimeSchema).max(1000).optional(),
  rdates: z.array(localDateTimeSchema).max(1000).optional(),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const signupWindowSchema = z.strictObject({
  /** Signup opens this many minutes before the shift starts; null: from publication. */
  opensBeforeMinutes: z
    .int()
    .min(0)
    .max(366 * 24 * 60)
    .nullable(),
  /** Signup closes this many minutes before the shift starts (0: at the start). */
  closesBeforeMinutes: z
    .int()
    .min(0)
    .max(366 * 24 * 60),
});
export type SignupWindow = z.infer<typeof signupWindowSchema>;

/** POST /v1/events: strict; the template (if named) fills what is omitted. */
export const eventInputSchema = z.strictObject({
  unitId: idSchema,
  kind: z.enum(eventKinds),
  template: z.enum(eventKinds).optional(),
  title: nameSchema,
  description: descriptionSchema.optional(),
  location: locationSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  start: localDateTimeSchema,
  durationMinutes: z.int().min(1).max(MAX_OCCURRENCE_MINUTES).optional(),
  recurrence: recurrenceSchema.optional(),
  signupWindow: signupWindowSchema.optional(),
  slots: z.array(slotInputSchema).max(50).optional(),
  /** Equipment booked for every occurrence (invariant 7). */
  resources: z.array(resourceRequestInputSchema).max(20).optional(),
  /** Reminder lead times; null or absent: the day before at 18:00 and 2 hours before. */
  reminders: reminderSettingsSchema.nullable().optional(),
  status: z.enum(['draft', 'published']).optional(),
});
export type EventInput = z.infer<typeof eventInputSchema>;

/** PATCH /v1/events/:id: any of the editable fields. Status changes go through publish/cancel. */
export const eventPatchSchema = z.strictObject({
  kind: z.enum(eventKinds).optional(),
  title: nameSchema.optional(),
  description: descriptionSchema.nullable().optional(),
  location: locationSchema.nullable().optional(),
  timeZone: timeZoneSchema.optional(),
  start: localDateTimeSchema.optional(),
  durationMinutes: z.int().min(1).max(MAX_OCCURRENCE_MINUTES).optional(),
  recurrence: recurrenceSchema.nullable().optional(),
  signupWindow: signupWindowSchema.optional(),
  slots: z.array(slotInputSchema).min(1).max(50).optional(),
  /** Replaces the event's resource requests (`[]` releases every booking). */
  resources: z.array(resourceRequestInputSchema).max(20).optional(),
  /** null: back to the default reminders. */
  reminders: reminderSettingsSchema.nullable().optional(),
});
export type EventPatch = z.infer<typeof eventPatchSchema>;

/** An event with every default filled in, as stored and returned. */
export interface Event {
  id: string;
  unitId: string;
  kind: EventKind;
  template: EventKind | null;
  title: string;
  description: string | null;
  location: Location | null;
  timeZone: string;
  start: string;
  durationMinutes: number;
  recurrence: { rrule: string | null; exdates: string[]; rdates: string[] } | null;
  signupWindow: SignupWindow;
  slots: Slot[];
  /** What each occurrence books (see Occurrence.resources for what it holds). */
  resources: ResourceRequest[];
  /** Reminder lead times; null (or absent): the defaults (docs/notifications.md). */
  reminders?: ReminderSettings | null;
  status: EventStatus;
  version: number;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The validated, template-merged, defaults-filled content of an event (no identity yet). */
export type EventDraft = Omit<
  Event,
  'id' | 'status' | 'version' | 'cancelReason' | 'createdAt' | 'updatedAt'
> & { status: 'draft' | 'published' };

export const occurrenceStatuses = ['scheduled', 'cancelled'] as const;
export type OccurrenceStatus = (typeof occurrenceStatuses)[number];

export const occurrencePatchSchema = z.union([
  z.strictObject({ status: z.literal('cancelled'), reason: noteSchema.optional() }),
  z.strictObject({ start: localDateTimeSchema }),
]);
export type OccurrencePatch = z.infer<typeof occurrencePatchSchema>;
