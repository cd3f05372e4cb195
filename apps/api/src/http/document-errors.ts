import { type ErrorCode, errorCatalog } from '@rota/core';
import { z } from 'zod';
import { problemSchema } from './problem.ts';

/** The problem schema narrowed to the codes one response can carry. */
function problemWithCodes(codes: ErrorCode[]) {
  return z.intersection(
    problemSchema,
    z.looseObject({ code: z.enum(codes as [ErrorCode, ...ErrorCode[]]) }),
  );
}

interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: ReturnType<typeof problemWithCodes> } };
}

/**
 * The error answers of a route for its OpenAPI schema, grouped by status, each described by
 * the codes it can carry, and typed with them (`Problem` with `code` narrowed to those codes).
 * `internal_error`, `overloaded` and `database_unavailable` are added to every route.
 *
 * @example
 * schema: { response: { 201: signupSchema, ...documentErrors('not_found', 'shift_full') } }
 */
export function documentErrors(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [
    ...codes,
    'internal_error',
    'overloaded',
    'database_unavailable',
  ] as ErrorCode[]) {
    const status = errorCatalog[code].status;
    const list = byStatus.get(status) ?? [];
    if (!list.includes(code)) list.push(code);
    byStatus.set(status, list);
  }
  const responses: Record<number, ProblemResponse> = {};
  for (const [status, list] of byStatus) {
    responses[status] = {
      description: list.map((code) => `\`${code}\`: ${errorCatalog[code].title}`).join('; '),
      content: { 'application/problem+json': { schema: problemWithCodes(list) } },
    };
  }
  return responses;
}

/** The errors every authenticated route can answer with, besides its own. */
export const authErrors: ErrorCode[] = ['unauthorized', 'validation_failed'];
