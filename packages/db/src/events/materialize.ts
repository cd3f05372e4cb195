import {
  expandSchedule,
  formatInstant,
  instantToLocal,
  localToInstant,
  type PlannedShift,
  planShifts,
  RotaError,
  type Schedule,
  type ScheduledOccurrence,
  type Slot,
} from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { announceShifts, announceSignupIds } from '../notifications/announce.ts';
import type { OccurrenceRow } from '../occurrences/occurrence-rows.ts';
import type { Database, ShiftTable } from '../schema.ts';
import { cancelShifts } from '../shifts/cancel-shifts.ts';
import { pgErrorInfo } from '../support/db-errors.ts';
import { addMinutes, toIso } from '../support/instants.ts';
import { inSavepoint } from '../support/savepoint.ts';
import { promoteInTransaction } from '../waitlist/promote-in-transaction.ts';
import type { EventRow } from './event-rows.ts';

type Trx = Transaction<Database>;
type ShiftInsert = Omit<ShiftTable, 'id' | 'seats_taken' | 'waitlist_count' | 'status'> & {
  id: string;
};
type ShiftRowFull = Omit<ShiftTable, 'id' | 'seats_taken' | 'waitlist_count' | 'status'> & {
  id: string;
  seats_taken: number;
  waitlist_count: number;
  status: 'open' | 'cancelled';
};

const CHUNK = 500;

/**
 * The most shifts one event may have inside one materialized window (the horizon). A daily
 * event with a 5-minute repeating slot would otherwise write hundreds of thousands of rows in
 * one transaction and hold the embedded database for minutes; nobody staffs that many shifts.
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

/** `YYYY-MM-DDTHH:mm` or with seconds, always with seconds (occurrence keys). */
export function normalizeLocal(local: string): string {
  return local.length === 16 ? `${local}:00` : local;
}

/** The occurrence at a (moved) local start: its instants in the event's zone. */
export function occurrenceAt(event: EventRow, localStart: string): ScheduledOccurrence {
  const start = localToInstant(localStart, event.time_zone);
  return {
    localStart: normalizeLocal(localStart),
    start,
    end: formatInstant(addMinutes(start, event.duration_minutes), event.time_zone),
  };
}

function shiftValues(
  event: EventRow,
  occurrenceId: string,
  slot: Slot,
  planned: PlannedShift,
): ShiftInsert {
  return {
    id: crypto.randomUUID(),
    event_id: event.id,
    occurrence_id: occurrenceId,
    slot_key: planned.slotKey,
    sequence: planned.sequence,
    name: slot.name,
    role: slot.role,
    start: toIso(planned.start),
    end: toIso(planned.end),
    local_date: instantToLocal(planned.start, event.time_zone).slice(0, 10),
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
    unit_path: unitPathOf(event),
    event_status: event.status,
  };
}

function unitPathOf(event: EventRow): string {
  if (event.unit_path === undefined)
    throw new Error(`event ${event.id} read without its unit path`);
  return event.unit_path;
}

function plannedShifts(
  event: EventRow,
  occurrenceId: string,
  occurrence: ScheduledOccurrence,
): ShiftInsert[] {
  const slots = new Map(event.slots.map((slot) => [slot.key, slot]));
  const out: ShiftInsert[] = [];
  for (const planned of planShifts({ slots: event.slots, timeZone: event.time_zone }, occurrence)) {
    const slot = slots.get(planned.slotKey);
    if (slot !== undefined) out.push(shiftValues(event, occurrenceId, slot, planned));
  }
  return out;
}

async function insertShifts(trx: Trx, shifts: ShiftInsert[]): Promise<void> {
  for (let i = 0; i < shifts.length; i += CHUNK) {
    await trx
      .insertInto('shifts')
      .values(shifts.slice(i, i + CHUNK))
      .execute();
  }
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
  const rows = expanded.map((occurrence) => ({
    id: crypto.randomUUID(),
    event_id: event.id,
    original_local_start: normalizeLocal(occurrence.localStart),
    local_start: normalizeLocal(occurrence.localStart),
    start: toIso(occurrence.start),
    end: toIso(occurrence.end),
    cancel_reason: null,
    occurrence,
  }));
  const count: MaterializeCount = { occurrences: 0, shifts: 0 };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await trx
      .insertInto('occurrences')
      .values(chunk.map(({ occurrence: _, ...row }) => row))
      .onConflict((oc) => oc.columns(['event_id', 'original_local_start']).doNothing())
      .returning('id')
      .execute();
    const insertedIds = new Set(inserted.map((row) => row.id));
    const shifts = chunk
      .filter((row) => insertedIds.has(row.id))
      .flatMap((row) => plannedShifts(event, row.id, row.occurrence));
    await insertShifts(trx, shifts);
    count.occurrences += inserted.length;
    count.shifts += shifts.length;
  }
  await trx
    .updateTable('events')
    .set({ materialized_until: to })
    .where('id', '=', event.id)
    .execute();
  return count;
}

/**
 * Moves the signups of a shift to its new time (and role). A confirmed volunteer whose new
 * time overlaps another of their confirmed shifts loses this one (`event_changed`): the
 * exclusion constraint decides, one signup at a time under a savepoint.
 */
async function moveSignups(trx: Trx, shift: ShiftInsert, now: string) {
  const update = (where: ReturnType<typeof sql>) =>
    sql`update signups set role = ${shift.role},
        period = tstzrange(${shift.start}::timestamptz, ${shift.end}::timestamptz, '[)')
      where ${where}`.execute(trx);
  try {
    await inSavepoint(trx, () => update(sql`shift_id = ${shift.id}`));
    return;
  } catch (error) {
    if (pgErrorInfo(error).code !== '23P01') throw error;
  }
  const signups = await trx
    .selectFrom('signups')
    .select(['id', 'status', 'seats'])
    .where('shift_id', '=', shift.id)
    .where('status', '!=', 'cancelled')
    .orderBy('join_seq')
    .execute();
  for (const signup of signups) {
    try {
      await inSavepoint(trx, () => update(sql`id = ${signup.id}`));
    } catch (error) {
      if (pgErrorInfo(error).code !== '23P01') throw error;
      await sql`update signups set status = 'cancelled', cancelled_at = ${now}::timestamptz,
          cancel_reason = 'event_changed' where id = ${signup.id}`.execute(trx);
      await announceSignupIds(trx, 'signup.cancelled', [signup.id], now);
      await sql`update shifts set seats_taken = seats_taken - ${signup.seats}
          where id = ${shift.id}`.execute(trx);
      await update(sql`id = ${signup.id}`);
    }
  }
}

/**
 * Brings one occurrence's shifts in line with the event's slots: a shift that still exists
 * (same slot key and repeat number) keeps its id and signups and takes the new times and
 * settings (capacity never below the seats taken; a raise promotes the waitlist); a shift that
 * no longer exists is cancelled with its signups (`event_changed`); new ones are inserted.
 */
export async function syncShifts(
  trx: Trx,
  event: EventRow,
  occurrenceId: string,
  occurrence: ScheduledOccurrence,
  now: string,
): Promise<number> {
  const existing = (await trx
    .selectFrom('shifts')
    .selectAll()
    .where('occurrence_id', '=', occurrenceId)
    .orderBy('id')
    .forUpdate()
    .execute()) as ShiftRowFull[];
  const byKey = new Map(existing.map((row) => [`${row.slot_key}#${row.sequence}`, row]));
  const inserts: ShiftInsert[] = [];
  const kept = new Set<string>();
  for (const planned of plannedShifts(event, occurrenceId, occurrence)) {
    const old = byKey.get(`${planned.slot_key}#${planned.sequence}`);
    if (old === undefined) {
      inserts.push(planned);
      continue;
    }
    kept.add(old.id);
    const next = { ...planned, id: old.id };
    const capacity = Math.max(next.capacity, old.seats_taken);
    const timesChanged = old.start !== next.start || old.end !== next.end || old.role !== next.role;
    const unchanged =
      !timesChanged &&
      old.status === 'open' &&
      old.capacity === capacity &&
      old.name === next.name &&
      old.min_needed === next.min_needed &&
      old.max_party_size === next.max_party_size &&
      old.min_age === next.min_age &&
      old.max_age === next.max_age &&
      old.companion_min_age === next.companion_min_age &&
      old.companion_max_age === next.companion_max_age &&
      old.waitlist === next.waitlist &&
      old.one_per_person === next.one_per_person &&
      old.required_tags.join(',') === next.required_tags.join(',');
    if (unchanged) continue;
    const { id, event_id: _e, occurrence_id: _o, ...values } = next;
    await trx
      .updateTable('shifts')
      .set({ ...values, capacity, status: 'open' })
      .where('id', '=', id)
      .execute();
    if (timesChanged) await moveSignups(trx, next, now);
    // One notice per person per moved shift (the dispatcher finds who is on it).
    if (toIso(old.start) !== toIso(next.start) || toIso(old.end) !== toIso(next.end)) {
      await announceShifts(
        trx,
        'shift.changed',
        [
          {
            id,
            data: {
              shiftId: id,
              start: toIso(next.start),
              end: toIso(next.end),
              previousStart: toIso(old.start),
              changes: { start: { from: toIso(old.start), to: toIso(next.start) } },
            },
          },
        ],
        now,
      );
    }
    if (capacity > old.capacity && old.waitlist_count > 0) await promoteInTransaction(trx, id, now);
  }
  const gone = existing.filter((row) => !kept.has(row.id) && row.status === 'open');
  await cancelShifts(
    trx,
    gone.map((row) => row.id),
    'event_changed',
    now,
  );
  await insertShifts(trx, inserts);
  return inserts.length;
}

/**
 * Re-plans the future of a published event after a change (or on publication): occurrences
 * starting in `[now, until)` are made to match the schedule (new ones inserted, vanished ones
 * cancelled with their shifts and signups, `event_changed`), and each remaining occurrence's
 * shifts are synced. An occurrence an organizer moved keeps its new time; one they cancelled
 * stays cancelled. The past is never touched.
 */
export async function replanEvent(
  trx: Trx,
  event: EventRow,
  now: string,
  until: string,
): Promise<MaterializeCount> {
  const expanded = expandSchedule(scheduleOf(event), { from: now, to: until });
  assertShiftBudget(event, expanded);
  const wanted = new Map(expanded.map((o) => [normalizeLocal(o.localStart), o]));
  const keys = [...wanted.keys()];
  const existing = (await trx
    .selectFrom('occurrences')
    .selectAll()
    .where('event_id', '=', event.id)
    .where((eb) =>
      keys.length === 0
        ? eb('start', '>=', now)
        : eb.or([eb('start', '>=', now), eb('original_local_start', 'in', keys)]),
    )
    .orderBy('id')
    .forUpdate()
    .execute()) as OccurrenceRow[];
  const byKey = new Map(existing.map((row) => [row.original_local_start, row]));
  const count: MaterializeCount = { occurrences: 0, shifts: 0 };
  const newOccurrences: { id: string; occurrence: ScheduledOccurrence }[] = [];
  // Match each wanted occurrence to an existing row: the same original start first, else an
  // unmatched row of the same local date (a change of time of day keeps the occurrence, its
  // shifts and its signups: the row takes the new key).
  const matched = new Map<string, OccurrenceRow>();
  const used = new Set<string>();
  for (const key of wanted.keys()) {
    const old = byKey.get(key);
    if (old !== undefined) {
      matched.set(key, old);
      used.add(old.id);
    }
  }
  for (const key of wanted.keys()) {
    if (matched.has(key)) continue;
    const sameDay = existing.find(
      (row) =>
        !used.has(row.id) &&
        !wanted.has(row.original_local_start) &&
        row.original_local_start.slice(0, 10) === key.slice(0, 10) &&
        (row.status === 'scheduled' || row.cancel_reason === 'event_changed'),
    );
    if (sameDay !== undefined) {
      matched.set(key, sameDay);
      used.add(sameDay.id);
    }
  }
  for (const [key, occurrence] of wanted) {
    const old = matched.get(key);
    if (old === undefined) {
      newOccurrences.push({ id: crypto.randomUUID(), occurrence });
      continue;
    }
    if (old.status === 'cancelled' && old.cancel_reason !== 'event_changed') continue;
    const moved = old.local_start !== old.original_local_start;
    const at = moved ? occurrenceAt(event, old.local_start) : occurrence;
    await trx
      .updateTable('occurrences')
      .set({
        original_local_start: key,
        local_start: moved ? old.local_start : key,
        start: toIso(at.start),
        end: toIso(at.end),
        status: 'scheduled',
        cancel_reason: null,
      })
      .where('id', '=', old.id)
      .execute();
    count.shifts += await syncShifts(trx, event, old.id, at, now);
  }
  const vanished = existing.filter((row) => !used.has(row.id) && row.status === 'scheduled');
  for (const row of vanished) {
    await trx
      .updateTable('occurrences')
      .set({ status: 'cancelled', cancel_reason: 'event_changed' })
      .where('id', '=', row.id)
      .execute();
  }
  if (vanished.length > 0) {
    const shifts = await trx
      .selectFrom('shifts')
      .select('id')
      .where(
        'occurrence_id',
        'in',
        vanished.map((row) => row.id),
      )
      .where('status', '=', 'open')
      .execute();
    await cancelShifts(
      trx,
      shifts.map((row) => row.id),
      'event_changed',
      now,
    );
  }
  for (let i = 0; i < newOccurrences.length; i += CHUNK) {
    const chunk = newOccurrences.slice(i, i + CHUNK);
    await trx
      .insertInto('occurrences')
      .values(
        chunk.map(({ id, occurrence }) => ({
          id,
          event_id: event.id,
          original_local_start: normalizeLocal(occurrence.localStart),
          local_start: normalizeLocal(occurrence.localStart),
          start: toIso(occurrence.start),
          end: toIso(occurrence.end),
          cancel_reason: null,
        })),
      )
      .execute();
    const shifts = chunk.flatMap(({ id, occurrence }) => plannedShifts(event, id, occurrence));
    await insertShifts(trx, shifts);
    count.occurrences += chunk.length;
    count.shifts += shifts.length;
  }
  await trx
    .updateTable('events')
    .set({ materialized_until: until })
    .where('id', '=', event.id)
    .execute();
  return count;
}
