import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import { eventStore, extendHorizon } from './events/event-store.ts';
import { idempotencyStore } from './idempotency/idempotency-store.ts';
import { createJobQueue } from './jobs/job-queue.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { notificationStore } from './notifications/notification-store.ts';
import { webhookStore } from './notifications/webhook-store.ts';
import { occurrenceStore } from './occurrences/occurrence-store.ts';
import { peopleStore } from './people/people-store.ts';
import { resourceStore } from './resources/resource-store.ts';
import type { RotaDb } from './rota-db.ts';
import type { Database } from './schema.ts';
import { shiftStore } from './shifts/shift-store.ts';
import { signInStore } from './sign-in/sign-in-store.ts';
import { signupStore } from './signups/signup-store.ts';
import { commandAware } from './support/command-transaction.ts';
import type { StoreContext } from './support/store-context.ts';
import { tokenStore } from './tokens/token-store.ts';
import { unitStore } from './units/unit-store.ts';

/** Assembles the stores over one Kysely instance. Internal: use createDatabase. */
export function buildRotaDb(
  db: Kysely<Database>,
  kind: 'pglite' | 'postgres',
  settings: Omit<StoreContext, 'db'>,
  jobBackend: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string },
): RotaDb & { readonly kysely: Kysely<Database> } {
  // The stores query through `commandAware`: inside a command opened by `idempotency.open`
  // they write in its transaction. The queue, the migrations and the idempotency store itself
  // keep the plain instance.
  const stores = commandAware(db);
  const context: StoreContext = { db: stores, kind, ...settings };
  const jobs = createJobQueue(db, jobBackend);
  return {
    kind,
    kysely: db,
    migrate: () => migrateToLatest(db),
    async close() {
      await jobs.stop({ graceful: false });
      await db.destroy();
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    units: unitStore(context),
    tokens: tokenStore(context),
    signIn: signInStore(context),
    people: peopleStore(context),
    events: eventStore(context),
    occurrences: occurrenceStore(context),
    shifts: shiftStore(context),
    signups: signupStore(context),
    idempotency: idempotencyStore({ ...context, db }),
    webhooks: webhookStore(stores, jobs),
    notifications: notificationStore(stores, jobs),
    jobs,
    resources: resourceStore(context),
    extendHorizon: (now) => extendHorizon(context, now),
  };
}
