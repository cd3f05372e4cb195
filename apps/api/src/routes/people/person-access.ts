import { type Actor, mayActForPerson, mayOrganizeUnit, type Person } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { forbidden, notFound } from '../../http/authorize.ts';
import { pathOf } from '../events/event-access.ts';

/**
 * Loads a person the actor may see: an admin, an organizer whose subtree holds the person's
 * unit, or (with `self`) the person's own volunteer token. 404 when unknown, else 403.
 */
export async function loadPerson(
  db: RotaDb,
  actor: Actor,
  id: string,
  options: { self: boolean },
): Promise<Person> {
  const person = await db.people.get(id);
  if (!person) throw notFound('person', id);
  const path = await pathOf(db, person.unitId);
  if (options.self ? mayActForPerson(actor, person, path) : mayOrganizeUnit(actor, path)) {
    return person;
  }
  throw forbidden(`You may not access person ${id}`);
}
