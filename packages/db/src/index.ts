/**
 * @rota/db: the only code that talks to the database. `createDatabase(config)` opens PGlite
 * (embedded) or PostgreSQL (`config.url`) and returns the stores.
 */
export type * from './rota-db.ts';
