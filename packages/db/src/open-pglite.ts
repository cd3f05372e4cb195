import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { typeParsers } from './support/type-parsers.ts';

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
  });
}
