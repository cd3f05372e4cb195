import { occurrencePatchSchema } from '@rota/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../http/authorize.ts';
import { documentErrors } from '../../http/document-errors.ts';
import { idParams } from '../../http/page-schema.ts';
import { actorOf } from '../../plugins/auth.ts';
import { loadOrganizedEvent } from '../events/event-access.ts';
import { occurrenceSchema } from '../shifts/shift-schemas.ts';

/** Occurrences: one concrete time of an event, cancelled or moved on its own. */
export const occurrenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/occurrences/:id',
    {
      schema: {
        tags: ['occurrences'],
        summary: 'Cancel or move one occurrence (organizer)',
        description:
          '`{ "status": "cancelled", "reason"? }` cancels it and its signups ' +
          '(`occurrence_cancelled`); `{ "start": "<local time>" }` moves it and its shifts.',
        params: idParams,
        body: occurrencePatchSchema,
        response: {
          200: occurrenceSchema,
          ...documentErrors(
            'validation_failed',
            'unauthorized',
            'forbidden',
            'not_found',
            'invalid_state',
            'resource_conflict',
            'occurrence_taken',
            'in_the_past',
          ),
        },
      },
    },
    async (request) => {
      const occurrence = await app.db.occurrences.get(request.params.id);
      if (!occurrence) throw notFound('occurrence', request.params.id);
      await loadOrganizedEvent(app.db, actorOf(request), occurrence.eventId);
      return app.db.occurrences.update(occurrence.id, request.body, request.now());
    },
  );
};
