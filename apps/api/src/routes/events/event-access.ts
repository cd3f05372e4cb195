import { type Event, invalidField } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import { forbidden, isOrganizerOf, notFound } from '../../http/authorize.ts';

/**
 * Loads an event the actor may read. Drafts are visible to organizers of the event's unit
 * (and admins) only: to anyone else a draft does not exist (404).
 */
export async function loadVisibleEvent(db: RotaDb, actor: TokenInfo, id: string): Promise<Event> {
  const event = await db.events.get(id);
  if (!event) throw notFound('event', id);
  if (event.status === 'draft' && !(await isOrganizerOf(db, actor, event.unitId))) {
    throw notFound('event', id);
  }
  return event;
}

/**
 * Loads an event the actor organizes: 404 when unknown (or a draft the actor may not even
 * see), 403 outside their subtree.
 */
export async function loadOrganizedEvent(db: RotaDb, actor: TokenInfo, id: string): Promise<Event> {
  const event = await db.events.get(id);
  if (!event) throw notFound('event', id);
  if (!(await isOrganizerOf(db, actor, event.unitId))) {
    if (event.status === 'draft') throw notFound('event', id);
    throw forbidden(`You do not organize the unit of event ${id}`);
  }
  return event;
}

/**
 * Whether list queries include draft events: for admins, and for an organizer filtering on a
 * unit of their own subtree.
 */
export async function includeDraftsFor(
  db: RotaDb,
  actor: TokenInfo,
  unitId: string | undefined,
): Promise<boolean> {
  if (actor.role === 'admin') return true;
  return unitId !== undefined && actor.role === 'organizer' && isOrganizerOf(db, actor, unitId);
}

/**
 * The version of an `If-Match` header: `"3"`, `W/"3"` or `3`; `*` or no header: undefined.
 *
 * @example
 * parseIfMatch('"3"') // 3
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '*') return undefined;
  const match =
    typeof header === 'string' ? /^(?:W\/)?"?([0-9]{1,9})"?$/.exec(header.trim()) : null;
  if (!match) throw invalidField('headers.if-match', 'must be the quoted version, e.g. "3"');
  return Number(match[1]);
}
