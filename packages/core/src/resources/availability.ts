import type { AvailabilityInterval } from '../model/resource.ts';

/** A booked span as the availability maths needs it: instants in milliseconds. */
export interface BookedSpan {
  start: number;
  end: number;
  quantity: number;
}

/**
 * The free quantity of a resource over `[from, to)` as consecutive intervals, in order, that
 * cover the window exactly; neighbours with the same booked quantity are merged. Pure: the
 * store passes the bookings overlapping the window.
 *
 * @example
 * availabilityTimeline(3, [{ start: 10, end: 20, quantity: 2 }], 0, 30)
 * // [{ start: 0, end: 10, booked: 0 }, { start: 10, end: 20, booked: 2 }, { start: 20, end: 30, booked: 0 }]
 */
export function availabilityTimeline(
  quantity: number,
  bookings: readonly BookedSpan[],
  from: number,
  to: number,
): { start: number; end: number; booked: number; free: number }[] {
  if (!(from < to)) return [];
  const edges = new Set<number>([from, to]);
  for (const booking of bookings) {
    if (booking.start > from && booking.start < to) edges.add(booking.start);
    if (booking.end > from && booking.end < to) edges.add(booking.end);
  }
  const points = [...edges].sort((a, b) => a - b);
  const out: { start: number; end: number; booked: number; free: number }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    let booked = 0;
    for (const booking of bookings) {
      if (booking.start <= start && booking.end > start) booked += booking.quantity;
    }
    const last = out[out.length - 1];
    if (last !== undefined && last.booked === booked) last.end = end;
    else out.push({ start, end, booked, free: Math.max(quantity - booked, 0) });
  }
  return out;
}

/** The most booked at any instant of `[from, to)` (0 when nothing overlaps). */
export function peakBooked(bookings: readonly BookedSpan[], from: number, to: number): number {
  let peak = 0;
  for (const interval of availabilityTimeline(Number.MAX_SAFE_INTEGER, bookings, from, to)) {
    peak = Math.max(peak, interval.booked);
  }
  return peak;
}

/** The timeline with RFC 3339 instants (UTC). */
export function availabilityIntervals(
  quantity: number,
  bookings: readonly BookedSpan[],
  from: string,
  to: string,
): AvailabilityInterval[] {
  return availabilityTimeline(quantity, bookings, Date.parse(from), Date.parse(to)).map(
    (interval) => ({
      start: new Date(interval.start).toISOString(),
      end: new Date(interval.end).toISOString(),
      booked: interval.booked,
      free: interval.free,
    }),
  );
}
