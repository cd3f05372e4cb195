/**
 * Which waitlisted signups to promote when `seatsLeft` seats are free: in join order, skipping
 * a party that does not fit (a later smaller one may). Returns their ids in promotion order.
 * Skipping is what keeps a large family from blocking everyone behind it; nobody who fits is
 * ever passed over for someone later, because the scan is in join order.
 *
 * @example
 * promoteWaitlist(3, [{ id: 'a', seats: 4 }, { id: 'b', seats: 2 }, { id: 'c', seats: 1 }]);
 * // ['b', 'c']
 */
export function promoteWaitlist(
  seatsLeft: number,
  waitlist: readonly { id: string; seats: number }[],
): string[] {
  const promoted: string[] = [];
  let left = seatsLeft;
  for (const entry of waitlist) {
    if (left <= 0) break;
    if (entry.seats <= left) {
      promoted.push(entry.id);
      left -= entry.seats;
    }
  }
  return promoted;
}
