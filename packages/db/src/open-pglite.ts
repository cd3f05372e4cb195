import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { typeParsers } from './support/type-parsers.ts';

/**
 * PostgreSQL settings of every PGlite instance, after PGlite's own start parameters.
 * `shared_buffers`: initdb writes 128MB into the folder's postgresql.conf, and PGlite touches
 * the whole buffer pool in its WASM memory when it starts, memory that WebAssembly never gives
 * back: 130 MiB of the idle server's resident set. A smaller pool costs a copy per page read
 * from the kernel's page cache; the largest event (20,000 shifts, created, re-planned and
 * cancelled on a data folder) took as long with 16MB as with 128MB (docs/performance.md,
 * "Memory of `npm start`").
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB'];

/** Opens the embedded database (PGlite) with the extensions the schema needs. */
export async function openPglite(options: {
  dataDir?: string | undefined;
  loadDataDir?: Blob | File | undefined;
}): Promise<PGlite> {
  const dataDir =
    options.dataDir === undefined || options.dataDir === 'memory://' ? undefined : options.dataDir;
  return PGlite.create({
    ...(dataDir !== undefined ? { dataDir } : {}),
    ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { btree_gist, ltree, pg_trgm },
    parsers: typeParsers,
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])],
  });
}
