// Wraps a RotaDb so that a test can tell whether a request wrote anything: every store
// method that changes rows is recorded by name before it runs (a signup for someone else: once
// it succeeds, see below). Reads pass through untouched.
import type { RotaDb } from '@rota/db';

/** The methods of RotaDb that write, by store ('' for the top level). */
const writeMethods: Record<string, readonly string[]> = {
  '': ['migrate', 'extendHorizon'],
  units: ['create'],
  tokens: ['create', 'delete'],
  // verifySession writes only a session's last use (at most once a minute): not a write the
  // matrix's "refused requests write nothing" is about.
  signIn: ['createLink', 'deleteLink', 'exchange', 'endSession', 'revokePersonAccess'],
  people: ['create', 'update', 'rotateFeedKey'],
  events: ['create', 'update', 'publish', 'cancel'],
  occurrences: ['update'],
  shifts: ['setCapacity'],
  signups: ['create', 'cancel', 'checkIn', 'checkOut', 'noShow'],
  idempotency: ['open', 'purge'],
  webhooks: ['create', 'update', 'delete', 'rotateSecret', 'redeliver', 'ping', 'recordAttempt'],
  notifications: ['markRead', 'setPreferences', 'dispatch', 'sweepReminders', 'recordSend'],
  resources: ['create', 'update'],
};

export interface WriteSpy {
  /** The database to hand to buildApp. */
  db: RotaDb;
  /** `store.method` of every write since the last reset, in call order. */
  writes: string[];
  reset(): void;
}

function wrap<T extends object>(target: T, store: string, writes: string[]): T {
  const names = writeMethods[store] ?? [];
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (!names.includes(property)) return value.bind(object);
      const name = store === '' ? property : `${store}.${property}`;
      return (...args: unknown[]) => {
        // A signup made for someone else is authorized by the store itself, in the signup's
        // own transaction (the desk's path reads nothing before it): a refusal rolls that
        // transaction back, so only a call that succeeds counts as a write.
        if (name === 'signups.create' && (args[2] as { actor?: unknown } | undefined)?.actor) {
          return (value.apply(object, args) as Promise<unknown>).then((result) => {
            writes.push(name);
            return result;
          });
        }
        writes.push(name);
        return value.apply(object, args);
      };
    },
  });
}

/**
 * Returns a RotaDb that records its writes.
 *
 * @example
 * const spy = spyOnWrites(db);
 * const app = await buildApp({ db: spy.db });
 * spy.reset(); await app.inject(...); t.same(spy.writes, []);
 */
export function spyOnWrites(db: RotaDb): WriteSpy {
  const writes: string[] = [];
  const stores = new Map<string, object>();
  const root = wrap(db, '', writes);
  const spied = new Proxy(root, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof property === 'string' && property in writeMethods && typeof value === 'object') {
        let store = stores.get(property);
        if (!store) {
          store = wrap(value as object, property, writes);
          stores.set(property, store);
        }
        return store;
      }
      return value;
    },
  });
  return {
    db: spied,
    writes,
    reset() {
      writes.length = 0;
    },
  };
}
