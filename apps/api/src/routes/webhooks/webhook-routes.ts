import { invalidField, RotaError, storableText } from '@rota/core';
import type { RotaDb, TokenInfo, Webhook } from '@rota/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, isOrganizerOf, notFound, requireOrganizer } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { pageQuery } from '../../http/list-query.ts';
import { idParams, pageOf, pathIdSchema } from '../../http/page-schema.ts';
import { refuseUrl } from '../../notifications/safe-address.ts';
import { actorOf } from '../../plugins/auth.ts';
import {
  acceptedSchema,
  deliverySchema,
  rotateSecretSchema,
  webhookInputSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from './webhook-schemas.ts';

/** A webhook the actor organizes: 404 when unknown, 403 outside their subtree. */
async function loadWebhook(db: RotaDb, actor: TokenInfo, id: string): Promise<Webhook> {
  if (actor.role === 'volunteer') throw forbidden('Only organizers manage webhooks');
  const webhook = await db.webhooks.get(id);
  if (!webhook) throw notFound('webhook', id);
  if (!(await isOrganizerOf(db, actor, webhook.unitId))) {
    throw forbidden(`You do not organize the unit of webhook ${id}`);
  }
  return webhook;
}

function checkUrl(url: string, allowPrivate: boolean, path: string): void {
  const refusal = refuseUrl(url, allowPrivate);
  if (refusal !== null) throw invalidField(path, refusal);
}

const tags = ['webhooks'];
const errors = ['unauthorized', 'validation_failed', 'forbidden', 'not_found'] as const;

/** Webhook subscriptions of a unit's subtree, their delivery log, redelivery, ping, rotation. */
export const webhookRoutes: FastifyPluginAsyncZod<{ allowPrivate: boolean }> = async (
  app,
  options,
) => {
  app.post(
    '/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to event types of a unit’s subtree (organizer of the unit)',
        body: webhookInputSchema,
        response: { 201: webhookWithSecretSchema, ...documentErrors(...errors) },
      },
    },
    async (request, reply) => {
      checkUrl(request.body.url, options.allowPrivate, 'url');
      await requireOrganizer(app.db, actorOf(request), request.body.unitId);
      const webhook = await app.db.webhooks.create(request.body, request.now());
      return reply.code(201).send(webhook);
    },
  );

  app.get(
    '/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'List webhooks of a unit’s subtree (default: the organizer’s own unit)',
        querystring: z.object({ ...pageQuery, unitId: storableText.min(1).max(100).optional() }),
        response: { 200: pageOf(webhookSchema), ...documentErrors(...errors) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.role === 'volunteer') throw forbidden('Only organizers manage webhooks');
      const unitId = request.query.unitId ?? actor.unitId ?? undefined;
      if (unitId !== undefined) await requireOrganizer(app.db, actor, unitId);
      return app.db.webhooks.list({
        limit: request.query.limit,
        cursor: request.query.cursor,
        unitId,
      });
    },
  );

  app.get(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Get a webhook (never its secret)',
        params: idParams,
        response: { 200: webhookSchema, ...documentErrors(...errors) },
      },
    },
    async (request) => loadWebhook(app.db, actorOf(request), request.params.id),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary:
          'Change the URL, event types or description; pause, or resume (sends what a failing webhook held, in order)',
        params: idParams,
        body: webhookPatchSchema,
        response: { 200: webhookSchema, ...documentErrors(...errors) },
      },
    },
    async (request) => {
      if (request.body.url !== undefined) checkUrl(request.body.url, options.allowPrivate, 'url');
      await loadWebhook(app.db, actorOf(request), request.params.id);
      return app.db.webhooks.update(request.params.id, request.body, request.now());
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook and its delivery log',
        params: idParams,
        response: { 204: z.null().describe('Deleted'), ...documentErrors(...errors) },
      },
    },
    async (request, reply) => {
      await loadWebhook(app.db, actorOf(request), request.params.id);
      await app.db.webhooks.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'A new secret; the old one keeps signing beside it for the overlap',
        params: idParams,
        body: rotateSecretSchema.nullish(),
        response: { 200: z.object({ secret: z.string() }), ...documentErrors(...errors) },
      },
    },
    async (request) => {
      await loadWebhook(app.db, actorOf(request), request.params.id);
      const minutes = request.body?.overlapMinutes ?? 24 * 60;
      return app.db.webhooks.rotateSecret(request.params.id, minutes * 60, request.now());
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first',
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: pageOf(deliverySchema), ...documentErrors(...errors) },
      },
    },
    async (request) => {
      await loadWebhook(app.db, actorOf(request), request.params.id);
      return app.db.webhooks.deliveries(request.params.id, request.query);
    },
  );

  app.post(
    '/v1/webhooks/:id/deliveries/:deliveryId/retry',
    {
      schema: {
        tags,
        summary: 'Deliver again (same `webhook-id`)',
        params: z.object({ id: pathIdSchema, deliveryId: pathIdSchema }),
        response: { 202: acceptedSchema, ...documentErrors(...errors) },
      },
    },
    async (request, reply) => {
      await loadWebhook(app.db, actorOf(request), request.params.id);
      const queued = await app.db.webhooks.redeliver(
        request.params.id,
        request.params.deliveryId,
        request.now(),
      );
      if (!queued) throw new RotaError('not_found', `No delivery ${request.params.deliveryId}`);
      return reply.code(202).send({ status: 'queued' as const });
    },
  );

  app.post(
    '/v1/webhooks/:id/ping',
    {
      schema: {
        tags,
        summary: 'Send a `webhook.ping` delivery',
        params: idParams,
        response: { 202: acceptedSchema, ...documentErrors(...errors) },
      },
    },
    async (request, reply) => {
      await loadWebhook(app.db, actorOf(request), request.params.id);
      await app.db.webhooks.ping(request.params.id, request.now());
      return reply.code(202).send({ status: 'queued' as const });
    },
  );
};
