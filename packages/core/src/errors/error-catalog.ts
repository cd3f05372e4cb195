/**
 * Every stable error code Rota can answer with, its HTTP status and a plain title.
 * One catalog for every layer: core and db raise {@link RotaError} with a code from here,
 * the API maps it to RFC 9457 problem+json with this status. docs/errors.md documents it.
 */
export const errorCatalog = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'A valid bearer token is required' },
  invalid_sign_in_code: { status: 401, title: 'This sign-in link cannot be used' },
  forbidden: { status: 403, title: 'You may not do this' },
  csrf_failed: { status: 403, title: 'A signed-in browser request without its CSRF header' },
  not_found: { status: 404, title: 'Not found' },
  shift_full: { status: 409, title: 'The shift is full' },
  already_signed_up: { status: 409, title: 'Already signed up for this shift' },
  schedule_conflict: { status: 409, title: 'Overlaps another confirmed shift' },
  shift_cancelled: { status: 409, title: 'The shift is cancelled' },
  capacity_below_taken: { status: 409, title: 'Capacity is below the seats already taken' },
  idempotency_key_in_flight: {
    status: 409,
    title: 'A request with this Idempotency-Key is still running',
  },
  invalid_state: { status: 409, title: 'Not possible in the current state' },
  resource_conflict: { status: 409, title: 'The resource is already booked' },
  occurrence_taken: { status: 409, title: 'Another occurrence of the event is at that time' },
  one_per_occurrence: {
    status: 409,
    title: 'The person already holds a place in this slot on this occurrence',
  },
  duplicate_person: {
    status: 409,
    title: 'Another person already has this phone number',
  },
  version_conflict: { status: 412, title: 'The resource has changed since you read it' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  ineligible: { status: 422, title: 'Not eligible for this shift' },
  signup_closed: { status: 422, title: 'Signup is closed for this shift' },
  in_the_past: { status: 422, title: 'That time has already passed' },
  not_yet: { status: 422, title: 'That time has not come yet' },
  idempotency_key_reused: {
    status: 422,
    title: 'This Idempotency-Key was used with a different request',
  },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Something went wrong on our side' },
  overloaded: { status: 503, title: 'The server is busy, try again shortly' },
  shutting_down: { status: 503, title: 'The server is restarting, try again shortly' },
  database_unavailable: {
    status: 503,
    title: 'The database cannot be reached right now, try again shortly',
  },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable, machine-readable error code (the keys of {@link errorCatalog}). */
export type ErrorCode = keyof typeof errorCatalog;
