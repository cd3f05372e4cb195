/**
 * Which waitlisted signups to promote when `seatsLeft` seats are free: in join order, skipping
 * a party that does not fit (a later smaller one may). Returns their ids in promotion order.
 * TODO(core helper): implement.
 */
export function promoteWaitlist(
  _seatsLeft: number,
  _waitlist: readonly { id: string; seats: number }[],
): string[] {
  throw new Error('not implemented');
}
