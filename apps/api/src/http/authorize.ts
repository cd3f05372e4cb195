import { canActInUnit, RotaError } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';

/**
 * True when the actor may act as an organizer in `unitId`: an admin anywhere, an organizer
 * in their unit's subtree. Undefined when the unit does not exist.
 */
export async function organizesUnit(
  db: RotaDb,
  actor: TokenInfo,
  unitId: string,
): Promise<boolean | undefined> {
  const path = await db.units.path(unitId);
  if (path === undefined) return undefined;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'organizer' || actor.unitId === null) return false;
  return canActInUnit(actor.unitId, path);
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
  actor: TokenInfo,
  unitId: string,
  what = 'unit',
): Promise<void> {
  const allowed = await organizesUnit(db, actor, unitId);
  if (allowed === undefined) throw new RotaError('not_found', `No ${what} ${unitId}`);
  if (!allowed) throw new RotaError('forbidden', `You do not organize ${what} ${unitId}`);
}

/** True for an admin, or an organizer whose subtree holds the unit (no error). */
export async function isOrganizerOf(db: RotaDb, actor: TokenInfo, unitId: string) {
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
