/**
 * An organizer of `actorUnitId` acts in its subtree: true when the actor's unit is on the
 * target's path (ids from the root down to the target itself). TODO(core helper): implement.
 */
export function canActInUnit(_actorUnitId: string, _targetUnitPath: readonly string[]): boolean {
  throw new Error('not implemented');
}
