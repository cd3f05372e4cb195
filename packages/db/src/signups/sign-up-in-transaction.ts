import {
  attendanceNotYet,
  checkAttendanceTime,
  decideSignup,
  decisionToError,
  RotaError,
  type Signup,
} from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { SignupActor, SignupCommand } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { decisionShift, readShiftContext } from '../shifts/shift-context.ts';
import { mapDbError } from '../support/db-errors.ts';
import { refusalForActor } from './signup-actor.ts';
import { personNotFound, shiftNotFound } from './signup-refusals.ts';
import { type SignupRow, signupColumns, toSignup } from './signup-rows.ts';

/** The field error of an attendance time outside its bounds, renamed to its body field. */
function attendanceError(
  field: 'checkedInAt' | 'checkedOutAt',
  shift: { start: string; end: string },
  at: string,
  now: string,
): RotaError | undefined {
  const outside = checkAttendanceTime(shift, at);
  if (outside !== undefined) {
    return new RotaError('validation_failed', `${field}: ${outside.message}`, {
      errors: [{ path: field, message: outside.message }],
    });
  }
  const ahead = attendanceNotYet(at, now);
  if (ahead !== undefined) {
    return new RotaError('not_yet', 'Attendance is recorded when it happens, not ahead of time', {
      errors: [{ path: field, message: ahead.message }],
    });
  }
  return undefined;
}

/**
 * Writes the attendance given with a signup (a walk-in checked in at the door), within the
 * bounds a later check-in would have (issues 10 and 11): only on a confirmed signup, within the
 * shift and its tolerance, not ahead of now, the check-out not before the check-in.
 */
async function recordAttendance(
  trx: Transaction<Database>,
  signupId: string,
  status: Seat,
  shift: { start: string; end: string },
  attendance: NonNullable<SignupCommand['attendance']>,
  now: string,
): Promise<void> {
  if (status !== 'confirmed') {
    throw new RotaError(
      'invalid_state',
      'The signup would be waitlisted: only a confirmed signup has attendance',
    );
  }
  const { checkedInAt, checkedOutAt } = attendance;
  const error =
    attendanceError('checkedInAt', shift, checkedInAt, now) ??
    (checkedOutAt === undefined
      ? undefined
      : attendanceError('checkedOutAt', shift, checkedOutAt, now));
  if (error !== undefined) throw error;
  if (checkedOutAt !== undefined && Date.parse(checkedOutAt) < Date.parse(checkedInAt)) {
    throw new RotaError('validation_failed', 'Check-out is before check-in', {
      errors: [{ path: 'checkedOutAt', message: 'must not be before the check-in' }],
    });
  }
  await trx
    .updateTable('signups')
    .set({ checked_in_at: checkedInAt, checked_out_at: checkedOutAt ?? null })
    .where('id', '=', signupId)
    .execute();
}

/** How the seats were taken: the database's answer, not the earlier read's. */
type Seat = 'confirmed' | 'waitlisted';

/**
 * Takes the seats, or a waitlist place, under the shift row's lock. First the atomic
 * conditional UPDATE (no overbooking whatever the concurrency: PostgreSQL re-checks the
 * condition on the latest row version); when it matches nothing, the row is locked FOR UPDATE
 * and read again, so that the waitlist place (and its join_seq) follows the lock order.
 */
async function takeSeats(
  trx: Transaction<Database>,
  shiftId: string,
  seats: number,
): Promise<Seat> {
  const taken = await sql<{ id: string }>`
    update shifts set seats_taken = seats_taken + ${seats}
    where id = ${shiftId} and status = 'open' and seats_taken + ${seats} <= capacity
    returning id`.execute(trx);
  if (taken.rows.length > 0) return 'confirmed';
  const locked = await trx
    .selectFrom('shifts')
    .select(['capacity', 'seats_taken', 'status', 'waitlist'])
    .where('id', '=', shiftId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (locked.status !== 'open') throw new RotaError('shift_cancelled');
  if (locked.seats_taken + seats <= locked.capacity) {
    await sql`update shifts set seats_taken = seats_taken + ${seats} where id = ${shiftId}`.execute(
      trx,
    );
    return 'confirmed';
  }
  if (!locked.waitlist) throw new RotaError('shift_full');
  await sql`update shifts set waitlist_count = waitlist_count + 1 where id = ${shiftId}`.execute(
    trx,
  );
  return 'waitlisted';
}

/**
 * One signup command inside the caller's transaction (so that a batch of commands on one hot
 * shift can share a transaction). Reads what core's decideSignup needs, refuses with its coded
 * error, then takes the seats in the database ({@link takeSeats}) and inserts the signup; the
 * partial unique index and the exclusion constraint have the last word on duplicates and
 * double-booking (mapped to `already_signed_up` and `schedule_conflict`). Throws RotaError.
 *
 * @example
 * const signup = await db.transaction().execute((trx) =>
 *   signUpInTransaction(trx, { shiftId, personId, seats: 1, companions: [] }, now));
 */
export async function signUpInTransaction(
  trx: Transaction<Database>,
  command: SignupCommand,
  now: string,
  actor?: SignupActor,
): Promise<Signup> {
  try {
    return await signUp(trx, command, now, actor);
  } catch (error) {
    throw mapDbError(error);
  }
}

async function signUp(
  trx: Transaction<Database>,
  command: SignupCommand,
  now: string,
  actor: SignupActor | undefined,
): Promise<Signup> {
  const shift = await readShiftContext(trx, command.shiftId);
  if (actor !== undefined) {
    const { rows } = await sql<{ unit_path: string | null }>`
      select (select path::text from units u where u.id = p.unit_id) as unit_path
      from people p where p.id = ${command.personId}`.execute(trx);
    const refusal = refusalForActor(actor, command, shift, rows[0]);
    if (refusal !== undefined) throw refusal;
  }
  if (shift === undefined) {
    throw shiftNotFound(command.shiftId);
  }
  const person = await trx
    .selectFrom('people')
    .select(['birth_date', 'tags'])
    .where('id', '=', command.personId)
    .executeTakeFirst();
  if (person === undefined) {
    throw personNotFound(command.personId);
  }
  const active = await sql<{ id: string }>`
    select id from signups where shift_id = ${shift.id} and person_id = ${command.personId}
      and status in ('confirmed', 'waitlisted') limit 1`.execute(trx);
  const overlapping =
    shift.role === 'volunteer'
      ? (
          await sql<{ start: string; end: string; name: string }>`
          select s.start, s."end", s.name from signups g join shifts s on s.id = g.shift_id
          where g.person_id = ${command.personId} and g.status = 'confirmed'
            and g.role = 'volunteer' and g.shift_id <> ${shift.id}
            and g.period && tstzrange(${shift.start}::timestamptz, ${shift.end}::timestamptz, '[)')`.execute(
            trx,
          )
        ).rows
      : [];
  const decision = decideSignup({
    shift: decisionShift(shift, {
      seatsTaken: shift.seats_taken,
      waitlistCount: shift.waitlist_count,
    }),
    signupWindow: shift.signup_window,
    eventStatus: shift.event_status,
    occurrenceStatus: shift.occurrence_status,
    publishedAt: shift.published_at,
    person: { birthDate: person.birth_date, tags: person.tags },
    seats: command.seats,
    companions: command.companions,
    alreadySignedUp: active.rows.length > 0,
    confirmedVolunteerShifts: overlapping,
    now,
    byOrganizer: actor !== undefined && actor.role !== 'volunteer',
  });
  // Capacity in the decision came from an unlocked read: the database decides it below.
  if (decision.kind === 'rejected' && decision.code !== 'shift_full') {
    throw decisionToError(decision);
  }
  const status = await takeSeats(trx, shift.id, command.seats);
  const inserted = await trx
    .insertInto('signups')
    .values({
      shift_id: shift.id,
      person_id: command.personId,
      seats: command.seats,
      companions: JSON.stringify(command.companions),
      note: command.note ?? null,
      status,
      role: shift.role,
      period: sql<string>`tstzrange(${shift.start}::timestamptz, ${shift.end}::timestamptz, '[)')`,
      created_at: now,
      cancelled_at: null,
      cancel_reason: null,
      checked_in_at: null,
      checked_out_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (command.attendance !== undefined) {
    await recordAttendance(trx, inserted.id, status, shift, command.attendance, now);
  }
  const signup = await sql<SignupRow>`
    select ${signupColumns} from signups g where g.id = ${inserted.id}`.execute(trx);
  return toSignup(signup.rows[0] as SignupRow);
}
