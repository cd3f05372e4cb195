import { type Actor, mayReadContactDetails, type Signup, type UnitPath } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { pathOf } from '../events/event-access.ts';

/** A roster line as a reader gets it: the phone is null where they may not read it. */
export interface RosterLine extends Signup {
  person: { name: string; phone: string | null };
}

/**
 * The roster of a shift the actor organizes, with each person's phone only where core's
 * `mayReadContactDetails` allows it (an organizer of the person's own unit, an admin): a
 * volunteer of another unit who signs up for this shift does not hand their phone to its
 * organizer. The caller checked that the actor organizes the shift (`loadOrganizedShift`).
 *
 * @example
 * const items = await readableRoster(app.db, actorOf(request), shift.id);
 */
export async function readableRoster(
  db: RotaDb,
  actor: Actor,
  shiftId: string,
): Promise<RosterLine[]> {
  const entries = await db.shifts.roster(shiftId);
  const paths = new Map<string, UnitPath>();
  for (const { person } of entries) {
    if (!paths.has(person.unitId)) paths.set(person.unitId, await pathOf(db, person.unitId));
  }
  return entries.map(({ person, ...signup }) => ({
    ...signup,
    person: {
      name: person.name,
      phone: mayReadContactDetails(actor, { id: signup.personId }, paths.get(person.unitId) ?? [])
        ? person.phone
        : null,
    },
  }));
}
