import { createHash, randomBytes } from 'node:crypto';
import { assertStorableText } from '@rota/core';
import DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { RotaDb, TokenInfo } from '../rota-db.ts';
import type { TokenTable } from '../schema.ts';
import { prepared } from '../support/prepared-statements.ts';
import type { StoreContext } from '../support/store-context.ts';

/** SHA-256 of a token's secret, hex: the only form a secret is stored in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function toInfo(row: Omit<TokenTable, 'id'> & { id: string }): TokenInfo {
  return {
    id: row.id,
    role: row.role,
    unitId: row.unit_id,
    personId: row.person_id,
    label: row.label,
  };
}

/** Bearer tokens, stored as hashes. */
export function tokenStore({ db }: StoreContext): RotaDb['tokens'] {
  // Every request verifies its token: under load that is one round trip per request, more than
  // the signup itself costs once signups share transactions. Lookups made in the same turn of
  // the event loop go out as one statement. Nothing is cached: a deleted token stops working
  // at once.
  const bySecretHash = new DataLoader<string, TokenInfo | undefined>(
    async (hashes) => {
      const { rows } = await sql<TokenTable & { id: string }>`${prepared}
        select * from tokens where secret_hash = any(${[...hashes]}::text[])`.execute(db);
      const found = new Map(rows.map((row) => [row.secret_hash, toInfo(row)]));
      return hashes.map((hash) => found.get(hash));
    },
    { cache: false, batchScheduleFn: (callback) => setImmediate(callback), maxBatchSize: 500 },
  );
  return {
    async create(input) {
      assertStorableText(input);
      const secret = input.secret ?? `rota_${randomBytes(24).toString('base64url')}`;
      const secretHash = hashSecret(secret);
      // A given secret (ROTA_ADMIN_TOKEN) may already exist: then it is returned as it is.
      await db
        .insertInto('tokens')
        .values({
          secret_hash: secretHash,
          role: input.role,
          unit_id: input.unitId ?? null,
          person_id: input.personId ?? null,
          label: input.label ?? null,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.column('secret_hash').doNothing())
        .execute();
      const row = await db
        .selectFrom('tokens')
        .selectAll()
        .where('secret_hash', '=', secretHash)
        .executeTakeFirstOrThrow();
      return { ...toInfo(row), token: secret };
    },

    verify: (secret) => bySecretHash.load(hashSecret(secret)),

    async get(id) {
      const row = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toInfo(row);
    },

    async delete(id) {
      const result = await db.deleteFrom('tokens').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async hasAdmin() {
      const row = await db
        .selectFrom('tokens')
        .select('id')
        .where('role', '=', 'admin')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
