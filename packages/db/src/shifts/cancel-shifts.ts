import type { CancelReason } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { announceSignupIds } from '../notifications/announce.ts';
import type { Database } from '../schema.ts';
import { arrayLiteral } from '../support/array-literal.ts';

/**
 * Cancels shifts with every active signup on them (`reason`), and zeroes their counters: at
 * most four statements whatever the count. The shift rows are locked first (in id order, as every path
 * locks them), so a signup racing this either lands before (and is cancelled here) or after
 * (and finds the shift cancelled).
 */
export async function cancelShifts(
  trx: Transaction<Database>,
  shiftIds: readonly string[],
  reason: CancelReason,
  now: string,
  options: {
    /** The event is being cancelled too: mark the shifts now (its trigger then skips them). */
    eventCancelled?: boolean;
    /** The caller already holds the shifts' locks (taken in id order). */
    locked?: boolean;
  } = {},
): Promise<void> {
  if (shiftIds.length === 0) return;
  // Made once for the three statements: an event's 20,000 ids escaped by the driver element by
  // element, three times, cost more than one array literal (support/array-literal.ts).
  const ids = arrayLiteral(shiftIds);
  const { eventCancelled = false, locked = false } = options;
  if (!locked) {
    await sql`select id from shifts where id = any(${ids}::text[]) order by id for update`.execute(
      trx,
    );
  }
  const cancelled = await sql<{ id: string }>`
    update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
      cancel_reason = ${reason}
    where shift_id = any(${ids}::text[]) and status in ('confirmed', 'waitlisted')
    returning id`.execute(trx);
  // Each person hears of their own signup (signup.cancelled with the reason); systems also
  // get the shifts, whose notices are built in the same statement as the change (for an
  // event's 20,000 shifts, sending them as JSON cost as much as the update).
  await announceSignupIds(
    trx,
    'signup.cancelled',
    cancelled.rows.map((row) => row.id),
    now,
  );
  await sql`
    with v as (select * from unnest(${ids}::text[]) with ordinality as v(id, n)),
      c as (update shifts s set status = 'cancelled', seats_taken = 0, waitlist_count = 0
          ${eventCancelled ? sql`, event_status = 'cancelled'` : sql``}
        from v where s.id = v.id)
    insert into outbox (type, occurred_at, shift_id, data)
    select 'shift.cancelled', ${now}::timestamptz, v.id,
      jsonb_build_object('shiftId', v.id, 'reason', ${reason}::text)
    from v order by v.n`.execute(trx);
}
