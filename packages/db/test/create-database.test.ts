// createDatabase on a PGlite data folder: migrated on first open, data kept across reopenings.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@rota/db';
import { type Kysely, sql } from 'kysely';
import t from 'tap';

t.test('a PGlite data folder keeps its data and is migrated once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rota-db-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const first = await createDatabase({ dataDir: dir });
  t.equal(first.kind, 'pglite');
  const unit = await first.units.create({ name: '朝阳区', kind: 'district' });
  await first.close();
  const second = await createDatabase({ dataDir: dir });
  t.same(await second.units.get(unit.id), unit, 'Chinese text round-trips through the disk');
  await second.migrate();
  // The buffer pool is in PGlite's WASM memory, which never shrinks: a small one, on every
  // start, whatever initdb wrote into postgresql.conf (docs/performance.md, "Memory").
  const { rows } = await sql<{
    value: string;
  }>`select current_setting('shared_buffers') as value`.execute(
    (second as unknown as { kysely: Kysely<unknown> }).kysely,
  );
  t.equal(rows[0]?.value, '16MB', 'shared_buffers');
  await second.close();
});

t.test('a failed migration closes the database and says which one', async (t) => {
  await t.rejects(
    createDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', poolSize: 1 }),
    'an unreachable server is an error, not a hang',
  );
});
