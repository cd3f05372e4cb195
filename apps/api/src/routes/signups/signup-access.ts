import { type Actor, isSelf, type Shift, type Signup } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { forbidden, isOrganizerOf, notFound } from '../../http/authorize.ts';

/**
 * Whether the actor organizes the shift's event or the person's unit (an organizer may sign
 * up their own residents, and run the events of their subtree).
 */
export async function organizesSignup(
  db: RotaDb,
  actor: Actor,
  shift: Shift,
  personUnitId: string | undefined,
): Promise<boolean> {
  if (await isOrganizerOf(db, actor, shift.event.unitId)) return true;
  return personUnitId !== undefined && (await isOrganizerOf(db, actor, personUnitId));
}

export { isSelf } from '@rota/core';

/**
 * Loads a signup with its shift for an actor: the person themself (with `self`), or an
 * organizer of the shift's event or of the person's unit. 404 when unknown, else 403.
 */
export async function loadSignup(
  db: RotaDb,
  actor: Actor,
  id: string,
  options: { self: boolean },
): Promise<{ signup: Signup; shift: Shift }> {
  const signup = await db.signups.get(id);
  if (!signup) throw notFound('signup', id);
  const shift = await db.shifts.get(signup.shiftId);
  if (!shift) throw notFound('signup', id);
  if (options.self && isSelf(actor, signup.personId)) return { signup, shift };
  if (actor.role !== 'volunteer') {
    const person = await db.people.get(signup.personId);
    if (await organizesSignup(db, actor, shift, person?.unitId)) return { signup, shift };
  }
  throw forbidden(`You may not act on signup ${id}`);
}
