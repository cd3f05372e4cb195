import { type ErrorCode, errorCatalog } from './error-catalog.ts';

/** One offending field: a dotted path into the request (`slots.1.capacity`) and why. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A refusal with a stable code. Core and db throw it; the API turns it into problem+json.
 *
 * @example
 * throw new RotaError('capacity_below_taken', 'Capacity 3 is below the 5 seats taken', {
 *   errors: [{ path: 'capacity', message: 'must be at least 5' }],
 * });
 */
export class RotaError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  /** Extra members for the problem body (e.g. `reason` on `ineligible`). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(detail ?? errorCatalog[code].title, { cause: options.cause });
    this.name = 'RotaError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

/** A 400 `validation_failed` naming one field. */
export function invalidField(path: string, message: string): RotaError {
  return new RotaError('validation_failed', `${path}: ${message}`, {
    errors: [{ path, message }],
  });
}

/** True when `error` is a {@link RotaError}, optionally with the given code. */
export function isRotaError(error: unknown, code?: ErrorCode): error is RotaError {
  return error instanceof RotaError && (code === undefined || error.code === code);
}
