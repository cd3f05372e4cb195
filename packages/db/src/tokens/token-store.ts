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

type TokenRow = Omit<TokenTable, 'id'> & { id: string };

/** A token's row; with `person_language` (joined by `verify`), the person's language too. */
function toInfo(row: TokenRow & { person_language?: 'zh-CN' | 'en' | null }): TokenInfo {
  const info: TokenInfo = {
    id: row.id,
    role: row.role,
    unitId: row.unit_id,
    personId: row.person_id,
    label: row.label,
    language: row.language,
  };
  if (row.person_language === undefined) return info;
  // A person who never chose a language reads Chinese (notification_preferences' default).
  return {
    ...info,
    personLanguage: row.person_id === null ? null : (row.person_language ?? 'zh-CN'),
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
      // The person's language comes along (one primary-key join): error answers follow it.
      const { rows } = await sql<TokenRow & { person_language: 'zh-CN' | 'en' | null }>`${prepared}
        select t.*, p.language as person_language
        from tokens t left join notification_preferences p on p.person_id = t.person_id
        where t.secret_hash = any(${[...hashes]}::text[])`.execute(db);
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
          language: input.language ?? null,
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
