import { type Actor, maySeeEvent, type Shift } from '@rota/core';
import type { RotaDb } from '@rota/db';
import { forbidden, isOrganizerOf, notFound } from '../../http/authorize.ts';
import { pathOf } from '../events/event-access.ts';

/** Loads a shift the actor may read: a draft event's shifts exist for its organizers only. */
export async function loadVisibleShift(db: RotaDb, actor: Actor, id: string): Promise<Shift> {
  const shift = await db.shifts.get(id);
  if (!shift) throw notFound('shift', id);
  if (await isDraftHidden(db, actor, shift)) throw notFound('shift', id);
  return shift;
}

/** Loads a shift the actor organizes: 404 when unknown (or hidden as a draft's), else 403. */
export async function loadOrganizedShift(db: RotaDb, actor: Actor, id: string): Promise<Shift> {
  const shift = await db.shifts.get(id);
  if (!shift) throw notFound('shift', id);
  if (!(await isOrganizerOf(db, actor, shift.event.unitId))) {
    if (await isDraftHidden(db, actor, shift)) throw notFound('shift', id);
    throw forbidden(`You do not organize the unit of shift ${id}`);
  }
  return shift;
}

async function isDraftHidden(db: RotaDb, actor: Actor, shift: Shift): Promise<boolean> {
  const event = await db.events.get(shift.eventId);
  if (event === undefined || event.status !== 'draft') return false;
  return !maySeeEvent(actor, event, await pathOf(db, event.unitId));
}
