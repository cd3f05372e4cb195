/** A schedule in local wall-clock time. */
export interface Schedule {
  /** `YYYY-MM-DDTHH:mm[:ss]` in `timeZone`. */
  start: string;
  timeZone: string;
  durationMinutes: number;
  /** RFC 5545 RRULE value, without the `RRULE:` prefix. */
  rrule?: string | null | undefined;
  /** Local wall-clock starts to leave out. */
  exdates?: readonly string[] | undefined;
  /** Extra local wall-clock starts. */
  rdates?: readonly string[] | undefined;
}

/** One expanded occurrence. */
export interface ScheduledOccurrence {
  /** `YYYY-MM-DDTHH:mm:ss`, wall clock in the schedule's zone. */
  localStart: string;
  /** RFC 3339 with the zone's offset. */
  start: string;
  end: string;
}

/**
 * Every occurrence whose start instant lies in `[window.from, window.to)`, in start order.
 * TODO(core helper): implement.
 */
export function expandSchedule(
  _schedule: Schedule,
  _window: { from: string; to: string },
): ScheduledOccurrence[] {
  throw new Error('not implemented');
}
