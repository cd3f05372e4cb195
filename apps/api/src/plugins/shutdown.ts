import fp from 'fastify-plugin';
import { problem } from '../http/problem.ts';
import { sendProblem } from './problem-details.ts';

/** Seconds a client is asked to wait after a 503 `shutting_down`: another process, or this one restarted. */
const RETRY_AFTER_SECONDS = 1;

/**
 * While the app closes (SIGTERM: `app.close()` waits for the requests in flight), a request that
 * still arrives on a kept-alive connection is answered 503 `shutting_down` problem+json with
 * `Retry-After` and `Connection: close`, so the client retries elsewhere; Fastify's own answer
 * (`return503OnClosing`, turned off in buildApp) was plain JSON without Retry-After.
 */
export const shutdownPlugin = fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('connection', 'close');
      return sendProblem(reply, problem('shutting_down', 'The server is shutting down'));
    });
  },
  { name: 'rota-shutdown', fastify: '5.x', dependencies: ['rota-problem-details'] },
);
