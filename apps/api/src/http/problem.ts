import { type ErrorCode, errorCatalog, type FieldError } from '@rota/core';
import { z } from 'zod';

/** An RFC 9457 problem body as Rota sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** The documented shape of every error body (extra members such as `reason` may follow). */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the error code (`urn:rota:error:<code>`)'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Every offending field, each a dotted path into the request'),
  })
  .meta({ id: 'Problem' });

/**
 * Builds the body of an error answer from a catalog code.
 *
 * @example
 * problem('not_found', 'No unit u1') // { type: 'urn:rota:error:not_found', status: 404, ... }
 */
export function problem(
  code: ErrorCode,
  detail?: string,
  options: { errors?: FieldError[] | undefined; extra?: Record<string, unknown> | undefined } = {},
): Problem {
  const entry = errorCatalog[code];
  return {
    ...options.extra,
    type: `urn:rota:error:${code}`,
    title: entry.title,
    status: entry.status,
    detail: detail ?? entry.title,
    code,
    ...(options.errors === undefined ? {} : { errors: options.errors }),
  };
}
