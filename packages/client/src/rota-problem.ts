import type { components } from './generated/rota-api.ts';

/** An RFC 9457 problem body as Rota sends it (`code` is stable; see docs/errors.md). */
export type Problem = components['schemas']['Problem'];

/** Every error code the API can answer with. */
export type ErrorCode = Problem['code'];

/**
 * A non-2xx answer, thrown by `unwrap`: the problem body's fields plus the HTTP response.
 * An answer that is not problem+json (a proxy's HTML 502) still becomes one, with
 * `code` `internal_error` and the body's text in `detail`.
 *
 * @example
 * try { await unwrap(rota.POST('/v1/signups', { body })) }
 * catch (error) { if (error instanceof RotaProblem && error.code === 'ineligible') ... }
 */
export class RotaProblem extends Error {
  override readonly name = 'RotaProblem';
  readonly status: number;
  readonly code: ErrorCode;
  readonly problem: Problem;
  readonly response: Response;

  constructor(problem: Problem, response: Response) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.response = response;
  }

  /** Builds the exception from whatever body a failed answer carried. */
  static from(body: unknown, response: Response): RotaProblem {
    if (isProblem(body)) return new RotaProblem(body, response);
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    return new RotaProblem(
      {
        type: 'urn:rota:error:internal_error',
        title: response.statusText || 'Unexpected answer',
        status: response.status,
        detail: text.slice(0, 500),
        code: 'internal_error',
      },
      response,
    );
  }
}

function isProblem(body: unknown): body is Problem {
  if (body === null || typeof body !== 'object') return false;
  const { code, status } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof status === 'number';
}
