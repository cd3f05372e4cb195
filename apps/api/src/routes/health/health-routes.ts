import { isDatabaseUnavailable } from '@rota/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentErrors } from '../../http/document-errors.ts';
import { problem } from '../../http/problem.ts';
import { DATABASE_RETRY_AFTER_SECONDS, sendProblem } from '../../plugins/problem-details.ts';

/**
 * How long readiness waits for the database. A load balancer polls /health every few seconds:
 * an answer within its timeout, even "down", is worth more than a hung probe.
 */
const PING_TIMEOUT_MS = 2_000;

function pingWithin(ping: () => Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error('The database did not answer'), { code: 'ETIMEDOUT' })),
      ms,
    );
    ping().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * GET /health: readiness. 200 while the database answers; 503 `database_unavailable` (with
 * `Retry-After` and `database`) while it does not, so that a load balancer stops sending
 * traffic here until it is back. GET /health/live: liveness, the process itself (no database).
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { auth: false },
      schema: {
        tags: ['service'],
        summary: 'Readiness: the database back end, and whether it answers',
        description:
          '200 while the database answers a trivial statement (within 2 s); 503 ' +
          '`database_unavailable` with `Retry-After` while it cannot be reached.',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
          ...documentErrors('database_unavailable'),
        },
      },
    },
    async (request, reply) => {
      try {
        await pingWithin(() => app.db.ping(), PING_TIMEOUT_MS);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        request.log.warn('readiness: database unavailable');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        return sendProblem(
          reply,
          problem('database_unavailable', `The ${app.db.kind} database does not answer`, {
            extra: { database: app.db.kind },
          }),
        );
      }
      return { status: 'ok' as const, database: app.db.kind };
    },
  );

  app.get(
    '/health/live',
    {
      config: { auth: false },
      schema: {
        tags: ['service'],
        summary: 'Liveness: the process answers (the database is not consulted)',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};
