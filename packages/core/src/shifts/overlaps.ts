import { parseInstant } from '../recurrence/zoned-time.ts';

/**
 * True when two half-open intervals `[start, end)` of RFC 3339 instants overlap. Compared as
 * instants, so the offsets may differ; touching intervals (one ends when the other starts) do
 * not overlap.
 *
 * @example
 * overlaps(
 *   { start: '2026-12-05T08:00:00+08:00', end: '2026-12-05T10:00:00+08:00' },
 *   { start: '2026-12-05T01:30:00Z', end: '2026-12-05T03:00:00Z' },
 * ); // true (09:30-11:00 in Shanghai)
 */
export function overlaps(
  a: { start: string; end: string },
  b: { start: string; end: string },
): boolean {
  return parseInstant(a.start) < parseInstant(b.end) && parseInstant(b.start) < parseInstant(a.end);
}
