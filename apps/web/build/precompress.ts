// Writes `<file>.br` and `<file>.gz` beside every text file of the build, which the API serves
// to browsers that accept them (@fastify/static's `preCompressed`). Compressing once at build
// time lets brotli use its best level (too slow per request) and costs the server nothing.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const TEXT = /\.(js|css|html|svg|json|txt|webmanifest)$/;

async function* files(directory: string): AsyncGenerator<string> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

/** A Vite plugin: pre-compresses the finished build (brotli 11 and gzip 9). */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'rota-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const writes: Promise<void>[] = [];
      for await (const path of files(outDir)) {
        const body = await readFile(path);
        writes.push(
          brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }).then((compressed) => writeFile(`${path}.br`, compressed)),
          gz(body, { level: 9 }).then((compressed) => writeFile(`${path}.gz`, compressed)),
        );
      }
      await Promise.all(writes);
    },
  };
}
