// A new PGlite data folder is made (initdb and the migrations) in a short-lived child process,
// so that the serving process never holds initdb's memory: the folder it makes must be the one
// the migrations make in-process, and a failure must say why.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@rota/db/testing';
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import { createDataDir } from '../src/create-data-dir.ts';
import { openDatabase } from '../src/create-database.ts';
import type { RotaDb } from '../src/rota-db.ts';

/** The store's query builder, for catalog queries. */
function kyselyOf(db: RotaDb): Kysely<unknown> {
  return (db as unknown as { kysely: Kysely<unknown> }).kysely;
}

/** Tables, columns, constraints, indexes, functions, triggers and migrations, as text. */
async function schemaOf(db: RotaDb): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
      || is_nullable || ' ' || coalesce(column_default, '') as line
      from information_schema.columns where table_schema = 'public'
    union all
    select 'constraint ' || conrelid::regclass || ' ' || conname || ' '
      || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
    union all
    select 'index ' || indexdef from pg_indexes where schemaname = 'public'
    union all
    select 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc)
      from pg_proc p where p.pronamespace = 'public'::regnamespace
    union all
    select 'trigger ' || tgrelid::regclass || ' ' || pg_get_triggerdef(oid)
      from pg_trigger where not tgisinternal
    union all
    select 'extension ' || extname from pg_extension
    union all
    select 'migration ' || name from kysely_migration
    order by 1`.execute(kyselyOf(db));
  return rows.map((row) => row.line);
}

t.test(
  'a new folder is made in a child process, migrated as in-process migrations do',
  async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'rota-data-dir-'));
    t.teardown(() => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 }));
    t.equal(await createDataDir(dir, { migrate: true }), true, 'made now');
    t.equal(await createDataDir(dir, { migrate: true }), false, 'a folder with a database is kept');

    const made = await openDatabase({ dataDir: dir, migrate: false });
    t.teardown(() => made.close());
    // The in-memory test database is migrated in this process (createTestDatabase's snapshot).
    const reference = await createTestDatabase({ backend: 'pglite' });
    t.teardown(reference.drop);
    const [madeSchema, referenceSchema] = [await schemaOf(made), await schemaOf(reference.db)];
    t.ok(madeSchema.length > 100, `the schema has ${madeSchema.length} parts`);
    t.same(madeSchema, referenceSchema, 'the same schema, with every migration recorded');
    const unit = await made.units.create({ name: '王家园社区', kind: 'community' });
    t.equal((await made.units.get(unit.id))?.name, '王家园社区', 'the folder serves');
  },
);

t.test('migrate: false makes an empty database (initdb only)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rota-data-dir-'));
  t.teardown(() => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 }));
  const db = await openDatabase({ dataDir: dir, migrate: false });
  t.teardown(() => db.close());
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(kyselyOf(db));
  t.equal(rows[0]?.n, 0, 'no tables');
});

t.test("the child's failure is an error that says where and why", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rota-data-dir-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'not-a-folder');
  await writeFile(file, 'x');
  await t.rejects(createDataDir(file, { migrate: true }), {
    message: new RegExp(`could not create the database in ${file} \\(exit 1\\): .+`),
  });
});
