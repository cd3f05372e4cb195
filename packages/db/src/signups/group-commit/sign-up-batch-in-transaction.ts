// A whole batch of signups, for one shift or many, in a constant number of statements: lock the
// batch's shifts once (in id order), read every person and every existing signup of the batch
// at once, decide each command in arrival order with core's decideSignup against running
// counters, then write all the signups and every shift's counters in one statement. The
// per-command path (one savepoint and ~7 statements per signup) stays the fallback: the batcher
// runs it when this throws.
import { decideSignup, decisionToError, type RotaError, type Signup } from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { SignupActor, SignupCommand } from '../../rota-db.ts';
import type { Database } from '../../schema.ts';
import {
  decisionShift,
  lockShiftContexts,
  type ShiftContextRow,
} from '../../shifts/shift-context.ts';
import { prepared } from '../../support/prepared-statements.ts';
import { refusalForActor } from '../signup-actor.ts';
import { personNotFound, shiftNotFound } from '../signup-refusals.ts';
import { toSignup } from '../signup-rows.ts';
import type { BatchOutcome } from './signup-batcher.ts';

/** One command of a batch, with the "now" of its own request. */
export interface BatchedSignup {
  command: SignupCommand;
  now: string;
  /** Someone other than the person (an organizer at a desk): checked under the locks. */
  actor?: SignupActor | undefined;
}

interface Confirmed {
  shiftId: string;
  start: string;
  end: string;
  name: string;
}

/** A shift of the batch, with its counters carried forward under the lock. */
interface LockedShift {
  row: ShiftContextRow;
  seatsTaken: number;
  waitlistCount: number;
}

const pairKey = (shiftId: string, personId: string) => `${shiftId}\u0000${personId}`;

/**
 * Signs up every command of `batch` inside `trx`, in order. Returns one outcome per command:
 * the signup, or the RotaError refusing it (exactly as signUpInTransaction would have answered
 * it, one after the other). Throws when a statement fails (e.g. a concurrent volunteer signup
 * elsewhere trips the exclusion constraint): the caller rolls the batch back and runs the
 * commands one by one.
 *
 * No overbooking: every shift row of the batch is locked (FOR UPDATE, in id order) before
 * anything is read, the counters are carried forward in memory while the locks are held, and
 * the final UPDATE is checked by `shifts_seats_within_capacity`. Fair waitlist: join_seq is
 * drawn in the commands' arrival order, under the lock.
 *
 * @example
 * const outcomes = await signUpBatchInTransaction(trx, [{ command, now }]);
 */
export async function signUpBatchInTransaction(
  trx: Transaction<Database>,
  batch: readonly BatchedSignup[],
  /** Records the batch's new signups (the outbox), sent with the write. */
  announce?: (signups: Signup[]) => Promise<void>,
): Promise<BatchOutcome<Signup>[]> {
  const shiftIds = [...new Set(batch.map((item) => item.command.shiftId))].sort();
  // Each (shift, person) pair once.
  const pairs = new Map<string, { shiftId: string; personId: string }>();
  for (const { command } of batch) pairs.set(pairKey(command.shiftId, command.personId), command);
  const pairList = [...pairs.values()];
  // The three reads are sent together: `pg` sends each the moment the one before is answered,
  // in this order, so the two reads run after the locks are taken (with a snapshot that sees
  // every earlier batch) without waiting a turn of this process's event loop between them.
  const [lockedRows, people, confirmedByPerson] = await Promise.all([
    lockShiftContexts(trx, shiftIds),
    readPairs(trx, pairList),
    readConfirmedVolunteerShifts(trx, pairList),
  ]);
  const shifts = new Map<string, LockedShift>();
  for (const row of lockedRows) {
    shifts.set(row.id, { row, seatsTaken: row.seats_taken, waitlistCount: row.waitlist_count });
  }
  const personById = new Map(
    people
      .filter((row) => row.found)
      .map((row) => [
        row.person_id,
        { birthDate: row.birth_date, tags: row.tags ?? [], unitPath: row.unit_path },
      ]),
  );
  const signedUp = new Set(
    people.filter((row) => row.active).map((row) => pairKey(row.shift_id, row.person_id)),
  );

  const outcomes: (BatchOutcome<Signup> | { accepted: number })[] = [];
  const accepted: {
    item: BatchedSignup;
    shift: ShiftContextRow;
    status: 'confirmed' | 'waitlisted';
    waitlistPosition: number | null;
  }[] = [];
  const refuse = (error: RotaError) => outcomes.push({ ok: false, error });
  for (const item of batch) {
    const { command, now, actor } = item;
    const locked = shifts.get(command.shiftId);
    if (actor !== undefined) {
      const person = personById.get(command.personId);
      const refusal = refusalForActor(
        actor,
        command,
        locked?.row,
        person && { unit_path: person.unitPath },
      );
      if (refusal !== undefined) {
        refuse(refusal);
        continue;
      }
    }
    if (locked === undefined) {
      refuse(shiftNotFound(command.shiftId));
      continue;
    }
    const shift = locked.row;
    const person = personById.get(command.personId);
    if (person === undefined) {
      refuse(personNotFound(command.personId));
      continue;
    }
    const confirmed = confirmedByPerson.get(command.personId) ?? [];
    const decision = decideSignup({
      shift: decisionShift(shift, locked),
      signupWindow: shift.signup_window,
      eventStatus: shift.event_status,
      occurrenceStatus: shift.occurrence_status,
      publishedAt: shift.published_at,
      person,
      seats: command.seats,
      companions: command.companions,
      alreadySignedUp: signedUp.has(pairKey(shift.id, command.personId)),
      confirmedVolunteerShifts: confirmed.filter((other) => other.shiftId !== shift.id),
      now,
      byOrganizer: actor !== undefined && actor.role !== 'volunteer',
    });
    if (decision.kind === 'rejected') {
      // Under the lock the counters are exact, so shift_full is final here too.
      refuse(decisionToError(decision));
      continue;
    }
    if (decision.kind === 'confirmed') {
      locked.seatsTaken += command.seats;
      // A later command of this batch for an overlapping volunteer shift must see this one.
      if (shift.role === 'volunteer') {
        confirmedByPerson.set(command.personId, [
          ...confirmed,
          { shiftId: shift.id, start: shift.start, end: shift.end, name: shift.name },
        ]);
      }
    } else {
      locked.waitlistCount += 1;
    }
    signedUp.add(pairKey(shift.id, command.personId));
    outcomes.push({ accepted: accepted.length });
    // Every waitlisted row of the shift joined before this one (join_seq is drawn under the
    // lock), so the position is the count so far: no per-row count(*) over the waitlist.
    accepted.push({
      item,
      shift,
      status: decision.kind,
      waitlistPosition: decision.kind === 'waitlisted' ? locked.waitlistCount : null,
    });
  }

  const signups = accepted.length === 0 ? [] : await writeBatch(trx, accepted, shifts, announce);
  return outcomes.map((outcome) =>
    'accepted' in outcome ? { ok: true, value: signups[outcome.accepted]! } : outcome,
  );
}

interface PairRow {
  shift_id: string;
  person_id: string;
  birth_date: string | null;
  tags: string[] | null;
  found: boolean | null;
  unit_path: string | null;
  active: boolean;
}

/**
 * Each (shift, person) pair's person, and whether they already hold a signup there. One probe
 * of the (shift, person) unique index per pair: a popular shift holds thousands of signups.
 * Both are lateral subqueries with `limit 1`, which the planner cannot flatten: as a plain
 * `exists`, the prepared statement's generic plan hashed every active signup of the table per
 * batch (5 ms at 10,000 signups, growing with the table).
 */
async function readPairs(
  trx: Transaction<Database>,
  pairs: readonly { shiftId: string; personId: string }[],
): Promise<PairRow[]> {
  const { rows } = await sql<PairRow>`${prepared}
    select c.shift_id, c.person_id, p.birth_date, p.tags, p.found, p.unit_path,
      g.active is not null as active
    from unnest(${pairs.map((pair) => pair.shiftId)}::text[],
        ${pairs.map((pair) => pair.personId)}::text[]) as c(shift_id, person_id)
      left join lateral (select birth_date, tags, true as found,
          (select path::text from units u where u.id = people.unit_id) as unit_path
        from people where id = c.person_id limit 1) p on true
      left join lateral (select true as active from signups g
        where g.shift_id = c.shift_id and g.person_id = c.person_id
          and g.status in ('confirmed', 'waitlisted') limit 1) g on true`.execute(trx);
  return rows;
}

/**
 * The confirmed volunteer shifts of the people signing up for volunteer shifts of the batch
 * that overlap the span of those shifts (one statement; the span is taken from the locked
 * shift rows in SQL, so that it can be sent before the locks are answered). Core's
 * decideSignup tells which ones really overlap the shift at hand.
 */
async function readConfirmedVolunteerShifts(
  trx: Transaction<Database>,
  pairs: readonly { shiftId: string; personId: string }[],
): Promise<Map<string, Confirmed[]>> {
  // Person by person through the person's index, then each shift by key (lateral, not
  // flattened: see readPairs).
  const { rows } = await sql<Confirmed & { person_id: string; shift_id: string }>`${prepared}
    with v as (
      select c.person_id, s.start, s."end"
      from unnest(${pairs.map((pair) => pair.shiftId)}::text[],
          ${pairs.map((pair) => pair.personId)}::text[]) as c(shift_id, person_id)
        join shifts s on s.id = c.shift_id and s.role = 'volunteer'
    ), span as (select min(start) as f, max("end") as t from v)
    select k.person_id, g.shift_id, s.start, s."end" as end, s.name
    from span, (select distinct person_id from v) k
      cross join lateral (select shift_id from signups
        where person_id = k.person_id and status = 'confirmed' and role = 'volunteer'
          and period && tstzrange(span.f, span.t, '[)')
        offset 0) g
      cross join lateral (select start, "end", name from shifts where id = g.shift_id offset 0) s`.execute(
    trx,
  );
  const byPerson = new Map<string, Confirmed[]>();
  for (const row of rows) {
    const confirmed = { shiftId: row.shift_id, start: row.start, end: row.end, name: row.name };
    byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), confirmed]);
  }
  return byPerson;
}

/**
 * Inserts the accepted signups (in arrival order, so join_seq follows it) and sets the counters
 * of every shift of the batch, in one statement. Columns travel as arrays (one parameter each)
 * rather than a multi-row VALUES list: the statement's text and its compilation stay the same
 * whatever the batch's size. The signups are known before they are written (their ids are made
 * here, like the database's default would), so `announce` records them in the same round trip.
 */
async function writeBatch(
  trx: Transaction<Database>,
  accepted: readonly {
    item: BatchedSignup;
    shift: ShiftContextRow;
    status: 'confirmed' | 'waitlisted';
    waitlistPosition: number | null;
  }[],
  shifts: Map<string, LockedShift>,
  announce: ((signups: Signup[]) => Promise<void>) | undefined,
): Promise<Signup[]> {
  const counters = [...shifts.values()].filter(
    (locked) =>
      locked.seatsTaken !== locked.row.seats_taken ||
      locked.waitlistCount !== locked.row.waitlist_count,
  );
  const signups = accepted.map(({ item, shift, status, waitlistPosition }) =>
    toSignup({
      id: crypto.randomUUID(),
      shift_id: shift.id,
      person_id: item.command.personId,
      seats: item.command.seats,
      companions: item.command.companions,
      note: item.command.note ?? null,
      status,
      created_at: item.now,
      cancelled_at: null,
      cancel_reason: null,
      checked_in_at: null,
      checked_out_at: null,
      no_show: false,
      // As the column reads it: made at or after the shift's start (core's isWalkIn).
      walk_in: Date.parse(item.now) >= Date.parse(shift.start),
      waitlist_position: waitlistPosition,
      time_zone: shift.time_zone,
    }),
  );
  const write = sql`${prepared}
    with counters as (
      update shifts s set seats_taken = c.seats_taken, waitlist_count = c.waitlist_count
      from unnest(${counters.map((locked) => locked.row.id)}::text[],
          ${counters.map((locked) => locked.seatsTaken)}::int[],
          ${counters.map((locked) => locked.waitlistCount)}::int[])
        as c(id, seats_taken, waitlist_count)
      where s.id = c.id
    )
    insert into signups (id, shift_id, person_id, seats, companions, note, status, role, period,
        created_at)
      select a.id, a.shift_id, a.person_id, a.seats, a.companions::jsonb, a.note, a.status,
        a.role, tstzrange(a.start, a."end", '[)'), a.created_at
      from unnest(${signups.map((signup) => signup.id)}::text[],
          ${accepted.map((a) => a.shift.id)}::text[],
          ${accepted.map((a) => a.item.command.personId)}::text[],
          ${accepted.map((a) => a.item.command.seats)}::int[],
          ${accepted.map((a) => JSON.stringify(a.item.command.companions))}::text[],
          ${accepted.map((a) => a.item.command.note ?? null)}::text[],
          ${accepted.map((a) => a.status)}::text[],
          ${accepted.map((a) => a.shift.role)}::text[],
          ${accepted.map((a) => a.shift.start)}::timestamptz[],
          ${accepted.map((a) => a.shift.end)}::timestamptz[],
          ${accepted.map((a) => a.item.now)}::timestamptz[])
        with ordinality as a(id, shift_id, person_id, seats, companions, note, status, role,
          start, "end", created_at, arrival)
      order by a.arrival`.execute(trx);
  // Sent together, in this order (see the reads above): one wait for both.
  await Promise.all([write, announce?.(signups)]);
  return signups;
}
