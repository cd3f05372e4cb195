import type { NotificationType, Signup } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { type SignupRow, signupColumns, toSignup } from '../signups/signup-rows.ts';
import { recordEvents } from './record-events.ts';

/** The outbox event of a signup's change: its shift tells the unit, its data is the signup. */
export function signupEvent(type: NotificationType, signup: Signup, occurredAt: string) {
  return { type, occurredAt, shiftId: signup.shiftId, data: signup };
}

/** Records `type` for each signup, in the caller's transaction (one statement). */
export async function announceSignups(
  trx: Transaction<Database>,
  type: NotificationType,
  signups: readonly Signup[],
  now: string,
): Promise<void> {
  await recordEvents(
    trx,
    signups.map((signup) => signupEvent(type, signup, now)),
  );
}

/** Reads signups by id and records `type` for each (for changes made in bulk SQL). */
export async function announceSignupIds(
  trx: Transaction<Database>,
  type: NotificationType,
  ids: readonly string[],
  now: string,
): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await sql<SignupRow>`
    select ${signupColumns} from signups g where g.id in (${sql.join(ids)})
    order by g.join_seq`.execute(trx);
  await announceSignups(trx, type, rows.map(toSignup), now);
}

/** Records a shift event (`shift.changed`, `shift.cancelled`) with what changed. */
export async function announceShifts(
  trx: Transaction<Database>,
  type: 'shift.changed' | 'shift.cancelled',
  shifts: readonly { id: string; data: Record<string, unknown> }[],
  now: string,
): Promise<void> {
  await recordEvents(
    trx,
    shifts.map((shift) => ({ type, occurredAt: now, shiftId: shift.id, data: shift.data })),
  );
}
