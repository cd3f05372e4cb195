import {
  assertStorableText,
  availabilityIntervals,
  type BookingInTheWay,
  describeBookingsInTheWay,
  type Occurrence,
  type Resource,
  RotaError,
} from '@rota/core';
import { sql } from 'kysely';
import { loadOccurrences } from '../occurrences/occurrence-rows.ts';
import type { RotaDb } from '../rota-db.ts';
import type { ResourceTable } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import type { StoreContext } from '../support/store-context.ts';
import { assertUnitExists } from '../units/assert-unit-exists.ts';
import { conflictDetail } from './sync-bookings.ts';

type ResourceRow = Omit<ResourceTable, 'id' | 'version'> & { id: string; version: number };

function toResource(row: ResourceRow): Resource {
  return {
    id: row.id,
    unitId: row.unit_id,
    name: row.name,
    kind: row.kind,
    quantity: row.quantity,
    note: row.note,
    retired: row.retired_at !== null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface RawInTheWay {
  bookingId: string;
  eventId: string;
  title: string;
  occurrenceId: string;
  start: string;
  end: string;
  quantity: number;
}

/** Resources: equipment with a quantity; their availability; occurrences left unbooked. */
export function resourceStore({ db }: StoreContext): RotaDb['resources'] {
  return {
    async create(input, now) {
      assertStorableText(input);
      await assertUnitExists(db, input.unitId);
      const row = await db
        .insertInto('resources')
        .values({
          unit_id: input.unitId,
          name: input.name,
          kind: input.kind ?? null,
          quantity: input.quantity,
          note: input.note ?? null,
          retired_at: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toResource(row);
    },

    async get(id) {
      const row = await db
        .selectFrom('resources')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : toResource(row);
    },

    async list(filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const conditions = [sql`true`];
      if (filter.unitId !== undefined) {
        // Usable by an event of the unit: owned by the unit or a unit above it.
        conditions.push(sql`r.unit_id in (select o.id from units o
          where o.path @> (select u.path from units u where u.id = ${filter.unitId}))`);
      }
      if (filter.kind !== undefined) conditions.push(sql`r.kind = ${filter.kind}`);
      if (!filter.includeRetired) conditions.push(sql`r.retired_at is null`);
      if (filter.minFree !== undefined && filter.window !== undefined) {
        conditions.push(sql`r.quantity - rota_peak_booked(r.id,
          tstzrange(${filter.window.from}::timestamptz, ${filter.window.to}::timestamptz, '[)'))
          >= ${filter.minFree}`);
      }
      if (after !== undefined) {
        conditions.push(sql`(r.created_at, r.id) > (${after[0]}::timestamptz, ${after[1]})`);
      }
      const { rows } = await sql<ResourceRow>`
        select r.* from resources r where ${sql.join(conditions, sql` and `)}
        order by r.created_at, r.id limit ${limit + 1}`.execute(db);
      return toPage(rows, limit, toResource, (row) => [row.created_at, row.id]);
    },

    async update(id, patch, { ifVersion, now }) {
      assertStorableText(patch);
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('resources')
          .selectAll()
          .where('id', '=', id)
          .forNoKeyUpdate()
          .executeTakeFirst();
        if (current === undefined) throw new RotaError('not_found', `No resource ${id}`);
        if (ifVersion !== undefined && ifVersion !== current.version) {
          throw new RotaError(
            'version_conflict',
            `Resource ${id} is at version ${current.version}, not ${ifVersion}`,
          );
        }
        // The quantity trigger counts the bookings that end after the caller's "now".
        await sql`select set_config('rota.now', ${now}, true)`.execute(trx);
        const retiredAt =
          patch.retired === undefined
            ? current.retired_at
            : patch.retired
              ? (current.retired_at ?? now)
              : null;
        try {
          const row = await trx
            .updateTable('resources')
            .set({
              name: patch.name ?? current.name,
              kind: patch.kind === undefined ? current.kind : patch.kind,
              note: patch.note === undefined ? current.note : patch.note,
              quantity: patch.quantity ?? current.quantity,
              retired_at: retiredAt,
              version: current.version + 1,
              updated_at: now,
            })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return toResource(row);
        } catch (error) {
          const raw = conflictDetail<RawInTheWay>(error);
          if (raw === undefined) throw error;
          const bookings: BookingInTheWay[] = raw.map((booking) => ({
            ...booking,
            start: new Date(booking.start).toISOString(),
            end: new Date(booking.end).toISOString(),
          }));
          const field = patch.retired ? 'retired' : 'quantity';
          throw new RotaError('resource_conflict', describeBookingsInTheWay(bookings, 'en'), {
            errors: [{ path: field, message: 'future bookings need more than this' }],
            extra: { bookings },
            cause: error,
          });
        }
      });
    },

    async availability(id, window) {
      const resource = await db
        .selectFrom('resources')
        .select(['quantity', 'retired_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (resource === undefined) return undefined;
      const { rows } = await sql<{ start: string; end: string; quantity: number }>`
        select lower(b.period) as start, upper(b.period) as "end", b.quantity from bookings b
        where b.resource_id = ${id}
          and b.period && tstzrange(${window.from}::timestamptz, ${window.to}::timestamptz, '[)')`.execute(
        db,
      );
      const quantity = resource.retired_at === null ? resource.quantity : 0;
      return availabilityIntervals(
        quantity,
        rows.map((row) => ({
          start: Date.parse(row.start),
          end: Date.parse(row.end),
          quantity: row.quantity,
        })),
        window.from,
        window.to,
      );
    },

    async shortfalls(filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const conditions = [
        sql`o.resource_shortfall is not null`,
        sql`o.status = 'scheduled'`,
        sql`o.start >= ${filter.from}::timestamptz`,
        sql`e.status = 'published'`,
      ];
      if (filter.unitId !== undefined) {
        conditions.push(sql`e.unit_id in (select u.id from units u
          where u.path <@ (select p.path from units p where p.id = ${filter.unitId}))`);
      }
      if (after !== undefined) {
        conditions.push(sql`(o.start, o.id) > (${after[0]}::timestamptz, ${after[1]})`);
      }
      const ids = await sql<{ id: string; start: string }>`
        select o.id, o.start from occurrences o join events e on e.id = o.event_id
        where ${sql.join(conditions, sql` and `)}
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
  };
}
