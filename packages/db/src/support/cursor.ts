import { invalidField } from '@rota/core';

/** Keyset position: the sort value and the id of the last row of a page. */
export type CursorKey = [string, string];

/** An opaque cursor for a keyset position. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Reads a cursor from {@link encodeCursor}; anything else is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): CursorKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the validation error
  }
  throw invalidField('cursor', 'is not a cursor from a previous page');
}

/** The page size: 1-500, default 50. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw invalidField('limit', 'must be an integer from 1 to 500');
  }
  return limit;
}

/** Cuts `limit + 1` fetched rows into a page with the cursor of its last item. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  key: (row: R) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
