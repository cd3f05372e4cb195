import {
  assertStorableText,
  attendanceNotYet,
  checkAttendanceTime,
  isRotaError,
  RotaError,
  type Signup,
} from '@rota/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { claimInTransaction, completeInTransaction } from '../idempotency/idempotency-store.ts';
import { announceSignups, signupEvent } from '../notifications/announce.ts';
import { recordEvents } from '../notifications/record-events.ts';
import type { RotaDb, SignupActor, SignupCommand } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { lockShiftContexts } from '../shifts/shift-context.ts';
import { commandTransaction } from '../support/command-transaction.ts';
import { mapDbError } from '../support/db-errors.ts';
import { retryDeadlock } from '../support/retry-deadlock.ts';
import type { StoreContext } from '../support/store-context.ts';
import { promoteInTransaction } from '../waitlist/promote-in-transaction.ts';
import { signUpBatchInTransaction } from './group-commit/sign-up-batch-in-transaction.ts';
import { createSignupBatcher } from './group-commit/signup-batcher.ts';
import { signUpInTransaction } from './sign-up-in-transaction.ts';
import { type SignupRow, signupColumns, toSignup } from './signup-rows.ts';

/** One signup, with its waitlist position counted from rows. */
export async function readSignup(db: Kysely<Database>, id: string): Promise<Signup | undefined> {
  const { rows } = await sql<SignupRow>`
    select ${signupColumns} from signups g where g.id = ${id}`.execute(db);
  return rows[0] === undefined ? undefined : toSignup(rows[0]);
}

async function mustRead(db: Kysely<Database>, id: string): Promise<Signup> {
  const signup = await readSignup(db, id);
  if (signup === undefined) throw new RotaError('not_found', `Signup ${id} does not exist`);
  return signup;
}

/**
 * Cancels a signup and promotes the waitlist, in the caller's transaction. The shift row is
 * locked before the signup row, the same order as a signup takes them.
 */
export async function cancelInTransaction(
  trx: Transaction<Database>,
  id: string,
  reason: Parameters<RotaDb['signups']['cancel']>[1],
  now: string,
) {
  const found = await trx
    .selectFrom('signups')
    .select('shift_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (found === undefined) throw new RotaError('not_found', `Signup ${id} does not exist`);
  await sql`select id from shifts where id = ${found.shift_id} for update`.execute(trx);
  const signup = await trx
    .selectFrom('signups')
    .select(['status', 'seats', 'shift_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (signup.status === 'cancelled') return { promoted: [], value: await mustRead(trx, id) };
  // Once the shift has started a confirmed signup is a record (attendance, hours): it is
  // corrected with check-in, check-out or no-show, never erased by a cancel.
  const shift = await trx
    .selectFrom('shifts')
    .select('start')
    .where('id', '=', signup.shift_id)
    .executeTakeFirstOrThrow();
  if (signup.status === 'confirmed' && Date.parse(shift.start) <= Date.parse(now)) {
    throw new RotaError(
      'in_the_past',
      'The shift has started: its signups are kept; record attendance or a no-show instead',
    );
  }
  await sql`update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
      cancel_reason = ${reason} where id = ${id}`.execute(trx);
  const value = await mustRead(trx, id);
  await announceSignups(trx, 'signup.cancelled', [value], now);
  if (signup.status === 'confirmed') {
    await sql`update shifts set seats_taken = seats_taken - ${signup.seats}
        where id = ${signup.shift_id}`.execute(trx);
  } else {
    await sql`update shifts set waitlist_count = waitlist_count - 1
        where id = ${signup.shift_id}`.execute(trx);
  }
  const promoted = await promoteInTransaction(trx, signup.shift_id, now);
  return { promoted, value };
}

function signupType(signup: Signup) {
  return signup.status === 'waitlisted'
    ? ('signup.waitlisted' as const)
    : ('signup.confirmed' as const);
}

/** Refuses an attendance time too far from its shift: it would credit hours nobody worked. */
/** A check-in or check-out later than now (beyond the clock skew) is 422 `not_yet`. */
function notYet(at: string, now: string | undefined): void {
  const error = now === undefined ? undefined : attendanceNotYet(at, now);
  if (error !== undefined) {
    throw new RotaError('not_yet', 'Attendance is recorded when it happens, not ahead of time', {
      errors: [error],
    });
  }
}

function outsideShift(shift: { start: string; end: string }, at: string): void {
  const error = checkAttendanceTime(shift, at);
  if (error !== undefined) {
    throw new RotaError('validation_failed', `at: ${error.message}`, { errors: [error] });
  }
}

/**
 * Two signups of one person for one shift racing each other: the loser can trip the
 * no-overlap constraint (the winner's shift overlaps itself) before the one-per-shift index,
 * and would answer `schedule_conflict`. The contract's answer, as without a race, is
 * `already_signed_up`: when the person now holds an active signup on this very shift, say so.
 * One probe of the one-active-per-shift index, only after a `schedule_conflict`.
 */
async function racePrecedence(
  db: Kysely<Database>,
  error: unknown,
  command: SignupCommand,
): Promise<unknown> {
  if (!isRotaError(error, 'schedule_conflict')) return error;
  const { rows } = await sql`
    select 1 from signups where shift_id = ${command.shiftId} and person_id = ${command.personId}
      and status in ('confirmed', 'waitlisted') limit 1`.execute(db);
  return rows.length > 0 ? new RotaError('already_signed_up') : error;
}

/** Signups: sign up, cancel (promoting the waitlist), attendance. */
export function signupStore({
  db,
  groupCommitSignups,
  signupLanes,
  outbox = true,
}: StoreContext): RotaDb['signups'] {
  type CreateJob = {
    command: SignupCommand;
    now: string;
    idempotency: { scope: string; key: string; requestHash: string } | undefined;
    actor?: SignupActor | undefined;
  };
  async function createInTransaction(trx: Transaction<Database>, job: CreateJob) {
    const { command, now, idempotency, actor } = job;
    if (idempotency !== undefined) {
      const claim = await claimInTransaction(trx, idempotency, now);
      if (claim.replay) return claim.body as Signup;
    }
    const signup = await signUpInTransaction(trx, command, now, actor);
    if (outbox) await recordEvents(trx, [signupEvent(signupType(signup), signup, now)]);
    // A walk-in checked in (and out) at the door announces its attendance like the routes do.
    if (outbox && signup.checkedInAt !== null) {
      await announceSignups(trx, 'attendance.checked_in', [signup], now);
    }
    if (outbox && signup.checkedOutAt !== null) {
      await announceSignups(trx, 'attendance.checked_out', [signup], now);
    }
    if (idempotency !== undefined) {
      await completeInTransaction(trx, idempotency, 201, signup, now);
    }
    return signup;
  }
  // Concurrent signups share transactions (one lock wait per shift, one WAL flush per batch).
  const batcher = groupCommitSignups
    ? createSignupBatcher<CreateJob, Signup>({
        db,
        run: createInTransaction,
        // The batch's events go to the outbox in one statement, in the batch's transaction.
        runBatch: (trx, batch) =>
          signUpBatchInTransaction(
            trx,
            batch,
            outbox
              ? (signups) =>
                  recordEvents(
                    trx,
                    signups.map((signup) =>
                      signupEvent(signupType(signup), signup, signup.createdAt),
                    ),
                  )
              : undefined,
          ),
        // The per-command path locks the batch's shifts first with the set-based path's own
        // statement (id order): batches of two processes wait for each other, never deadlock.
        lock: async (trx, shiftIds) => {
          await lockShiftContexts(trx, shiftIds);
        },
        // Set-based unless a job carries an idempotency key or attendance (one by one).
        batchable: (job) => job.idempotency === undefined && job.command.attendance === undefined,
        lanes: signupLanes ?? 1,
      })
    : undefined;

  async function attendance(
    id: string,
    type:
      | 'attendance.checked_in'
      | 'attendance.checked_out'
      | 'attendance.no_show'
      | 'attendance.corrected',
    now: string,
    change: (row: {
      status: string;
      checked_in_at: string | null;
      checked_out_at: string | null;
      no_show: boolean;
      start: string;
      end: string;
    }) => Record<string, unknown>,
  ): Promise<Signup> {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('signups')
        .innerJoin('shifts', 'shifts.id', 'signups.shift_id')
        .select([
          'signups.status',
          'signups.checked_in_at',
          'signups.checked_out_at',
          'signups.no_show',
          'shifts.start',
          'shifts.end',
        ])
        .where('signups.id', '=', id)
        .forUpdate('signups')
        .executeTakeFirst();
      if (row === undefined) throw new RotaError('not_found', `Signup ${id} does not exist`);
      if (row.status !== 'confirmed') {
        throw new RotaError('invalid_state', 'Only a confirmed signup has attendance');
      }
      await trx.updateTable('signups').set(change(row)).where('id', '=', id).execute();
      const signup = await mustRead(trx, id);
      await announceSignups(trx, type, [signup], now);
      return signup;
    });
  }

  return {
    async create(command, now, options) {
      assertStorableText(command);
      const job = { command, now, idempotency: options?.idempotency, actor: options?.actor };
      try {
        return await retryDeadlock(() =>
          // Inside a command's transaction (commandAware) the signup is one of its writes: a
          // batch would commit it with other requests' signups, apart from the command.
          batcher && commandTransaction() === undefined
            ? batcher.submit(command.shiftId, job)
            : db.transaction().execute((trx) => createInTransaction(trx, job)),
        );
      } catch (error) {
        throw await racePrecedence(db, mapDbError(error), command);
      }
    },

    get: (id) => readSignup(db, id),

    async cancel(id, reason, now) {
      return retryDeadlock(() =>
        db.transaction().execute((trx) => cancelInTransaction(trx, id, reason, now)),
      );
    },

    checkIn: (id, at, now) =>
      attendance(id, 'attendance.checked_in', at, (row) => {
        if (row.no_show) throw new RotaError('invalid_state', 'Marked as no-show');
        outsideShift(row, at);
        notYet(at, now);
        return { checked_in_at: at };
      }),

    checkOut: (id, at, now) =>
      attendance(id, 'attendance.checked_out', at, (row) => {
        if (row.checked_in_at === null) throw new RotaError('invalid_state', 'Not checked in');
        outsideShift(row, at);
        notYet(at, now);
        if (Date.parse(at) < Date.parse(row.checked_in_at)) {
          throw new RotaError('validation_failed', 'Check-out is before check-in', {
            errors: [{ path: 'at', message: 'must not be before the check-in' }],
          });
        }
        return { checked_out_at: at };
      }),

    noShow: (id, now) =>
      attendance(id, 'attendance.no_show', now ?? new Date().toISOString(), (row) => {
        if (row.checked_in_at !== null) throw new RotaError('invalid_state', 'Already checked in');
        // Nobody is absent from what has not begun.
        if (now !== undefined && Date.parse(now) < Date.parse(row.start)) {
          throw new RotaError(
            'not_yet',
            'The shift has not started: a no-show is recorded once it has',
          );
        }
        return { no_show: true };
      }),

    // A tap on the wrong name at the door is taken back one step at a time, the last first:
    // undoing a check-in that has a check-out would silently drop the check-out too.
    undoAttendance: (id, step, now) =>
      attendance(id, 'attendance.corrected', now ?? new Date().toISOString(), (row) => {
        if (step === 'check-in') {
          if (row.checked_in_at === null) throw new RotaError('invalid_state', 'Not checked in');
          if (row.checked_out_at !== null) {
            throw new RotaError('invalid_state', 'Checked out: undo the check-out first');
          }
          return { checked_in_at: null };
        }
        if (step === 'check-out') {
          if (row.checked_out_at === null) {
            throw new RotaError('invalid_state', 'Not checked out');
          }
          return { checked_out_at: null };
        }
        if (!row.no_show) throw new RotaError('invalid_state', 'Not marked as a no-show');
        return { no_show: false };
      }),
  };
}
