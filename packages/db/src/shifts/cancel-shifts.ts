import type { CancelReason } from '@rota/core';
import { sql, type Transaction } from 'kysely';
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
    await sql`
      update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
        cancel_reason = ${reason}
      where shift_id in (${list}) and status in ('confirmed', 'waitlisted')`.execute(trx);
    await sql`
      update shifts set status = 'cancelled', seats_taken = 0, waitlist_count = 0
      where id in (${list})`.execute(trx);
  }
}
