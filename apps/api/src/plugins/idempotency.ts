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
 * A request that fails (4xx) releases its key, since every command is one transaction and a
 * refusal has written nothing.
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
      const begun = await app.db.idempotency.begin(
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
      const recordedByStore = request.routeOptions.config.idempotency === 'store';
      const status = reply.statusCode;
      if (status < 400) {
        if (!recordedByStore) {
          await app.db.idempotency.complete(
            claim.scope,
            claim.key,
            status,
            parsePayload(payload),
            request.now(),
          );
        }
      } else if (status < 500 || !recordedByStore) {
        // A refusal wrote nothing: free the key so that a corrected retry can run. After a
        // 5xx a store-recorded route keeps its claim until it goes stale, since the store's
        // transaction may have committed.
        await app.db.idempotency.release(claim.scope, claim.key);
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
