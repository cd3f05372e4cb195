import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The sources run as TypeScript in this repository, the published package as compiled JS.
const childScript = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts')
      ? './create-data-dir-process.ts'
      : './create-data-dir-process.js',
    import.meta.url,
  ),
);

/**
 * Makes a new PGlite data folder (initdb, then the migrations unless `migrate: false`) in a
 * short-lived child process, and does nothing when `dataDir` already holds a database. Returns
 * whether it made one.
 *
 * Why a child process: PGlite's WASM memory never shrinks, and initdb and the migrations are
 * the most memory a start ever needs (a peak of 1.1 GB); even done in a throwaway PGlite
 * instance of the same process, the allocator keeps 100 MiB of it resident for good. The
 * serving process then opens an existing folder, as on every later start (docs/performance.md,
 * "Memory of `npm start`").
 *
 * @example
 * await createDataDir('./.rota-data', { migrate: true }); // true the first time
 */
export async function createDataDir(
  dataDir: string,
  options: { migrate: boolean },
): Promise<boolean> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const args = [childScript, dataDir, ...(options.migrate ? [] : ['--no-migrate'])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(signal === null ? exitCode : -1));
  });
  if (code !== 0) {
    throw new Error(
      `could not create the database in ${dataDir} (exit ${code}): ${stderr.trim().slice(-2000)}`,
    );
  }
  return true;
}
