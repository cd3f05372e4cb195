/**
 * @rota/db: the only code that talks to the database. `createDatabase(config)` opens PGlite
 * (embedded) or PostgreSQL (`config.url`) and returns the stores. Test tooling
 * (`createTestDatabase`) is in `@rota/db/testing`.
 */
export { createDatabase } from './create-database.ts';
export type { JobQueue } from './jobs/job-queue.ts';
export { queues, webhookRetry } from './jobs/job-queue.ts';
export { type OutboxEvent, recordEvents } from './notifications/record-events.ts';
export type * from './rota-db.ts';
export { isDatabaseUnavailable } from './support/is-database-unavailable.ts';
