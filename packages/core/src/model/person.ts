import * as z from 'zod';
import { dateSchema, idSchema, nameSchema, tagSchema } from './primitives.ts';

const phoneSchema = z.string().trim().min(3).max(30);

export const personInputSchema = z.strictObject({
  name: nameSchema,
  unitId: idSchema,
  phone: phoneSchema.nullable().optional(),
  birthDate: dateSchema.nullable().optional(),
  tags: z.array(tagSchema).max(50).optional(),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const personPatchSchema = z.strictObject({
  name: nameSchema.optional(),
  unitId: idSchema.optional(),
  phone: phoneSchema.nullable().optional(),
  birthDate: dateSchema.nullable().optional(),
  tags: z.array(tagSchema).max(50).optional(),
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
  /** Secret for the personal calendar feed URL; shown to the person and their organizers. */
  feedKey: z.string(),
});
export type Person = z.infer<typeof personSchema>;
