import { type Actor, type Event, invalidField, mayListDrafts, maySeeEvent } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { forbidden, isOrganizerOf, notFound } from '../../http/authorize.ts';

/**
 * Loads an event the actor may read. Drafts are visible to organizers of the event's unit
 * (and admins) only: to anyone else a draft does not exist (404).
 */
export async function loadVisibleEvent(db: RotaDb, actor: Actor, id: string): Promise<Event> {
  const event = await db.events.get(id);
  if (!event) throw notFound('event', id);
  if (event.status === 'draft' && !maySeeEvent(actor, event, await pathOf(db, event.unitId))) {
    throw notFound('event', id);
  }
  return event;
}

/**
 * Loads an event the actor organizes: 404 when unknown (or a draft the actor may not even
 * see), 403 outside their subtree.
 */
export async function loadOrganizedEvent(db: RotaDb, actor: Actor, id: string): Promise<Event> {
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
  actor: Actor,
  unitId: string | undefined,
): Promise<boolean> {
  if (actor.role === 'admin') return true;
  if (unitId === undefined || actor.role !== 'organizer') return false;
  return mayListDrafts(actor, await db.units.path(unitId));
}

/** A unit's path; empty when the unit does not exist (no one organizes it then). */
export async function pathOf(db: RotaDb, unitId: string): Promise<readonly string[]> {
  return (await db.units.path(unitId)) ?? [];
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
