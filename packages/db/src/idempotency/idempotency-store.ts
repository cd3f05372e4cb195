import { RotaError } from '@rota/core';
import type { Selectable } from 'kysely';
import { sql, type Transaction } from 'kysely';
import type { IdempotencyBegin, RotaDb } from '../rota-db.ts';
import type { Database, IdempotencyTable } from '../schema.ts';
import { addMinutes } from '../support/instants.ts';
import type { StoreContext } from '../support/store-context.ts';

const STALE_AFTER_SECONDS = 60;

/**
 * Inside a signup's transaction: claims `(scope, key)` and locks its record. Concurrent
 * requests with one key queue on the record; when the first commits, the others find its
 * response and replay it. Returns the stored body on a replay.
 */
export async function claimInTransaction(
  trx: Transaction<Database>,
  claim: { scope: string; key: string; requestHash: string },
  now: string,
): Promise<{ replay: true; body: unknown } | { replay: false }> {
  await trx
    .insertInto('idempotency_records')
    .values({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.requestHash,
      status: null,
      body: null,
      claimed_at: now,
      completed_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('idempotency_records')
    .selectAll()
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.request_hash !== claim.requestHash) {
    throw new RotaError('idempotency_key_reused');
  }
  if (row.completed_at !== null) return { replay: true, body: row.body };
  return { replay: false };
}

/** Records the response of a claimed key, in the caller's transaction. */
export async function completeInTransaction(
  trx: Transaction<Database>,
  claim: { scope: string; key: string },
  status: number,
  body: unknown,
  now: string,
): Promise<void> {
  await trx
    .updateTable('idempotency_records')
    .set({ status, body: JSON.stringify(body), completed_at: now })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .execute();
}

function settled(
  row: Selectable<IdempotencyTable>,
  requestHash: string,
): IdempotencyBegin | undefined {
  if (row.request_hash !== requestHash) return { state: 'mismatch' };
  if (row.completed_at !== null && row.status !== null) {
    return { state: 'replay', status: row.status, body: row.body };
  }
  return undefined;
}

/** Idempotency records: claim, replay, release and purge (`Idempotency-Key`). */
export function idempotencyStore({ db }: StoreContext): RotaDb['idempotency'] {
  return {
    async begin(scope, key, requestHash, now) {
      const inserted = await db
        .insertInto('idempotency_records')
        .values({
          scope,
          key,
          request_hash: requestHash,
          status: null,
          body: null,
          claimed_at: now,
          completed_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('scope')
        .executeTakeFirst();
      if (inserted !== undefined) return { state: 'new' };
      const row = await db
        .selectFrom('idempotency_records')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      // Purged in between: claim again.
      if (row === undefined) return this.begin(scope, key, requestHash, now);
      const answer = settled(row, requestHash);
      if (answer !== undefined) return answer;
      // A claim left by a crashed process: take it over, once (the claimed_at condition makes
      // two takers race on one row, and only one wins).
      const staleBefore = addMinutes(now, -STALE_AFTER_SECONDS / 60);
      const taken = await db
        .updateTable('idempotency_records')
        .set({ claimed_at: now })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('completed_at', 'is', null)
        .where('claimed_at', '<', staleBefore)
        .returning('scope')
        .executeTakeFirst();
      return taken !== undefined ? { state: 'new' } : { state: 'in_flight' };
    },

    async peek(scope, key, requestHash) {
      const row = await db
        .selectFrom('idempotency_records')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      // An unfinished record (a claim from before claims moved into the write's transaction)
      // is left to the store's claim, which waits on it or takes it over.
      return (row && settled(row, requestHash)) ?? { state: 'new' };
    },

    async complete(scope, key, status, body, now) {
      await db
        .insertInto('idempotency_records')
        .values({
          scope,
          key,
          request_hash: '',
          status,
          body: JSON.stringify(body),
          claimed_at: now,
          completed_at: now,
          created_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['scope', 'key']).doUpdateSet({
            status,
            body: JSON.stringify(body),
            completed_at: now,
          }),
        )
        .execute();
    },

    async release(scope, key) {
      await db
        .deleteFrom('idempotency_records')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('completed_at', 'is', null)
        .execute();
    },

    async purge(olderThan) {
      const result = await sql<{ n: number }>`
        with gone as (
          delete from idempotency_records where created_at < ${olderThan}::timestamptz
          returning 1
        ) select count(*) as n from gone`.execute(db);
      return result.rows[0]?.n ?? 0;
    },
  };
}
