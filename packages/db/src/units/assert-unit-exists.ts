import { RotaError } from '@rota/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** Throws `not_found` on `unitId` when the unit does not exist: the one answer every store gives. */
export async function assertUnitExists(
  db: Kysely<Database> | Transaction<Database>,
  unitId: string,
): Promise<void> {
  const row = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (row === undefined) {
    throw new RotaError('not_found', `Unit ${unitId} does not exist`, {
      errors: [{ path: 'unitId', message: 'no such unit' }],
    });
  }
}
