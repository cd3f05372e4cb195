import { createHash } from 'node:crypto';
import { invalidField, RotaError } from '@rota/core';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** An Idempotency-Key claimed for one request. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The claimed Idempotency-Key of this POST, if it carried one. */
    idempotency: IdempotencyClaim | null;
  }
  interface FastifyContextConfig {
    /**
     * 'store': the route hands `request.idempotency` to a store that records the response in
     * the same transaction as its write (signups), so the plugin does not record it again.
     */
    idempotency?: 'store';
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

/**
 * Idempotency-Key on any POST: the first answer is stored and replayed (with
 * `Idempotent-Replayed: true`) for the same key, token and body; the same key with another
 * body is 422 `idempotency_key_reused`; while the first runs, 409 `idempotency_key_in_flight`.
 * A request that fails releases its key, since every command is one transaction and a
 * refusal has written nothing. Signups (`config.idempotency: 'store'`) claim and record the key
 * in the signup's own transaction, so a crash leaves the key done or free, never held.
 */
export const idempotencyPlugin = fp(
  async (app) => {
    app.decorateRequest('idempotency', null);

    // preHandler: after authentication (401) and validation (400), before the handler.
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST') return;
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
      // A store-recorded route claims the key in its write's own transaction: only look here
      // (replay, mismatch). Committing a claim now would outlive a crash before that write and
      // hold the key (409 idempotency_key_in_flight) until it went stale.
      const begun =
        request.routeOptions.config.idempotency === 'store'
          ? await app.db.idempotency.peek(claim.scope, claim.key, claim.requestHash)
          : await app.db.idempotency.begin(
              claim.scope,
              claim.key,
              claim.requestHash,
              request.now(),
            );
      switch (begun.state) {
        case 'new':
          request.idempotency = claim;
          return;
        case 'replay':
          return reply.code(begun.status).header('idempotent-replayed', 'true').send(begun.body);
        case 'in_flight':
          throw new RotaError('idempotency_key_in_flight');
        case 'mismatch':
          throw new RotaError(
            'idempotency_key_reused',
            'This Idempotency-Key was already used with a different request',
          );
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency;
      if (!claim) return payload;
      request.idempotency = null;
      // The store committed its claim with its write, or nothing at all.
      if (request.routeOptions.config.idempotency === 'store') return payload;
      const status = reply.statusCode;
      if (status < 400) {
        await app.db.idempotency.complete(
          claim.scope,
          claim.key,
          status,
          parsePayload(payload),
          request.now(),
        );
      } else {
        // A refusal wrote nothing: free the key so that a corrected retry can run. When the
        // database is gone (the refusal was a 503), the claim stays until it goes stale.
        await app.db.idempotency.release(claim.scope, claim.key).catch((error: unknown) => {
          request.log.warn({ err: error }, 'could not release an Idempotency-Key');
        });
      }
      return payload;
    });
  },
  {
    name: 'rota-idempotency',
    fastify: '5.x',
    dependencies: ['rota-database', 'rota-clock', 'rota-auth', 'rota-problem-details'],
  },
);
