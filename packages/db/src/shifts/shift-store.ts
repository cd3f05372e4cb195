import { type RosterEntry, RotaError, type Shift } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import { announceShifts } from '../notifications/announce.ts';
import type { RotaDb } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { type SignupRow, signupColumns, toSignup } from '../signups/signup-rows.ts';
import { retryDeadlock } from '../support/retry-deadlock.ts';
import type { StoreContext } from '../support/store-context.ts';
import { promoteInTransaction } from '../waitlist/promote-in-transaction.ts';
import { searchShifts } from './search-shifts.ts';
import { type ShiftRow, shiftColumns, toShift } from './shift-rows.ts';

/** One shift with its event's fields. */
export async function readShift(db: Kysely<Database>, id: string): Promise<Shift | undefined> {
  const { rows } = await sql<ShiftRow>`
    select ${shiftColumns} from shifts s join events e on e.id = s.event_id
    where s.id = ${id}`.execute(db);
  return rows[0] === undefined ? undefined : toShift(rows[0]);
}

/** Shifts: search, capacity, roster. */
export function shiftStore({ db }: StoreContext): RotaDb['shifts'] {
  return {
    search: (filter) => searchShifts(db, filter),

    get: (id) => readShift(db, id),

    async setCapacity(id, capacity, now) {
      if (!Number.isInteger(capacity) || capacity < 1) {
        throw new RotaError('validation_failed', 'capacity must be a positive integer', {
          errors: [{ path: 'capacity', message: 'must be an integer >= 1' }],
        });
      }
      return retryDeadlock(() =>
        db.transaction().execute(async (trx) => {
          const shift = await trx
            .selectFrom('shifts')
            .select(['capacity', 'seats_taken', 'status'])
            .where('id', '=', id)
            .forUpdate()
            .executeTakeFirst();
          if (shift === undefined) throw new RotaError('not_found', `Shift ${id} does not exist`);
          if (shift.status === 'cancelled') throw new RotaError('shift_cancelled');
          if (capacity < shift.seats_taken) {
            throw new RotaError(
              'capacity_below_taken',
              `Capacity ${capacity} is below the ${shift.seats_taken} seats taken`,
              { errors: [{ path: 'capacity', message: `must be at least ${shift.seats_taken}` }] },
            );
          }
          await trx.updateTable('shifts').set({ capacity }).where('id', '=', id).execute();
          const promoted =
            capacity > shift.capacity ? await promoteInTransaction(trx, id, now) : [];
          const value = await readShift(trx, id);
          if (value === undefined) throw new RotaError('not_found');
          if (capacity !== shift.capacity) {
            await announceShifts(
              trx,
              'shift.changed',
              [
                {
                  id,
                  data: {
                    shift: value,
                    changes: { capacity: { from: shift.capacity, to: capacity } },
                  },
                },
              ],
              now,
            );
          }
          return { promoted, value };
        }),
      );
    },

    async roster(id): Promise<RosterEntry[]> {
      const { rows } = await sql<
        SignupRow & { person_name: string; person_phone: string | null; person_unit_id: string }
      >`
        select ${signupColumns}, p.name as person_name, p.phone as person_phone,
          p.unit_id as person_unit_id
        from signups g join people p on p.id = g.person_id
        where g.shift_id = ${id} order by g.join_seq`.execute(db);
      return rows.map((row) => ({
        ...toSignup(row),
        person: { name: row.person_name, phone: row.person_phone, unitId: row.person_unit_id },
      }));
    },
  };
}
