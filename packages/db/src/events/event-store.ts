import {
  assertStorableText,
  diffEditEffects,
  type EditEffects,
  type Event,
  type EventDraft,
  localToInstant,
  type Occurrence,
  RotaError,
} from '@rota/core';
import { sql, type Transaction } from 'kysely';
import { recordEvents } from '../notifications/record-events.ts';
import { loadOccurrences } from '../occurrences/occurrence-rows.ts';
import { assertUsableResources } from '../resources/assert-usable-resources.ts';
import { syncBookings } from '../resources/sync-bookings.ts';
import type { RotaDb } from '../rota-db.ts';
import type { Database } from '../schema.ts';
import { cancelShifts } from '../shifts/cancel-shifts.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import { addMinutes } from '../support/instants.ts';
import type { StoreContext } from '../support/store-context.ts';
import { assertUnitExists } from '../units/assert-unit-exists.ts';
import { readEditSnapshot } from './edit-snapshot.ts';
import { type EventRow, lockEvent, readEvent, toEvent } from './event-rows.ts';
import { materializeWindow, replanEvent } from './materialize.ts';

/** The event row locked for this command; `not_found` when it does not exist. */
async function mustLockEvent(trx: Transaction<Database>, id: string): Promise<EventRow> {
  const row = await lockEvent(trx, id);
  if (row === undefined) throw new RotaError('not_found', `Event ${id} does not exist`);
  return row;
}

function draftColumns(draft: EventDraft) {
  return {
    unit_id: draft.unitId,
    kind: draft.kind,
    template: draft.template,
    title: draft.title,
    description: draft.description,
    location: draft.location === null ? null : JSON.stringify(draft.location),
    time_zone: draft.timeZone,
    start_local: draft.start,
    starts_at: localToInstant(draft.start, draft.timeZone),
    duration_minutes: draft.durationMinutes,
    recurrence: draft.recurrence === null ? null : JSON.stringify(draft.recurrence),
    signup_window: JSON.stringify(draft.signupWindow),
    slots: JSON.stringify(draft.slots),
    reminders: draft.reminders == null ? null : JSON.stringify(draft.reminders),
    resources: JSON.stringify(draft.resources),
  };
}

/** Thrown to roll a dry run's transaction back. */
const rollback = Symbol('rollback');

/** Events: their content, publication, cancellation, and the shifts they materialize. */
export function eventStore({ db, horizonDays, kind }: StoreContext): RotaDb['events'] {
  const horizonFrom = (now: string) => addMinutes(now, horizonDays * 24 * 60);

  /** The edit of `update`, in the caller's transaction (a dry run rolls it back). */
  async function updateInTransaction(
    trx: Transaction<Database>,
    id: string,
    draft: EventDraft,
    { ifVersion, now }: { ifVersion?: number | undefined; now: string },
  ): Promise<Event> {
    const current = await mustLockEvent(trx, id);
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new RotaError(
        'version_conflict',
        `Event ${id} is at version ${current.version}, not ${ifVersion}`,
      );
    }
    if (current.status === 'cancelled') {
      throw new RotaError('invalid_state', 'A cancelled event cannot be changed');
    }
    // A one-off event moved into the past would contradict itself like a new one; a
    // series keeps its first start when its time of day changes (its past stays as it was).
    const oneOff = !draft.recurrence?.rrule && !draft.recurrence?.rdates.length;
    const moved = draft.start !== current.start_local || draft.timeZone !== current.time_zone;
    if (oneOff && moved) refuseEndedStart(draft, now);
    await trx
      .updateTable('events')
      .set({ ...draftColumns(draft), version: current.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    const row = await mustLockEvent(trx, id);
    if (row.unit_id !== current.unit_id) {
      await sql`update shifts set unit_path = ${row.unit_path}::ltree
        where event_id = ${id}`.execute(trx);
    }
    await assertUsableResources(trx, row.unit_id, row.resources);
    await replanEvent(trx, row, now, later(row.materialized_until, horizonFrom(now)), kind);
    await syncBookings(trx, row, now);
    const event = toEvent((await readEvent(trx, id)) ?? row);
    await announceEvent(trx, 'event.changed', event, now);
    return event;
  }

  const assertUnit = (unitId: string) => assertUnitExists(db, unitId);

  return {
    async create(draft, now) {
      assertStorableText(draft);
      await assertUnit(draft.unitId);
      refuseEndedStart(draft, now);
      return db.transaction().execute(async (trx) => {
        const published = draft.status === 'published';
        const inserted = await trx
          .insertInto('events')
          .values({
            ...draftColumns(draft),
            status: draft.status,
            cancel_reason: null,
            published_at: published ? now : null,
            materialized_until: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Drafts are materialized too (organizers see their shifts; nobody can sign up).
        const row = await mustLockEvent(trx, inserted.id);
        await assertUsableResources(trx, row.unit_id, draft.resources);
        await materializeWindow(trx, row, startOfFuture(row, now), horizonFrom(now));
        await syncBookings(trx, row, now);
        const event = toEvent(row);
        if (published) await announceEvent(trx, 'event.published', event, now);
        return event;
      });
    },

    async get(id) {
      const row = await readEvent(db, id);
      return row === undefined ? undefined : toEvent(row);
    },

    async list(filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const conditions = [sql`true`];
      if (filter.unitId !== undefined) {
        conditions.push(sql`e.unit_id in (select u.id from units u
          where u.path <@ (select p.path from units p where p.id = ${filter.unitId}))`);
      }
      if (filter.kind !== undefined) conditions.push(sql`e.kind = ${filter.kind}`);
      if (filter.status !== undefined) conditions.push(sql`e.status = ${filter.status}`);
      if (!filter.includeDrafts) conditions.push(sql`e.status <> 'draft'`);
      if (filter.from !== undefined && filter.to !== undefined) {
        // An event is in a window when one of its occurrences is; a draft (nothing
        // materialized yet) when its first start is.
        conditions.push(sql`(exists (select 1 from occurrences o where o.event_id = e.id
            and o.start < ${filter.to}::timestamptz and o."end" > ${filter.from}::timestamptz)
          or (e.status = 'draft' and e.starts_at >= ${filter.from}::timestamptz
            and e.starts_at < ${filter.to}::timestamptz))`);
      }
      if (after !== undefined) {
        conditions.push(sql`(e.created_at, e.id) > (${after[0]}::timestamptz, ${after[1]})`);
      }
      const { rows } = await sql<EventRow>`
        select e.* from events e where ${sql.join(conditions, sql` and `)}
        order by e.created_at, e.id limit ${limit + 1}`.execute(db);
      return toPage(rows, limit, toEvent, (row) => [row.created_at, row.id]);
    },

    async update(id, draft, { ifVersion, now }) {
      assertStorableText(draft);
      if (draft.unitId !== undefined) await assertUnit(draft.unitId);
      return db
        .transaction()
        .execute((trx) => updateInTransaction(trx, id, draft, { ifVersion, now }));
    },

    async previewUpdate(id, draft, { ifVersion, now }) {
      if (draft.unitId !== undefined) await assertUnit(draft.unitId);
      // The real edit, in a transaction that is always rolled back: the dry run refuses what
      // the edit would refuse and tells exactly what it would do (and writes nothing).
      let preview: { event: Event; effects: EditEffects } | undefined;
      try {
        await db.transaction().execute(async (trx) => {
          const before = await readEditSnapshot(trx, id);
          const event = await updateInTransaction(trx, id, draft, { ifVersion, now });
          preview = { event, effects: diffEditEffects(before, await readEditSnapshot(trx, id)) };
          throw rollback;
        });
      } catch (error) {
        if (error !== rollback) throw error;
      }
      if (preview === undefined) throw new Error('the dry run ended without an answer');
      return preview;
    },

    async publish(id, now) {
      return db.transaction().execute(async (trx) => {
        const current = await mustLockEvent(trx, id);
        if (current.status === 'published') return toEvent(current);
        if (current.status === 'cancelled') {
          throw new RotaError('invalid_state', 'A cancelled event cannot be published');
        }
        // A one-off event that is over has nothing left to publish.
        const oneOff = !current.recurrence?.rrule && !current.recurrence?.rdates?.length;
        if (oneOff && endOf(current.starts_at, current.duration_minutes) <= Date.parse(now)) {
          throw new RotaError('in_the_past', 'The event is over: nothing is left to publish');
        }
        await trx
          .updateTable('events')
          .set({
            status: 'published',
            published_at: now,
            version: current.version + 1,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        const row = await mustLockEvent(trx, id);
        if (Date.parse(row.materialized_until ?? now) < Date.parse(horizonFrom(now))) {
          await materializeWindow(
            trx,
            row,
            row.materialized_until ?? startOfFuture(row, now),
            horizonFrom(now),
          );
        }
        await assertUsableResources(trx, row.unit_id, row.resources);
        await syncBookings(trx, row, now);
        const event = toEvent(row);
        await announceEvent(trx, 'event.published', event, now);
        return event;
      });
    },

    async cancel(id, reason, now) {
      assertStorableText({ reason });
      return db.transaction().execute(async (trx) => {
        const current = await mustLockEvent(trx, id);
        if (current.status === 'cancelled') return toEvent(current);
        // The future shifts first, marked with the event's new status in the same write, so
        // that the status copy of the event's update (0030) rewrites only the past ones. Found
        // and locked (in id order) in one statement, not found and then locked by their ids.
        const future = await trx
          .selectFrom('shifts')
          .select('id')
          .where('event_id', '=', id)
          .where('start', '>=', now)
          .where('status', '=', 'open')
          .orderBy('id')
          .forUpdate()
          .execute();
        await cancelShifts(
          trx,
          future.map((row) => row.id),
          'event_cancelled',
          now,
          { eventCancelled: true, locked: true },
        );
        await trx
          .updateTable('events')
          .set({
            status: 'cancelled',
            cancel_reason: reason ?? null,
            version: current.version + 1,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        const row = await mustLockEvent(trx, id);
        await syncBookings(trx, row, now, { mode: 'release' });
        const event = toEvent(row);
        await announceEvent(trx, 'event.cancelled', event, now);
        return event;
      });
    },

    async occurrences(eventId, filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const conditions = [
        sql`o.event_id = ${eventId}`,
        sql`o.start < ${filter.to}::timestamptz`,
        sql`o."end" > ${filter.from}::timestamptz`,
      ];
      if (after !== undefined) {
        conditions.push(sql`(o.start, o.id) > (${after[0]}::timestamptz, ${after[1]})`);
      }
      const ids = await sql<{ id: string; start: string }>`
        select o.id, o.start from occurrences o where ${sql.join(conditions, sql` and `)}
        order by o.start, o.id limit ${limit + 1}`.execute(db);
      const occurrences = await loadOccurrences(
        db,
        ids.rows.map((row) => row.id),
      );
      return toPage(
        ids.rows,
        limit,
        (row) => occurrences.get(row.id) as Occurrence,
        (row) => [row.start, row.id],
      );
    },

    async overrides(eventId) {
      const ids = await sql<{ id: string }>`
        select o.id from occurrences o where o.event_id = ${eventId}
          and (o.status = 'cancelled' or o.local_start <> o.original_local_start)
        order by o.start, o.id`.execute(db);
      const occurrences = await loadOccurrences(
        db,
        ids.rows.map((row) => row.id),
      );
      return ids.rows.map((row) => occurrences.get(row.id) as Occurrence);
    },
  };
}

/** Records an event's own change in the outbox (its unit's webhooks see it). */
function announceEvent(
  trx: Transaction<Database>,
  type: 'event.published' | 'event.changed' | 'event.cancelled',
  event: Event,
  now: string,
) {
  return recordEvents(trx, [{ type, occurredAt: now, unitId: event.unitId, data: event }]);
}

function endOf(startsAt: string, durationMinutes: number): number {
  return Date.parse(startsAt) + durationMinutes * 60_000;
}

/**
 * An event whose first occurrence has already ended is refused (422 `in_the_past`): its
 * occurrences before now are never materialized, so the API would list none of them while the
 * event's calendar feed, which starts at the first one, would show them. An occurrence under
 * way is still materialized (see {@link startOfFuture}), so a start earlier today is fine as
 * long as that occurrence has not ended.
 */
function refuseEndedStart(draft: EventDraft, now: string): void {
  const end = endOf(localToInstant(draft.start, draft.timeZone), draft.durationMinutes);
  if (end <= Date.parse(now)) {
    throw new RotaError('in_the_past', `The occurrence at ${draft.start} has already ended`, {
      errors: [{ path: 'start', message: 'the first occurrence must not have ended' }],
    });
  }
}

/** Occurrences already under way are kept: materialization starts one occurrence-length back. */
function startOfFuture(event: EventRow, now: string): string {
  return addMinutes(now, -event.duration_minutes);
}

function later(a: string | null, b: string): string {
  return a !== null && Date.parse(a) > Date.parse(b) ? a : b;
}

/** Extends every published or draft event's materialized occurrences to `now + horizon`. */
export async function extendHorizon(
  { db, horizonDays }: StoreContext,
  now: string,
): Promise<{ occurrences: number; shifts: number }> {
  const until = addMinutes(now, horizonDays * 24 * 60);
  const due = await db
    .selectFrom('events')
    .select('id')
    .where('status', 'in', ['published', 'draft'])
    .where((eb) =>
      eb.or([
        eb('materialized_until', 'is', null),
        eb('materialized_until', '<', until),
        // An occurrence the horizon could not book is tried again (it may fit now).
        eb.exists(
          eb
            .selectFrom('occurrences as o')
            .select('o.id')
            .whereRef('o.event_id', '=', 'events.id')
            .where('o.resource_shortfall', 'is not', null)
            .where('o.start', '>=', now),
        ),
      ]),
    )
    .execute();
  const total = { occurrences: 0, shifts: 0 };
  for (const { id } of due) {
    const count = await db.transaction().execute(async (trx) => {
      const row = await lockEvent(trx, id);
      if (row === undefined || row.status === 'cancelled') return { occurrences: 0, shifts: 0 };
      const from = row.materialized_until ?? startOfFuture(row, now);
      const count =
        Date.parse(from) >= Date.parse(until)
          ? { occurrences: 0, shifts: 0 }
          : await materializeWindow(trx, row, from, until);
      if (row.status === 'published') await syncBookings(trx, row, now, { mode: 'lenient' });
      return count;
    });
    total.occurrences += count.occurrences;
    total.shifts += count.shifts;
  }
  return total;
}

export type { Event };
