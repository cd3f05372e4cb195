import { isStorableText } from '@rota/core';
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

/**
 * A path id: any string; one that names nothing is a 404, never a 400. Text PostgreSQL cannot
 * store (core's isStorableText: U+0000, a lone surrogate) names nothing either: it is looked
 * up as U+FFFD, which no id holds, so that the answer is the route's own 404, not a driver
 * error.
 */
export const pathIdSchema = z
  .string()
  .describe('An opaque id')
  .transform((id) => (isStorableText(id) ? id : '\uFFFD'));

/** Path parameter `:id` (see {@link pathIdSchema}). */
export const idParams = z.object({ id: pathIdSchema });
