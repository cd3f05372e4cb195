/** Who acts: what a bearer token (or a web session) speaks for. */
export interface Actor {
  role: 'admin' | 'organizer' | 'volunteer';
  /** An organizer's unit (they act in its subtree); null for the others. */
  unitId: string | null;
  /** A volunteer's own person; null for the others. */
  personId: string | null;
}

/**
 * A unit's path: ids from the root down to the unit itself (`db.units.path(id)`), which is
 * what every predicate below needs to know of a unit.
 */
export type UnitPath = readonly string[];
