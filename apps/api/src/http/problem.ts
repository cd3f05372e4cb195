import { type ErrorCode, errorCatalog, type FieldError, type IneligibleReason } from '@rota/core';
import { z } from 'zod';

/** An RFC 9457 problem body as Rota sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  /** The request's path (RFC 9457 `instance`); `sendProblem` fills it in. */
  instance?: string;
  [extra: string]: unknown;
}

/** Every `reason` an `ineligible` answer can carry (a Record: the compiler checks it is whole). */
const ineligibleReasons: Record<IneligibleReason, true> = {
  too_young: true,
  too_old: true,
  missing_tag: true,
  party_too_large: true,
  birth_date_required: true,
  companion_too_young: true,
  companion_too_old: true,
};

/** The documented shape of every error body (other extra members may follow). */
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
    instance: z
      .string()
      .optional()
      .describe('The path of the request that failed (sent on every error answer)'),
    reason: z
      .enum(Object.keys(ineligibleReasons) as [IneligibleReason, ...IneligibleReason[]])
      .optional()
      .describe('On `ineligible` only: which of the slot’s rules the person or party fails'),
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
