// The short-lived child process of createDataDir: makes a new PGlite data folder (initdb, and
// the migrations unless told `--no-migrate`), closes it and exits. Run as
// `node create-data-dir-process.ts <folder> [--no-migrate]`.
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrateToLatest } from './migrate-to-latest.ts';
import { openPglite } from './open-pglite.ts';
import type { Database } from './schema.ts';

const [dataDir, flag] = process.argv.slice(2);
if (dataDir === undefined)
  throw new Error('usage: create-data-dir-process.ts <folder> [--no-migrate]');
const pglite = await openPglite({ dataDir });
const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
try {
  if (flag !== '--no-migrate') await migrateToLatest(kysely);
} finally {
  // Closes PGlite: its last checkpoint is on disk before the parent opens the folder.
  await kysely.destroy();
}
