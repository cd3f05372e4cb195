import { isRotaError, RotaError } from '@rota/core';

/** The SQLSTATE and constraint of a driver error (pg and PGlite both expose them). */
export function pgErrorInfo(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
}

/**
 * Turns the database's refusals into coded errors: the constraints are the last word on the
 * invariants, so their violations are answers, not crashes. Other errors pass through.
 */
export function mapDbError(error: unknown): unknown {
  if (isRotaError(error)) return error;
  const { code, constraint } = pgErrorInfo(error);
  if (code === '23P01' && constraint === 'signups_no_double_booking') {
    return new RotaError(
      'schedule_conflict',
      'The person already holds a confirmed volunteer shift at an overlapping time',
      { cause: error },
    );
  }
  if (code === '23505' && constraint === 'signups_one_active_per_shift') {
    return new RotaError('already_signed_up', undefined, { cause: error });
  }
  if (code === '23505' && constraint === 'signups_one_per_occurrence') {
    return new RotaError(
      'one_per_occurrence',
      'The person already holds a place in this slot on this occurrence: cancel it first',
      { cause: error },
    );
  }
  if (code === '23514' && constraint === 'shifts_seats_within_capacity') {
    return new RotaError('shift_full', undefined, { cause: error });
  }
  return error;
}
