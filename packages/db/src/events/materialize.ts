// Writes what core's re-plan decided (planReplan, planOccurrenceShifts, decideMovedSignups):
// set-based, a fixed number of statements per event whatever its size (arrays in, `unnest`
// and `= any(...)` in SQL), and one insert path for occurrences and shifts, used by the
// first materialization, the horizon and re-plans alike.
import {
  decideMovedSignups,
  type ExistingOccurrence,
  type ExistingShiftCore,
  expandSchedule,
  instantToLocal,
  normalizeLocal,
  type OccurrenceTimes,
  type PlannedShift,
  planReplan,
  planShifts,
  type ReplanPlan,
  RotaError,
  type Schedule,
  type ScheduledOccurrence,
  type SettingsCompared,
  type ShiftUpdate,
} from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { announceSignupIds } from '../notifications/announce.ts';
import type { Database } from '../schema.ts';
import { cancelShifts } from '../shifts/cancel-shifts.ts';
import { arrayLiteral } from '../support/array-literal.ts';
import { toIso } from '../support/instants.ts';
import { promoteInTransaction } from '../waitlist/promote-in-transaction.ts';
import type { EventRow } from './event-rows.ts';

type Trx = Transaction<Database>;

/**
 * The most shifts one event may have inside one materialized window (the horizon), and so the
 * most one request may write or re-plan. A daily event with a 5-minute repeating slot would
 * otherwise write hundreds of thousands of rows in one transaction; nobody staffs that many
 * shifts. Re-planning is linear in the rows, so this bounds the longest any request holds the
 * database (on the embedded one, every other request waits): docs/performance.md, "Large
 * events", has the measured times and why the cap is not lower.
 */
export const MAX_SHIFTS_PER_EVENT = 20_000;

/** Refuses a schedule whose shifts inside the window would exceed {@link MAX_SHIFTS_PER_EVENT}. */
function assertShiftBudget(event: EventRow, expanded: readonly ScheduledOccurrence[]): void {
  const first = expanded[0];
  if (first === undefined) return;
  const perOccurrence = planShifts({ slots: event.slots, timeZone: event.time_zone }, first).length;
  const total = perOccurrence * expanded.length;
  if (total <= MAX_SHIFTS_PER_EVENT) return;
  const message = `would create ${total} shifts within the planning horizon (${expanded.length} occurrences x ${perOccurrence} shifts); at most ${MAX_SHIFTS_PER_EVENT}`;
  const path = event.recurrence?.rrule ? 'recurrence.rrule' : 'slots';
  throw new RotaError('validation_failed', message, { errors: [{ path, message }] });
}

/** What a materialization wrote. */
export interface MaterializeCount {
  occurrences: number;
  shifts: number;
}

/** The event's schedule for core's expandSchedule. */
export function scheduleOf(event: EventRow): Schedule {
  return {
    start: event.start_local,
    timeZone: event.time_zone,
    durationMinutes: event.duration_minutes,
    rrule: event.recurrence?.rrule ?? null,
    exdates: event.recurrence?.exdates ?? [],
    rdates: event.recurrence?.rdates ?? [],
  };
}

/** The event as core's planners see it. */
export function plannerEvent(event: EventRow) {
  return {
    slots: event.slots,
    timeZone: event.time_zone,
    durationMinutes: event.duration_minutes,
  };
}

function unitPathOf(event: EventRow): string {
  if (event.unit_path === undefined)
    throw new Error(`event ${event.id} read without its unit path`);
  return event.unit_path;
}

/** The event's slots as one jsonb parameter, joined to shift rows by key in SQL. */
function slotsJson(event: EventRow): string {
  return JSON.stringify(
    event.slots.map((slot) => ({
      key: slot.key,
      name: slot.name,
      role: slot.role,
      capacity: slot.capacity,
      min_needed: slot.minNeeded,
      max_party_size: slot.maxPartySize,
      min_age: slot.minAge,
      max_age: slot.maxAge,
      companion_min_age: slot.companionMinAge,
      companion_max_age: slot.companionMaxAge,
      required_tags: slot.requiredTags,
      waitlist: slot.waitlist,
      one_per_person: slot.onePerPerson === true,
    })),
  );
}

/** `with s as (...)`: the event's slots as a table, computed once per statement. */
function slotsTable(event: EventRow) {
  return sql`s as materialized (select * from jsonb_to_recordset(${slotsJson(event)}::jsonb)
    as x(key text, name text, role text, capacity int, min_needed int, max_party_size int,
      min_age int, max_age int, companion_min_age int, companion_max_age int,
      required_tags text[], waitlist boolean, one_per_person boolean))`;
}

/**
 * The local date of a planned instant. Planned shifts carry the event zone's offset
 * (core's PlannedShift), so their first ten characters are the local date; anything else is
 * converted.
 */
function localDateOf(instant: string, timeZone: string): string {
  const offset = instant.length === 25 && (instant[19] === '+' || instant[19] === '-');
  return (offset ? instant : instantToLocal(instant, timeZone)).slice(0, 10);
}

/**
 * Shift columns per row, as parallel arrays for `unnest`. Instants go as epoch milliseconds
 * (float8, made a timestamptz by {@link fromEpochMs}): the database parses 40,000 numbers
 * faster than 40,000 RFC 3339 strings with offsets, and JavaScript's `Date.parse` costs less
 * than converting them to UTC strings.
 */
function shiftArrays<T extends PlannedShift & { startMs?: number; endMs?: number }>(
  event: EventRow,
  shifts: readonly T[],
  /** The row each shift belongs to (an occurrence's id to insert, the shift's own to update). */
  refOf: (shift: T) => string,
) {
  const n = shifts.length;
  const a = {
    refs: new Array<string>(n),
    keys: new Array<string>(n),
    sequences: new Array<number>(n),
    starts: new Array<number>(n),
    ends: new Array<number>(n),
    dates: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const s = shifts[i]!;
    a.refs[i] = refOf(s);
    a.keys[i] = s.slotKey;
    a.sequences[i] = s.sequence;
    a.starts[i] = s.startMs ?? Date.parse(s.start);
    a.ends[i] = s.endMs ?? Date.parse(s.end);
    a.dates[i] = localDateOf(s.start, event.time_zone);
  }
  return a;
}

/** An epoch-milliseconds float8 (column or parameter) as a timestamptz. */
function fromEpochMs(value: string) {
  return sql.raw(`to_timestamp(${value} / 1000)`);
}

/**
 * The one insert path: new occurrences (skipped when their key exists: the horizon may
 * overlap what is there) with their shifts, and new shifts of existing occurrences. Two
 * statements whatever the count.
 */
export async function insertPlanned(
  trx: Trx,
  event: EventRow,
  occurrences: readonly (OccurrenceTimes & { shifts: readonly PlannedShift[] })[],
  moreShifts: readonly (PlannedShift & { occurrenceId: string })[] = [],
): Promise<MaterializeCount> {
  const shifts: (PlannedShift & { ref: string })[] = moreShifts.map((s) => ({
    ...s,
    ref: s.occurrenceId,
  }));
  let inserted = 0;
  if (occurrences.length > 0) {
    const ids = occurrences.map(() => crypto.randomUUID());
    const { rows } = await sql<{ id: string }>`
      insert into occurrences (id, event_id, original_local_start, local_start, start, "end")
      select v.id, ${event.id}, v.k, v.k, v.s, v.e
      from unnest(${ids}::text[], ${occurrences.map((o) => normalizeLocal(o.localStart))}::text[],
        ${occurrences.map((o) => toIso(o.start))}::timestamptz[],
        ${occurrences.map((o) => toIso(o.end))}::timestamptz[]) as v(id, k, s, e)
      on conflict (event_id, original_local_start) do nothing
      returning id`.execute(trx);
    const created = new Set(rows.map((row) => row.id));
    inserted = created.size;
    occurrences.forEach((occurrence, i) => {
      const id = ids[i]!;
      if (!created.has(id)) return;
      for (const planned of occurrence.shifts) shifts.push({ ...planned, ref: id });
    });
  }
  if (shifts.length > 0) {
    const a = shiftArrays(event, shifts, (s) => s.ref);
    await sql`
      with ${slotsTable(event)}
      insert into shifts (event_id, occurrence_id, slot_key, sequence, name, role, start, "end",
        local_date, capacity, min_needed, max_party_size, min_age, max_age, companion_min_age,
        companion_max_age, required_tags, waitlist, one_per_person, unit_path, event_status)
      select ${event.id}, v.o, v.k, v.q, s.name, s.role, ${fromEpochMs('v.s')}, ${fromEpochMs('v.e')},
        v.d, s.capacity, s.min_needed,
        s.max_party_size, s.min_age, s.max_age, s.companion_min_age, s.companion_max_age,
        coalesce(s.required_tags, '{}'), s.waitlist, s.one_per_person, ${unitPathOf(event)}::ltree,
        ${event.status}
      from unnest(${arrayLiteral(a.refs)}::text[], ${arrayLiteral(a.keys)}::text[],
        ${arrayLiteral(a.sequences)}::int[], ${arrayLiteral(a.starts)}::float8[],
        ${arrayLiteral(a.ends)}::float8[], ${arrayLiteral(a.dates)}::date[])
        as v(o, k, q, s, e, d)
      join s on s.key = v.k`.execute(trx);
  }
  return { occurrences: inserted, shifts: shifts.length };
}

/**
 * Inserts the occurrences of `[from, to)` that do not exist yet, with their shifts. Used when
 * an event is first published and when the horizon moves forward.
 */
export async function materializeWindow(
  trx: Trx,
  event: EventRow,
  from: string,
  to: string,
): Promise<MaterializeCount> {
  const expanded = expandSchedule(scheduleOf(event), { from, to });
  assertShiftBudget(event, expanded);
  const planner = plannerEvent(event);
  const count = await insertPlanned(
    trx,
    event,
    expanded.map((occurrence) => ({
      localStart: occurrence.localStart,
      start: occurrence.start,
      end: occurrence.end,
      shifts: planShifts(planner, occurrence),
    })),
  );
  await trx
    .updateTable('events')
    .set({ materialized_until: to })
    .where('id', '=', event.id)
    .execute();
  return count;
}

/**
 * `toISOString` of epoch milliseconds, each instant formatted once: a large event's shifts
 * share most of their instants (back-to-back appointments: one's end is the next one's start;
 * a move's new times are mostly other shifts' old ones), and 40,000 `toISOString` calls cost
 * ~25 ms. One per re-plan, shared by the lock read and the notices.
 */
export type IsoOf = (ms: number) => string;

export function isoMemo(): IsoOf {
  const seen = new Map<number, string>();
  return (ms) => {
    let iso = seen.get(ms);
    if (iso === undefined) {
      iso = new Date(ms).toISOString();
      seen.set(ms, iso);
    }
    return iso;
  };
}

interface LockedRow {
  id: string;
  occurrence_id: string;
  slot_key: string;
  sequence: number;
  role: 'volunteer' | 'attendee';
  start_ms: number;
  end_ms: number;
  capacity: number;
  seats_taken: number;
  waitlist_count: number;
  status: 'open' | 'cancelled';
  same: boolean;
}

/**
 * A shift as {@link lockShiftsOf} read it: times as epoch milliseconds, and `start` and `end`
 * as ISO UTC strings (as `toISOString()` writes them) formatted only when asked for (a re-plan
 * asks for the start of the shifts it writes, never for the end: 20,000 fewer formatted); the
 * slot settings the row copies come as whether they equal its slot's
 * ({@link SettingsCompared}).
 */
export class LockedShift implements ExistingShiftCore, SettingsCompared {
  readonly id: string;
  readonly occurrenceId: string;
  readonly slotKey: string;
  readonly sequence: number;
  readonly role: 'volunteer' | 'attendee';
  readonly startMs: number;
  readonly endMs: number;
  readonly capacity: number;
  readonly seatsTaken: number;
  readonly waitlistCount: number;
  readonly status: 'open' | 'cancelled';
  readonly sameSettings: boolean;
  readonly #iso: IsoOf;

  constructor(row: LockedRow, iso: IsoOf) {
    this.id = row.id;
    this.occurrenceId = row.occurrence_id;
    this.slotKey = row.slot_key;
    this.sequence = row.sequence;
    this.role = row.role;
    this.startMs = row.start_ms;
    this.endMs = row.end_ms;
    this.capacity = row.capacity;
    this.seatsTaken = row.seats_taken;
    this.waitlistCount = row.waitlist_count;
    this.status = row.status;
    this.sameSettings = row.same;
    this.#iso = iso;
  }

  get start(): string {
    return this.#iso(this.startMs);
  }

  get end(): string {
    return this.#iso(this.endMs);
  }
}

/**
 * Every shift of the occurrences (of one event), locked in id order (the order every path
 * locks shifts in), with what a re-plan needs of each: start and end as epoch milliseconds
 * (parsing 40,000 timestamps' text cost the driver more than the statement itself), and, in
 * place of the ten settings columns the row copies from its slot, whether they equal the
 * event's slot's (compared here, with `is not distinct from`, as core compares them: the driver
 * turning 20,000 rows of 21 columns into objects was half of this read). On the embedded
 * database the rows come as one JSON value: PGlite decodes every field of a result in
 * JavaScript (20,000 rows of 21 fields took ~0.65 s there, one JSON value ~0.25 s; on
 * PostgreSQL the rows are the faster).
 */
export async function lockShiftsOf(
  trx: Trx,
  event: EventRow,
  occurrenceIds: readonly string[],
  kind: 'pglite' | 'postgres' = 'postgres',
  /** Formats the shifts' times when asked (pass the one {@link applyShiftPlan} gets). */
  iso: IsoOf = isoMemo(),
): Promise<LockedShift[]> {
  if (occurrenceIds.length === 0) return [];
  // A row whose slot the event no longer has compares false (the re-plan cancels it anyway).
  const locked = sql`
    with ${slotsTable(event)}
    select t.id, t.occurrence_id, t.slot_key, t.sequence, t.role,
      (extract(epoch from t.start) * 1000)::float8 as start_ms,
      (extract(epoch from t."end") * 1000)::float8 as end_ms, t.capacity,
      t.seats_taken, t.waitlist_count, t.status,
      coalesce(t.name = s.name and t.min_needed = s.min_needed
        and t.max_party_size = s.max_party_size
        and t.min_age is not distinct from s.min_age and t.max_age is not distinct from s.max_age
        and t.companion_min_age is not distinct from s.companion_min_age
        and t.companion_max_age is not distinct from s.companion_max_age
        and t.required_tags = coalesce(s.required_tags, '{}') and t.waitlist = s.waitlist
        and t.one_per_person = s.one_per_person, false) as same
    from shifts t left join s on s.key = t.slot_key
    where t.event_id = ${event.id} and t.occurrence_id = any(${occurrenceIds}::text[])
    order by t.id for update of t`;
  const rows =
    kind === 'pglite'
      ? (JSON.parse(
          (
            await sql<{ rows: string }>`
              select coalesce(json_agg(x), '[]')::text as rows from (${locked}) x`.execute(trx)
          ).rows[0]?.rows ?? '[]',
        ) as LockedRow[])
      : (await sql<LockedRow>`${locked}`.execute(trx)).rows;
  return rows.map((row) => new LockedShift(row, iso));
}

/**
 * Applies a plan's shift part (made from shifts read with {@link lockShiftsOf}, so locked)
 * after its occurrences are written: cancels, updates (with the slot's settings), moves
 * signups (core decides who loses a seat to an overlap), promotes the waitlists of raised or
 * freed shifts, and inserts through {@link insertPlanned}.
 */
export async function applyShiftPlan(
  trx: Trx,
  event: EventRow,
  plan: ReplanPlan['shifts'],
  newOccurrences: ReplanPlan['occurrences']['insert'],
  now: string,
  /** Formats the notices' instants (the lock read's, so that instants it formatted are reused). */
  iso: IsoOf = isoMemo(),
): Promise<MaterializeCount> {
  // Cancelled first, so that their signups never block a move. The plan was made from the
  // shifts as lockShiftsOf locked them: they are locked already.
  await cancelShifts(trx, plan.cancel, 'event_changed', now, { locked: true });
  if (plan.update.length > 0) {
    const a = shiftArrays(event, plan.update, (u) => u.id);
    const update = sql`
      update shifts t set slot_key = v.k, sequence = v.q, name = s.name, role = s.role,
        start = ${fromEpochMs('v.s')}, "end" = ${fromEpochMs('v.e')}, local_date = v.d,
        capacity = v.c, min_needed = s.min_needed, max_party_size = s.max_party_size,
        min_age = s.min_age, max_age = s.max_age, companion_min_age = s.companion_min_age,
        companion_max_age = s.companion_max_age, required_tags = coalesce(s.required_tags, '{}'),
        waitlist = s.waitlist, one_per_person = s.one_per_person,
        unit_path = ${unitPathOf(event)}::ltree, event_status = ${event.status}, status = 'open'
      from unnest(${arrayLiteral(a.refs)}::text[], ${arrayLiteral(a.keys)}::text[],
          ${arrayLiteral(a.sequences)}::int[], ${arrayLiteral(a.starts)}::float8[],
          ${arrayLiteral(a.ends)}::float8[], ${arrayLiteral(a.dates)}::date[],
          ${arrayLiteral(plan.update.map((u) => u.capacity))}::int[]) as v(id, k, q, s, e, d, c)
        join s on s.key = v.k
      where t.id = v.id`;
    const n = changedTimes(plan.update, iso);
    if (n.ids.length === 0) await sql`with ${slotsTable(event)} ${update}`.execute(trx);
    else {
      // One statement: the rows take their new times and settings, and each shift that took a
      // new start or end gets its `shift.changed` notice (the dispatcher finds who is on it),
      // with its times before (as locked) and after, in plan order: the ordinality is the
      // function scan's order, so no sort.
      await sql`
        with ${slotsTable(event)}, u as (${update})
        insert into outbox (type, occurred_at, shift_id, data)
        select 'shift.changed', ${now}::timestamptz, x.id, jsonb_build_object(
            'shiftId', x.id, 'start', x.s, 'end', x.e, 'previousStart', x.p,
            'changes', jsonb_build_object('start', jsonb_build_object('from', x.p, 'to', x.s)))
        from unnest(${arrayLiteral(n.ids)}::text[], ${arrayLiteral(n.starts)}::text[],
          ${arrayLiteral(n.ends)}::text[], ${arrayLiteral(n.previousStarts)}::text[])
          with ordinality as x(id, s, e, p, n)
        order by x.n`.execute(trx);
    }
  }
  const moved = plan.update.filter((u) => u.moved);
  const freed = await moveSignups(trx, moved, now);
  const promote = [...new Set([...plan.promote, ...freed])];
  if (promote.length > 0) {
    // Only shifts with people waiting have anything to promote.
    const { rows } = await sql<{ id: string }>`
      select id from shifts where id = any(${promote}::text[]) and waitlist_count > 0
      order by id`.execute(trx);
    for (const { id } of rows) await promoteInTransaction(trx, id, now);
  }
  return insertPlanned(trx, event, newOccurrences, plan.insert);
}

/**
 * The updates that take a new start or end (their `shift.changed` notices), in plan order,
 * with their times after and their start before (as {@link lockShiftsOf} read it), all as the
 * ISO UTC strings JavaScript writes (formatting them in SQL, `to_char`, cost ~90 ms for 20,000
 * notices).
 */
function changedTimes(updates: readonly ShiftUpdate[], iso: IsoOf) {
  const n = {
    ids: [] as string[],
    starts: [] as string[],
    ends: [] as string[],
    previousStarts: [] as string[],
  };
  for (const u of updates) {
    if (!u.retimed) continue;
    n.ids.push(u.id);
    n.starts.push(iso(u.startMs));
    n.ends.push(iso(u.endMs));
    // lockShiftsOf's strings are ISO UTC already; anything else is converted.
    const previous = u.previousStart;
    n.previousStarts.push(
      previous.length === 24 && previous.endsWith('Z') ? previous : toIso(previous),
    );
  }
  return n;
}

/**
 * Moves the signups of shifts that took new times (or a new role): core's decideMovedSignups
 * picks who loses a seat to an overlap with their other confirmed volunteer shifts (on the
 * final times); those are cancelled (`event_changed`) and the others moved. Returns the shifts
 * whose seats were freed. Eight statements whatever the count.
 */
async function moveSignups(
  trx: Trx,
  moves: readonly {
    id: string;
    role: 'volunteer' | 'attendee';
    start: string;
    end: string;
    startMs: number;
    endMs: number;
  }[],
  now: string,
): Promise<string[]> {
  if (moves.length === 0) return [];
  // Every signup of the moved shifts, cancelled ones too (they move with their shift); from
  // here on they are named by their own ids, so the shifts' (up to 20,000) ids go once.
  const all = await sql<{
    id: string;
    shift_id: string;
    person_id: string;
    status: 'confirmed' | 'waitlisted' | 'cancelled';
    seats: number;
    join_seq: number;
  }>`
    select id, shift_id, person_id, status, seats, join_seq from signups
    where shift_id = any(${arrayLiteral(moves.map((m) => m.id))}::text[])
    order by id for update`.execute(trx);
  if (all.rows.length === 0) return [];
  const ids = all.rows.map((s) => s.id);
  const active = all.rows.filter(
    (s): s is typeof s & { status: 'confirmed' | 'waitlisted' } => s.status !== 'cancelled',
  );
  const volunteers = active.filter((s) => s.status === 'confirmed');
  const byShift = new Map<string, (typeof moves)[number]>();
  for (const m of moves) byShift.set(m.id, m);
  let busy: { person_id: string; start: string; end: string }[] = [];
  if (volunteers.length > 0) {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const m of moves) {
      if (m.startMs < first) first = m.startMs;
      if (m.endMs > last) last = m.endMs;
    }
    const from = new Date(first).toISOString();
    const to = new Date(last).toISOString();
    const people = [...new Set(volunteers.map((s) => s.person_id))];
    // Their other confirmed volunteer shifts (every signup of a moved shift was read above).
    const { rows } = await sql<{ person_id: string; start: string; end: string }>`
      select person_id, lower(period) as start, upper(period) as "end" from signups
      where person_id = any(${people}::text[]) and status = 'confirmed' and role = 'volunteer'
        and period && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')
        and not (id = any(${ids}::text[]))`.execute(trx);
    busy = rows;
  }
  const decision = decideMovedSignups(
    moves,
    active.map((s) => ({
      id: s.id,
      shiftId: s.shift_id,
      personId: s.person_id,
      status: s.status,
      seats: s.seats,
      joinSeq: s.join_seq,
    })),
    busy.map((b) => ({ personId: b.person_id, start: b.start, end: b.end })),
  );
  const losers = decision.cancel.map((c) => c.id);
  if (losers.length > 0) {
    await sql`update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
        cancel_reason = 'event_changed' where id = any(${losers}::text[])`.execute(trx);
    await announceSignupIds(trx, 'signup.cancelled', losers, now);
    await sql`update shifts t set seats_taken = t.seats_taken - x.n
      from (select shift_id, sum(seats)::int as n from signups
        where id = any(${losers}::text[]) group by shift_id) x
      where t.id = x.shift_id`.execute(trx);
  }
  // Two steps, so that no intermediate state overlaps: the exclusion constraint is checked row
  // by row, and a signup's new period may overlap another's old one that is moving away too.
  const lost = new Set(losers);
  const staying = volunteers.filter((s) => !lost.has(s.id)).map((s) => s.id);
  if (staying.length > 0) {
    await sql`update signups set period = 'empty'::tstzrange
      where id = any(${staying}::text[])`.execute(trx);
  }
  const dest = all.rows.map((s) => byShift.get(s.shift_id)!);
  await sql`update signups g set role = v.r, period = tstzrange(v.s, v.e, '[)')
    from unnest(${ids}::text[], ${dest.map((m) => m.role)}::text[],
      ${dest.map((m) => m.start)}::timestamptz[], ${dest.map((m) => m.end)}::timestamptz[])
      as v(id, r, s, e)
    where g.id = v.id`.execute(trx);
  return decision.freed;
}

/**
 * Re-plans the future of an event after a change (or on publication): core's planReplan
 * decides (occurrences starting in `[now, until)` made to match the schedule, an organizer's
 * move or cancellation kept, the past never touched), and this writes it in a fixed number of
 * statements.
 */
export async function replanEvent(
  trx: Trx,
  event: EventRow,
  now: string,
  until: string,
  /** The back end, for how the locked shifts are read ({@link lockShiftsOf}). */
  kind?: 'pglite' | 'postgres',
): Promise<MaterializeCount> {
  const expanded = expandSchedule(scheduleOf(event), { from: now, to: until });
  assertShiftBudget(event, expanded);
  const keys = expanded.map((o) => normalizeLocal(o.localStart));
  const { rows } = await sql<{
    id: string;
    original_local_start: string;
    local_start: string;
    start: string;
    end: string;
    status: 'scheduled' | 'cancelled';
    cancel_reason: string | null;
  }>`
    select id, original_local_start, local_start, start, "end", status, cancel_reason
    from occurrences
    where event_id = ${event.id}
      and (start >= ${now}::timestamptz or original_local_start = any(${keys}::text[]))
    order by id for update`.execute(trx);
  const occurrences: ExistingOccurrence[] = rows.map((row) => ({
    id: row.id,
    originalLocalStart: row.original_local_start,
    localStart: row.local_start,
    start: row.start,
    end: row.end,
    status: row.status,
    cancelReason: row.cancel_reason,
  }));
  const iso = isoMemo();
  const shifts = await lockShiftsOf(
    trx,
    event,
    occurrences.map((o) => o.id),
    kind,
    iso,
  );
  const plan = planReplan({ event: plannerEvent(event), expanded, occurrences, shifts, now });

  const cancelled = plan.occurrences.cancel;
  if (cancelled.length > 0) {
    await sql`update occurrences set status = 'cancelled', cancel_reason = 'event_changed'
      where id = any(${cancelled}::text[])`.execute(trx);
  }
  const updates = plan.occurrences.update;
  if (updates.length > 0) {
    await sql`update occurrences o set original_local_start = v.k, local_start = v.l,
        start = v.s, "end" = v.e, status = 'scheduled', cancel_reason = null
      from unnest(${updates.map((u) => u.id)}::text[],
        ${updates.map((u) => u.originalLocalStart)}::text[],
        ${updates.map((u) => u.localStart)}::text[],
        ${updates.map((u) => toIso(u.start))}::timestamptz[],
        ${updates.map((u) => toIso(u.end))}::timestamptz[]) as v(id, k, l, s, e)
      where o.id = v.id`.execute(trx);
  }
  const count = await applyShiftPlan(trx, event, plan.shifts, plan.occurrences.insert, now, iso);
  await trx
    .updateTable('events')
    .set({ materialized_until: until })
    .where('id', '=', event.id)
    .execute();
  return count;
}
