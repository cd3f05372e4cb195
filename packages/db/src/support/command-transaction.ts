import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { inSavepoint } from './savepoint.ts';

/** The transaction of one command while it runs; `trx` is cleared when it ends. */
export interface CommandScope {
  trx: Transaction<Database> | undefined;
}

const scopes = new AsyncLocalStorage<CommandScope>();

/**
 * Runs `fn` inside the command's transaction: every store of the RotaDb (through
 * {@link commandAware}) queries on `scope.trx`, so that everything the command writes commits
 * or rolls back with what its caller wrote there first (an Idempotency-Key's claim). Work that
 * `fn` leaves running after the transaction ends falls back to the plain database.
 */
export function inCommandScope<T>(scope: CommandScope, fn: () => Promise<T>): Promise<T> {
  return scopes.run(scope, fn);
}

/** The transaction of the command running here, if any. */
export function commandTransaction(): Transaction<Database> | undefined {
  return scopes.getStore()?.trx;
}

/** A stand-in for `db.transaction()` inside a command: a savepoint in its transaction. */
function savepointBuilder(trx: Transaction<Database>) {
  const builder = {
    // The command's transaction has its isolation and access mode already.
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
    execute: <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
      inSavepoint(trx, () => fn(trx)),
  };
  return builder as unknown as ReturnType<Kysely<Database>['transaction']>;
}

/**
 * The Kysely instance the stores use: outside a command it is `db` itself; inside one
 * ({@link inCommandScope}) every query goes to the command's transaction, and a store's own
 * `db.transaction()` becomes a savepoint in it (a refusal undoes only its own writes, as a
 * rolled-back transaction did). One mechanism for every store, instead of a transaction
 * parameter on each method.
 */
export function commandAware(db: Kysely<Database>): Kysely<Database> {
  // Kysely keeps its state in private fields: methods run bound to the real object, never to
  // the proxy. The plain database's bound methods are made once (every query passes here).
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(db, {
    get(target, property) {
      const trx = commandTransaction();
      if (trx === undefined) {
        if (bound.has(property)) return bound.get(property);
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = value.bind(target);
        bound.set(property, method);
        return method;
      }
      if (property === 'transaction') return () => savepointBuilder(trx);
      const value = Reflect.get(trx, property, trx);
      return typeof value === 'function' ? value.bind(trx) : value;
    },
  });
}
