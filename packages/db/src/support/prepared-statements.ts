// Named prepared statements, on demand (`preparedStatements: true`; off by default), for the
// statements that run on every signup batch and every request's token lookup. Kysely sends
// every statement unnamed, so PostgreSQL parses and plans it each time; with the option a
// statement whose text starts with `preparedMark` is sent by name instead, parsed once per
// connection, and planned with its values under the session's `force_custom_plan`
// (docs/decisions/0008 and its amendment: why unnamed is the default). Only marked statements are prepared: their text must not vary with the
// input (arrays travel as one parameter), or each variant would stay prepared on the connection.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

/** Put first in a statement's text to have it prepared (PostgreSQL through `pg` only). */
export const preparedMark = '/* rota:prepared */';
export const prepared = sql.raw(`${preparedMark} `);

// Statement text -> its name; marked texts are few and constant, so this stays small.
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `rota_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/** Makes `client` send marked statements as named prepared statements. */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(preparedMark) && Array.isArray(values)) {
      return query({ name: nameOf(text), text, values });
    }
    return query(...args);
  };
  (client as unknown as { query: typeof patched }).query = patched;
}
