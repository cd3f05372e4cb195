import type { Shift } from '@rota/core';
import type { RotaDb, TokenInfo } from '@rota/db';
import { forbidden, isOrganizerOf, notFound } from '../../http/authorize.ts';

/** Loads a shift the actor may read: a draft event's shifts exist for its organizers only. */
export async function loadVisibleShift(db: RotaDb, actor: TokenInfo, id: string): Promise<Shift> {
  const shift = await db.shifts.get(id);
  if (!shift) throw notFound('shift', id);
  if (await isDraftHidden(db, actor, shift)) throw notFound('shift', id);
  return shift;
}

/** Loads a shift the actor organizes: 404 when unknown (or hidden as a draft's), else 403. */
export async function loadOrganizedShift(db: RotaDb, actor: TokenInfo, id: string): Promise<Shift> {
  const shift = await db.shifts.get(id);
  if (!shift) throw notFound('shift', id);
  if (!(await isOrganizerOf(db, actor, shift.event.unitId))) {
    if (await isDraftHidden(db, actor, shift)) throw notFound('shift', id);
    throw forbidden(`You do not organize the unit of shift ${id}`);
  }
  return shift;
}

async function isDraftHidden(db: RotaDb, actor: TokenInfo, shift: Shift): Promise<boolean> {
  const event = await db.events.get(shift.eventId);
  return event?.status === 'draft' && !(await isOrganizerOf(db, actor, event.unitId));
}
