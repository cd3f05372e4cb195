import { z } from 'zod';

/**
 * The response schema of a list: `{ items, nextCursor }`.
 *
 * @example
 * response: { 200: pageOf(unitSchema) }
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null at the end'),
  });
}

/** Path parameter `:id`: any string; one that names nothing is a 404, never a 400. */
export const idParams = z.object({ id: z.string().describe('An opaque id') });
