import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations/migrations.ts';
import type { Database } from './schema.ts';

/**
 * Applies pending migrations. Kysely's PostgreSQL adapter holds a session-level
 * `pg_advisory_lock` for the whole run, so two processes migrating at once run one after the
 * other, and the second finds nothing to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // Each issue numbers its migrations in its own range (0010-0019, 0040-0049, ...) and they
    // land in any order: a database that already ran 0060 must still run a later-landed 0010.
    // They never depend on one another's (docs/storage.md).
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(setup)'} failed`, { cause: error });
  }
}
