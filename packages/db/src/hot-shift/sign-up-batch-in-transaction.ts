// A whole batch of one shift's signups in a constant number of statements: lock the shift
// once, read every person and every existing signup of the batch at once, decide each command
// in arrival order with core's decideSignup against running counters, then write all the
// signups in one INSERT and the counters in one UPDATE. The per-command path (one savepoint
// and ~7 statements per signup) stays the fallback: the batcher runs it when this throws.
import { decideSignup, RotaError, type Signup } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { SignupCommand } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { decisionShift, readShiftContext } from '../signups/shift-context.ts';
import { type SignupRow, toSignup } from '../signups/signup-rows.ts';
import type { HotShiftOutcome } from './hot-shift-batcher.ts';

/** One command of a batch, with the "now" of its own request. */
export interface BatchedSignup {
  command: SignupCommand;
  now: string;
}

/**
 * Signs up every command of `batch` (all for `shiftId`) inside `trx`, in order. Returns one
 * outcome per command: the signup, or the RotaError refusing it (exactly as
 * signUpInTransaction would have answered it, one after the other). Throws when a statement
 * fails (e.g. a concurrent volunteer signup elsewhere trips the exclusion constraint): the
 * caller rolls the batch back to its savepoint and runs the commands one by one.
 *
 * No overbooking: the shift row is locked (FOR UPDATE) before anything is read, the counters
 * are carried forward in memory while the lock is held, and the final UPDATE is checked by
 * `shifts_seats_within_capacity`. Fair waitlist: join_seq is drawn in VALUES order, which is the
 * commands' arrival order, under the lock.
 *
 * @example
 * const outcomes = await signUpBatchInTransaction(trx, shiftId, [{ command, now }]);
 */
export async function signUpBatchInTransaction(
  trx: Transaction<Database>,
  shiftId: string,
  batch: readonly BatchedSignup[],
): Promise<HotShiftOutcome<Signup>[]> {
  const shift = await readShiftContext(trx, shiftId, true);
  if (shift === undefined) {
    return batch.map(() => ({
      ok: false,
      error: new RotaError('not_found', `Shift ${shiftId} does not exist`),
    }));
  }
  const personIds = [...new Set(batch.map((item) => item.command.personId))];
  // The people and whether each already holds a signup here, in one statement (after the lock,
  // so with a snapshot that sees every earlier batch). One probe of the (shift, person) unique
  // index per person: a popular shift holds thousands of signups.
  const { rows: people } = await sql<{
    id: string;
    birth_date: string | null;
    tags: string[];
    active: boolean;
  }>`
    select p.id, p.birth_date, p.tags, exists (select 1 from signups g
        where g.shift_id = ${shift.id} and g.person_id = p.id
          and g.status in ('confirmed', 'waitlisted')) as active
      from people p where p.id = any(${personIds}::text[])`.execute(trx);
  const personById = new Map(people.map((person) => [person.id, person]));
  const signedUp = new Set(people.filter((person) => person.active).map((person) => person.id));
  const overlapsByPerson = new Map<string, { start: string; end: string; name: string }[]>();
  if (shift.role === 'volunteer') {
    const { rows } = await sql<{ person_id: string; start: string; end: string; name: string }>`
      select g.person_id, s.start, s."end", s.name from signups g join shifts s on s.id = g.shift_id
      where g.person_id = any(${personIds}::text[]) and g.status = 'confirmed'
        and g.role = 'volunteer' and g.shift_id <> ${shift.id}
        and g.period && tstzrange(${shift.start}::timestamptz, ${shift.end}::timestamptz, '[)')`.execute(
      trx,
    );
    for (const row of rows) {
      overlapsByPerson.set(row.person_id, [...(overlapsByPerson.get(row.person_id) ?? []), row]);
    }
  }

  let seatsTaken = shift.seats_taken;
  let waitlistCount = shift.waitlist_count;
  const outcomes: (HotShiftOutcome<Signup> | { accepted: number })[] = [];
  const accepted: {
    item: BatchedSignup;
    status: 'confirmed' | 'waitlisted';
    waitlistPosition: number | null;
  }[] = [];
  for (const item of batch) {
    const { command, now } = item;
    const person = personById.get(command.personId);
    if (person === undefined) {
      outcomes.push({
        ok: false,
        error: new RotaError('not_found', `Person ${command.personId} does not exist`),
      });
      continue;
    }
    if (shift.event_status === 'draft') {
      outcomes.push({
        ok: false,
        error: new RotaError('signup_closed', 'The event is not published'),
      });
      continue;
    }
    const decision = decideSignup({
      shift: decisionShift(shift, { seatsTaken, waitlistCount }),
      signupWindow: shift.signup_window,
      publishedAt: shift.published_at,
      person: { birthDate: person.birth_date, tags: person.tags },
      seats: command.seats,
      companions: command.companions,
      alreadySignedUp: signedUp.has(command.personId),
      confirmedVolunteerShifts: overlapsByPerson.get(command.personId) ?? [],
      now,
    });
    if (decision.kind === 'rejected') {
      // Under the lock the counters are exact, so shift_full is final here too.
      const extra = decision.reason !== undefined ? { extra: { reason: decision.reason } } : {};
      outcomes.push({
        ok: false,
        error:
          decision.code === 'shift_full'
            ? new RotaError('shift_full')
            : new RotaError(decision.code, decision.detail, extra),
      });
      continue;
    }
    if (decision.kind === 'confirmed') seatsTaken += command.seats;
    else waitlistCount += 1;
    signedUp.add(command.personId);
    outcomes.push({ accepted: accepted.length });
    // Every waitlisted row of the shift joined before this one (join_seq is drawn under the
    // lock), so the position is the count so far: no per-row count(*) over the waitlist.
    accepted.push({
      item,
      status: decision.kind,
      waitlistPosition: decision.kind === 'waitlisted' ? waitlistCount : null,
    });
  }

  let signups: Signup[] = [];
  if (accepted.length > 0) {
    // The signups and the shift's counters in one statement.
    const inserted = await trx
      .with('counters', (db) =>
        db
          .updateTable('shifts')
          .set({ seats_taken: seatsTaken, waitlist_count: waitlistCount })
          .where('id', '=', shift.id),
      )
      .insertInto('signups')
      .values(
        accepted.map(({ item, status }) => ({
          shift_id: shift.id,
          person_id: item.command.personId,
          seats: item.command.seats,
          companions: JSON.stringify(item.command.companions),
          note: item.command.note ?? null,
          status,
          role: shift.role,
          period: sql<string>`tstzrange(${shift.start}::timestamptz, ${shift.end}::timestamptz, '[)')`,
          created_at: item.now,
          cancelled_at: null,
          cancel_reason: null,
          checked_in_at: null,
          checked_out_at: null,
        })),
      )
      .returningAll()
      .execute();
    // One accepted signup per person in a batch (a second one is already_signed_up).
    const byPerson = new Map(inserted.map((row) => [row.person_id, row]));
    signups = accepted.map(({ item, waitlistPosition }) => {
      const row = byPerson.get(item.command.personId)!;
      return toSignup({
        ...row,
        companions: row.companions as SignupRow['companions'],
        waitlist_position: waitlistPosition,
      });
    });
  }
  return outcomes.map((outcome) =>
    'accepted' in outcome ? { ok: true, value: signups[outcome.accepted]! } : outcome,
  );
}
