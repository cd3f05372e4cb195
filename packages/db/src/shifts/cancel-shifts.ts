import type { CancelReason } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { announceShifts, announceSignupIds } from '../notifications/announce.ts';
import type { Database } from '../schema.ts';

const CHUNK = 1000;

/**
 * Cancels shifts with every active signup on them (`reason`), and zeroes their counters.
 * The shift rows are locked first, as a signup does, so a signup racing this either lands
 * before (and is cancelled here) or after (and finds the shift cancelled).
 */
export async function cancelShifts(
  trx: Transaction<Database>,
  shiftIds: readonly string[],
  reason: CancelReason,
  now: string,
): Promise<void> {
  for (let i = 0; i < shiftIds.length; i += CHUNK) {
    const ids = shiftIds.slice(i, i + CHUNK);
    const list = sql.join(ids);
    await sql`select id from shifts where id in (${list}) order by id for update`.execute(trx);
    const cancelled = await sql<{ id: string }>`
      update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
        cancel_reason = ${reason}
      where shift_id in (${list}) and status in ('confirmed', 'waitlisted')
      returning id`.execute(trx);
    await sql`
      update shifts set status = 'cancelled', seats_taken = 0, waitlist_count = 0
      where id in (${list})`.execute(trx);
    // Each person hears of their own signup (signup.cancelled with the reason); systems also
    // get the shifts.
    await announceSignupIds(
      trx,
      'signup.cancelled',
      cancelled.rows.map((row) => row.id),
      now,
    );
    await announceShifts(
      trx,
      'shift.cancelled',
      ids.map((id) => ({ id, data: { shiftId: id, reason } })),
      now,
    );
  }
}
