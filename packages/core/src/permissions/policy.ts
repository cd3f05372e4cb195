// Rota's authorization policy: pure predicates over an Actor and what the caller loaded (unit
// paths, an event's status). The API answers 404 where a predicate says "may not see" and 403
// where it says "may see but not act"; the web app and other library users call the same
// functions to decide what to show. The authorization matrix
// (apps/api/test/authorization-matrix.test.ts) is the specification.
import type { Actor, UnitPath } from './actor.ts';
import { canActInUnit } from './can-act-in-unit.ts';

/**
 * May organize in the unit: an admin anywhere, an organizer in their unit's subtree.
 *
 * @example
 * mayOrganizeUnit({ role: 'organizer', unitId: 'sub', personId: null }, ['district', 'sub', 'c3']); // true
 */
export function mayOrganizeUnit(actor: Actor, unitPath: UnitPath): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'organizer' || actor.unitId === null) return false;
  return canActInUnit(actor.unitId, unitPath);
}

/**
 * May create a unit under `parentPath` (null: a top-level unit, which only an admin creates).
 */
export function mayCreateUnit(actor: Actor, parentPath: UnitPath | null): boolean {
  if (parentPath === null) return actor.role === 'admin';
  return mayOrganizeUnit(actor, parentPath);
}

/**
 * May see an event (and its occurrences and shifts): a draft exists only for those who
 * organize its unit; to anyone else it does not exist (the API answers 404, not 403).
 */
export function maySeeEvent(
  actor: Actor,
  event: { status: string },
  eventUnitPath: UnitPath,
): boolean {
  return event.status !== 'draft' || mayOrganizeUnit(actor, eventUnitPath);
}

/** Whether lists show draft events: to admins, and to an organizer filtering on their subtree. */
export function mayListDrafts(actor: Actor, filterUnitPath: UnitPath | undefined): boolean {
  if (actor.role === 'admin') return true;
  return (
    filterUnitPath !== undefined &&
    actor.role === 'organizer' &&
    mayOrganizeUnit(actor, filterUnitPath)
  );
}

/**
 * May act for a person (sign them up, cancel for them, read their signups and hours): the
 * person's own volunteer token, or an organizer of the person's unit.
 */
export function mayActForPerson(
  actor: Actor,
  person: { id: string },
  personUnitPath: UnitPath,
): boolean {
  if (isSelf(actor, person.id)) return true;
  return mayOrganizeUnit(actor, personUnitPath);
}

/**
 * May read a person's contact details (phone, birth date): the person themself, or an
 * organizer of the person's unit.
 */
export function mayReadContactDetails(
  actor: Actor,
  person: { id: string },
  personUnitPath: UnitPath,
): boolean {
  return mayActForPerson(actor, person, personUnitPath);
}

/**
 * May create (and so revoke) a token like `target`: an admin any; an organizer an organizer
 * or volunteer token of their subtree (`targetUnitPath`: the organizer token's unit, or the
 * volunteer's person's unit; null when that does not exist), never an admin token.
 */
export function mayManageToken(
  actor: Actor,
  target: { role: Actor['role'] },
  targetUnitPath: UnitPath | null,
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'organizer' || target.role === 'admin') return false;
  return targetUnitPath !== null && mayOrganizeUnit(actor, targetUnitPath);
}

/** The actor is this person's own volunteer. */
export function isSelf(actor: Actor, personId: string): boolean {
  return actor.role === 'volunteer' && actor.personId === personId;
}
