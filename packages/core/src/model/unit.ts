import * as z from 'zod';
import { idSchema, nameSchema } from './primitives.ts';

export const unitKinds = ['district', 'subdistrict', 'community', 'grid', 'organization'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const unitInputSchema = z.strictObject({
  name: nameSchema,
  kind: z.enum(unitKinds),
  parentId: idSchema.nullable().optional(),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

/** An organizational unit in the tree district > subdistrict > community > grid. */
export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  parentId: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;
