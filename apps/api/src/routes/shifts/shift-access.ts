import type { Shift } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import { isOrganizerOf, notFound, requireOrganizer } from '../../http/authorize.ts';

/** Loads a shift the actor may read: a draft event's shifts exist for its organizers only. */
export async function loadVisibleShift(db: RotaDb, actor: TokenInfo, id: string): Promise<Shift> {
  const shift = await db.shifts.get(id);
  if (!shift) throw notFound('shift', id);
  if (await isDraftHidden(db, actor, shift)) throw notFound('shift', id);
  return shift;
}

/** Loads a shift the actor organizes: 404 when unknown, 403 outside their subtree. */
export async function loadOrganizedShift(db: RotaDb, actor: TokenInfo, id: string): Promise<Shift> {
  const shift = await db.shifts.get(id);
  if (!shift) throw notFound('shift', id);
  await requireOrganizer(db, actor, shift.event.unitId, 'the unit of this shift');
  return shift;
}

async function isDraftHidden(db: RotaDb, actor: TokenInfo, shift: Shift): Promise<boolean> {
  const event = await db.events.get(shift.eventId);
  return event?.status === 'draft' && !(await isOrganizerOf(db, actor, event.unitId));
}
