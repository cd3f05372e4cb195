/**
 * An organizer of `actorUnitId` acts in its subtree: true when the actor's unit is on the
 * target's path (ids from the root down to the target itself). A subdistrict organizer thus
 * manages its communities and their grids, and never a sibling's.
 *
 * @example
 * canActInUnit('subdistrict-1', ['district', 'subdistrict-1', 'community-3']); // true
 * canActInUnit('community-4', ['district', 'subdistrict-1', 'community-3']); // false
 */
export function canActInUnit(actorUnitId: string, targetUnitPath: readonly string[]): boolean {
  return targetUnitPath.includes(actorUnitId);
}
