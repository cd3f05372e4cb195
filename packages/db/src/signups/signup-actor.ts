// Whether the one signing a person up may do it, decided inside the signup's transaction from
// what the signup reads anyway (the locked shift with its event's unit path and status, the
// person with their unit's path): an organizer at a desk costs no read before the batch. The
// rules are the route's (apps/api/src/routes/signups): the shift must be visible to the actor
// (a draft event's shifts exist for its organizers only), the person must exist, and the actor
// must organize the person's unit (an admin anywhere).
import { RotaError } from '@rota/core';
import type { SignupActor } from '../rota-db.ts';

/** An id as an ltree label, as units store their paths. */
function label(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Whether `actor` organizes the unit whose ltree path is `path`. */
function organizes(actor: SignupActor, path: string | null | undefined): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'organizer' || actor.unitId === null || !path) return false;
  return path.split('.').includes(label(actor.unitId));
}

/**
 * The refusal for `actor` signing `personId` up on `shiftId`, or undefined when they may.
 * `shift` undefined: no such shift; `person` undefined: no such person.
 */
export function refusalForActor(
  actor: SignupActor,
  ids: { shiftId: string; personId: string },
  shift: { event_status: string; unit_path: string } | undefined,
  person: { unit_path: string | null } | undefined,
): RotaError | undefined {
  const eventOrganizer = shift !== undefined && organizes(actor, shift.unit_path);
  if (shift === undefined || (shift.event_status === 'draft' && !eventOrganizer)) {
    return new RotaError('not_found', `No shift ${ids.shiftId}`);
  }
  if (person === undefined) return new RotaError('not_found', `No person ${ids.personId}`);
  // An organizer acts for the people of their subtree only (DESIGN.md, invariant 5), whoever
  // runs the event: organizing the event is not enough to enrol a person of another unit, who
  // would then show on its roster with their phone (issue 10).
  if (actor.role === 'volunteer') {
    return new RotaError('forbidden', 'You may only sign up yourself');
  }
  if (!organizes(actor, person.unit_path)) {
    return new RotaError('forbidden', `You do not organize the unit of person ${ids.personId}`);
  }
  return undefined;
}
