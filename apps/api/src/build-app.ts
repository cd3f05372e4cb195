import cookie from '@fastify/cookie';
import type { RotaDb } from '@rota/db';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem } from './http/problem.ts';
import { authPlugin } from './plugins/auth.ts';
import { clockPlugin } from './plugins/clock.ts';
import { databasePlugin } from './plugins/database.ts';
import { idempotencyPlugin } from './plugins/idempotency.ts';
import { overloadPlugin } from './plugins/overload.ts';
import { problemDetailsPlugin, sendProblem } from './plugins/problem-details.ts';
import { shutdownPlugin } from './plugins/shutdown.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { isWebAppBuilt, webAppPlugin } from './plugins/web-app.ts';
import { eventRoutes } from './routes/events/event-routes.ts';
import { healthRoutes } from './routes/health/health-routes.ts';
import { notificationRoutes } from './routes/notifications/notification-routes.ts';
import { occurrenceRoutes } from './routes/occurrences/occurrence-routes.ts';
import { peopleAccessRoutes } from './routes/people/people-access-routes.ts';
import { peopleRoutes } from './routes/people/people-routes.ts';
import { peopleSearchRoutes } from './routes/people/people-search-routes.ts';
import { resourceRoutes } from './routes/resources/resource-routes.ts';
import { shiftRoutes } from './routes/shifts/shift-routes.ts';
import { signInRoutes } from './routes/sign-in/sign-in-routes.ts';
import { signupRoutes } from './routes/signups/signup-routes.ts';
import { templateRoutes } from './routes/templates/template-routes.ts';
import { tokenRoutes } from './routes/tokens/token-routes.ts';
import { unitRoutes } from './routes/units/unit-routes.ts';
import { webhookRoutes } from './routes/webhooks/webhook-routes.ts';

/** The default ceiling of requests in flight before answering 503 `overloaded`. */
export const DEFAULT_MAX_IN_FLIGHT = 2000;

export interface BuildAppOptions {
  /** The stores; the caller opened them and closes them after `app.close()`. */
  db: RotaDb;
  /** The clock (RFC 3339); tests pin it. Default: the system clock. */
  now?: (() => string) | undefined;
  /** Fastify's logger option: false (default), true, or pino options. */
  logger?: FastifyServerOptions['logger'];
  /** Requests in flight beyond which the answer is 503 `overloaded` (default 2000). */
  maxInFlight?: number | undefined;
  /** Webhook URLs on loopback and private addresses are accepted (ROTA_WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate?: boolean | undefined;
  /**
   * Fastify's `trustProxy`: false (default), true (any proxy: only behind one that overwrites
   * X-Forwarded-For), or the addresses/CIDRs of the trusted proxies (ROTA_TRUST_PROXY).
   */
  trustProxy?: boolean | string[] | undefined;
  /** Inactivity after which a web session ends (default 14 days). */
  sessionIdleSeconds?: number | undefined;
  /** The built web app (apps/web/dist) to serve at `/`; nothing is served when absent. */
  webRoot?: string | undefined;
}

/**
 * Builds the Rota HTTP app (not listening): plugins first, then one plugin per resource.
 * Tests drive it with `app.inject`; `server.ts` makes it listen.
 *
 * @example
 * const app = await buildApp({ db, now: () => '2026-12-01T00:00:00.000Z' });
 * const res = await app.inject({ method: 'GET', url: '/health' });
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Off unless the deployment says a proxy sets X-Forwarded-For (ROTA_TRUST_PROXY): trusted
    // from anyone, the header lets any client write whatever address it likes into the logs.
    trustProxy: options.trustProxy ?? false,
    // During close, requests on kept-alive connections get our 503 shutting_down (problem+json
    // with Retry-After: plugins/shutdown.ts), not Fastify's own plain-JSON 503.
    return503OnClosing: false,
    // Ids in the URL are opaque and case-sensitive; keep routing exact.
    routerOptions: { ignoreTrailingSlash: true },
    // A path the router cannot decode (`%ff`) or an id over 100 characters names nothing:
    // answer 404 problem+json like any other unknown id, not Fastify's own JSON.
    frameworkErrors: (_error, request, reply) =>
      sendProblem(reply, problem('not_found', `No resource at ${request.url.split('?')[0]}`)),
    // A request Node's HTTP parser refuses (unencoded non-ASCII in the URL, a broken header)
    // never reaches a route: answer it as problem+json too, not Fastify's bare JSON.
    clientErrorHandler: answerMalformedRequest,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  acceptOnlyJsonBodies(app);
  refuseUnknownQueryParameters(app);

  await app.register(problemDetailsPlugin);
  await app.register(shutdownPlugin);
  await app.register(overloadPlugin, { maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT });
  await app.register(databasePlugin, { db: options.db });
  await app.register(clockPlugin, { now: options.now });
  await app.register(cookie);
  await app.register(authPlugin, { sessionIdleSeconds: options.sessionIdleSeconds });
  await app.register(idempotencyPlugin);
  await app.register(swaggerPlugin);

  await app.register(healthRoutes);
  await app.register(unitRoutes);
  await app.register(tokenRoutes);
  await app.register(signInRoutes, { sessionIdleSeconds: options.sessionIdleSeconds });
  await app.register(peopleRoutes);
  await app.register(peopleSearchRoutes);
  await app.register(peopleAccessRoutes);
  await app.register(eventRoutes);
  await app.register(occurrenceRoutes);
  await app.register(shiftRoutes);
  await app.register(signupRoutes);
  await app.register(templateRoutes);
  await app.register(webhookRoutes, { allowPrivate: options.webhookAllowPrivate ?? false });
  await app.register(notificationRoutes);
  await app.register(resourceRoutes);
  // Last: its catch-all answers only what no route above does.
  if (isWebAppBuilt(options.webRoot)) await app.register(webAppPlugin, { root: options.webRoot });

  await app.ready();
  return app;
}

/**
 * Bodies are JSON or nothing: text/plain (Fastify's other default) is a 415, and an empty
 * JSON body counts as no body (POST /publish with a JSON content type and nothing in it).
 */
function acceptOnlyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}

/**
 * A query parameter a route does not know is a 400 naming it (`query.understaffd: unknown
 * field`), as an unknown body field is: a misspelt filter must not silently list everything.
 * Routes with a query schema declare it strict; the others get an empty strict one here.
 */
function refuseUnknownQueryParameters(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!(route.url.startsWith('/v1/') || route.url === '/health')) return;
    route.schema ??= {};
    route.schema.querystring ??= z.strictObject({});
  });
}

/** Answers a request the HTTP parser refused with a 400 problem+json, then closes. */
function answerMalformedRequest(
  error: Error & { code?: string },
  socket: import('node:net').Socket,
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(
    problem(
      'validation_failed',
      'The request line or a header is malformed: percent-encode non-ASCII characters in the URL',
      { errors: [{ path: 'url', message: 'must be percent-encoded ASCII' }] },
    ),
  );
  socket.end(
    'HTTP/1.1 400 Bad Request\r\n' +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
