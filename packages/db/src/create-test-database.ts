import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from './create-database.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { openPglite } from './open-pglite.ts';
import type { RotaDb } from './rota-db.ts';

/** A throwaway database for a test file: `drop()` closes it and removes what it created. */
export interface TestDatabase {
  db: RotaDb;
  /** The connection string of the throwaway PostgreSQL database (postgres back end only). */
  url: string | undefined;
  drop(): Promise<void>;
}

let snapshot: Promise<Blob | File> | undefined;

/** A migrated PGlite data folder, made once per process (initdb costs ~7 s, a clone ~1 s). */
function migratedSnapshot(): Promise<Blob | File> {
  snapshot ??= (async () => {
    const { Kysely } = await import('kysely');
    const { PGliteDialect } = await import('kysely-pglite-dialect');
    const pglite = await openPglite({});
    // biome-ignore lint/suspicious/noExplicitAny: only the migrator touches it
    const kysely = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(kysely);
    const dump = await pglite.dumpDataDir('none');
    await kysely.destroy();
    return dump;
  })();
  return snapshot;
}

/**
 * A fresh, migrated database for tests. `pglite`: in memory, cloned from a migrated snapshot.
 * `postgres`: a new database `rota_t_<random>` on the server of `DATABASE_URL` (several people
 * test on one server at once), dropped by `drop()`.
 *
 * @example
 * const { db, drop } = await createTestDatabase({ backend: 'pglite' });
 * t.teardown(drop);
 */
export async function createTestDatabase(options: {
  backend: 'pglite' | 'postgres';
  horizonDays?: number;
  poolSize?: number;
}): Promise<TestDatabase> {
  if (options.backend === 'pglite') {
    const db = await openDatabase({
      loadDataDir: await migratedSnapshot(),
      horizonDays: options.horizonDays,
      migrate: false,
    });
    return { db, url: undefined, drop: () => db.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    throw new Error('createTestDatabase({ backend: "postgres" }) needs DATABASE_URL');
  }
  const name = `rota_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({
    url: url.toString(),
    horizonDays: options.horizonDays,
    poolSize: options.poolSize,
  });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
