import type { CancelReason } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { announceShifts, announceSignupIds } from '../notifications/announce.ts';
import type { Database } from '../schema.ts';

/**
 * Cancels shifts with every active signup on them (`reason`), and zeroes their counters: three
 * statements whatever the count. The shift rows are locked first (in id order, as every path
 * locks them), so a signup racing this either lands before (and is cancelled here) or after
 * (and finds the shift cancelled).
 */
export async function cancelShifts(
  trx: Transaction<Database>,
  shiftIds: readonly string[],
  reason: CancelReason,
  now: string,
  /** The event is being cancelled too: mark the shifts now (the event's trigger then skips them). */
  eventCancelled = false,
): Promise<void> {
  if (shiftIds.length === 0) return;
  const ids = [...shiftIds];
  await sql`select id from shifts where id = any(${ids}::text[]) order by id for update`.execute(
    trx,
  );
  const cancelled = await sql<{ id: string }>`
    update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
      cancel_reason = ${reason}
    where shift_id = any(${ids}::text[]) and status in ('confirmed', 'waitlisted')
    returning id`.execute(trx);
  await sql`
    update shifts set status = 'cancelled', seats_taken = 0, waitlist_count = 0
      ${eventCancelled ? sql`, event_status = 'cancelled'` : sql``}
    where id = any(${ids}::text[])`.execute(trx);
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
