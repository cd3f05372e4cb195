import { createHash } from 'node:crypto';
import { invalidField, RotaError } from '@rota/core';
import type { IdempotentCommand } from '@rota/db';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';

/** An Idempotency-Key claimed for one request. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

type OpenCommand = Extract<IdempotentCommand, { state: 'new' }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key of this POST, if it carried one that no request finished with. */
    idempotency: IdempotencyClaim | null;
    /** The command transaction the key was claimed in, while the request runs. */
    idempotentCommand: OpenCommand | null;
  }
  interface FastifyContextConfig {
    /**
     * 'store': the route hands `request.idempotency` to a store that claims the key and
     * records the response in its own transaction (signups, whose transactions are the group
     * commit's), so the plugin opens no command for it. 'none': the key is ignored, for an
     * answer that cannot be replayed whole (a sign-in's cookie is a secret never recorded).
     */
    idempotency?: 'store' | 'none';
  }
}

const MAX_KEY_LENGTH = 255;

/** Same token, same method and URL, same validated body: the same request. */
function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method, request.url, request.body ?? null]))
    .digest('base64url');
}

function parsePayload(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return null;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

function replay(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('idempotent-replayed', 'true').send(body);
}

/**
 * Idempotency-Key on any POST: the first answer is stored and replayed (with
 * `Idempotent-Replayed: true`) for the same key, token and body; the same key with another
 * body is 422 `idempotency_key_reused`. The key is claimed in the command's own transaction
 * (`db.idempotency.open`): the handler's every write, the claim and the recorded answer commit
 * together when the answer is a success, and roll back together otherwise (a refusal frees
 * the key for a corrected retry). After a crash the key is done or free: never held. A second
 * request with the key while the first runs waits for it and replays its answer (409
 * `idempotency_key_in_flight` after 2 s). Signups (`config.idempotency: 'store'`) do the same
 * inside their store.
 */
export const idempotencyPlugin = fp(
  async (app) => {
    app.decorateRequest('idempotency', null);
    app.decorateRequest('idempotentCommand', null);

    // preHandler: after authentication (401) and validation (400), before the handler. Only
    // reads: a finished key is answered here without opening a transaction.
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || request.routeOptions.config.idempotency === 'none') return;
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
        throw invalidField('headers.idempotency-key', `must be 1-${MAX_KEY_LENGTH} characters`);
      }
      const claim: IdempotencyClaim = {
        scope: request.actor?.id ?? 'anonymous',
        key,
        requestHash: requestHash(request),
      };
      const seen = await app.db.idempotency.peek(claim.scope, claim.key, claim.requestHash);
      switch (seen.state) {
        case 'new':
          request.idempotency = claim;
          return;
        case 'replay':
          return replay(reply, seen.status, seen.body);
        case 'in_flight':
          throw new RotaError('idempotency_key_in_flight');
        case 'mismatch':
          throw new RotaError(
            'idempotency_key_reused',
            'This Idempotency-Key was already used with a different request',
          );
      }
    });

    // Every POST handler runs inside its command when its request carries a new key.
    app.addHook('onRoute', (route) => {
      if (
        route.method !== 'POST' &&
        !(Array.isArray(route.method) && route.method.includes('POST'))
      )
        return;
      if (route.config?.idempotency === 'store' || route.config?.idempotency === 'none') return;
      const handler = route.handler as RouteHandlerMethod;
      const wrapped = async function (
        this: FastifyInstance,
        request: FastifyRequest,
        reply: FastifyReply,
      ) {
        const claim = request.idempotency;
        if (claim === null) return handler.call(this, request, reply);
        const command = await app.db.idempotency.open(
          claim.scope,
          claim.key,
          claim.requestHash,
          request.now(),
        );
        switch (command.state) {
          case 'replay':
            request.idempotency = null;
            return replay(reply, command.status, command.body);
          case 'in_flight':
            request.idempotency = null;
            throw new RotaError('idempotency_key_in_flight');
          case 'mismatch':
            request.idempotency = null;
            throw new RotaError(
              'idempotency_key_reused',
              'This Idempotency-Key was already used with a different request',
            );
        }
        request.idempotentCommand = command;
        return command.run(async () => handler.call(this, request, reply));
      };
      route.handler = wrapped as RouteHandlerMethod;
    });

    // The answer is known here: a success commits with the command (before any byte is sent,
    // so a failed commit is an error answer, never a 2xx that did not happen); anything else
    // rolls it back.
    app.addHook('onSend', async (request, reply, payload) => {
      const command = request.idempotentCommand;
      if (command === null) return payload;
      request.idempotentCommand = null;
      request.idempotency = null;
      if (reply.statusCode < 400) {
        await command.commit(reply.statusCode, parsePayload(payload));
      } else {
        await command.rollback().catch((error: unknown) => {
          request.log.warn({ err: error }, 'could not roll back an idempotent command');
        });
      }
      return payload;
    });

    // A request that ends without onSend (the client went away) must not hold its transaction.
    app.addHook('onResponse', async (request) => {
      const command = request.idempotentCommand;
      if (command === null) return;
      request.idempotentCommand = null;
      await command.rollback().catch(() => {});
    });
  },
  {
    name: 'rota-idempotency',
    fastify: '5.x',
    dependencies: ['rota-database', 'rota-clock', 'rota-auth', 'rota-problem-details'],
  },
);
