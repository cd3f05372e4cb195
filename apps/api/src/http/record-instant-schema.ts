import { z } from 'zod';

/**
 * A record's instant in an answer (a signup's `createdAt`, an event's `updatedAt`, ...): RFC
 * 3339 with the offset of the event's time zone, to the millisecond when it has any
 * (`2026-12-04T23:30:00.250+08:00`). Documented as `format: date-time`; answers are not
 * re-validated against it (the stores write it with core's `formatInstant`).
 */
export const recordInstantSchema = z
  .string()
  .meta({ format: 'date-time', description: "RFC 3339 with the offset of the event's time zone" });
