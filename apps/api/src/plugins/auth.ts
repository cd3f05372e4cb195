import { RotaError } from '@rota/core';
import type { TokenInfo } from '@rota/db';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the bearer token or session speaks for; null on public routes. */
    actor: TokenInfo | null;
    /** How the actor was recognised: a bearer token (programs) or a session cookie (web). */
    authenticatedBy: 'token' | 'session' | null;
  }
  interface FastifyContextConfig {
    /** false: the route needs no bearer token (health, docs, the personal calendar feed). */
    auth?: boolean;
  }
}

/** The cookie holding a web session's random id (the database keeps only its hash). */
export const SESSION_COOKIE = 'rota_session';
/**
 * The header every write authenticated by the session cookie must carry. A cross-site page
 * cannot add a custom header without a CORS preflight, which this API never grants: see
 * docs/decisions/0007-web-sessions-and-csrf.md.
 */
export const CSRF_HEADER = 'x-rota-csrf';
/** Default inactivity after which a session ends: 14 days. */
export const DEFAULT_SESSION_IDLE_SECONDS = 14 * 24 * 60 * 60;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
 * 403 `csrf_failed` unless the request carries the CSRF header and, when the browser says
 * where it comes from, comes from this site. Used for cookie-authenticated writes and for the
 * sign-in exchange itself (so another site cannot sign a browser in as someone else).
 */
export function requireCsrfHeader(request: FastifyRequest): void {
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new RotaError('csrf_failed', `Send the header ${CSRF_HEADER}: 1 with this request`);
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new RotaError('csrf_failed', 'A request from another site');
  }
}

/**
 * Authentication for every `/v1/` route (unless its config says `auth: false`), checked
 * first, before the body is even parsed: a bearer token (`Authorization`), else the session
 * cookie. No or unknown credentials are a 401; a cookie-authenticated write without the CSRF
 * header a 403. What the actor may do is decided by each route (403).
 */
export const authPlugin = fp<{ sessionIdleSeconds?: number | undefined }>(
  async (app, options) => {
    const idleMs = (options.sessionIdleSeconds ?? DEFAULT_SESSION_IDLE_SECONDS) * 1000;
    app.decorateRequest('actor', null);
    app.decorateRequest('authenticatedBy', null);
    app.addHook('onRequest', async (request) => {
      if (request.is404) return;
      const url = request.routeOptions.url ?? '';
      if (!url.startsWith('/v1/') || request.routeOptions.config.auth === false) return;
      const header = request.headers.authorization;
      const cookie = request.cookies[SESSION_COOKIE];
      if (header !== undefined || !cookie) {
        const secret = bearerSecret(header);
        if (secret === undefined) {
          throw new RotaError(
            'unauthorized',
            'Send Authorization: Bearer <token>, or sign in with a sign-in link',
          );
        }
        const actor = await app.db.tokens.verify(secret);
        if (!actor) throw new RotaError('unauthorized', 'Unknown or revoked token');
        request.actor = actor;
        request.authenticatedBy = 'token';
        return;
      }
      const now = request.now();
      const idleSince = new Date(Date.parse(now) - idleMs).toISOString();
      const actor = await app.db.signIn.verifySession(cookie, now, idleSince);
      if (!actor) {
        throw new RotaError(
          'unauthorized',
          'Your session has ended (signed out, revoked or unused too long): open a new sign-in link',
        );
      }
      if (!SAFE_METHODS.has(request.method)) requireCsrfHeader(request);
      request.actor = actor;
      request.authenticatedBy = 'session';
    });
  },
  {
    name: 'rota-auth',
    fastify: '5.x',
    dependencies: ['rota-database', 'rota-problem-details', '@fastify/cookie'],
  },
);
