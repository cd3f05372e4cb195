import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { RotaError } from '@rota/core';
import fp from 'fastify-plugin';

/** Paths that belong to the API: the web app's fallback never answers for them. */
const API_PATHS = /^\/(v1(\/|$)|docs(\/|$)|openapi\.json$|health$)/;

/** True when `root` holds a built web app (apps/web/dist). */
export function isWebAppBuilt(root: string | undefined): root is string {
  return root !== undefined && existsSync(join(root, 'index.html'));
}

/**
 * Serves the built web app (apps/web/dist) at `/`: its files as they are (hashed assets
 * cached for a year, `index.html` revalidated every time), and `index.html` for any other
 * page path so that the app's own routes (`/signups`, `/sign-in#code=...`) load on a reload.
 * The fallback never shadows the API: `/v1/...`, `/docs`, `/openapi.json` and `/health` keep
 * their routes and their problem+json 404s, and a missing file (a path with an extension) is
 * a 404 too, not a page. Files go brotli- or gzip-encoded where the browser accepts it.
 */
export const webAppPlugin = fp<{ root: string }>(
  async (app, options) => {
    await app.register(fastifyStatic, {
      root: options.root,
      prefix: '/',
      // One route per file found at start: the catch-all below handles everything else.
      wildcard: false,
      index: ['index.html'],
      // The build writes `.br` and `.gz` beside every file (apps/web/vite.config.ts): a phone on
      // a slow link downloads a quarter of the bytes, and no CPU is spent compressing per request.
      preCompressed: true,
      setHeaders(reply, path) {
        reply.header(
          'cache-control',
          path.includes(`${join('/', 'assets', '/')}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.get('/*', { schema: { hide: true }, config: { auth: false } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (API_PATHS.test(path) || /\.[a-z0-9]+$/i.test(path)) {
        throw new RotaError('not_found', `No route ${request.method} ${path}`);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'rota-web-app', fastify: '5.x' },
);
