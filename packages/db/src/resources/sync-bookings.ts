import {
  describeResourceConflicts,
  formatInstant,
  type ResourceConflict,
  RotaError,
} from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { recordEvents } from '../notifications/record-events.ts';
import type { Database } from '../schema.ts';
import { pgErrorInfo } from '../support/db-errors.ts';
import { inSavepoint } from '../support/savepoint.ts';

type Trx = Transaction<Database>;

/** The SQLSTATE the booking triggers raise (migration 0060) when a resource would overflow. */
export const RESOURCE_CONFLICT_SQLSTATE = 'RT409';

/** A conflict as the trigger reports it (DETAIL, JSON). */
interface RawConflict {
  resourceId: string;
  resourceName: string;
  occurrenceId: string;
  occurrenceStart: string;
  start: string;
  end: string;
  wanted: number;
  free: number;
  heldBy: { eventId: string; title: string }[];
}

/** The JSON DETAIL of a trigger's RT409, or undefined for any other error. */
export function conflictDetail<T>(error: unknown): T[] | undefined {
  if (pgErrorInfo(error).code !== RESOURCE_CONFLICT_SQLSTATE) return undefined;
  const detail = (error as { detail?: unknown }).detail;
  if (typeof detail !== 'string') return [];
  return JSON.parse(detail) as T[];
}

function toConflict(raw: RawConflict, timeZone: string): ResourceConflict {
  return {
    resourceId: raw.resourceId,
    resourceName: raw.resourceName,
    occurrenceId: raw.occurrenceId,
    occurrenceStart: formatInstant(new Date(raw.occurrenceStart).toISOString(), timeZone),
    start: formatInstant(new Date(raw.start).toISOString(), timeZone),
    end: formatInstant(new Date(raw.end).toISOString(), timeZone),
    wanted: raw.wanted,
    free: raw.free,
    heldBy: raw.heldBy,
  };
}

/** The 409 for conflicts, with a detail a person can act on (English and zh-CN). */
export function resourceConflictError(conflicts: ResourceConflict[], cause?: unknown): RotaError {
  return new RotaError('resource_conflict', describeResourceConflicts(conflicts, 'en'), {
    extra: { conflicts },
    cause,
  });
}

/**
 * The bookings an event should hold: one per (future scheduled occurrence, requested resource)
 * of a published event, over the request's span inside the occurrence. Occurrences that have
 * started are left as they are (their bookings are history in the making).
 */
function wanted(eventId: string, now: string) {
  return sql`
    select o.id as occurrence_id, r."resourceId" as resource_id, r.quantity,
      tstzrange(o.start + make_interval(mins => r."offsetMinutes"),
        case when r."durationMinutes" is null then o."end"
             else o.start + make_interval(mins => r."offsetMinutes" + r."durationMinutes") end,
        '[)') as period
    from events e
    join occurrences o on o.event_id = e.id
    cross join lateral jsonb_to_recordset(e.resources)
      as r("resourceId" text, quantity integer, "offsetMinutes" integer, "durationMinutes" integer)
    where e.id = ${eventId} and e.status = 'published' and o.status = 'scheduled'
      and o.start >= ${now}::timestamptz`;
}

/** Inserts the wanted bookings that do not exist yet (limited to one occurrence when given). */
function insertMissing(trx: Trx, eventId: string, now: string, occurrenceId?: string | undefined) {
  return sql`
    insert into bookings (resource_id, event_id, occurrence_id, quantity, period, created_at)
    select w.resource_id, ${eventId}, w.occurrence_id, w.quantity, w.period, ${now}::timestamptz
    from (${wanted(eventId, now)}) w
    where not exists (select 1 from bookings b
        where b.occurrence_id = w.occurrence_id and b.resource_id = w.resource_id)
      ${occurrenceId === undefined ? sql`` : sql`and w.occurrence_id = ${occurrenceId}`}
    order by w.resource_id, lower(w.period)`.execute(trx);
}

/**
 * Brings an event's future bookings in line with its occurrences and resource requests, in the
 * caller's transaction: bookings no longer wanted (a cancelled or moved occurrence, a changed or
 * dropped request, a cancelled event) are released (deleted), missing ones are inserted. The
 * database's trigger decides whether they fit (invariant 7).
 *
 * - `strict` (publication, a change, a move): a booking that does not fit throws 409
 *   `resource_conflict` with every conflict; the caller's transaction then writes nothing.
 *   With `occurrenceId` (a move) only that occurrence's missing bookings are inserted.
 * - `lenient` (the horizon reaching new occurrences): each occurrence that does not fit is left
 *   unbooked and marked (`occurrences.resource_shortfall`), the others are booked.
 * - `release` (cancellations): only releases; nothing to refuse.
 */
export async function syncBookings(
  trx: Trx,
  event: { id: string; time_zone: string; unit_id: string },
  now: string,
  options: { mode?: 'strict' | 'lenient' | 'release'; occurrenceId?: string } = {},
): Promise<void> {
  const mode = options.mode ?? 'strict';
  await sql`
    delete from bookings b using occurrences o
    where b.event_id = ${event.id} and o.id = b.occurrence_id and o.start >= ${now}::timestamptz
      and not exists (select 1 from (${wanted(event.id, now)}) w
        where w.occurrence_id = b.occurrence_id and w.resource_id = b.resource_id
          and w.quantity = b.quantity and w.period = b.period)`.execute(trx);
  if (mode === 'release') return;
  if (mode === 'strict') {
    try {
      await insertMissing(trx, event.id, now, options.occurrenceId);
    } catch (error) {
      const raw = conflictDetail<RawConflict>(error);
      if (raw === undefined) throw error;
      throw resourceConflictError(
        raw.map((conflict) => toConflict(conflict, event.time_zone)),
        error,
      );
    }
    await sql`update occurrences set resource_shortfall = null
      where event_id = ${event.id} and start >= ${now}::timestamptz
        and resource_shortfall is not null
        ${options.occurrenceId === undefined ? sql`` : sql`and id = ${options.occurrenceId}`}`.execute(
      trx,
    );
    return;
  }
  try {
    await inSavepoint(trx, () => insertMissing(trx, event.id, now));
    await sql`update occurrences set resource_shortfall = null
      where event_id = ${event.id} and start >= ${now}::timestamptz
        and resource_shortfall is not null`.execute(trx);
    return;
  } catch (error) {
    if (conflictDetail(error) === undefined) throw error;
  }
  // Something does not fit: book occurrence by occurrence, marking the ones that do not.
  const { rows } = await sql<{ occurrence_id: string }>`
    select distinct w.occurrence_id, lower(w.period) as at from (${wanted(event.id, now)}) w
    where not exists (select 1 from bookings b
      where b.occurrence_id = w.occurrence_id and b.resource_id = w.resource_id)
    order by at, w.occurrence_id`.execute(trx);
  const seen = new Set<string>();
  for (const { occurrence_id: occurrenceId } of rows) {
    if (seen.has(occurrenceId)) continue;
    seen.add(occurrenceId);
    let shortfall: ResourceConflict[] | null = null;
    try {
      await inSavepoint(trx, () => insertMissing(trx, event.id, now, occurrenceId));
    } catch (error) {
      const raw = conflictDetail<RawConflict>(error);
      if (raw === undefined) throw error;
      shortfall = raw.map((conflict) => toConflict(conflict, event.time_zone));
    }
    const { rows: marked } = await sql<{ was_marked: boolean }>`
      update occurrences o
      set resource_shortfall = ${shortfall === null ? null : JSON.stringify(shortfall)}::jsonb
      from (select id, resource_shortfall is not null as was_marked from occurrences
            where id = ${occurrenceId}) before
      where o.id = before.id
      returning before.was_marked`.execute(trx);
    // The organizers are told once, when the occurrence is first found not to fit (webhooks of
    // the unit's subtree: `resource.conflict`), in the transaction that marks it.
    if (shortfall !== null && marked[0]?.was_marked === false) {
      await recordEvents(trx, [
        {
          type: 'resource.conflict',
          occurredAt: now,
          unitId: event.unit_id,
          data: { eventId: event.id, occurrenceId, conflicts: shortfall },
        },
      ]);
    }
  }
}
