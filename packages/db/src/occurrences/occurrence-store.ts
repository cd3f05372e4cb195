import {
  assertStorableText,
  normalizeLocal,
  occurrenceAt,
  planOccurrenceShifts,
  RotaError,
} from '@rota/core';
import { lockEvent } from '../events/event-rows.ts';
import { applyShiftPlan, lockShiftsOf, plannerEvent } from '../events/materialize.ts';
import { recordEvents } from '../notifications/record-events.ts';
import { syncBookings } from '../resources/sync-bookings.ts';
import type { RotaDb } from '../rota-db.ts';
import { cancelShifts } from '../shifts/cancel-shifts.ts';
import { toIso } from '../support/instants.ts';
import type { StoreContext } from '../support/store-context.ts';
import { loadOccurrences } from './occurrence-rows.ts';

/** Occurrences: one concrete time of an event; cancel or move one on its own. */
export function occurrenceStore({ db }: StoreContext): RotaDb['occurrences'] {
  return {
    async get(id) {
      return (await loadOccurrences(db, [id])).get(id);
    },

    async update(id, patch, now) {
      assertStorableText(patch);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('occurrences')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new RotaError('not_found', `Occurrence ${id} does not exist`);
        const event = await lockEvent(trx, row.event_id);
        if (event === undefined)
          throw new RotaError('not_found', `Occurrence ${id} does not exist`);
        if (event.status === 'cancelled') {
          throw new RotaError('invalid_state', 'The event is cancelled');
        }
        // A moved or cancelled occurrence changes the event's calendar: its version (the feed's
        // SEQUENCE, the ETag) moves on, so calendar apps take the change.
        const bumpVersion = () =>
          trx
            .updateTable('events')
            .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
            .where('id', '=', row.event_id)
            .execute();
        if ('status' in patch) {
          if (row.status === 'cancelled') return;
          // Cancelling would cancel signups that are records by now (attendance, hours).
          if (Date.parse(row.start) <= Date.parse(now)) {
            throw new RotaError('in_the_past', 'The occurrence has already started');
          }
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
          await syncBookings(trx, event, now, { mode: 'release' });
          await bumpVersion();
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
        // The past is a record: an occurrence under way or over stays where it happened, and
        // none moves to a time already gone.
        if (Date.parse(row.start) <= Date.parse(now)) {
          throw new RotaError('in_the_past', 'The occurrence has already started', {
            errors: [{ path: 'start', message: 'the occurrence has already started' }],
          });
        }
        const planner = plannerEvent(event);
        const at = occurrenceAt(planner, normalizeLocal(patch.start));
        if (Date.parse(at.start) <= Date.parse(now)) {
          throw new RotaError('in_the_past', `${patch.start} has already passed`, {
            errors: [{ path: 'start', message: 'must be in the future' }],
          });
        }
        // Two occurrences of one series at one instant would be one in every calendar.
        const clash = await trx
          .selectFrom('occurrences')
          .select('local_start')
          .where('event_id', '=', row.event_id)
          .where('id', '!=', id)
          .where('status', '=', 'scheduled')
          .where('start', '=', toIso(at.start))
          .executeTakeFirst();
        if (clash !== undefined) {
          throw new RotaError(
            'occurrence_taken',
            `Another occurrence of the event starts at ${patch.start}`,
            { errors: [{ path: 'start', message: 'another occurrence starts at that time' }] },
          );
        }
        await trx
          .updateTable('occurrences')
          .set({ local_start: at.localStart, start: at.start, end: at.end })
          .where('id', '=', id)
          .execute();
        const before = await lockShiftsOf(trx, event, [id]);
        const shifts = planOccurrenceShifts(planner, at, before);
        await applyShiftPlan(
          trx,
          event,
          { ...shifts, insert: shifts.insert.map((planned) => ({ ...planned, occurrenceId: id })) },
          [],
          now,
        );
        await syncBookings(trx, event, now, { occurrenceId: id });
        await bumpVersion();
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
