// A RotaDb with just enough behaviour (units, tokens, idempotency) to test the plugins in
// isolation: auth, problem details, idempotency, overload. The routes' behaviour is tested
// against the real stores (units.test.ts, signups.test.ts, ...); every other method here throws.
import { randomUUID } from 'node:crypto';
import type { Unit } from '@rota/core';
import type { IdempotencyBegin, IdempotentCommand, RotaDb, TokenInfo } from '@rota/db';

export interface FakeDb extends RotaDb {
  /** Makes units.get and units.path wait for this promise (to hold a request in flight). */
  gate: Promise<void> | undefined;
  /** Makes units.get throw this (an unexpected failure, e.g. a driver error). */
  failure: Error | undefined;
}

export function createFakeDb(): FakeDb {
  const units = new Map<string, Unit>();
  const tokens = new Map<string, TokenInfo & { token: string }>();
  const claims = new Map<string, { hash: string; status?: number; body?: unknown }>();
  const notHere = () => {
    throw new Error('not in the fake');
  };
  const db: FakeDb = {
    kind: 'pglite',
    gate: undefined,
    failure: undefined,
    migrate: async () => {},
    close: async () => {},
    async ping() {
      if (db.failure) throw db.failure;
    },
    units: {
      async create(input) {
        const unit = {
          id: randomUUID(),
          name: input.name,
          kind: input.kind,
          parentId: input.parentId ?? null,
        };
        units.set(unit.id, unit);
        return unit;
      },
      async get(id) {
        if (db.failure) throw db.failure;
        if (db.gate) await db.gate;
        return units.get(id);
      },
      async list() {
        return { items: [...units.values()], nextCursor: null };
      },
      async path(id) {
        if (db.gate) await db.gate;
        const path: string[] = [];
        for (
          let unit = units.get(id);
          unit;
          unit = unit.parentId ? units.get(unit.parentId) : undefined
        ) {
          path.unshift(unit.id);
        }
        return path.length === 0 ? undefined : path;
      },
    },
    tokens: {
      async create(input) {
        const created = {
          id: randomUUID(),
          role: input.role,
          unitId: input.unitId ?? null,
          personId: input.personId ?? null,
          label: input.label ?? null,
          token: input.secret ?? randomUUID(),
        };
        tokens.set(created.token, created);
        return created;
      },
      async verify(secret) {
        const found = tokens.get(secret);
        if (!found) return undefined;
        const { token: _secret, ...info } = found;
        return info;
      },
      get: notHere,
      delete: notHere,
      async hasAdmin() {
        return [...tokens.values()].some((token) => token.role === 'admin');
      },
    },
    idempotency: {
      // No transactions here: a rollback forgets the claim, the fake's writes stay.
      async open(scope, key, requestHash): Promise<IdempotentCommand> {
        const id = `${scope}\n${key}`;
        const claim = claims.get(id);
        if (claim) {
          if (claim.hash !== requestHash) return { state: 'mismatch' };
          if (claim.status === undefined) return { state: 'in_flight' };
          return { state: 'replay', status: claim.status, body: claim.body };
        }
        const mine: { hash: string; status?: number; body?: unknown } = { hash: requestHash };
        claims.set(id, mine);
        return {
          state: 'new',
          run: (fn) => fn(),
          async commit(status, body) {
            Object.assign(mine, { status, body });
          },
          async rollback() {
            claims.delete(id);
          },
        };
      },
      async peek(scope, key, requestHash): Promise<IdempotencyBegin> {
        const claim = claims.get(`${scope}\n${key}`);
        if (!claim || claim.status === undefined) return { state: 'new' };
        if (claim.hash !== requestHash) return { state: 'mismatch' };
        return { state: 'replay', status: claim.status, body: claim.body };
      },
      purge: notHere,
    },
    signIn: new Proxy({}, { get: () => notHere }) as RotaDb['signIn'],
    people: new Proxy({}, { get: () => notHere }) as RotaDb['people'],
    events: new Proxy({}, { get: () => notHere }) as RotaDb['events'],
    occurrences: new Proxy({}, { get: () => notHere }) as RotaDb['occurrences'],
    shifts: new Proxy({}, { get: () => notHere }) as RotaDb['shifts'],
    signups: new Proxy({}, { get: () => notHere }) as RotaDb['signups'],
    webhooks: new Proxy({}, { get: () => notHere }) as RotaDb['webhooks'],
    notifications: new Proxy({}, { get: () => notHere }) as RotaDb['notifications'],
    jobs: new Proxy({}, { get: () => notHere }) as RotaDb['jobs'],
    resources: new Proxy({}, { get: () => notHere }) as RotaDb['resources'],
    extendHorizon: notHere,
  };
  return db;
}
