import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { buildRotaDb } from './build-rota-db.ts';
import { createDataDir } from './create-data-dir.ts';
import { openPglite } from './open-pglite.ts';
import type { DatabaseConfig, RotaDb } from './rota-db.ts';
import type { Database } from './schema.ts';
import { useCursorSecret } from './support/cursor.ts';
import { pipelineBegin } from './support/pipelined-begin.ts';
import { prepareMarkedStatements } from './support/prepared-statements.ts';
import { typeParsers } from './support/type-parsers.ts';

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    const parser = typeParsers[oid];
    if (parser !== undefined && format !== 'binary') return parser;
    // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

/**
 * Keys the pagination cursors with the database's own secret (migration 0010), so that every
 * process on one database signs them alike. A database opened without migrations and without
 * the table keeps this process's random key.
 */
async function loadCursorSecret(kysely: Kysely<Database>): Promise<void> {
  try {
    const { rows } = await sql<{ value: string }>`
      select value from secrets where name = 'cursor'`.execute(kysely);
    if (rows[0] !== undefined) useCursorSecret(rows[0].value);
  } catch {
    // no secrets table: see above
  }
}

/**
 * The `plan_cache_mode` each pooled session is set to: the one asked for, else
 * `force_custom_plan` when the hot statements are prepared (a named statement may otherwise
 * keep a generic plan costed on small tables), else PostgreSQL's own `auto`: unnamed statements
 * are planned with their parameters on every execution whatever the mode, and under
 * `force_custom_plan` every foreign-key check and trigger statement would be planned again for
 * every row it runs for (docs/decisions/0008, amendment).
 */
export function sessionPlanCacheMode(
  options: Pick<DatabaseConfig, 'preparedStatements' | 'planCacheMode'>,
): 'force_custom_plan' | 'auto' {
  return options.planCacheMode ?? (options.preparedStatements ? 'force_custom_plan' : 'auto');
}

/** Internal: open options beyond the public config (a PGlite snapshot to start from). */
export interface OpenOptions extends DatabaseConfig {
  loadDataDir?: Blob | File | undefined;
  /** PostgreSQL: called with every new pooled connection (tests watch its notices). */
  onConnect?: ((client: pg.PoolClient) => void) | undefined;
}

/**
 * Opens Rota's database: PostgreSQL through `pg` when `config.url` is given, else the embedded
 * PGlite (a data folder, or in memory). Runs pending migrations unless `migrate: false`.
 *
 * @example
 * const db = await createDatabase({ dataDir: './.rota-data' });
 * const unit = await db.units.create({ name: '王家园社区', kind: 'community' });
 * await db.close();
 */
export async function createDatabase(config: DatabaseConfig = {}): Promise<RotaDb> {
  return openDatabase(config);
}

/** {@link createDatabase} with internal options. */
export async function openDatabase(options: OpenOptions): Promise<RotaDb> {
  let kysely: Kysely<Database>;
  let kind: 'pglite' | 'postgres';
  let jobBackend: Parameters<typeof buildRotaDb>[3];
  if (options.url !== undefined && options.url !== '') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      types: pgTypes,
      // A server that does not answer (a failover in progress, a dropped route) fails the
      // request as 503 database_unavailable after this long instead of holding it forever.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      // Notices a peer that vanished without closing the socket (a failover, a cut cable).
      keepAlive: true,
    });
    // An idle connection that the server ends (restart, failover, `drop database ... force`)
    // is an 'error' event on the pool; unhandled it would crash the process. The pool simply
    // opens a new connection for the next query.
    pool.on('error', () => {});
    const preparedStatements = options.preparedStatements ?? false;
    const planCacheMode = sessionPlanCacheMode(options);
    pool.on('connect', (client) => {
      // A connection that ends while checked out (in a transaction, between two statements of
      // a request) emits 'error' on the client itself, and pg-pool listens there only while the
      // client is idle: without this listener the error is uncaught and the process exits. The
      // statement in flight is rejected with the same error (answered 503), and the pool drops
      // the broken client when it is released.
      client.on('error', () => {});
      // Queued before any query of the connection, and only when the hot statements are
      // prepared: they are then planned with their parameters and the tables' current sizes on
      // every execution, never from a generic plan costed while the tables were small. By
      // default they go out unnamed (planned that way anyway) and the session keeps
      // PostgreSQL's own mode, so that the per-row statements of foreign keys and triggers keep
      // their cached plans (docs/decisions/0008, amendment).
      if (planCacheMode !== 'auto') {
        client.query(`set plan_cache_mode = ${planCacheMode}`).catch(() => {});
      }
      pipelineBegin(client);
      if (preparedStatements) prepareMarkedStatements(client);
      options.onConnect?.(client);
    });
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
    jobBackend = { kind, url: options.url };
  } else {
    const dataDir = options.dataDir;
    if (dataDir !== undefined && !dataDir.includes('://') && options.loadDataDir === undefined) {
      // A new folder is made (and migrated) in a child process: see createDataDir.
      await createDataDir(dataDir, { migrate: options.migrate !== false });
    }
    const pglite = await openPglite(options);
    kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    kind = 'pglite';
    jobBackend = { kind, pglite };
  }
  const db = buildRotaDb(
    kysely,
    kind,
    {
      horizonDays: options.horizonDays ?? 180,
      // PGlite is one connection: nothing to share a commit with.
      groupCommitSignups:
        options.groupCommitSignups ?? options.hotShiftBatching ?? kind === 'postgres',
      signupLanes: options.signupLanes,
      outbox: options.outbox ?? true,
    },
    jobBackend,
  );
  if (options.migrate !== false) {
    try {
      await db.migrate();
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  await loadCursorSecret(kysely);
  return db;
}
