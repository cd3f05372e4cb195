import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

let counter = 0;

/**
 * Runs `fn` under a SAVEPOINT: when it throws, only its own writes are undone and the
 * transaction stays usable; the error is rethrown.
 */
export async function inSavepoint<T>(trx: Transaction<Database>, fn: () => Promise<T>): Promise<T> {
  counter = (counter + 1) % 1_000_000;
  const name = sql.id(`rota_sp_${counter}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const value = await fn();
    await sql`release savepoint ${name}`.execute(trx);
    return value;
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    throw error;
  }
}
