import type { Person } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import { forbidden, isOrganizerOf, notFound } from '../../http/authorize.ts';

/**
 * Loads a person the actor may see: an admin, an organizer whose subtree holds the person's
 * unit, or (with `self`) the person's own volunteer token. 404 when unknown, else 403.
 */
export async function loadPerson(
  db: RotaDb,
  actor: TokenInfo,
  id: string,
  options: { self: boolean },
): Promise<Person> {
  const person = await db.people.get(id);
  if (!person) throw notFound('person', id);
  if (options.self && actor.role === 'volunteer' && actor.personId === person.id) return person;
  if (await isOrganizerOf(db, actor, person.unitId)) return person;
  throw forbidden(`You may not access person ${id}`);
}
