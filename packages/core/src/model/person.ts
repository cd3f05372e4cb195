import * as z from 'zod';
import { dateSchema, idSchema, nameSchema, tagSchema } from './primitives.ts';
import { storableText } from './storable-text.ts';

const phoneSchema = storableText.trim().min(3).max(30);

/** Adds a person even when another one in the organizer's subtree has the same phone. */
const allowDuplicatePhoneSchema = z
  .boolean()
  .optional()
  .describe(
    'true: add (or change) the person even when someone in your subtree has this phone ' +
      '(otherwise 409 `duplicate_person` with `existingId`)',
  );

export const personInputSchema = z.strictObject({
  name: nameSchema,
  unitId: idSchema,
  phone: phoneSchema.nullable().optional(),
  birthDate: dateSchema.nullable().optional(),
  tags: z.array(tagSchema).max(50).optional(),
  allowDuplicatePhone: allowDuplicatePhoneSchema,
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const personPatchSchema = z.strictObject({
  name: nameSchema.optional(),
  unitId: idSchema.optional(),
  phone: phoneSchema.nullable().optional(),
  birthDate: dateSchema.nullable().optional(),
  tags: z.array(tagSchema).max(50).optional(),
  allowDuplicatePhone: allowDuplicatePhoneSchema,
});
export type PersonPatch = z.infer<typeof personPatchSchema>;

/** A volunteer or resident. `phone` is normalized (E.164) by the store. */
export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  tags: z.array(z.string()),
});
export type Person = z.infer<typeof personSchema>;

/** The latest time zone offset on Earth (UTC+14, Kiribati): "today" somewhere. */
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/**
 * Field errors for birth dates after today (today anywhere on Earth, so that nobody born
 * today in a zone ahead of the server is refused). `now` is an RFC 3339 instant: core reads no
 * clock. Each entry names the field it checks (`birthDate`, `companions.0.birthDate`).
 *
 * @example
 * futureBirthDates([{ path: 'birthDate', value: '2030-01-01' }], '2026-12-01T00:00:00Z');
 * // [{ path: 'birthDate', message: 'must not be in the future' }]
 */
export function futureBirthDates(
  dates: readonly { path: string; value: string | null | undefined }[],
  now: string,
): { path: string; message: string }[] {
  const today = new Date(Date.parse(now) + LATEST_OFFSET_MS).toISOString().slice(0, 10);
  return dates
    .filter((date) => typeof date.value === 'string' && date.value > today)
    .map((date) => ({ path: date.path, message: 'must not be in the future' }));
}
