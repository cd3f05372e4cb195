import { RotaError } from '@rota/core';
import type { TokenInfo } from '@rota/db';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the bearer token speaks for; null on public routes. */
    actor: TokenInfo | null;
  }
  interface FastifyContextConfig {
    /** false: the route needs no bearer token (health, docs, the personal calendar feed). */
    auth?: boolean;
  }
}

/** The authenticated actor of a request, or 401 (a route that needs auth always has one). */
export function actorOf(request: FastifyRequest): TokenInfo {
  if (!request.actor) throw new RotaError('unauthorized');
  return request.actor;
}

function bearerSecret(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Bearer authentication for every `/v1/` route (unless its config says `auth: false`),
 * checked first, before the body is even parsed: no or unknown token is a 401. What the
 * actor may do is decided by each route (403).
 */
export const authPlugin = fp(
  async (app) => {
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      if (request.is404) return;
      const url = request.routeOptions.url ?? '';
      if (!url.startsWith('/v1/') || request.routeOptions.config.auth === false) return;
      const secret = bearerSecret(request.headers.authorization);
      if (secret === undefined) {
        throw new RotaError('unauthorized', 'Send Authorization: Bearer <token>');
      }
      const actor = await app.db.tokens.verify(secret);
      if (!actor) throw new RotaError('unauthorized', 'Unknown or revoked token');
      request.actor = actor;
    });
  },
  { name: 'rota-auth', fastify: '5.x', dependencies: ['rota-database', 'rota-problem-details'] },
);
