import { formatInstant, type Occurrence, RotaError } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import { readEvent } from '../events/event-store.ts';
import { normalizeLocal, occurrenceAt, syncShifts } from '../events/materialize.ts';
import { recordEvents } from '../notifications/record-events.ts';
import type { RotaDb } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { type ShiftRow, shiftColumns, toShift } from '../shifts/shift-rows.ts';
import { cancelShifts } from '../signups/cancel-shifts.ts';
import { toIso } from '../support/instants.ts';
import type { StoreContext } from '../support/store-context.ts';

interface OccurrenceRow {
  id: string;
  event_id: string;
  original_local_start: string;
  local_start: string;
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  time_zone: string;
}

/** Occurrences by id, each with its shifts (in start order). */
export async function loadOccurrences(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, Occurrence>> {
  const out = new Map<string, Occurrence>();
  if (ids.length === 0) return out;
  const list = sql.join(ids);
  const occurrences = await sql<OccurrenceRow>`
    select o.*, e.time_zone from occurrences o join events e on e.id = o.event_id
    where o.id in (${list})`.execute(db);
  const shifts = await sql<ShiftRow>`
    select ${shiftColumns} from shifts s join events e on e.id = s.event_id
    where s.occurrence_id in (${list}) order by s.start, s.slot_key, s.sequence`.execute(db);
  for (const row of occurrences.rows) {
    out.set(row.id, {
      id: row.id,
      eventId: row.event_id,
      start: formatInstant(row.start, row.time_zone),
      end: formatInstant(row.end, row.time_zone),
      localStart: row.local_start,
      originalLocalStart: row.original_local_start,
      status: row.status,
      cancelReason: row.cancel_reason,
      shifts: [],
    });
  }
  for (const row of shifts.rows) out.get(row.occurrence_id)?.shifts.push(toShift(row));
  return out;
}

/** Occurrences: one concrete time of an event; cancel or move one on its own. */
export function occurrenceStore({ db }: StoreContext): RotaDb['occurrences'] {
  return {
    async get(id) {
      return (await loadOccurrences(db, [id])).get(id);
    },

    async update(id, patch, now) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('occurrences')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new RotaError('not_found', `Occurrence ${id} does not exist`);
        const event = await readEvent(trx, row.event_id, true);
        if (event === undefined)
          throw new RotaError('not_found', `Occurrence ${id} does not exist`);
        if (event.status === 'cancelled') {
          throw new RotaError('invalid_state', 'The event is cancelled');
        }
        if ('status' in patch) {
          if (row.status === 'cancelled') return;
          await trx
            .updateTable('occurrences')
            .set({ status: 'cancelled', cancel_reason: patch.reason ?? null })
            .where('id', '=', id)
            .execute();
          const shifts = await trx
            .selectFrom('shifts')
            .select('id')
            .where('occurrence_id', '=', id)
            .where('status', '=', 'open')
            .execute();
          await cancelShifts(
            trx,
            shifts.map((shift) => shift.id),
            'occurrence_cancelled',
            now,
          );
          await recordEvents(trx, [
            {
              type: 'occurrence.cancelled',
              occurredAt: now,
              unitId: event.unit_id,
              data: {
                occurrence: {
                  id,
                  eventId: row.event_id,
                  start: toIso(row.start),
                  reason: patch.reason ?? null,
                },
              },
            },
          ]);
          return;
        }
        if (row.status === 'cancelled') {
          throw new RotaError('invalid_state', 'A cancelled occurrence cannot be moved');
        }
        const at = occurrenceAt(event, normalizeLocal(patch.start));
        await trx
          .updateTable('occurrences')
          .set({ local_start: at.localStart, start: at.start, end: at.end })
          .where('id', '=', id)
          .execute();
        await syncShifts(trx, event, id, at, now);
        await recordEvents(trx, [
          {
            type: 'occurrence.moved',
            occurredAt: now,
            unitId: event.unit_id,
            data: {
              occurrence: {
                id,
                eventId: row.event_id,
                start: toIso(at.start),
                end: toIso(at.end),
                localStart: at.localStart,
              },
              previousStart: toIso(row.start),
            },
          },
        ]);
      });
      const updated = (await loadOccurrences(db, [id])).get(id);
      if (updated === undefined) throw new RotaError('not_found');
      return updated;
    },
  };
}
