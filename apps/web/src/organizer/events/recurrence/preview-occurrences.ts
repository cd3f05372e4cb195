import { expandSchedule, type Schedule, type ScheduledOccurrence } from '@rota/core';

/** One occurrence of the preview; skipped ones stay listed so that a click brings them back. */
export interface PreviewOccurrence extends ScheduledOccurrence {
  /** Left out by an exception (EXDATE): the server will not create it. */
  skipped: boolean;
  /** An extra date (RDATE), e.g. where a skipped week was moved to. */
  added: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Growing windows: a daily rule fills the preview in days, a yearly one needs years, and a
// window too large for a minutely rule (core refuses over 10 000 occurrences) is never tried
// once a smaller one has filled the preview.
const SPANS_DAYS = [3, 40, 400, 3700];
const LAST_INSTANT = Date.UTC(9999, 11, 31);

/** `YYYY-MM-DDTHH:mm` and `YYYY-MM-DDTHH:mm:ss` name the same local time. */
export function withSeconds(local: string): string {
  return local.length === 16 ? `${local}:00` : local;
}

/**
 * The first `count` occurrences of a schedule, computed in the browser by core's
 * `expandSchedule`: the very function the server materializes occurrences with. The
 * schedule's exceptions are marked (`skipped`) instead of dropped, and extra dates marked
 * `added`; the occurrences not skipped are exactly the server's. Throws core's RotaError for a
 * schedule core refuses (validate first) or one that expands to too much.
 *
 * @example
 * previewOccurrences({ start: '2027-03-20T09:00', timeZone: 'Europe/Berlin', durationMinutes: 60,
 *   rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=3', exdates: ['2027-03-27T09:00'] }, 8);
 * // 09:00+01:00 on 20 March, 27 March skipped, 09:00+02:00 on 3 April (after the DST change)
 */
export function previewOccurrences(schedule: Schedule, count: number): PreviewOccurrence[] {
  const skipped = new Set((schedule.exdates ?? []).map(withSeconds));
  const added = new Set((schedule.rdates ?? []).map(withSeconds));
  const everything: Schedule = { ...schedule, exdates: [] };
  const firstDate = [schedule.start, ...(schedule.rdates ?? [])].sort()[0]!.slice(0, 10);
  // Two days before the first local date: every zone's offset is within a day of UTC.
  const fromMs = Date.parse(`${firstDate}T00:00:00Z`) - 2 * DAY_MS;
  const from = new Date(fromMs).toISOString();
  let found: ScheduledOccurrence[] = [];
  for (const days of SPANS_DAYS) {
    const to = new Date(Math.min(fromMs + days * DAY_MS, LAST_INSTANT)).toISOString();
    try {
      found = expandSchedule(everything, { from, to });
    } catch (error) {
      if (found.length > 0) break;
      throw error;
    }
    if (found.length >= count) break;
  }
  return found.slice(0, count).map((occurrence) => ({
    ...occurrence,
    skipped: skipped.has(occurrence.localStart),
    added: added.has(occurrence.localStart),
  }));
}
