import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problem } from '../http/problem.ts';
import { sendProblem } from './problem-details.ts';

/** Seconds a client is asked to wait after a 503 `overloaded`. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Load shedding: beyond `maxInFlight` requests at once, answer 503 `overloaded` with
 * Retry-After at once instead of queueing until clients time out. Registered first, so that
 * a shed request costs no database work.
 */
export const overloadPlugin = fp<{ maxInFlight: number }>(
  async (app, options) => {
    let inFlight = 0;
    const counted = new WeakSet<FastifyRequest>();
    const release = async (request: FastifyRequest) => {
      if (counted.delete(request)) inFlight -= 1;
    };
    app.addHook('onRequest', async (request, reply) => {
      if (inFlight >= options.maxInFlight) {
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(
          reply,
          problem('overloaded', `More than ${options.maxInFlight} requests in flight`),
        );
      }
      inFlight += 1;
      counted.add(request);
    });
    app.addHook('onResponse', release);
    app.addHook('onRequestAbort', release);
  },
  { name: 'rota-overload', fastify: '5.x', dependencies: ['rota-problem-details'] },
);
