import { randomBytes } from 'node:crypto';
import {
  ATTENDANCE_TOLERANCE_MINUTES,
  assertStorableText,
  formatInstant,
  type Hours,
  type Person,
  RotaError,
} from '@rota/core';
import { sql, type Transaction } from 'kysely';
import type { RotaDb } from '../rota-db.ts';
import type { Database, PersonTable } from '../schema.ts';
import {
  type SignupWithShiftRow,
  signupWithShiftColumns,
  toSignupWithShift,
} from '../signups/signup-rows.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import type { StoreContext } from '../support/store-context.ts';
import { hashSecret } from '../tokens/token-store.ts';
import { listTags } from './list-tags.ts';
import { nameSearchKey } from './name-search-key.ts';
import { normalizePhone } from './normalize-phone.ts';
import { personWithPhone, searchPeople } from './search-people.ts';

function toPerson(row: Omit<PersonTable, 'id' | 'name_key'> & { id: string }): Person {
  return {
    id: row.id,
    name: row.name,
    unitId: row.unit_id,
    phone: row.phone,
    birthDate: row.birth_date,
    tags: row.tags,
  };
}

/**
 * Serializes the writers of one phone number until their transactions end: two organizers
 * adding the same person at once would otherwise both find no duplicate and both insert. Under
 * READ COMMITTED the check that follows the lock sees what the other one committed.
 */
async function lockPhone(trx: Transaction<Database>, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`rota.person-phone:${phone}`}))`.execute(trx);
}

/** 409 `duplicate_person` on `phone`, naming the person who has it. */
function duplicatePerson(existingId: string): RotaError {
  return new RotaError(
    'duplicate_person',
    `Person ${existingId} already has this phone number (send allowDuplicatePhone: true to add another person with it)`,
    {
      errors: [{ path: 'phone', message: `already used by person ${existingId}` }],
      extra: { existingId },
    },
  );
}

function unitNotFound(unitId: string): RotaError {
  return new RotaError('not_found', `Unit ${unitId} does not exist`, {
    errors: [{ path: 'unitId', message: 'no such unit' }],
  });
}

/** People: volunteers and residents, their signups and hours. */
export function peopleStore({ db }: StoreContext): RotaDb['people'] {
  async function unitExists(unitId: string): Promise<boolean> {
    const row = await db
      .selectFrom('units')
      .select('id')
      .where('id', '=', unitId)
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    async create(input, options = {}) {
      assertStorableText(input);
      const phone = normalizePhone(input.phone);
      if (!(await unitExists(input.unitId))) throw unitNotFound(input.unitId);
      const scope = options.duplicatePhoneScope;
      const row = await db.transaction().execute(async (trx) => {
        if (phone !== null && scope !== undefined) {
          await lockPhone(trx, phone);
          const existing = await personWithPhone(trx, phone, scope);
          if (existing !== undefined) throw duplicatePerson(existing);
        }
        return trx
          .insertInto('people')
          .values({
            name: input.name,
            name_key: nameSearchKey(input.name),
            unit_id: input.unitId,
            phone,
            birth_date: input.birthDate ?? null,
            tags: [...new Set(input.tags ?? [])],
            // No calendar feed key until someone asks for one (rotateFeedKey).
            feed_key_hash: null,
            created_at: sql<string>`date_trunc('milliseconds', now())`,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return toPerson(row);
    },

    async get(id) {
      const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toPerson(row);
    },

    async rotateFeedKey(id) {
      const key = randomBytes(24).toString('base64url');
      const row = await db
        .updateTable('people')
        .set({ feed_key_hash: hashSecret(key) })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      return row === undefined ? undefined : key;
    },

    async byFeedKey(id, key) {
      // The hash is compared in the database: comparing hashes leaks nothing usable about
      // the key through timing.
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', id)
        .where('feed_key_hash', '=', hashSecret(key))
        .executeTakeFirst();
      return row === undefined ? undefined : toPerson(row);
    },

    async update(id, patch, options = {}) {
      assertStorableText(patch);
      const phone = patch.phone === undefined ? undefined : normalizePhone(patch.phone);
      if (patch.unitId !== undefined && !(await unitExists(patch.unitId))) {
        throw unitNotFound(patch.unitId);
      }
      const scope = options.duplicatePhoneScope;
      const row = await db.transaction().execute(async (trx) => {
        // Only a changed phone is checked: a person keeps a number they already share.
        if (phone !== undefined && phone !== null && scope !== undefined) {
          await lockPhone(trx, phone);
          const current = await trx
            .selectFrom('people')
            .select('phone')
            .where('id', '=', id)
            .executeTakeFirst();
          if (current !== undefined && current.phone !== phone) {
            const existing = await personWithPhone(trx, phone, scope, id);
            if (existing !== undefined) throw duplicatePerson(existing);
          }
        }
        return trx
          .updateTable('people')
          .set({
            ...(patch.name !== undefined
              ? { name: patch.name, name_key: nameSearchKey(patch.name) }
              : {}),
            ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
            ...(phone !== undefined ? { phone } : {}),
            ...(patch.birthDate !== undefined ? { birth_date: patch.birthDate } : {}),
            ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
      });
      if (row === undefined) throw new RotaError('not_found', `Person ${id} does not exist`);
      return toPerson(row);
    },

    search(filter) {
      return searchPeople(db, filter, toPerson);
    },

    tags(unitId) {
      return listTags(db, unitId);
    },

    async signups(personId, filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const conditions = [sql`g.person_id = ${personId}`];
      if (filter.from !== undefined) conditions.push(sql`s.start >= ${filter.from}::timestamptz`);
      if (filter.to !== undefined) conditions.push(sql`s.start < ${filter.to}::timestamptz`);
      if (filter.status !== undefined) conditions.push(sql`g.status = ${filter.status}`);
      if (after !== undefined) {
        conditions.push(sql`(s.start, g.id) > (${after[0]}::timestamptz, ${after[1]})`);
      }
      const { rows } = await sql<SignupWithShiftRow>`
        select ${signupWithShiftColumns}
        from signups g join shifts s on s.id = g.shift_id join events e on e.id = s.event_id
        where ${sql.join(conditions, sql` and `)}
        order by s.start, g.id
        limit ${limit + 1}`.execute(db);
      return toPage(rows, limit, toSignupWithShift, (row) => [row.shift_start, row.id]);
    },

    async hours(personId, window, now): Promise<Hours> {
      // Hours are credited for confirmed volunteer signups whose shift has ended and that were
      // not marked no-show; checked-in/out times count when both are there, clipped to the
      // shift widened by the attendance tolerance: a time recorded before attendance was
      // bounded (year 0001 to 9999) credits at most that, and no sum can overflow (bigint per
      // row, each bounded by its shift).
      const tolerance = `${ATTENDANCE_TOLERANCE_MINUTES} minutes`;
      const { rows } = await sql<{
        signup_id: string;
        shift_id: string;
        event_title: string;
        start: string;
        time_zone: string;
        minutes: number;
      }>`
        select g.id as signup_id, s.id as shift_id, e.title as event_title, s.start, e.time_zone,
          greatest(0, floor(extract(epoch from (
            case when g.checked_in_at is not null and g.checked_out_at is not null
              then least(g.checked_out_at, s."end" + ${tolerance}::interval)
                - greatest(g.checked_in_at, s.start - ${tolerance}::interval)
              else s."end" - s.start end
          )) / 60))::bigint as minutes
        from signups g join shifts s on s.id = g.shift_id join events e on e.id = s.event_id
        where g.person_id = ${personId} and g.status = 'confirmed' and not g.no_show
          and g.role = 'volunteer'
          and s.start >= ${window.from}::timestamptz and s.start < ${window.to}::timestamptz
          and s."end" <= ${now}::timestamptz
        order by s.start, g.id`.execute(db);
      const items = rows.map((row) => ({
        signupId: row.signup_id,
        shiftId: row.shift_id,
        eventTitle: row.event_title,
        start: formatInstant(row.start, row.time_zone),
        minutes: Number(row.minutes),
      }));
      return { totalMinutes: items.reduce((sum, item) => sum + item.minutes, 0), items };
    },

    async calendar(personId, window) {
      const { rows } = await sql<SignupWithShiftRow>`
        select ${signupWithShiftColumns}
        from signups g join shifts s on s.id = g.shift_id join events e on e.id = s.event_id
        where g.person_id = ${personId} and g.status in ('confirmed', 'cancelled')
          and s.start < ${window.to}::timestamptz and s."end" > ${window.from}::timestamptz
        order by s.start, g.id`.execute(db);
      return rows.map(toSignupWithShift);
    },
  };
}
