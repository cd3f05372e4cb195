// The HTTP side of authorization: load what core's policy (`@rota/core` permissions/policy.ts)
// needs, ask it, and answer 404 or 403. The rules themselves live in core.
import { type Actor, mayOrganizeUnit, RotaError } from '@rota/core';
import type { RotaDb } from '@rota/db';

/**
 * True when the actor may act as an organizer in `unitId` (core's mayOrganizeUnit).
 * Undefined when the unit does not exist.
 */
export async function organizesUnit(
  db: RotaDb,
  actor: Actor,
  unitId: string,
): Promise<boolean | undefined> {
  const path = await db.units.path(unitId);
  if (path === undefined) return undefined;
  return mayOrganizeUnit(actor, path);
}

/**
 * Requires the actor to organize `unitId`: 404 `not_found` when the unit does not exist,
 * 403 `forbidden` when it is outside the actor's subtree.
 *
 * @example
 * await requireOrganizer(app.db, actorOf(request), body.unitId, 'unit');
 */
export async function requireOrganizer(
  db: RotaDb,
  actor: Actor,
  unitId: string,
  what = 'unit',
): Promise<void> {
  const allowed = await organizesUnit(db, actor, unitId);
  if (allowed === undefined) throw new RotaError('not_found', `No ${what} ${unitId}`);
  if (!allowed) throw new RotaError('forbidden', `You do not organize ${what} ${unitId}`);
}

/** True for an admin, or an organizer whose subtree holds the unit (no error). */
export async function isOrganizerOf(db: RotaDb, actor: Actor, unitId: string) {
  return (await organizesUnit(db, actor, unitId)) === true;
}

/** 404 with a plain detail. */
export function notFound(what: string, id: string): RotaError {
  return new RotaError('not_found', `No ${what} ${id}`);
}

/** 403 with a plain detail. */
export function forbidden(detail: string): RotaError {
  return new RotaError('forbidden', detail);
}
