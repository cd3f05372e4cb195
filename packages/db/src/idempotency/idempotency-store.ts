import { isRotaError, RotaError } from '@rota/core';
import type { Kysely, Selectable } from 'kysely';
import { sql, type Transaction } from 'kysely';
import type { IdempotencyBegin, IdempotentCommand, RotaDb } from '../rota-db.ts';
import type { Database, IdempotencyTable } from '../schema.ts';
import { type CommandScope, inCommandScope } from '../support/command-transaction.ts';
import { pgErrorInfo } from '../support/db-errors.ts';
import type { StoreContext } from '../support/store-context.ts';
import { hashIdempotencyKey, openAnswer, sealAnswer } from './sealed-answer.ts';

/**
 * How long a request waits for another request holding the same key before it answers 409
 * `idempotency_key_in_flight`: the other usually commits within milliseconds, and then this one
 * replays its answer.
 */
const IN_FLIGHT_WAIT_MS = 2000;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Inside a signup's transaction: claims `(scope, key)` and locks its record. Concurrent
 * requests with one key queue on the record; when the first commits, the others find its
 * response and replay it. Returns the stored body on a replay. The row holds the key's hash
 * and the answer sealed with the key (`sealed-answer.ts`): the database alone reveals neither.
 */
export async function claimInTransaction(
  trx: Transaction<Database>,
  claim: { scope: string; key: string; requestHash: string },
  now: string,
): Promise<{ replay: true; status: number; body: unknown } | { replay: false }> {
  const keyHash = hashIdempotencyKey(claim.key);
  await trx
    .insertInto('idempotency_records')
    .values({
      scope: claim.scope,
      key_hash: keyHash,
      request_hash: claim.requestHash,
      status: null,
      sealed_body: null,
      claimed_at: now,
      completed_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['scope', 'key_hash']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('idempotency_records')
    .selectAll()
    .where('scope', '=', claim.scope)
    .where('key_hash', '=', keyHash)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.request_hash !== claim.requestHash) {
    throw new RotaError('idempotency_key_reused');
  }
  // A record never completed (written by a version that claimed keys in a statement of their
  // own, whose process then crashed) is taken over: its claim wrote nothing.
  const answer = recordedAnswer(row, claim);
  if (answer !== undefined) return { replay: true, ...answer };
  return { replay: false };
}

/** Records the response of a claimed key, sealed with the key, in the caller's transaction. */
export async function completeInTransaction(
  trx: Transaction<Database>,
  claim: { scope: string; key: string },
  status: number,
  body: unknown,
  now: string,
): Promise<void> {
  await trx
    .updateTable('idempotency_records')
    .set({
      status,
      sealed_body: sealAnswer(claim.key, claim.scope, status, body),
      completed_at: now,
    })
    .where('scope', '=', claim.scope)
    .where('key_hash', '=', hashIdempotencyKey(claim.key))
    .execute();
}

/** The answer a completed record replays, opened with the raw key; undefined while unfinished. */
function recordedAnswer(
  row: Selectable<IdempotencyTable>,
  claim: { scope: string; key: string },
): { status: number; body: unknown } | undefined {
  if (row.completed_at === null || row.status === null || row.sealed_body === null) {
    return undefined;
  }
  return {
    status: row.status,
    body: openAnswer(claim.key, claim.scope, row.status, row.sealed_body),
  };
}

function settled(
  row: Selectable<IdempotencyTable>,
  claim: { scope: string; key: string; requestHash: string },
): IdempotencyBegin | undefined {
  if (row.request_hash !== claim.requestHash) return { state: 'mismatch' };
  const answer = recordedAnswer(row, claim);
  return answer && { state: 'replay', ...answer };
}

/**
 * Opens the transaction of a command run under `claim`'s key and claims the key in it, first
 * thing. The command's writes (every store, through `commandAware`) and the recorded answer
 * then commit together, or not at all: after a crash, the key is done or free, never held.
 * A concurrent request with the same key waits on the claim's row (at most
 * IN_FLIGHT_WAIT_MS), then replays the first answer.
 */
async function openCommand(
  db: Kysely<Database>,
  claim: { scope: string; key: string; requestHash: string },
  now: string,
): Promise<IdempotentCommand> {
  const trx = await db.startTransaction().execute();
  try {
    await sql.raw(`set local lock_timeout = ${IN_FLIGHT_WAIT_MS}`).execute(trx);
    const claimed = await claimInTransaction(trx, claim, now);
    await sql`set local lock_timeout to default`.execute(trx);
    if (claimed.replay) {
      await trx.rollback().execute();
      return { state: 'replay', status: claimed.status, body: claimed.body };
    }
  } catch (error) {
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    if (isRotaError(error) && error.code === 'idempotency_key_reused') return { state: 'mismatch' };
    if (pgErrorInfo(error).code === LOCK_NOT_AVAILABLE) return { state: 'in_flight' };
    throw error;
  }
  const scope: CommandScope = { trx };
  const end = () => {
    const open = scope.trx !== undefined;
    scope.trx = undefined;
    return open;
  };
  return {
    state: 'new',
    run: (fn) => inCommandScope(scope, fn),
    async commit(status, body) {
      if (!end()) return;
      try {
        await completeInTransaction(trx, claim, status, body, now);
        await trx.commit().execute();
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => {});
        throw error;
      }
    },
    async rollback() {
      if (!end()) return;
      await trx.rollback().execute();
    },
  };
}

/**
 * Idempotency records: a command's claim in its own transaction, replay, purge
 * (`Idempotency-Key`). `db` is the plain database (not command-aware): a command opens here.
 */
export function idempotencyStore({ db }: StoreContext): RotaDb['idempotency'] {
  return {
    open: (scope, key, requestHash, now) => openCommand(db, { scope, key, requestHash }, now),

    async peek(scope, key, requestHash) {
      const row = await db
        .selectFrom('idempotency_records')
        .selectAll()
        .where('scope', '=', scope)
        .where('key_hash', '=', hashIdempotencyKey(key))
        .executeTakeFirst();
      // An unfinished record (another request's claim, not committed yet; or one left by an
      // older version) is left to the claim in the command's transaction.
      return (row && settled(row, { scope, key, requestHash })) ?? { state: 'new' };
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
