import { assertStorableText, RotaError, type Unit, type UnitInput } from '@rota/core';
import { type Kysely, sql } from 'kysely';
import type { RotaDb } from '../rota-db.ts';
import type { Database, UnitTable } from '../schema.ts';
import { decodeCursor, pageLimit, toPage } from '../support/cursor.ts';
import type { StoreContext } from '../support/store-context.ts';

type UnitRow = Omit<UnitTable, 'id'> & { id: string };

/** An id as an ltree label (labels allow letters, digits and `_`). */
function label(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

function toUnit(row: UnitRow): Unit {
  return { id: row.id, name: row.name, kind: row.kind as Unit['kind'], parentId: row.parent_id };
}

/** The ltree path of a unit, or undefined. */
export async function unitPath(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('units')
    .select(sql<string>`path::text`.as('path'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.path;
}

/** Units: a tree whose `path` (ltree) makes subtree queries one indexed scan. */
export function unitStore({ db }: StoreContext): RotaDb['units'] {
  return {
    async create(input: UnitInput): Promise<Unit> {
      assertStorableText(input);
      return db.transaction().execute(async (trx) => {
        const id = crypto.randomUUID();
        let path = label(id);
        const parentId = input.parentId ?? null;
        if (parentId !== null) {
          const parentPath = await unitPath(trx, parentId);
          if (parentPath === undefined) {
            throw new RotaError('not_found', `Unit ${parentId} does not exist`, {
              errors: [{ path: 'parentId', message: 'no such unit' }],
            });
          }
          path = `${parentPath}.${path}`;
        }
        const row = await trx
          .insertInto('units')
          .values({
            id,
            name: input.name,
            kind: input.kind,
            parent_id: parentId,
            path: sql<string>`${path}::ltree`,
            created_at: sql<string>`date_trunc('milliseconds', now())`,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUnit(row);
      });
    },

    async get(id) {
      const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toUnit(row);
    },

    async list(filter) {
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      let query = db.selectFrom('units').selectAll();
      if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId);
      if (after !== undefined) {
        query = query.where(
          sql<boolean>`(created_at, id) > (${after[0]}::timestamptz, ${after[1]})`,
        );
      }
      const rows = await query
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toUnit, (row) => [row.created_at, row.id]);
    },

    async path(id) {
      const rows = await sql<{ id: string }>`
        select a.id from units u join units a on a.path @> u.path
        where u.id = ${id} order by nlevel(a.path)`.execute(db);
      return rows.rows.length === 0 ? undefined : rows.rows.map((row) => row.id);
    },
  };
}
