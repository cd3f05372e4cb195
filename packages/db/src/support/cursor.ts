import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidField } from '@rota/core';

/** Keyset position: the sort value (an instant) and the id of the last row of a page. */
export type CursorKey = [string, string];

// The key that signs cursors: the database's own `cursor` secret (migration 0010), read when the
// database opens, so that every process on one database signs alike. The first database opened
// in a process keys it (tests open several; any one key works as long as it stays the same);
// until then, a random key of this process.
let cursorKey: Buffer | undefined;

/** Sets the process's cursor key from a database's secret, unless one is set already. */
export function useCursorSecret(secret: string): void {
  cursorKey ??= Buffer.from(secret, 'utf8');
}

function key(): Buffer {
  cursorKey ??= randomBytes(32);
  return cursorKey;
}

function sign(payload: string): string {
  return createHmac('sha256', key()).update(payload).digest('base64url').slice(0, 22);
}

/** An opaque cursor for a keyset position: the position and its HMAC, base64url. */
export function encodeCursor(position: CursorKey): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a cursor from {@link encodeCursor}. Anything else (another signature, a hand-made
 * position such as `["garbage","x"]`, which the database would fail to cast) is a 400 on
 * `cursor`, before any query.
 */
export function decodeCursor(cursor: string | undefined): CursorKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (payload !== undefined && signature !== undefined && extra === undefined) {
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      try {
        const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (
          Array.isArray(value) &&
          value.length === 2 &&
          typeof value[0] === 'string' &&
          instant.test(value[0]) &&
          Number.isFinite(Date.parse(value[0])) &&
          typeof value[1] === 'string'
        ) {
          return [value[0], value[1]];
        }
      } catch {
        // falls through to the validation error
      }
    }
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
