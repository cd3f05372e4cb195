import { promoteWaitlist, type Signup } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { announceSignups } from '../notifications/announce.ts';
import type { Database } from '../schema.ts';
import { type SignupRow, signupColumns, toSignup } from '../signups/signup-rows.ts';
import { pgErrorInfo } from '../support/db-errors.ts';
import { inSavepoint } from '../support/savepoint.ts';

/**
 * Fills a shift's free seats from its waitlist, in join order, skipping parties that do not
 * fit (core's promoteWaitlist), in the caller's transaction. The shift row and the waitlisted
 * rows are locked FOR UPDATE first. A volunteer whose promotion would overlap another of their
 * confirmed shifts (the exclusion constraint) is skipped and stays waitlisted.
 */
export async function promoteInTransaction(
  trx: Transaction<Database>,
  shiftId: string,
  now: string,
): Promise<Signup[]> {
  const shift = await trx
    .selectFrom('shifts')
    .select(['capacity', 'seats_taken', 'status', 'role'])
    .where('id', '=', shiftId)
    .forUpdate()
    .executeTakeFirst();
  if (shift === undefined || shift.status !== 'open') return [];
  let seatsLeft = shift.capacity - shift.seats_taken;
  if (seatsLeft <= 0) return [];
  let candidates = await trx
    .selectFrom('signups')
    .select(['id', 'seats'])
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .orderBy('join_seq')
    .forUpdate()
    .execute();
  const promoted: string[] = [];
  let promotedSeats = 0;
  for (;;) {
    const ids = promoteWaitlist(seatsLeft, candidates);
    if (ids.length === 0) break;
    let skipped = false;
    for (const id of ids) {
      const candidate = candidates.find((c) => c.id === id);
      if (candidate === undefined) continue;
      const promote = () =>
        trx.updateTable('signups').set({ status: 'confirmed' }).where('id', '=', id).execute();
      try {
        // Attendee seats cannot violate the exclusion constraint: no savepoint needed.
        await (shift.role === 'volunteer' ? inSavepoint(trx, promote) : promote());
      } catch (error) {
        if (pgErrorInfo(error).code !== '23P01') throw error;
        candidates = candidates.filter((c) => c.id !== id);
        skipped = true;
        break;
      }
      candidates = candidates.filter((c) => c.id !== id);
      seatsLeft -= candidate.seats;
      promotedSeats += candidate.seats;
      promoted.push(id);
    }
    if (!skipped) break;
  }
  if (promoted.length === 0) return [];
  await trx
    .updateTable('shifts')
    .set((eb) => ({
      seats_taken: eb('seats_taken', '+', promotedSeats),
      waitlist_count: eb('waitlist_count', '-', promoted.length),
    }))
    .where('id', '=', shiftId)
    .execute();
  const { rows } = await sql<SignupRow>`
    select ${signupColumns} from signups g where g.id in (${sql.join(promoted)})`.execute(trx);
  const byId = new Map(rows.map((row) => [row.id, toSignup(row)]));
  const signups = promoted.map((id) => byId.get(id)).filter((s): s is Signup => s !== undefined);
  await announceSignups(trx, 'signup.promoted', signups, now);
  return signups;
}
